-- FollowUps.PostgreSql schema version 1: the outbox, its history and the do-not-contact list.
--
-- FollowUps runs this itself at start-up (PostgreSqlStoreOptions.ManageSchema, the default). A host that runs its own
-- migrations sets ManageSchema to false and runs the files of this folder in order, each once, in the store's schema:
--   CREATE SCHEMA IF NOT EXISTS followups; SET search_path TO followups;   -- the schema the store is given
--   \i 001-create.sql
-- Names are unqualified so the file runs in any schema. Identifiers compare as bytes (COLLATE "C"): the listing order
-- is the ordinal order the other stores use, whatever the database's collation.

CREATE TABLE follow_ups (
    account_id         text COLLATE "C" NOT NULL,
    campaign_id        text COLLATE "C" NOT NULL,
    contact_id         text COLLATE "C" NOT NULL,
    kind               smallint NOT NULL,
    claim_id           text NOT NULL,              -- made by the claimer: a claim retried after a lost answer finds its own
    call_id            text COLLATE "C" NOT NULL,
    targets            text[] NOT NULL,            -- the contact's identifiers, 'kind:value', for the do-not-contact list
    message            jsonb NOT NULL,
    state              smallint NOT NULL,
    attempts           integer NOT NULL,
    attempt_started_at timestamptz,
    lease_owner        text,
    lease_expires_at   timestamptz,
    due_at             timestamptz,
    wait_reason        smallint NOT NULL,
    claimed_at         timestamptz NOT NULL,
    deadline           timestamptz NOT NULL,
    completed_at       timestamptz,
    outcome            jsonb,
    provider_message_id text,
    delivery           jsonb,
    cancel_request     jsonb,
    history_seq        integer NOT NULL,           -- the number of the follow-up's last history entry
    PRIMARY KEY (account_id, campaign_id, contact_id, kind)
);

-- Rows that may need a worker (claimed, unknown, sending, waiting), in the order dispatchers take them.
CREATE INDEX follow_ups_unfinished ON follow_ups ((coalesce(due_at, claimed_at))) WHERE state IN (0, 3, 4, 5);
-- Rows a new do-not-contact entry may cancel (claimed, waiting), by any of their identifiers.
CREATE INDEX follow_ups_pending_targets ON follow_ups USING gin (targets) WHERE state IN (0, 5);
CREATE INDEX follow_ups_by_call ON follow_ups (account_id, call_id);
CREATE INDEX follow_ups_by_provider_message_id ON follow_ups (provider_message_id) WHERE provider_message_id IS NOT NULL;
-- An operator's listing: by account in claim order, keyset-paged.
CREATE INDEX follow_ups_by_claim ON follow_ups (account_id, claimed_at, campaign_id, contact_id, kind);

-- The audit: one row per change or report, numbered per follow-up (follow_ups.history_seq hands out the numbers
-- under the row's lock, so concurrent writers never take the same one).
CREATE TABLE follow_up_history (
    account_id  text COLLATE "C" NOT NULL,
    campaign_id text COLLATE "C" NOT NULL,
    contact_id  text COLLATE "C" NOT NULL,
    kind        smallint NOT NULL,
    seq         integer NOT NULL,
    at          timestamptz NOT NULL,
    state       smallint NOT NULL,
    attempt     integer NOT NULL,
    outcome     jsonb,
    delivery    jsonb,
    PRIMARY KEY (account_id, campaign_id, contact_id, kind, seq)
);

CREATE TABLE suppressions (
    account_id  text COLLATE "C" NOT NULL,
    target_kind smallint NOT NULL,
    value       text COLLATE "C" NOT NULL,
    reason      smallint NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, target_kind, value)
);

-- The schema's version, and the oldest FollowUps.PostgreSql schema version that may still use it (rolling deploys).
CREATE TABLE schema_version (
    id                     integer PRIMARY KEY CHECK (id = 1),
    version                integer NOT NULL,
    minimum_reader_version integer NOT NULL
);
INSERT INTO schema_version (id, version, minimum_reader_version) VALUES (1, 1, 1);
