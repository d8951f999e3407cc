-- The search index keeps no copy of the text it indexes (content=''): search ranks with bm25 and
-- reads values from the statements table, so the copy was never read, and writing it was a
-- b-tree insert more for every statement. contentless_delete lets rebuild empty it.
ALTER TABLE search RENAME TO search_old;
CREATE VIRTUAL TABLE search USING fts5 (exact, keys, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO search (rowid, exact, keys) SELECT rowid, exact, keys FROM search_old;
DROP TABLE search_old;
