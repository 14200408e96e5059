package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// openPostgres opens one pool for reads and writes. Several instances may migrate at once:
// a session lock lets one of them do it.
func openPostgres(dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	s := &Store{read: db, write: db, dialect: &dialect{
		name:         "postgres",
		positional:   true,
		isUnique:     pgCode("23505"),
		isForeignKey: pgCode("23503"),
		match:        postgresMatch,
		skipLocked:   " FOR UPDATE SKIP LOCKED",
	}}
	s.dialect.rebuild.before = []string{`DROP INDEX IF EXISTS search_docs_tsv`}
	s.dialect.rebuild.after = []string{`CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv)`}
	// Every entry was written anew: the old rows are dead and the planner's figures stale.
	s.dialect.rebuild.cleanUp = []string{`VACUUM (ANALYZE) search_docs`, `VACUUM (ANALYZE) search_df`}
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

// postgresMatch finds documents of a kind through the GIN index over their tsvector: every
// group met by one of its terms, best by ts_rank first, or newest first.
func postgresMatch(kind string, groups [][]string, ranked bool) (from, order string, args []any) {
	ands := make([]string, len(groups))
	for i, g := range groups {
		q := make([]string, len(g))
		for j, t := range g {
			q[j] = "'" + t + "'"
		}
		ands[i] = "(" + strings.Join(q, " | ") + ")"
	}
	score, order := "ts_rank(tsv, query)", "f.score DESC"
	if !ranked {
		score = "doc_id"
	}
	return `(SELECT doc_id, ` + score + ` AS score FROM search_docs, to_tsquery('simple', ?) query
		WHERE kind = ? AND tsv @@ query ORDER BY score DESC LIMIT ` + fmt.Sprint(matchLimit) + `) f`, order, []any{strings.Join(ands, " & "), kind}
}
