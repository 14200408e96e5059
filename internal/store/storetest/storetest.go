// Package storetest opens real, migrated, isolated databases for tests: SQLite in a temp
// dir, and PostgreSQL in a schema of its own when TILLSAMMANS_TEST_DATABASE_URL is set.
// Under CI=true a missing PostgreSQL fails the test instead of skipping it.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/tillsammans/tillsammans/internal/store"
)

// Dialects are the databases every store test runs against.
var Dialects = []string{"sqlite", "postgres"}

// ForEach runs fn as a subtest on each database.
func ForEach(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(d, func(t *testing.T) { fn(t, Open(t, d)) })
	}
}

// ForEachPair runs fn as a subtest on each database with two stores on one database, as
// two instances of the platform would have.
func ForEachPair(t *testing.T, fn func(t *testing.T, a, b *store.Store)) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(d, func(t *testing.T) {
			dsn := DSN(t, d)
			fn(t, OpenDSN(t, d, dsn), OpenDSN(t, d, dsn))
		})
	}
}

// Open returns a migrated store on dialect that is closed and removed after the test.
func Open(t testing.TB, dialect string) *store.Store {
	t.Helper()
	return OpenDSN(t, dialect, DSN(t, dialect))
}

// OpenDSN returns a migrated store on the database dsn, closed after the test.
func OpenDSN(t testing.TB, dialect, dsn string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return s
}

// DSN returns the name of a new empty database for dialect, removed after the test.
func DSN(t testing.TB, dialect string) string {
	t.Helper()
	if dialect == "sqlite" {
		return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	}
	base := PostgresURL(t)
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err == nil {
			admin.Exec("DROP SCHEMA " + schema + " CASCADE")
			admin.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// PostgresURL returns TILLSAMMANS_TEST_DATABASE_URL, skipping the test without it (failing under CI).
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("TILLSAMMANS_TEST_DATABASE_URL")
	if u == "" {
		Skip(t, "PostgreSQL: TILLSAMMANS_TEST_DATABASE_URL is not set")
	}
	return u
}

// Skip skips the test for a missing service, or fails it under CI=true where every
// service must be present.
func Skip(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (CI=true: a missing service fails the run)", why)
	}
	t.Skip(why)
}
