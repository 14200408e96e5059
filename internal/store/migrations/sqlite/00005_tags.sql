-- +goose Up
-- The shared tag taxonomy: the vocabulary platform admins curate. Needs keep the spelling
-- they were given in need_tags; both match on the folded name (lower case, single spaces).
CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_fold   TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    curated     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE tags;
