-- +goose Up
-- Funding calls, public, with the rules an application is checked against. The short
-- lists of countries and kinds are JSON arrays; tags have a table, for the calls radar;
-- deadlines keep their wall-clock time and IANA zone as announced, and the instant derived
-- from them for comparisons.
CREATE TABLE calls (
    id                 INTEGER PRIMARY KEY,
    programme          TEXT NOT NULL,
    funder             TEXT NOT NULL DEFAULT '',
    identifier         TEXT NOT NULL DEFAULT '',
    title              TEXT NOT NULL,
    url                TEXT NOT NULL DEFAULT '',
    description        TEXT NOT NULL DEFAULT '',
    opens_on           TEXT NOT NULL DEFAULT '',
    currency           TEXT NOT NULL,
    eligible_countries TEXT NOT NULL DEFAULT '[]',
    eligible_kinds     TEXT NOT NULL DEFAULT '[]',
    required_countries TEXT NOT NULL DEFAULT '[]',
    min_partners       INTEGER NOT NULL DEFAULT 0,
    min_countries      INTEGER NOT NULL DEFAULT 0,
    min_grant          BIGINT NOT NULL DEFAULT 0,
    max_grant          BIGINT NOT NULL DEFAULT 0,
    trl_min            INTEGER NOT NULL DEFAULT 0,
    trl_max            INTEGER NOT NULL DEFAULT 0,
    created_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);

-- The calls radar finds calls by the tags they share with a need or a project.
CREATE TABLE call_tags (
    call_id  INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag      TEXT NOT NULL,
    tag_fold TEXT NOT NULL,
    PRIMARY KEY (call_id, tag_fold)
);
CREATE INDEX call_tags_tag ON call_tags (tag_fold, call_id);

CREATE TABLE call_deadlines (
    call_id    INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    stage      TEXT NOT NULL,
    local_time TEXT NOT NULL,
    time_zone  TEXT NOT NULL,
    due_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (call_id, position)
);
CREATE INDEX call_deadlines_due ON call_deadlines (due_at, call_id);

CREATE TABLE call_rates (
    call_id  INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    country  TEXT NOT NULL DEFAULT '',
    kind     TEXT NOT NULL DEFAULT '',
    percent  INTEGER NOT NULL,
    PRIMARY KEY (call_id, position)
);

-- Applications, seen only by their partners.
CREATE TABLE applications (
    id         INTEGER PRIMARY KEY,
    call_id    INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL,
    trl        INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX applications_call ON applications (call_id, id);

CREATE TABLE application_partners (
    application_id       INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    org_id               INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    position             INTEGER NOT NULL,
    role                 TEXT NOT NULL,
    budget_amount        BIGINT NOT NULL,
    budget_currency      TEXT NOT NULL,
    grant_amount         BIGINT NOT NULL,
    grant_currency       TEXT NOT NULL,
    cofinancing_amount   BIGINT NOT NULL,
    cofinancing_currency TEXT NOT NULL,
    cofinancing_source   TEXT NOT NULL DEFAULT '',
    cofinancing_confirmed BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (application_id, org_id)
);
CREATE INDEX application_partners_org ON application_partners (org_id, application_id);

-- +goose Down
DROP TABLE application_partners;
DROP TABLE applications;
DROP TABLE call_rates;
DROP TABLE call_deadlines;
DROP TABLE call_tags;
DROP TABLE calls;
