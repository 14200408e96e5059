-- +goose Up
-- An event's organiser may call it off: cancelled_at says when. It stays (with its
-- registrations) so that those registered see what happened and calendars mark it cancelled.
ALTER TABLE events ADD COLUMN cancelled_at TIMESTAMPTZ;

-- The needs and funding calls an event is about, shown on its page (a need only to those
-- who may see it).
CREATE TABLE event_needs (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    need_id  BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, need_id)
);
CREATE TABLE event_calls (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    call_id  BIGINT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, call_id)
);

-- Materials of an event: a link (url), or a file (its content in blob storage under
-- blob_key, written before the row and removed after it, like a need's attachments).
CREATE TABLE event_materials (
    id           BIGSERIAL PRIMARY KEY,
    event_id     BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    url          TEXT NOT NULL DEFAULT '',
    file_name    TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    size         BIGINT NOT NULL DEFAULT 0,
    blob_key     TEXT UNIQUE,
    added_by     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    CHECK ((url = '') = (blob_key IS NOT NULL))
);
CREATE INDEX event_materials_event ON event_materials (event_id, id);

-- +goose Down
DROP TABLE event_materials;
DROP TABLE event_calls;
DROP TABLE event_needs;
ALTER TABLE events DROP COLUMN cancelled_at;
