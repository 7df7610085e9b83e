-- The cleanup deletes relayed events only, so its index on occurred_at holds only those. An event now enters
-- that index when the relay marks it, not in the statement that records it with the code, token or
-- certificate it is about: one index fewer on every request path's insert (three, where there were four).
-- Built and dropped concurrently, so that a large events table is indexed while issuing and verifying go on.
-- An interrupted build leaves an invalid index behind; dropping it first lets the migration run again.
DROP INDEX CONCURRENTLY IF EXISTS events_relayed_by_occurred_at;
CREATE INDEX CONCURRENTLY events_relayed_by_occurred_at ON events (occurred_at) WHERE relayed_at IS NOT NULL;
DROP INDEX CONCURRENTLY IF EXISTS events_occurred_at;
