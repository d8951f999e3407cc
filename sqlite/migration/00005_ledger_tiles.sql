-- The ledger's hashes in tiles: a row holds up to 256 hashes of one tree level (levels 0, 8,
-- 16, ...; see ledger.TileHeight), instead of a row for every stored hash and another for every
-- leaf. A change's leaf is its sequence number less one: sequence numbers are dense, and every
-- change is a leaf. sqlstore copies the hashes of ledger_hashes into tiles after this file runs
-- (the stored hashes are copied, not recomputed from the log: they are the evidence), and then
-- drops the old tables. A rowid table, not WITHOUT ROWID: a tile of 8 KiB then fits in one
-- 16 KiB page, where an index b-tree would spill half of it into an overflow page of its own.
CREATE TABLE ledger_tiles (
	level  INTEGER NOT NULL, -- the tile level: tree level level*8
	idx    INTEGER NOT NULL, -- the tile's number in its level
	hashes BLOB NOT NULL,    -- 32 bytes a hash, in order; fewer than 256 at the right edge
	PRIMARY KEY (level, idx)
);
