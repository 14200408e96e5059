-- +goose Up
-- Projects and pilots: owned by one organisation, with partners, linked needs and solutions,
-- milestones, a go/no-go decision and lessons learned. A project is seen by the members of
-- its owner and partners, and by everyone when is_public is set.
CREATE TABLE projects (
    id                 INTEGER PRIMARY KEY,
    org_id             INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title              TEXT NOT NULL,
    sort_key           BLOB NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    type               TEXT NOT NULL,
    manager_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    test_site          TEXT NOT NULL DEFAULT '',
    start_date         TEXT NOT NULL DEFAULT '',
    end_date           TEXT NOT NULL DEFAULT '',
    is_public          BOOLEAN NOT NULL DEFAULT FALSE,
    decision           TEXT NOT NULL DEFAULT '',
    decision_rationale TEXT NOT NULL DEFAULT '',
    decided_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at         TIMESTAMP,
    lessons            TEXT NOT NULL DEFAULT '',
    lessons_fold       TEXT NOT NULL DEFAULT '', -- lower-cased in Go, for the search of lessons learned
    created_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX projects_org ON projects (org_id, id);
CREATE INDEX projects_public ON projects (is_public, id);

-- Money is kept in minor units with its currency.
CREATE TABLE project_partners (
    project_id      INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    org_id          INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    role            TEXT NOT NULL DEFAULT '',
    contribution    TEXT NOT NULL DEFAULT '',
    budget_amount   BIGINT NOT NULL DEFAULT 0,
    budget_currency TEXT NOT NULL,
    PRIMARY KEY (project_id, org_id)
);
CREATE INDEX project_partners_org ON project_partners (org_id, project_id);

CREATE TABLE project_needs (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    need_id    INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, need_id)
);
CREATE INDEX project_needs_need ON project_needs (need_id);

CREATE TABLE project_solutions (
    project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, solution_id)
);

CREATE TABLE project_milestones (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    due        TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL,
    PRIMARY KEY (project_id, position)
);

-- The project's internal space: posts for the members of the owner and partners.
CREATE TABLE project_posts (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    author_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX project_posts_project ON project_posts (project_id, id);

-- Benefit realisation: KPIs with a baseline and a target, and what was measured.
CREATE TABLE kpis (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    unit          TEXT NOT NULL DEFAULT '',
    direction     TEXT NOT NULL,
    baseline      DOUBLE PRECISION NOT NULL,
    baseline_date TEXT NOT NULL,
    target        DOUBLE PRECISION NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX kpis_project ON kpis (project_id, id);

CREATE TABLE kpi_measurements (
    id          INTEGER PRIMARY KEY,
    kpi_id      INTEGER NOT NULL REFERENCES kpis (id) ON DELETE CASCADE,
    measured_on TEXT NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX kpi_measurements_kpi ON kpi_measurements (kpi_id, measured_on, id);

-- +goose Down
DROP TABLE kpi_measurements;
DROP TABLE kpis;
DROP TABLE project_posts;
DROP TABLE project_milestones;
DROP TABLE project_solutions;
DROP TABLE project_needs;
DROP TABLE project_partners;
DROP TABLE projects;
