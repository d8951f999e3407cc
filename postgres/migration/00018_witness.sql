-- The schema of sqlite/migration/00018_witness.sql, column for column (BLOB is BYTEA).

-- Witnessing (C2SP tlog-witness; see docket.WitnessService). Neither part is in the change log
-- or an export: they belong to one installation, like its settings.

-- As a witness: the peers' logs this installation cosigns, each with the tree it last cosigned
-- (size 0 and no root before the first). The size only grows: a request is checked against it
-- and it is moved in one conditional UPDATE, so that two requests at once cannot roll it back.
CREATE TABLE witness_logs (
	origin      TEXT PRIMARY KEY,
	verifier    TEXT NOT NULL, -- the log's note verifier key
	size        BIGINT NOT NULL DEFAULT 0,
	root        BYTEA,
	added_at    TEXT NOT NULL,
	cosigned_at TEXT
);

-- The requests it refused although the log's key signed them (a fork, a rollback), as they
-- came: evidence against the log. Only a log's key holder can add rows here.
CREATE TABLE witness_refusals (
	id      BIGINT PRIMARY KEY,
	origin  TEXT NOT NULL REFERENCES witness_logs (origin),
	at      TEXT NOT NULL,
	known   BIGINT NOT NULL, -- the size it had cosigned
	reason  TEXT NOT NULL,
	request TEXT NOT NULL
);
CREATE INDEX refusals_by_origin ON witness_refusals (origin, id);

-- As a log: the witnesses it asks to cosign its checkpoints, and the size each last cosigned
-- (its cosignatures are added to the checkpoint's note).
CREATE TABLE ledger_cosigners (
	name     TEXT PRIMARY KEY,
	verifier TEXT NOT NULL,
	url      TEXT NOT NULL,
	size     BIGINT NOT NULL DEFAULT 0,
	added_at TEXT NOT NULL
);

-- The name of this store's log (its signing key's name) and the key's verifier, recorded when
-- the store first uses a key: with it, a key kept outside the store's folder is found by name
-- ($XDG_CONFIG_HOME/docket/ORIGIN.key). One row at most.
CREATE TABLE ledger_origin (
	one      SMALLINT PRIMARY KEY CHECK (one = 1),
	origin   TEXT NOT NULL,
	verifier TEXT NOT NULL,
	at       TEXT NOT NULL
);
