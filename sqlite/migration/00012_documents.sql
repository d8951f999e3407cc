-- Documents, derived from their change records: files given to Docket to read, with their
-- bytes, text and public copy stored by SHA-256 (blobs). A document is as secret as its source.
CREATE TABLE documents (
	id            TEXT PRIMARY KEY,
	source_id     TEXT NOT NULL REFERENCES sources (id),
	name          TEXT NOT NULL,
	format        TEXT NOT NULL,
	sha256        TEXT NOT NULL REFERENCES blobs (sha256),
	text_sha256   TEXT NOT NULL REFERENCES blobs (sha256),
	public_sha256 TEXT REFERENCES blobs (sha256),
	size          INTEGER NOT NULL,
	chars         INTEGER NOT NULL,
	created_at    TEXT NOT NULL,
	seq           INTEGER NOT NULL
);
CREATE INDEX documents_source ON documents (source_id);
-- The same file given again is found by its bytes.
CREATE INDEX documents_sha256 ON documents (sha256);
CREATE INDEX documents_seq ON documents (seq);
-- The review queue counts the open proposals by document: a draft's few columns, read from
-- the index alone, not from the whole table of statements.
CREATE INDEX statements_drafts ON statements (source_id, entity_id, sensitivity, seq, property, author, ref)
	WHERE status = 'draft' AND retracted_seq IS NULL AND source_id IS NOT NULL;
