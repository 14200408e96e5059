-- +goose Up
-- The hub's rooms and desks, and their bookings. Bookings of one room never overlap: the
-- store locks the room's row (SELECT … FOR UPDATE) and checks for an overlapping booking in
-- the same transaction, so that two bookings of one room are made one after the other.
CREATE TABLE rooms (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    sort_key    BYTEA NOT NULL,
    kind        TEXT NOT NULL,
    capacity    INTEGER NOT NULL CHECK (capacity > 0),
    equipment   TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX rooms_sort ON rooms (sort_key, id);

CREATE TABLE room_bookings (
    id         BIGSERIAL PRIMARY KEY,
    room_id    BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    title      TEXT NOT NULL,
    start_at   TIMESTAMPTZ NOT NULL,
    end_at     TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK (end_at > start_at)
);
CREATE INDEX room_bookings_room ON room_bookings (room_id, start_at);
CREATE INDEX room_bookings_user ON room_bookings (user_id, start_at);

-- +goose Down
DROP TABLE room_bookings;
DROP TABLE rooms;
