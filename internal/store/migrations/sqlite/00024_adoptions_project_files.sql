-- +goose Up
-- Adoptions: another organisation takes a project's solution into use. They are the spread
-- of a project, and a need linked to the project reaches Spread only with one by an
-- organisation other than the need's own. One adoption per organisation and project.
CREATE TABLE project_adoptions (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    org_id      INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    adopted_on  TEXT NOT NULL, -- YYYY-MM-DD
    scope       TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (project_id, org_id)
);
CREATE INDEX project_adoptions_org ON project_adoptions (org_id);

-- Files in a project's internal space, for the members of its owner and partners. As with a
-- need's attachments, the content lives in blob storage under blob_key and the row is
-- written only after it.
CREATE TABLE project_files (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    blob_key     TEXT NOT NULL UNIQUE,
    uploaded_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX project_files_project ON project_files (project_id, id);

-- +goose Down
DROP TABLE project_files;
DROP TABLE project_adoptions;
