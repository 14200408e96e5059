package store

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"

	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// openSQLite opens the file with one writer connection and a pool of readers. The busy
// timeout comes before WAL so that switching the journal mode waits too; WAL with
// synchronous=NORMAL keeps every committed transaction across a crash of the process.
func openSQLite(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: sqlite: empty file name")
	}
	params := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		params.Add("_pragma", p)
	}
	params.Set("_time_format", "sqlite")
	write, err := sql.Open("sqlite", "file:"+path+"?"+params.Encode()+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: sqlite: %w", err)
	}
	write.SetMaxOpenConns(1)
	params.Add("_pragma", "query_only(1)")
	read, err := sql.Open("sqlite", "file:"+path+"?"+params.Encode())
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: sqlite: %w", err)
	}
	read.SetMaxOpenConns(max(4, 2*runtime.NumCPU()))
	read.SetMaxIdleConns(max(4, 2*runtime.NumCPU()))
	s := &Store{read: read, write: write, dialect: &dialect{
		name:         "sqlite",
		isUnique:     sqliteCode(sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY),
		isForeignKey: sqliteCode(sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY),
		match:        sqliteMatch,
		fts:          sqliteFTS,
	}}
	s.migrator, err = newMigrator(goose.DialectSQLite3, write, "sqlite")
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("store: sqlite migrations: %w", err)
	}
	return s, nil
}

func sqliteCode(codes ...int) func(error) bool {
	return func(err error) bool {
		var e *sqlite.Error
		if !errors.As(err, &e) {
			return false
		}
		for _, c := range codes {
			if e.Code() == c {
				return true
			}
		}
		return false
	}
}

// sqliteMatch finds documents of a kind through FTS5 alone: every group met by one of
// its terms (terms are letters and digits, quoted anyway), best by FTS5's bm25 first, or
// newest first. FTS5 weighs the terms itself, and stops at the newest matches by itself.
func sqliteMatch(m ftsMatch) (from, order string, args []any) {
	ands := make([]string, len(m.groups))
	for i, g := range m.groups {
		q := make([]string, len(g))
		for j, t := range g {
			q[j] = `"` + t + `"`
		}
		ands[i] = "(" + strings.Join(q, " OR ") + ")"
	}
	match := `kind : "` + m.kind + `" AND terms : (` + strings.Join(ands, " AND ") + `)`
	score, best, order := "rank", "rank", "d.score"
	if !m.ranked {
		score, best, order = "rowid", "rowid DESC", "d.score DESC"
	}
	return `(SELECT f.doc_id, s.id, f.score FROM (SELECT rowid AS doc_id, ` + score + ` AS score FROM search_fts WHERE search_fts MATCH ?
		ORDER BY ` + best + ` LIMIT ` + fmt.Sprint(matchLimit) + `) f JOIN search_docs s ON s.doc_id = f.doc_id) d`, order, []any{match}
}

// sqliteFTS keeps the FTS5 table (external content: search_docs) in step.
var sqliteFTS = &ftsQueries{
	remove: `INSERT INTO search_fts (search_fts, rowid, kind, terms) VALUES ('delete', ?, ?, ?)`,
	add:    `INSERT INTO search_fts (rowid, kind, terms) SELECT doc_id, kind, terms FROM search_docs WHERE doc_id = ?`,
	append: `INSERT INTO search_fts (rowid, kind, terms) SELECT doc_id, kind, terms FROM search_docs WHERE kind = ? AND doc_id > ?`,
	clear:  `INSERT INTO search_fts (search_fts) VALUES ('delete-all')`,
}
