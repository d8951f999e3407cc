-- Confidential data encrypted at rest (package seal). A sealed statement or source keeps, in
-- sealed, its content encrypted under the store's data key, which lives apart from the store,
-- with the SHA-256 of the record in the clear (what its ledger leaf commits to) and its keyed
-- search terms; its clear columns hold nothing of that content (a sealed source's url column
-- holds the keyed term of its URL, to be found by it). Sealed snapshots keep their record in
-- the change log, sealed; their content is stored sealed in blobs, named by a keyed term.
ALTER TABLE statements ADD COLUMN sealed TEXT;
ALTER TABLE sources ADD COLUMN sealed TEXT;

-- The id of the data key this store's confidential data is sealed under (never the key): a key
-- of another store is refused by it. One row at most, from the first confidential write on.
CREATE TABLE data_key (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	id  TEXT NOT NULL,
	at  TEXT NOT NULL
);
