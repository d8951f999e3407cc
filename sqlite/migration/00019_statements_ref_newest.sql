-- What refers to an entity, the newest first, read in index order and stopped when a page is
-- full: a person named by thousands of statements shows its latest hundred referrers without
-- reading the rest (docket.EntityFilter.Newest with RefersTo). Every index of a rowid table
-- ends with the rowid, here the statement's seq, so (ref) is ordered by seq within a ref.
CREATE INDEX statements_ref_newest ON statements (ref) WHERE ref IS NOT NULL;
