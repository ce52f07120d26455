-- FollowUps.PostgreSql schema version 2: leases fair between accounts.
--
-- A dispatcher that takes at most K rows of each account, and none of the accounts and kinds whose sender is resting,
-- walks the rows that may need a worker account by account and kind by kind, each in the order dispatchers take them:
-- it finds the next (account, kind) with one seek, and takes that pair's oldest due rows without reading the rest of
-- its backlog. Additive: code of version 1 runs on it unchanged.
--
-- Built inside the upgrade's transaction, so writes to follow_ups wait while it builds. On a large table, build it
-- first without blocking writes (same name, definition and schema):
--   CREATE INDEX CONCURRENTLY IF NOT EXISTS follow_ups_unfinished_by_sender ON followups.follow_ups
--     (account_id, kind, (coalesce(due_at, claimed_at))) WHERE state IN (0, 3, 4, 5);
-- and the upgrade then only records the version.

CREATE INDEX IF NOT EXISTS follow_ups_unfinished_by_sender ON follow_ups (account_id, kind, (coalesce(due_at, claimed_at))) WHERE state IN (0, 3, 4, 5);

UPDATE schema_version SET version = 2 WHERE id = 1;
