-- The source picker lists the sources that match what was typed, the newest first: read in
-- that order from an index, it stops at the first few that match instead of sorting them all.
CREATE INDEX IF NOT EXISTS sources_seq ON sources (seq);
