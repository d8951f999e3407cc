-- What refers to an entity by a given property (an event's victim, a post's organisation), read
-- from the index alone: a court or a judge is referred to by thousands of proceedings, and the
-- figures ask only for what acts on them (docket.EntityFilter.Via).
DROP INDEX statements_ref;
CREATE INDEX statements_ref ON statements (ref, property) WHERE ref IS NOT NULL;
