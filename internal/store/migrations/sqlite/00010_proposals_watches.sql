-- +goose Up
-- Proposals: a need–solution pair that someone acted on. A supplier proposes its solution
-- with a rationale; the need's owning side shortlists, declines (with a reason) or pilots.
-- The matcher's own suggestions are computed, not kept, until someone acts on them.
CREATE TABLE proposals (
    id              INTEGER PRIMARY KEY,
    need_id         INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    solution_id     INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    status          TEXT NOT NULL,
    rationale       TEXT NOT NULL DEFAULT '',
    proposed_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decision_reason TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (need_id, solution_id)
);
CREATE INDEX proposals_solution ON proposals (solution_id);

-- Horizon scanning (bevakning): a saved search or a followed tag, with what it already told.
CREATE TABLE watches (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    query      TEXT NOT NULL,
    facets     TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX watches_user ON watches (user_id, id);

CREATE TABLE watch_hits (
    watch_id  INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    at        TIMESTAMP NOT NULL,
    mailed_at TIMESTAMP,
    PRIMARY KEY (watch_id, kind, record_id)
);
CREATE INDEX watch_hits_unmailed ON watch_hits (mailed_at, watch_id);

ALTER TABLE notifications ADD COLUMN solution_id INTEGER REFERENCES solutions (id) ON DELETE CASCADE;

-- +goose Down
ALTER TABLE notifications DROP COLUMN solution_id;
DROP TABLE watch_hits;
DROP TABLE watches;
DROP TABLE proposals;
