-- +goose Up
-- The search index. The analyser in internal/search writes each record's terms (see
-- search.Encode); a GIN index over their tsvector finds the candidates, the ranking is
-- computed in Go from the terms and the kept document frequencies, so SQLite and PostgreSQL
-- rank alike. The 'simple' configuration only lower-cases: the analysis is done already.
CREATE TABLE search_docs (
    doc_id  BIGSERIAL PRIMARY KEY,
    kind    TEXT NOT NULL,
    id      BIGINT NOT NULL,
    terms   TEXT NOT NULL,
    len     INTEGER NOT NULL,
    tags    TEXT NOT NULL DEFAULT '',
    care    TEXT NOT NULL DEFAULT '',
    trl     INTEGER NOT NULL DEFAULT 0,
    tsv     TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED,
    UNIQUE (kind, id)
);
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);

-- Kept figures for BM25: documents and their total length per kind, and in how many
-- documents of a kind each term occurs.
CREATE TABLE search_stats (
    kind      TEXT PRIMARY KEY,
    docs      BIGINT NOT NULL,
    total_len BIGINT NOT NULL
);

CREATE TABLE search_df (
    kind TEXT NOT NULL,
    term TEXT NOT NULL,
    df   BIGINT NOT NULL,
    PRIMARY KEY (kind, term)
);

-- +goose Down
DROP TABLE search_df;
DROP TABLE search_stats;
DROP TABLE search_docs;
