-- +goose Up
-- The search index. The analyser in internal/search writes each record's terms (see
-- search.Encode); FTS5 finds the candidates, the ranking is computed in Go from the terms
-- and the kept document frequencies, so SQLite and PostgreSQL rank alike.
CREATE TABLE search_docs (
    doc_id  INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    id      INTEGER NOT NULL,
    terms   TEXT NOT NULL,
    len     INTEGER NOT NULL,
    tags    TEXT NOT NULL DEFAULT '',
    care    TEXT NOT NULL DEFAULT '',
    trl     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (kind, id)
);

-- Written by the store, not by triggers: a trigger's statement flushes FTS5's pending
-- terms every time, which made bulk indexing ten times slower.
CREATE VIRTUAL TABLE search_fts USING fts5 (
    kind, terms, content = 'search_docs', content_rowid = 'doc_id',
    tokenize = 'unicode61 remove_diacritics 0'
);

-- Kept figures for BM25: documents and their total length per kind, and in how many
-- documents of a kind each term occurs.
CREATE TABLE search_stats (
    kind      TEXT PRIMARY KEY,
    docs      INTEGER NOT NULL,
    total_len INTEGER NOT NULL
);

CREATE TABLE search_df (
    kind TEXT NOT NULL,
    term TEXT NOT NULL,
    df   INTEGER NOT NULL,
    PRIMARY KEY (kind, term)
);

-- +goose Down
DROP TABLE search_df;
DROP TABLE search_stats;
DROP TABLE search_fts;
DROP TABLE search_docs;
