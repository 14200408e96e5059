-- +goose Up
-- The hub's rooms and desks, and their bookings. Bookings of one room never overlap: the
-- store checks for an overlapping booking in the transaction that books, which SQLite's
-- single writer serialises (PostgreSQL locks the room's row first).
CREATE TABLE rooms (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    sort_key    BLOB NOT NULL,
    kind        TEXT NOT NULL,
    capacity    INTEGER NOT NULL CHECK (capacity > 0),
    equipment   TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX rooms_sort ON rooms (sort_key, id);

CREATE TABLE room_bookings (
    id         INTEGER PRIMARY KEY,
    room_id    INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    title      TEXT NOT NULL,
    start_at   TIMESTAMP NOT NULL,
    end_at     TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK (end_at > start_at)
);
CREATE INDEX room_bookings_room ON room_bookings (room_id, start_at);
CREATE INDEX room_bookings_user ON room_bookings (user_id, start_at);

-- +goose Down
DROP TABLE room_bookings;
DROP TABLE rooms;
