-- +goose Up
-- A need's best matches (solutions, organisations), kept as the matcher found them
-- (JSON) with the match clock they were found at: the newest audit entry that can move
-- them. They are found again when that clock has moved or they are old (need_matches.go).
CREATE TABLE need_matches (
    need_id     BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    clock       BIGINT NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL,
    matches     TEXT NOT NULL,
    PRIMARY KEY (need_id, kind)
);
-- The match clock reads the newest change to any solution, organisation or tag.
CREATE INDEX audit_log_kind ON audit_log (object_kind, id);

-- +goose Down
DROP INDEX audit_log_kind;
DROP TABLE need_matches;
