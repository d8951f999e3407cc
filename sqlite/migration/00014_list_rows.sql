-- The rows of the lists of cases, events and persons, one a record and class of viewer
-- (docket.Row): derived from the records as each class may see them, and read sorted and
-- filtered a page at a time. They are a derivation of derived tables, not evidence: docket
-- rebuild empties them, and they are derived again (report.RefreshRows).
CREATE TABLE list_rows (
	class INTEGER NOT NULL,
	schema TEXT NOT NULL,
	id TEXT NOT NULL,
	seq INTEGER NOT NULL,
	caption TEXT NOT NULL,
	people TEXT NOT NULL,
	country TEXT NOT NULL,
	article TEXT NOT NULL,
	articles TEXT NOT NULL, -- every article, each between spaces: " KZ-CC 179 | KZ-CC 174 "
	stage INTEGER NOT NULL,
	kind TEXT NOT NULL,
	rank INTEGER NOT NULL,
	amount REAL NOT NULL,
	date TEXT NOT NULL,
	year INTEGER NOT NULL,
	political TEXT NOT NULL,
	review INTEGER NOT NULL,
	PRIMARY KEY (class, schema, id)
);
-- What each row shows (the JSON of a docket.CaseRow, EventRow or PersonRow), apart from what
-- it is sorted and filtered by: a filtered page reads and counts the narrow rows above, and
-- reads the data of the page's rows only.
CREATE TABLE list_data (
	class INTEGER NOT NULL,
	schema TEXT NOT NULL,
	id TEXT NOT NULL,
	data TEXT NOT NULL,
	PRIMARY KEY (class, schema, id)
);
-- What the lists filter by: a filter's matches are counted in these.
CREATE INDEX list_rows_filter ON list_rows (class, schema, country, kind, year, political, articles);
CREATE INDEX list_rows_year ON list_rows (class, schema, year, political);
-- One index a sort, ending with seq so that pages of equal keys keep their order.
CREATE INDEX list_rows_seq ON list_rows (class, schema, seq);
CREATE INDEX list_rows_caption ON list_rows (class, schema, caption, seq);
CREATE INDEX list_rows_people ON list_rows (class, schema, people, seq);
CREATE INDEX list_rows_country ON list_rows (class, schema, country, seq);
CREATE INDEX list_rows_article ON list_rows (class, schema, article, seq);
CREATE INDEX list_rows_stage ON list_rows (class, schema, stage, seq);
CREATE INDEX list_rows_rank ON list_rows (class, schema, rank, seq);
CREATE INDEX list_rows_amount ON list_rows (class, schema, amount, seq);
CREATE INDEX list_rows_date ON list_rows (class, schema, date, seq);
CREATE INDEX list_rows_review ON list_rows (class, schema, review, seq);
-- The change of the log the rows are derived up to.
CREATE TABLE list_head (name TEXT PRIMARY KEY, seq INTEGER NOT NULL);
INSERT INTO list_head (name, seq) VALUES ('rows', 0);
