-- A document's footnotes: the review queue counts a document's open proposals with those of
-- the sources its footnotes cite, found by this index rather than by reading every source.
CREATE INDEX IF NOT EXISTS sources_cited_in ON sources (cited_in);
