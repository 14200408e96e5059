-- +goose Up
-- Kept figures for the dashboard: how many needs contribute to each bucket, per audience
-- (public, signed_in, restricted = submitted but for named organisations only,
-- unsubmitted = never submitted). kind is count (state = current state), stay (days
-- spent in state, completed stays), lead (days from submission to implementation) or
-- open (day of submission of a need still open). need_stats_org is per owning
-- organisation; need_stats_all sums it over organisations.
CREATE TABLE need_stats_org (
    org_id   BIGINT NOT NULL,
    audience TEXT NOT NULL,
    kind     TEXT NOT NULL,
    state    TEXT NOT NULL,
    bucket   BIGINT NOT NULL,
    n        BIGINT NOT NULL,
    PRIMARY KEY (org_id, audience, kind, state, bucket)
);

CREATE TABLE need_stats_all (
    audience TEXT NOT NULL,
    kind     TEXT NOT NULL,
    state    TEXT NOT NULL,
    bucket   BIGINT NOT NULL,
    n        BIGINT NOT NULL,
    PRIMARY KEY (audience, kind, state, bucket)
);

-- +goose Down
DROP TABLE need_stats_all;
DROP TABLE need_stats_org;
