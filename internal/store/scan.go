package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

type scanner interface{ Scan(...any) error }

// collect scans every row and closes rows.
func collect[T any](rows *sql.Rows, scan func(scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// affected returns a NotFound error with key when an update touched no row.
func affected(res sql.Result, err error, key string) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound(sql.ErrNoRows, key)
	}
	return nil
}

// fold lower-cases in Go: SQLite's lower() knows only ASCII, and names have å, ä and ö.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// contains makes a LIKE pattern that finds s anywhere, with % and _ in s matching
// themselves; queries say ESCAPE '\'.
func contains(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%"
}

// nullTime scans a time that may be NULL, and that SQLite returns as text when it comes
// from an expression (min, max) rather than from a column declared TIMESTAMP.
type nullTime struct{ Time time.Time }

func (t *nullTime) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		t.Time = time.Time{}
	case time.Time:
		t.Time = v
	case string:
		return t.parse(v)
	case []byte:
		return t.parse(string(v))
	default:
		return fmt.Errorf("store: cannot scan %T as time", v)
	}
	return nil
}

func (t *nullTime) parse(s string) error {
	var err error
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano} {
		if t.Time, err = time.Parse(layout, s); err == nil {
			return nil
		}
	}
	return fmt.Errorf("store: parse time %q: %w", s, err)
}

// nullID stores 0, meaning none, as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// eachRow runs a query and hands every row to scan, for the queries that fill the lists
// of records already read.
func eachRow(ctx context.Context, c conn, query string, args []any, scan func(r scanner) error) error {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
