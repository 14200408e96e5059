package store

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// openPostgres opens one pool for reads and writes. Several instances may migrate at once:
// a session lock lets one of them do it.
func openPostgres(dsn string) (*Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	// Many small queries: a parallel plan's workers cost more to start than they save and
	// take the cores that other requests need, and so does compiling a plan (JIT).
	for k, v := range map[string]string{"max_parallel_workers_per_gather": "0", "jit": "off"} {
		if _, set := cfg.RuntimeParams[k]; !set {
			cfg.RuntimeParams[k] = v
		}
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	s := &Store{read: db, write: db, dialect: &dialect{
		name:         "postgres",
		positional:   true,
		isUnique:     pgCode("23505"),
		isForeignKey: pgCode("23503"),
		match:        postgresMatch,
		recentWindow: true,
		fts:          postgresFTS,
		skipLocked:   " FOR UPDATE SKIP LOCKED",
		lockRow:      " FOR UPDATE",
		auditLock:    `SELECT pg_advisory_xact_lock(7302)`,
		analyze: `DO $$ DECLARE t text; BEGIN
			FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP EXECUTE format('ANALYZE %I', t); END LOOP;
		END $$`,
	}}
	// The whole index is written anew: emptied at once, and the GIN index built once at the
	// end, which is faster than keeping it row by row.
	s.dialect.rebuild.before = []string{`TRUNCATE search_fts, search_docs, search_stats, search_df`, `DROP INDEX IF EXISTS search_fts_tsv`}
	s.dialect.rebuild.after = []string{`CREATE INDEX search_fts_tsv ON search_fts USING GIN (tsv)`}
	s.dialect.rebuild.cleanUp = []string{`VACUUM (ANALYZE) search_docs`, `VACUUM (ANALYZE) search_fts`, `VACUUM (ANALYZE) search_df`}
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		db.Close()
		return nil, err
	}
	s.migrator, err = newMigrator(goose.DialectPostgres, db, "postgres", goose.WithSessionLocker(locker))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: postgres migrations: %w", err)
	}
	return s, nil
}

func pgCode(code string) func(error) bool {
	return func(err error) bool {
		var e *pgconn.PgError
		return errors.As(err, &e) && e.Code == code
	}
}

// postgresFTS keeps search_fts in step: a document's row is written from its search_docs
// row and goes with it (ON DELETE CASCADE).
var postgresFTS = &ftsQueries{
	add: `INSERT INTO search_fts (kind, doc_id, id, tsv) SELECT kind, doc_id, id, ` + pgLexemes + ` FROM search_docs WHERE doc_id = ?
		ON CONFLICT (doc_id, kind) DO UPDATE SET tsv = excluded.tsv`,
	append: `INSERT INTO search_fts (kind, doc_id, id, tsv) SELECT kind, doc_id, id, ` + pgLexemes + ` FROM search_docs WHERE kind = ? AND doc_id > ?`,
	clear:  `DELETE FROM search_fts`,
}

// pgLexemes is the tsvector of a search_docs row: its distinct terms as they are, without
// the mark of derived terms.
const pgLexemes = `array_to_tsvector(string_to_array(replace(terms, '+', ''), ' '))`

// postgresMatch finds documents of a kind through the GIN index of the kind's partition
// (named in the statement, so that it is chosen when the plan is made, with its own
// figures): every group met by one of its terms. The index cannot hand over its newest
// matches first as FTS5 does: every match is a visit to the table, so a search that is not
// ranked looks among the kind's newest records only (m.recent), whose ids a B-tree narrows
// the matches to. Nor has PostgreSQL a ranking function that reads the index only (ts_rank
// reads each document's tsvector), so a ranked match adds up the weights of the query's
// terms that each document holds, one index scan per term: BM25 without term frequency
// and length, which is what picking the candidates needs.
func postgresMatch(m ftsMatch) (from, order string, args []any) {
	var all, terms []string
	for _, g := range m.groups {
		q := make([]string, len(g))
		for j, t := range g {
			q[j] = tsLexeme(t)
			if !slices.Contains(terms, t) {
				terms = append(terms, t)
			}
		}
		all = append(all, "("+strings.Join(q, " | ")+")")
	}
	query := strings.Join(all, " & ")
	docs := `search_fts WHERE kind = '` + strings.ReplaceAll(m.kind, "'", "''") + `' AND tsv @@ ?::tsquery`
	limit := fmt.Sprint(matchLimit)
	if !m.ranked {
		// Materialised, so that the indexes find the matches rather than a walk backwards
		// through the primary key that reads documents until enough match.
		recent, args := "", []any{query}
		if m.recent > 0 {
			recent, args = ` AND id > (SELECT max(id) FROM search_docs WHERE kind = ?) - ?`, append(args, m.kind, m.recent)
		}
		return `(WITH m AS MATERIALIZED (SELECT doc_id, id FROM ` + docs + recent + `)
			SELECT doc_id, id, doc_id AS score FROM m ORDER BY doc_id DESC LIMIT ` + limit + `) d`, "d.score DESC", args
	}
	// A document is found once for each of its terms, among those that meet the query.
	scans := make([]string, len(terms))
	for i, t := range terms {
		scans[i] = `SELECT doc_id, id, ?::float8 AS w FROM ` + docs
		q := tsLexeme(t)
		if len(m.groups) > 1 {
			q += " & " + query
		}
		args = append(args, m.weights[t], q)
	}
	return `(SELECT doc_id, id, SUM(w) AS score FROM (` + strings.Join(scans, " UNION ALL ") + `) t
		GROUP BY doc_id, id ORDER BY score DESC, doc_id DESC LIMIT ` + limit + `) d`, "d.score DESC", args
}

// tsLexeme quotes a lexeme for a tsquery.
func tsLexeme(t string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", "''").Replace(t) + "'"
}
