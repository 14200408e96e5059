-- +goose Up
-- A registrar reads the audit log of their organisation's objects, newest first.
CREATE INDEX audit_log_org ON audit_log (org_id, id);

-- +goose Down
DROP INDEX audit_log_org;
