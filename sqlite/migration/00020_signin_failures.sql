-- Failed sign-ins of the last window, by account ("u:" and the name folded) and by client
-- address ("a:" and the address), so that the sign-in throttle holds for every server on one
-- database, not for each apart. Rows older than the window are swept as new ones come. Not in
-- the change log, not exported, not copied: they belong to one installation's door.
CREATE TABLE signin_failures (
	key TEXT NOT NULL,
	at  TEXT NOT NULL
);
CREATE INDEX signin_failures_key ON signin_failures (key, at);
CREATE INDEX signin_failures_at ON signin_failures (at);
