-- +goose Up
-- The audit log: every change (and every read of sensitive material) as who, when, what,
-- before and after. Append-only: the database refuses to change or delete an entry, and
-- each entry's hash covers the one before it, so that tampering beneath the database (a
-- restored file, an edited dump) shows when the chain is checked (tillsammans audit verify).
-- actor_id has no foreign key: the record outlives the person.
CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor_id    BIGINT,
    action      TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id   BIGINT NOT NULL,
    org_id      BIGINT,
    before      TEXT NOT NULL DEFAULT '',
    after       TEXT NOT NULL DEFAULT '',
    prev_hash   BYTEA NOT NULL,
    hash        BYTEA NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object_kind, object_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);

-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- +goose Down
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();
