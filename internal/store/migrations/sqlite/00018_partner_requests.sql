-- +goose Up
-- Partner requests: the lead of an application seeks a partner for it (a role, a
-- competence, a country, a date to answer by); other organisations offer to take part,
-- and the lead takes an offer into the application.
CREATE TABLE partner_requests (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    org_id         INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role           TEXT NOT NULL,
    competence     TEXT NOT NULL,
    country        TEXT NOT NULL DEFAULT '',
    deadline       TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    created_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX partner_requests_application ON partner_requests (application_id, id);

CREATE TABLE partner_offers (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES partner_requests (id) ON DELETE CASCADE,
    org_id     INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    message    TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (request_id, org_id)
);

-- +goose Down
DROP TABLE partner_offers;
DROP TABLE partner_requests;
