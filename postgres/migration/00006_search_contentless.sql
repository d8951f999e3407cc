-- The SQLite migration of this name makes its full-text index keep no copy of the text. The
-- search table here holds tsvectors only, never the text: nothing to change.
SELECT 1;
