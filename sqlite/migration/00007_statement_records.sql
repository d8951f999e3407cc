-- A statement's row holds its record: the change log keeps no second copy of it (its payload is
-- '' when the row holds the record, which readers of the log rebuild from the row; the ledger
-- leaf is over the rebuilt record, so altering the row is caught as an altered record). The
-- row's status is the current one; recorded_status keeps the status the record was made with
-- once a review has changed it, and is NULL until then.
ALTER TABLE statements ADD COLUMN recorded_status TEXT;
