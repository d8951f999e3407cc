-- The schema of sqlite/migration/00005_ledger_tiles.sql, column for column (BLOB is BYTEA).
-- sqlstore copies the hashes of ledger_hashes into tiles after this file runs, then drops the
-- old tables.
CREATE TABLE ledger_tiles (
	level  INTEGER NOT NULL, -- the tile level: tree level level*8
	idx    BIGINT NOT NULL,  -- the tile's number in its level
	hashes BYTEA NOT NULL,   -- 32 bytes a hash, in order; fewer than 256 at the right edge
	PRIMARY KEY (level, idx)
);
