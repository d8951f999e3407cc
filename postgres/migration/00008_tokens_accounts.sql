-- The schema of sqlite/migration/00008_tokens_accounts.sql, column for column.

-- Tokens end. A token may act for an account (user_id, NULL for none), expires (expires_at,
-- NULL for never: the tokens made before this migration, which worked for ever, keep doing
-- so until revoked), is revoked (revoked_at) and records its last use (last_used_at, to the
-- minute: see FindTokenBySecret). Rows are never deleted, so the list keeps its history.
ALTER TABLE tokens ADD COLUMN user_id TEXT REFERENCES users (id);
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
ALTER TABLE tokens ADD COLUMN revoked_at TEXT;
CREATE INDEX tokens_name ON tokens (name);
CREATE INDEX tokens_user ON tokens (user_id);

-- Accounts may be disabled (and enabled again) or removed. A removed account keeps its row, as
-- a tombstone with no password, so that tokens and anything else that refers to it still
-- do, and its name is not given to someone else with its history.
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE users ADD COLUMN removed_at TEXT;
