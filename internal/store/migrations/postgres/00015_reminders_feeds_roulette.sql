-- +goose Up
-- The day before an event its registered people are reminded once; reminded_at says it was
-- done (or not needed: a seat taken less than a day before).
ALTER TABLE event_registrations ADD COLUMN reminded_at TIMESTAMPTZ;
CREATE INDEX event_registrations_unreminded ON event_registrations (event_id) WHERE reminded_at IS NULL AND status = 'registered';

-- A person's own calendar feed (their events) is read by calendar clients, which have no
-- session: its address carries a secret, of which only the hash is kept.
CREATE TABLE calendar_feeds (
    user_id     BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret_hash BYTEA NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL
);

-- Fika roulette: who takes part (for which organisation, which weekdays, where), and each
-- week's groups. roulette_weeks has one row per week paired, so that a week is paired once
-- whichever instance runs the job.
CREATE TABLE roulette_participants (
    user_id   BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    org_id    BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    weekdays  TEXT NOT NULL,
    place     TEXT NOT NULL,
    joined_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE roulette_weeks (
    week      TEXT PRIMARY KEY,
    paired_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE roulette_groups (
    id      BIGSERIAL PRIMARY KEY,
    week    TEXT NOT NULL REFERENCES roulette_weeks (week) ON DELETE CASCADE,
    meet_at TIMESTAMPTZ NOT NULL,
    place   TEXT NOT NULL
);
CREATE INDEX roulette_groups_week ON roulette_groups (week);
CREATE TABLE roulette_members (
    group_id    BIGINT NOT NULL REFERENCES roulette_groups (id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_id      BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    answer      TEXT CHECK (answer IN ('yes', 'no')),
    answered_at TIMESTAMPTZ,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX roulette_members_user ON roulette_members (user_id, group_id);

-- +goose Down
DROP TABLE roulette_members;
DROP TABLE roulette_groups;
DROP TABLE roulette_weeks;
DROP TABLE roulette_participants;
DROP TABLE calendar_feeds;
DROP INDEX event_registrations_unreminded;
ALTER TABLE event_registrations DROP COLUMN reminded_at;
