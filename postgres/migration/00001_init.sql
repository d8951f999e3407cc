-- The schema of sqlite/migration/00001_init.sql, table for table and column for column: times
-- are TEXT in one sortable UTC format and sensitivities INTEGER on both backends, so that they
-- read, write and export the same bytes.

-- The change log is the record of truth: one row per committed change, its canonical JSON in
-- payload. Every other table is a view derived from it and can be rebuilt (docket rebuild).
CREATE TABLE changes (
	seq     BIGINT PRIMARY KEY, -- assigned by changes_seq below
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

-- seq is one more than the largest, as SQLite assigns a rowid. Writers hold the store's write
-- lock (an advisory lock) from the start of their transaction, so numbers follow commit order,
-- and a rolled-back transaction leaves no gap, as a sequence would. The search_path is pinned
-- to this store's schema.
CREATE FUNCTION changes_next_seq() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
	IF NEW.seq IS NULL THEN
		NEW.seq := COALESCE((SELECT max(seq) FROM changes), 0) + 1;
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER changes_seq BEFORE INSERT ON changes FOR EACH ROW EXECUTE FUNCTION changes_next_seq();

CREATE TABLE entities (
	id          TEXT PRIMARY KEY,
	schema      TEXT NOT NULL,
	sensitivity INTEGER NOT NULL,
	author      TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	seq         BIGINT NOT NULL,
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
	seq         BIGINT NOT NULL
);
CREATE INDEX sources_url ON sources (url);

-- seq is the change that added the statement and also the key of its search row.
CREATE TABLE statements (
	seq            BIGINT PRIMARY KEY,
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
	retracted_seq  BIGINT,
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
	seq        BIGINT NOT NULL,
	undone_seq BIGINT,
	undone_at  TEXT
);
CREATE INDEX merges_from ON merges (from_id);

-- Full text over statement values, SQLite's FTS5 table as two tsvectors: exact holds the words
-- of the text folded for case and diacritics, with their positions for phrases; keys the
-- romanisation key of every word, so that any spelling or script of a name meets the others.
-- The store builds both from the words it finds itself (postgres.dialect.IndexText); rows are
-- written explicitly with their statements, never by trigger.
CREATE TABLE search (
	seq   BIGINT PRIMARY KEY REFERENCES statements (seq),
	exact TSVECTOR NOT NULL,
	keys  TSVECTOR NOT NULL
);
CREATE INDEX search_exact ON search USING gin (exact);
CREATE INDEX search_keys ON search USING gin (keys);

-- The romanisation key of every name and alias, to find an entity by a name in any form.
CREATE TABLE name_keys (
	seq BIGINT PRIMARY KEY REFERENCES statements (seq),
	key TEXT NOT NULL
);
CREATE INDEX name_keys_key ON name_keys (key);

CREATE TABLE tokens (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL,
	cleared    BOOLEAN NOT NULL, -- SQLite's INTEGER 0 or 1
	hash       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);
