-- Authors: records name who made them by an opaque, stable id (docket.Author), and this table
-- says whom each id stands for. It is not in the change log (the ledger commits to the ids
-- only), never public, and travels in the full export and in docket copy as author records.
-- An operator of the command line is one author per name; every account and token has its own.
CREATE TABLE authors (
	id         TEXT PRIMARY KEY,
	kind       TEXT NOT NULL,
	name       TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX authors_operator ON authors (name) WHERE kind = 'operator';

-- Accounts and tokens made before authors get theirs now: "a-" and 16 hex digits, which are
-- Crockford base-32 digits too.
ALTER TABLE users ADD COLUMN author_id TEXT;
ALTER TABLE tokens ADD COLUMN author_id TEXT;
UPDATE users SET author_id = 'a-' || lower(hex(randomblob(8)));
INSERT INTO authors (id, kind, name, created_at) SELECT author_id, 'account', name, created_at FROM users;
UPDATE tokens SET author_id = 'a-' || lower(hex(randomblob(8)));
INSERT INTO authors (id, kind, name, created_at) SELECT author_id, 'token', name, created_at FROM tokens;
