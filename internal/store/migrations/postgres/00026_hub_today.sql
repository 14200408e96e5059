-- +goose Up
-- Repeated bookings: each occurrence is a booking of its own (so that one can be cancelled,
-- and the overlap check holds for each), tied to the series it was booked as.
CREATE TABLE booking_series (
    id         BIGSERIAL PRIMARY KEY,
    room_id    BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id    BIGINT REFERENCES users (id) ON DELETE CASCADE,
    frequency  TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    created_at TIMESTAMPTZ NOT NULL
);
ALTER TABLE room_bookings ADD COLUMN series_id BIGINT REFERENCES booking_series (id) ON DELETE CASCADE;
CREATE INDEX room_bookings_series ON room_bookings (series_id, start_at);

-- At the hub today: who checked in, until they check out or the hub's day ends
-- (expires_at), when housekeeping deletes the entry. Only those who check in are listed.
CREATE TABLE hub_presence (
    user_id       BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    org_id        BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    checked_in_at TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX hub_presence_expires ON hub_presence (expires_at);

-- Visitors a host expects at the hub: as little as the reception needs (a name, an
-- organisation, the day), deleted by housekeeping 30 days after the visit.
CREATE TABLE hub_visitors (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    visit_on     TEXT NOT NULL,
    host_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX hub_visitors_day ON hub_visitors (visit_on, id);
CREATE INDEX hub_visitors_host ON hub_visitors (host_id, visit_on);

-- +goose Down
DROP TABLE hub_visitors;
DROP TABLE hub_presence;
DROP INDEX room_bookings_series;
ALTER TABLE room_bookings DROP COLUMN series_id;
DROP TABLE booking_series;
