-- The schema of sqlite/migration/00012_documents.sql, column for column.
CREATE TABLE documents (
	id            TEXT PRIMARY KEY,
	source_id     TEXT NOT NULL REFERENCES sources (id),
	name          TEXT NOT NULL,
	format        TEXT NOT NULL,
	sha256        TEXT NOT NULL REFERENCES blobs (sha256),
	text_sha256   TEXT NOT NULL REFERENCES blobs (sha256),
	public_sha256 TEXT REFERENCES blobs (sha256),
	size          BIGINT NOT NULL,
	chars         BIGINT NOT NULL,
	created_at    TEXT NOT NULL,
	seq           BIGINT NOT NULL
);
CREATE INDEX documents_source ON documents (source_id);
CREATE INDEX documents_sha256 ON documents (sha256);
CREATE INDEX documents_seq ON documents (seq);
-- The review queue counts the open proposals by document: a draft's few columns, read from
-- the index alone, not from the whole table of statements.
CREATE INDEX statements_drafts ON statements (source_id, entity_id, sensitivity, seq, property, author, ref)
	WHERE status = 'draft' AND retracted_seq IS NULL AND source_id IS NOT NULL;
