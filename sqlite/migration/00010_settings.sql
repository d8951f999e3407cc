-- Settings: what an admin decides about how the server behaves towards the outside world
-- (docket.Settings), one row a setting, so that a new one needs no migration. Today: whether
-- docket serve archives sources in the background ("archive": "on" or "off"; absent is off),
-- the proxy fetches go through and their User-Agent. Not in the change log, not exported:
-- they belong to one installation, not to the registry's records. updated_by is an author id.
CREATE TABLE settings (
	name       TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
