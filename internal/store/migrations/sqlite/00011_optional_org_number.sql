-- +goose NO TRANSACTION
-- +goose Up
-- An organisation that an import names but does not describe (the supplier of an imported
-- solution, say) has no organisation number until someone who knows completes it: it keeps
-- '' and only the numbers that are given must be unique. SQLite cannot drop a table's
-- UNIQUE constraint, so the table is rebuilt as https://sqlite.org/lang_altertable.html
-- describes, with foreign keys off (which PRAGMA cannot change inside a transaction).
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE organisations_new (
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
    updated_at  TIMESTAMP NOT NULL
);
INSERT INTO organisations_new (id, name, name_fold, sort_key, kind, size, org_number, country, county, description, created_at, updated_at)
    SELECT id, name, name_fold, sort_key, kind, size, org_number, country, county, description, created_at, updated_at FROM organisations;
DROP TABLE organisations;
ALTER TABLE organisations_new RENAME TO organisations;
CREATE INDEX organisations_sort ON organisations (sort_key, id);
CREATE UNIQUE INDEX organisations_number ON organisations (country, org_number) WHERE org_number <> '';
COMMIT;
PRAGMA foreign_keys = ON;

-- +goose Down
-- Fails while several organisations of a country lack a number.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE organisations_old (
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
INSERT INTO organisations_old (id, name, name_fold, sort_key, kind, size, org_number, country, county, description, created_at, updated_at)
    SELECT id, name, name_fold, sort_key, kind, size, org_number, country, county, description, created_at, updated_at FROM organisations;
DROP TABLE organisations;
ALTER TABLE organisations_old RENAME TO organisations;
CREATE INDEX organisations_sort ON organisations (sort_key, id);
COMMIT;
PRAGMA foreign_keys = ON;
