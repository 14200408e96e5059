-- +goose Up
-- What the matcher found for a need (its best solutions and organisations, the open calls
-- that fit it), kept as JSON with the match clock it was found at, the newest audit entry
-- that can change it, and the time it was found for and holds until. It is found again
-- when that clock has moved or the time is past (need_matches.go).
CREATE TABLE need_matches (
    need_id     BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    clock       BIGINT NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    matches     TEXT NOT NULL,
    PRIMARY KEY (need_id, kind)
);
-- The match clock reads the newest change to any solution, organisation, call or tag. The
-- index holds those kinds only, so that the planner can never take it for the clock's other
-- part, a need's own changes, which audit_log_object answers: with figures older than the
-- log (no autovacuum) it did, and filtered every need's entries.
CREATE INDEX audit_log_kind ON audit_log (object_kind, id) WHERE object_kind IN ('solution', 'organisation', 'call', 'tag');

-- +goose Down
DROP INDEX audit_log_kind;
DROP TABLE need_matches;
