-- +goose Up
-- The full-text index moves to a narrow table of its own, like SQLite's FTS5 table, split
-- by kind. A search visits the table row of every document the GIN index names; in
-- search_docs each row carried its terms and a tsvector with positions. Here a row is its
-- ids and the distinct terms as they are, never read: the GIN index answers @@ alone and
-- nothing ranks by ts_rank. One partition per kind gives each kind its own statistics: a
-- word common in needs may be rare in solutions, and a plan made from the figures of both
-- read every solution to find a few.
DROP INDEX search_docs_tsv;
ALTER TABLE search_docs DROP COLUMN tsv;

CREATE TABLE search_fts (
    kind   TEXT NOT NULL,
    doc_id BIGINT NOT NULL REFERENCES search_docs (doc_id) ON DELETE CASCADE,
    id     BIGINT NOT NULL,
    tsv    TSVECTOR NOT NULL,
    PRIMARY KEY (doc_id, kind)
) PARTITION BY LIST (kind);
CREATE TABLE search_fts_need PARTITION OF search_fts FOR VALUES IN ('need');
CREATE TABLE search_fts_solution PARTITION OF search_fts FOR VALUES IN ('solution');
CREATE TABLE search_fts_organisation PARTITION OF search_fts FOR VALUES IN ('organisation');
CREATE TABLE search_fts_person PARTITION OF search_fts FOR VALUES IN ('person');
CREATE TABLE search_fts_other PARTITION OF search_fts DEFAULT;

INSERT INTO search_fts (kind, doc_id, id, tsv)
SELECT kind, doc_id, id, array_to_tsvector(string_to_array(replace(terms, '+', ''), ' ')) FROM search_docs;

CREATE INDEX search_fts_tsv ON search_fts USING GIN (tsv);
-- A search of many matches looks among the newest records of its kind: their ids narrow
-- what the GIN index found before the table is read.
CREATE INDEX search_fts_id ON search_fts (id);

-- +goose Down
DROP TABLE search_fts;
ALTER TABLE search_docs ADD COLUMN tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED;
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);
