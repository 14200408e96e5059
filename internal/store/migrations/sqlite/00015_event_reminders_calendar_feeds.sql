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

-- +goose Down
DROP TABLE calendar_feeds;
DROP INDEX event_registrations_unreminded;
ALTER TABLE event_registrations DROP COLUMN reminded_at;
