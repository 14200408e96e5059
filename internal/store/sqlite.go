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

// Backup writes a consistent copy of a SQLite database to file while others keep writing.
func (s *Store) Backup(path string) error {
	if s.dialect.name != "sqlite" {
		return errors.New("store: backup --to works on SQLite; for PostgreSQL use pg_dump")
	}
	if _, err := s.write.Exec("VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

// sqliteMatch finds documents through FTS5; terms are letters and digits, quoted anyway.
func sqliteMatch(terms []string) (from, where, order string, arg any) {
	q := make([]string, len(terms))
	for i, t := range terms {
		q[i] = `"` + t + `"`
	}
	return "search_fts f JOIN search_docs d ON d.doc_id = f.rowid", "search_fts MATCH ?", "f.rank", strings.Join(q, " OR ")
}

// sqliteFTS keeps the FTS5 table (external content: search_docs) in step.
var sqliteFTS = &ftsQueries{
	remove: `INSERT INTO search_fts (search_fts, rowid, terms) VALUES ('delete', ?, ?)`,
	add:    `INSERT INTO search_fts (rowid, terms) VALUES (?, ?)`,
	append: `INSERT INTO search_fts (rowid, terms) SELECT doc_id, terms FROM search_docs WHERE kind = ? AND doc_id > ?`,
	clear:  `INSERT INTO search_fts (search_fts) VALUES ('delete-all')`,
}
