-- The change log is the record of truth: one row per committed change, its canonical JSON in
-- payload. Every other table is a view derived from it and can be rebuilt (docket rebuild).
CREATE TABLE changes (
	seq     INTEGER PRIMARY KEY,
	kind    TEXT NOT NULL,
	ref     TEXT NOT NULL,
	entity  TEXT,
	entity2 TEXT,
	author  TEXT NOT NULL,
	at      TEXT NOT NULL,
	payload TEXT NOT NULL
);
CREATE INDEX changes_entity ON changes (entity) WHERE entity IS NOT NULL;
CREATE INDEX changes_entity2 ON changes (entity2) WHERE entity2 IS NOT NULL;

CREATE TABLE entities (
	id          TEXT PRIMARY KEY,
	schema      TEXT NOT NULL,
	sensitivity INTEGER NOT NULL,
	author      TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	seq         INTEGER NOT NULL,
	merged_into TEXT REFERENCES entities (id),
	canonical   TEXT NOT NULL -- the end of the merged_into chain; itself when not merged
);
CREATE INDEX entities_canonical ON entities (canonical);
CREATE INDEX entities_schema ON entities (schema, seq);

CREATE TABLE sources (
	id          TEXT PRIMARY KEY,
	url         TEXT,
	title       TEXT,
	publisher   TEXT,
	kind        TEXT,
	published   TEXT,
	lang        TEXT,
	cited_in    TEXT REFERENCES sources (id),
	reliability TEXT,
	note        TEXT,
	sensitivity INTEGER NOT NULL,
	author      TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	seq         INTEGER NOT NULL
);
CREATE INDEX sources_url ON sources (url);

-- seq is the change that added the statement and also the rowid of its search row.
CREATE TABLE statements (
	seq            INTEGER PRIMARY KEY,
	id             TEXT NOT NULL UNIQUE,
	entity_id      TEXT NOT NULL REFERENCES entities (id),
	property       TEXT NOT NULL,
	value          TEXT NOT NULL,
	ref            TEXT REFERENCES entities (id), -- the value, when it names an entity
	lang           TEXT,
	source_id      TEXT REFERENCES sources (id),
	locator        TEXT,
	quote          TEXT,
	status         TEXT NOT NULL, -- current: the last review wins
	sensitivity    INTEGER NOT NULL,
	author         TEXT NOT NULL,
	created_at     TEXT NOT NULL,
	supersedes     TEXT,
	salt           TEXT NOT NULL,
	retracted_seq  INTEGER,
	retracted_at   TEXT,
	retracted_by   TEXT,
	retract_reason TEXT,
	superseded_by  TEXT
);
CREATE INDEX statements_entity ON statements (entity_id, property);
CREATE INDEX statements_ref ON statements (ref) WHERE ref IS NOT NULL;
CREATE INDEX statements_source ON statements (source_id) WHERE source_id IS NOT NULL;

CREATE TABLE merges (
	id         TEXT PRIMARY KEY,
	into_id    TEXT NOT NULL REFERENCES entities (id),
	from_id    TEXT NOT NULL REFERENCES entities (id),
	reason     TEXT NOT NULL,
	author     TEXT NOT NULL,
	at         TEXT NOT NULL,
	seq        INTEGER NOT NULL,
	undone_seq INTEGER,
	undone_at  TEXT
);
CREATE INDEX merges_from ON merges (from_id);

-- Full text over statement values: exact holds the text as written (unicode61 folds case and
-- diacritics), keys the romanisation key of every word, so that any spelling or script of a
-- name meets the others. Rows are written explicitly with their statements, never by trigger.
CREATE VIRTUAL TABLE search USING fts5 (exact, keys, tokenize = 'unicode61 remove_diacritics 2');

-- The romanisation key of every name and alias, to find an entity by a name in any form.
CREATE TABLE name_keys (
	seq INTEGER PRIMARY KEY REFERENCES statements (seq),
	key TEXT NOT NULL
);
CREATE INDEX name_keys_key ON name_keys (key);

CREATE TABLE tokens (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL,
	cleared    INTEGER NOT NULL,
	hash       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);
