-- +goose Up
-- The day before an event its registered people are reminded once; reminded_at says it was
-- done (or not needed: a seat taken less than a day before).
ALTER TABLE event_registrations ADD COLUMN reminded_at TIMESTAMP;
CREATE INDEX event_registrations_unreminded ON event_registrations (event_id) WHERE reminded_at IS NULL AND status = 'registered';

-- A person's own calendar feed (their events) is read by calendar clients, which have no
-- session: its address carries a secret, of which only the hash is kept.
CREATE TABLE calendar_feeds (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret_hash BLOB NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL
);

-- Fika roulette: who takes part (for which organisation, which weekdays, where), and each
-- week's groups. roulette_weeks has one row per week paired, so that a week is paired once
-- whichever instance runs the job.
CREATE TABLE roulette_participants (
    user_id   INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    org_id    INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    weekdays  TEXT NOT NULL,
    place     TEXT NOT NULL,
    joined_at TIMESTAMP NOT NULL
);
CREATE TABLE roulette_weeks (
    week      TEXT PRIMARY KEY,
    paired_at TIMESTAMP NOT NULL
);
CREATE TABLE roulette_groups (
    id      INTEGER PRIMARY KEY,
    week    TEXT NOT NULL REFERENCES roulette_weeks (week) ON DELETE CASCADE,
    meet_at TIMESTAMP NOT NULL,
    place   TEXT NOT NULL
);
CREATE INDEX roulette_groups_week ON roulette_groups (week);
CREATE TABLE roulette_members (
    group_id    INTEGER NOT NULL REFERENCES roulette_groups (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_id      INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    answer      TEXT CHECK (answer IN ('yes', 'no')),
    answered_at TIMESTAMP,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX roulette_members_user ON roulette_members (user_id, group_id);

-- Brokerage: 1:1 meetings at an event, in slots of brokerage_slot_minutes from its start, at
-- brokerage_tables tables. Participants publish what they offer and seek; a meeting is
-- requested, and accepted by the other. No table and no person is ever booked twice in a slot:
-- the unique index on the accepted meetings' tables, and one row per person and slot in
-- brokerage_seats, refuse it whatever the code does.
ALTER TABLE events ADD COLUMN brokerage_tables INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN brokerage_slot_minutes INTEGER NOT NULL DEFAULT 0;
CREATE TABLE brokerage_profiles (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    offer    TEXT NOT NULL DEFAULT '',
    seek     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, user_id)
);
CREATE TABLE brokerage_meetings (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    slot         INTEGER NOT NULL,
    requester_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    invitee_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'declined')),
    table_no     INTEGER,
    created_at   TIMESTAMP NOT NULL,
    decided_at   TIMESTAMP,
    CHECK (requester_id <> invitee_id),
    CHECK ((status = 'accepted') = (table_no IS NOT NULL))
);
CREATE UNIQUE INDEX brokerage_meetings_table ON brokerage_meetings (event_id, slot, table_no) WHERE status = 'accepted';
CREATE INDEX brokerage_meetings_invitee ON brokerage_meetings (invitee_id, event_id);
CREATE INDEX brokerage_meetings_requester ON brokerage_meetings (requester_id, event_id);
CREATE TABLE brokerage_seats (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    slot       INTEGER NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    meeting_id INTEGER NOT NULL REFERENCES brokerage_meetings (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, slot, user_id)
);

-- Market dialogue meetings (dialogmöten): about a need, the invitation going to every supplier
-- in the chosen categories (a JSON array), and minutes that are published to the participants
-- and entered in the need's supplier contact log.
ALTER TABLE events ADD COLUMN need_id INTEGER REFERENCES needs (id) ON DELETE SET NULL;
ALTER TABLE events ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';
ALTER TABLE events ADD COLUMN minutes TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN minutes_published_at TIMESTAMP;

-- +goose Down
ALTER TABLE events DROP COLUMN minutes_published_at;
ALTER TABLE events DROP COLUMN minutes;
ALTER TABLE events DROP COLUMN categories;
ALTER TABLE events DROP COLUMN need_id;
DROP TABLE brokerage_seats;
DROP TABLE brokerage_meetings;
DROP TABLE brokerage_profiles;
ALTER TABLE events DROP COLUMN brokerage_slot_minutes;
ALTER TABLE events DROP COLUMN brokerage_tables;
DROP TABLE roulette_members;
DROP TABLE roulette_groups;
DROP TABLE roulette_weeks;
DROP TABLE roulette_participants;
DROP TABLE calendar_feeds;
DROP INDEX event_registrations_unreminded;
ALTER TABLE event_registrations DROP COLUMN reminded_at;
