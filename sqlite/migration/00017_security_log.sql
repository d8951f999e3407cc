-- The security log: sign-ins, second factors, passwords, accounts, tokens and the files written
-- of the registry (exports, bundles, WARC, backups). Its own hash chain (hash is the SHA-256 of
-- the previous row's hash and this row: docket.SecurityEvent.ChainHash), checked by docket
-- verify. It is not in the change log, the ledger or an export: anonymous failed sign-ins must
-- not grow the public log, and staff activity is not for /checkpoint to show. It travels in
-- docket backup and docket copy. Rows are only ever appended.
CREATE TABLE security_log (
	seq     INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,
	kind    TEXT NOT NULL,
	outcome TEXT NOT NULL,
	actor   TEXT NOT NULL,
	subject TEXT NOT NULL,
	via     TEXT NOT NULL,
	addr    TEXT NOT NULL,
	agent   TEXT NOT NULL,
	factor  TEXT NOT NULL,
	detail  TEXT NOT NULL,
	hash    BLOB NOT NULL
);
CREATE INDEX security_log_at ON security_log (at);
CREATE INDEX security_log_kind ON security_log (kind, seq);
