-- The schema of sqlite/migration/00016_second_factors.sql, column for column.

-- Second factors of sign-in: operational state, like accounts, never exported or copied.
--
-- A second factor is a TOTP key (secret, and last_step, the last time step whose code was
-- accepted, so that no code is taken twice) or a WebAuthn credential (credential_id, and
-- credential: the JSON the web's WebAuthn library keeps of it, with its public key and sign
-- count). Only confirmed factors are rows: an enrolment in progress is a ceremony.
CREATE TABLE second_factors (
	id            TEXT PRIMARY KEY,
	user_id       TEXT NOT NULL REFERENCES users (id),
	kind          TEXT NOT NULL,
	name          TEXT NOT NULL,
	secret        BYTEA,
	last_step     BIGINT NOT NULL DEFAULT 0,
	credential_id BYTEA,
	credential    TEXT,
	created_at    TEXT NOT NULL,
	last_used_at  TEXT
);
CREATE INDEX second_factors_user ON second_factors (user_id);
CREATE UNIQUE INDEX second_factors_credential ON second_factors (credential_id);

-- One-time recovery codes, by their SHA-256 (each code has 80 random bits: nothing to guess).
CREATE TABLE recovery_codes (
	code_hash  TEXT PRIMARY KEY,
	user_id    TEXT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	used_at    TEXT
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

-- A sign-in whose password was right and whose second factor is still to come: by the hash of
-- the id in its cookie, as sessions are. It is no session: nothing that reads sessions sees it.
CREATE TABLE pending_signins (
	id_hash    TEXT PRIMARY KEY,
	user_id    TEXT NOT NULL REFERENCES users (id),
	failures   INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);

-- The state of a ceremony between its two requests (a TOTP key being enrolled, a WebAuthn
-- challenge), by a key of the session or pending sign-in it belongs to. Taking one deletes it,
-- so that no challenge answers twice.
CREATE TABLE ceremonies (
	id         TEXT PRIMARY KEY,
	user_id    TEXT NOT NULL REFERENCES users (id),
	data       BYTEA NOT NULL,
	expires_at TEXT NOT NULL
);

-- Whose sign-in needs a second factor (docket.SecondFactorPolicy): one row, id 1, absent until
-- an admin sets it. roles: role names, comma-separated; cleared: every cleared account.
CREATE TABLE second_factor_policy (
	id         INTEGER PRIMARY KEY,
	roles      TEXT NOT NULL,
	cleared    BOOLEAN NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
