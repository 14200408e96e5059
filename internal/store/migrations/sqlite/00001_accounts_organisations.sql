-- +goose Up
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    name_fold     TEXT NOT NULL,
    sort_key      BLOB NOT NULL,
    password_hash TEXT NOT NULL,
    is_admin      BOOLEAN NOT NULL DEFAULT FALSE,
    lang          TEXT NOT NULL DEFAULT 'sv',
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX users_sort ON users (sort_key, id);

CREATE TABLE sessions (
    hash       BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    hash         BLOB NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_fold   TEXT NOT NULL,
    sort_key    BLOB NOT NULL,
    kind        TEXT NOT NULL,
    size        TEXT NOT NULL DEFAULT '',
    org_number  TEXT NOT NULL,
    country     TEXT NOT NULL,
    county      TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (country, org_number)
);
CREATE INDEX organisations_sort ON organisations (sort_key, id);

CREATE TABLE organisation_capabilities (
    org_id   INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag      TEXT NOT NULL,
    PRIMARY KEY (org_id, tag)
);
CREATE INDEX organisation_capabilities_tag ON organisation_capabilities (tag);

CREATE TABLE memberships (
    org_id     INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, user_id, role)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    role        TEXT NOT NULL,
    hash        BLOB NOT NULL UNIQUE,
    invited_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    accepted_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX invitations_org ON invitations (org_id);

CREATE TABLE mail_outbox (
    id         INTEGER PRIMARY KEY,
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE sign_in_failures (
    id    INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    ip    TEXT NOT NULL,
    at    TIMESTAMP NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, at);
CREATE INDEX sign_in_failures_ip ON sign_in_failures (ip, at);

-- +goose Down
DROP TABLE sign_in_failures;
DROP TABLE mail_outbox;
DROP TABLE invitations;
DROP TABLE memberships;
DROP TABLE organisation_capabilities;
DROP TABLE organisations;
DROP TABLE tokens;
DROP TABLE sessions;
DROP TABLE users;
