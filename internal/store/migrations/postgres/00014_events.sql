-- +goose Up
-- Events (inspiration lectures, conferences, workshops …) run by an organisation. Start and
-- end are instants (UTC); time_zone is the IANA zone they are shown in. audience decides who
-- sees an event: public, signed_in, or invited (the organisations in event_invitations,
-- besides the organiser's).
CREATE TABLE events (
    id                     BIGSERIAL PRIMARY KEY,
    org_id                 BIGINT NOT NULL REFERENCES organisations (id),
    created_by             BIGINT REFERENCES users (id) ON DELETE SET NULL,
    type                   TEXT NOT NULL,
    title                  TEXT NOT NULL,
    description            TEXT NOT NULL DEFAULT '',
    start_at               TIMESTAMPTZ NOT NULL,
    end_at                 TIMESTAMPTZ NOT NULL,
    time_zone              TEXT NOT NULL,
    room_id                BIGINT REFERENCES rooms (id) ON DELETE SET NULL,
    address                TEXT NOT NULL DEFAULT '',
    online_url             TEXT NOT NULL DEFAULT '',
    language               TEXT NOT NULL,
    capacity               INTEGER NOT NULL CHECK (capacity > 0),
    registration_opens_at  TIMESTAMPTZ,
    registration_closes_at TIMESTAMPTZ,
    audience               TEXT NOT NULL,
    accessibility          TEXT NOT NULL DEFAULT '',
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    CHECK (end_at > start_at)
);
CREATE INDEX events_start ON events (start_at, id);
CREATE INDEX events_org ON events (org_id, start_at);

CREATE TABLE event_invitations (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    org_id   BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, org_id)
);
CREATE INDEX event_invitations_org ON event_invitations (org_id, event_id);

-- One person's place at an event: registered, or waiting in the order of id. Dietary and
-- accessibility requests are cleared 30 days after the event.
CREATE TABLE event_registrations (
    id            BIGSERIAL PRIMARY KEY,
    event_id      BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status        TEXT NOT NULL CHECK (status IN ('registered', 'waiting')),
    dietary       TEXT NOT NULL DEFAULT '',
    access_needs  TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    promoted_at   TIMESTAMPTZ,
    checked_in_at TIMESTAMPTZ,
    UNIQUE (event_id, user_id)
);
CREATE INDEX event_registrations_event ON event_registrations (event_id, status, id);
CREATE INDEX event_registrations_user ON event_registrations (user_id, event_id);

-- An event held in a hub room books the room, so that nobody else books it then.
ALTER TABLE room_bookings ADD COLUMN event_id BIGINT REFERENCES events (id) ON DELETE CASCADE;
ALTER TABLE notifications ADD COLUMN event_id BIGINT REFERENCES events (id) ON DELETE CASCADE;

-- +goose Down
ALTER TABLE notifications DROP COLUMN event_id;
ALTER TABLE room_bookings DROP COLUMN event_id;
DROP TABLE event_registrations;
DROP TABLE event_invitations;
DROP TABLE events;
