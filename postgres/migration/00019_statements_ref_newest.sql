-- What refers to an entity, the newest first, read in index order and stopped when a page is
-- full: a person named by thousands of statements shows its latest hundred referrers without
-- reading the rest (docket.EntityFilter.Newest with RefersTo).
CREATE INDEX statements_ref_newest ON statements (ref, seq) WHERE ref IS NOT NULL;
