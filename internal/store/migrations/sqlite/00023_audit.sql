-- +goose Up
-- The audit log: every change (and every read of sensitive material) as who, when, what,
-- before and after. Append-only: the database refuses to change or delete an entry, and
-- each entry's hash covers the one before it, so that tampering beneath the database (a
-- restored file, an edited dump) shows when the chain is checked (tillsammans audit verify).
-- actor_id has no foreign key: the record outlives the person.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    actor_id    INTEGER,
    action      TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id   INTEGER NOT NULL,
    org_id      INTEGER,
    before      TEXT NOT NULL DEFAULT '',
    after       TEXT NOT NULL DEFAULT '',
    prev_hash   BLOB NOT NULL,
    hash        BLOB NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object_kind, object_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_log;
