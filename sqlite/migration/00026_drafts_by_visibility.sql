-- The review queue counts open proposals grouped by what decides who sees them (source,
-- entity, sensitivity, reference) before it checks the groups against entities and sources:
-- read from an index in that order, the groups come without sorting.
DROP INDEX IF EXISTS statements_drafts;
CREATE INDEX IF NOT EXISTS statements_drafts_seen ON statements (source_id, entity_id, sensitivity, ref, seq, property, author)
	WHERE status = 'draft' AND retracted_seq IS NULL AND source_id IS NOT NULL;
