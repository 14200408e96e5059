-- +goose Up
-- Files on needs. The content lives in blob storage (internal/files) under blob_key; the
-- row is written only after the content is, and removed before it.
CREATE TABLE need_attachments (
    id           INTEGER PRIMARY KEY,
    need_id      INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    blob_key     TEXT NOT NULL UNIQUE,
    uploaded_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX need_attachments_need ON need_attachments (need_id, id);

-- +goose Down
DROP TABLE need_attachments;
