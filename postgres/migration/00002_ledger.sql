-- The schema of sqlite/migration/00002_ledger.sql, column for column (BLOB is BYTEA).

-- The ledger: every change is a leaf of a Merkle tree (RFC 6962). Leaves and the tree's stored
-- hashes are written with the change, in the same transaction, and never rebuilt: they are the
-- evidence that the change log was not altered afterwards.
CREATE TABLE ledger_leaves (
	idx  BIGINT PRIMARY KEY, -- the leaf's index in the tree, from 0
	seq  BIGINT NOT NULL UNIQUE REFERENCES changes (seq),
	hash BYTEA NOT NULL
);

-- tlog's stored hashes, by stored-hash index.
CREATE TABLE ledger_hashes (
	idx  BIGINT PRIMARY KEY,
	hash BYTEA NOT NULL
);

-- Signed checkpoints, kept so that any later tree can be proved consistent with them.
CREATE TABLE checkpoints (
	size BIGINT PRIMARY KEY,
	root BYTEA NOT NULL,
	note TEXT NOT NULL,
	at   TEXT NOT NULL
);
