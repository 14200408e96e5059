-- +goose Up
-- Proposals: a need–solution pair that someone acted on. A supplier proposes its solution
-- with a rationale; the need's owning side shortlists, declines (with a reason) or pilots.
-- The matcher's own suggestions are computed, not kept, until someone acts on them.
CREATE TABLE proposals (
    id              BIGSERIAL PRIMARY KEY,
    need_id         BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    solution_id     BIGINT NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    status          TEXT NOT NULL,
    rationale       TEXT NOT NULL DEFAULT '',
    proposed_by     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decided_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decision_reason TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (need_id, solution_id)
);
CREATE INDEX proposals_solution ON proposals (solution_id);

-- Horizon scanning (bevakning): a saved search or a followed tag, with what it already told.
CREATE TABLE watches (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    query      TEXT NOT NULL,
    facets     TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX watches_user ON watches (user_id, id);

CREATE TABLE watch_hits (
    watch_id  BIGINT NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    mailed_at TIMESTAMPTZ,
    PRIMARY KEY (watch_id, kind, record_id)
);
CREATE INDEX watch_hits_unmailed ON watch_hits (mailed_at, watch_id);

ALTER TABLE notifications ADD COLUMN solution_id BIGINT REFERENCES solutions (id) ON DELETE CASCADE;

-- +goose Down
ALTER TABLE notifications DROP COLUMN solution_id;
DROP TABLE watch_hits;
DROP TABLE watches;
DROP TABLE proposals;
