-- Content by SHA-256: snapshot bodies and their extracted text. In the store itself, so that
-- moving a store moves its evidence.
CREATE TABLE blobs (
	sha256 TEXT PRIMARY KEY,
	size   INTEGER NOT NULL,
	data   BLOB NOT NULL
);

-- Snapshots, derived from their change records.
CREATE TABLE snapshots (
	id         TEXT PRIMARY KEY,
	source_id  TEXT NOT NULL REFERENCES sources (id),
	sha256     TEXT NOT NULL REFERENCES blobs (sha256),
	text_sha256 TEXT REFERENCES blobs (sha256),
	fetched_at TEXT NOT NULL,
	seq        INTEGER NOT NULL
);
CREATE INDEX snapshots_source ON snapshots (source_id, seq);

-- The archive queue: operational state, not history, so not in the change log.
CREATE TABLE jobs (
	id           INTEGER PRIMARY KEY,
	source_id    TEXT NOT NULL, -- no foreign key: rebuild re-derives sources under queued jobs
	url          TEXT NOT NULL,
	attempts     INTEGER NOT NULL DEFAULT 0,
	state        TEXT NOT NULL DEFAULT 'pending',
	next_at      TEXT NOT NULL,
	last_error   TEXT,
	requested_by TEXT NOT NULL,
	created_at   TEXT NOT NULL
);
CREATE INDEX jobs_due ON jobs (state, next_at);
