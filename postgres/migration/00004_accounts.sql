-- The schema of sqlite/migration/00004_accounts.sql, column for column.

-- Accounts of the web interface and their sessions: operational state, like API tokens, so
-- not in the change log and never exported. Only hashes are kept: a password's argon2id hash
-- and the SHA-256 of a session's id, so a copy of the store opens no account.
CREATE TABLE users (
	id            TEXT PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,
	role          TEXT NOT NULL,
	cleared       BOOLEAN NOT NULL,
	password_hash TEXT NOT NULL,
	created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
	id_hash    TEXT PRIMARY KEY,
	user_id    TEXT NOT NULL REFERENCES users (id),
	csrf       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
