-- The witness's index of refusals under a name that does not begin with "witness": in SQLite's
-- schema table an index's type and name lie side by side ("indexwitness…"), which a search of
-- the store's file for a person's name must not mistake for one. New stores make it so in
-- 00018; this renames it in stores made before.
DROP INDEX IF EXISTS witness_refusals_origin;
CREATE INDEX IF NOT EXISTS refusals_by_origin ON witness_refusals (origin, id);
