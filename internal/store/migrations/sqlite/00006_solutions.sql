-- +goose Up
-- Solutions offered by supplier organisations. Lists without filters are kept as JSON arrays;
-- tags and care settings, which lists filter by, in their own tables.
CREATE TABLE solutions (
    id                INTEGER PRIMARY KEY,
    ref               TEXT UNIQUE,
    org_id            INTEGER NOT NULL REFERENCES organisations (id),
    created_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    title             TEXT NOT NULL,
    sort_key          BLOB NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    type              TEXT NOT NULL,
    target_groups     TEXT NOT NULL DEFAULT '[]',
    trl               INTEGER NOT NULL,
    deployment        TEXT NOT NULL,
    medical_device    BOOLEAN NOT NULL DEFAULT FALSE,
    mdr_class         TEXT NOT NULL DEFAULT 'none',
    ce_marked         BOOLEAN NOT NULL DEFAULT FALSE,
    interoperability  TEXT NOT NULL DEFAULT '[]',
    hosting           TEXT NOT NULL DEFAULT '',
    data_location     TEXT NOT NULL DEFAULT '',
    accessibility     TEXT NOT NULL DEFAULT '',
    identity_support  TEXT NOT NULL DEFAULT '[]',
    evidence          TEXT NOT NULL DEFAULT '',
    references_text   TEXT NOT NULL DEFAULT '',
    secret_fields     TEXT NOT NULL DEFAULT '[]',
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX solutions_org ON solutions (org_id, id);
CREATE INDEX solutions_sort ON solutions (sort_key, id);

CREATE TABLE solution_care_settings (
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    setting     TEXT NOT NULL,
    PRIMARY KEY (solution_id, setting)
);
CREATE INDEX solution_care_settings_setting ON solution_care_settings (setting, solution_id);

CREATE TABLE solution_tags (
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    tag         TEXT NOT NULL,
    tag_fold    TEXT NOT NULL,
    PRIMARY KEY (solution_id, tag_fold)
);
CREATE INDEX solution_tags_tag ON solution_tags (tag_fold, solution_id);

-- +goose Down
DROP TABLE solution_tags;
DROP TABLE solution_care_settings;
DROP TABLE solutions;
