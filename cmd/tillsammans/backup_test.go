package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/demo"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestBackupRestore backs up a database with the demo data on each database, restores it
// into an empty one, compares every row of every table, and signs in with a password and
// a token made before the backup.
func TestBackupRestore(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			db := storetest.DSN(t, dialect)
			mustCLI(t, "", "migrate", "--db", db)
			s := openDB(t, db)
			if _, _, err := demo.Load(ctx, s); err != nil {
				t.Fatal(err)
			}
			mustCLI(t, password+"\n", "user", "create", "--email", "anna@region.example", "--name", "Anna", "--password-stdin", "--db", db)
			token := strings.TrimSpace(mustCLI(t, "", "token", "create", "--email", "anna@region.example", "--name", "backup", "--db", db))
			before := snapshot(t, db)
			s.Close()
			rows := 0
			for _, r := range before {
				rows += len(r)
			}
			if len(before) < 20 || rows < 500 {
				t.Fatalf("the demo data fills %d tables with %d rows: too few to compare", len(before), rows)
			}

			file := filepath.Join(t.TempDir(), "backup")
			mustCLI(t, "", "backup", "--to", file, "--db", db)
			target := db
			if dialect == "sqlite" {
				target = storetest.DSN(t, dialect)
			} else {
				// The backup holds its schema: the database is emptied and filled again.
				dropSchema(t, db)
			}
			mustCLI(t, "", "restore", "--from", file, "--db", target)
			after := snapshot(t, target)
			if len(after) != len(before) {
				t.Errorf("%d tables restored, want %d", len(after), len(before))
			}
			for table, rows := range before {
				if !slices.Equal(after[table], rows) {
					t.Errorf("table %s: %d rows restored differ from the %d backed up", table, len(after[table]), len(rows))
				}
			}

			r := openDB(t, target)
			accounts := auth.NewAccounts(r)
			if _, _, err := accounts.SignIn(ctx, "anna@region.example", password, "127.0.0.1"); err != nil {
				t.Errorf("sign in after restore: %v", err)
			}
			if u, err := accounts.TokenUser(ctx, token); err != nil || u.Email != "anna@region.example" {
				t.Errorf("token after restore: %v %v", u.Email, err)
			}
			// The restored database goes on numbering where the backed-up one stopped.
			mustCLI(t, password+"\n", "user", "create", "--email", "bo@region.example", "--name", "Bo", "--password-stdin", "--db", target)
			if _, err := cli(t, "", "restore", "--from", file, "--db", target); err == nil {
				t.Error("restore into a database that holds tables succeeded")
			}
		})
	}
}

// snapshot reads every row of every table of a database, as sorted lines per table.
func snapshot(t *testing.T, dsn string) map[string][]string {
	t.Helper()
	driver, name, tables := "pgx", dsn, `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, name, tables = "sqlite", path, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	}
	db, err := sql.Open(driver, name)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var names []string
	rows, err := db.Query(tables)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	out := map[string][]string{}
	for _, n := range names {
		rows, err := db.Query(`SELECT * FROM "` + n + `"`)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		lines := []string{}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%q", vals))
		}
		rows.Close()
		slices.Sort(lines)
		out[n] = lines
	}
	return out
}

func dropSchema(t *testing.T, dsn string) {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var schema string
	if err := db.QueryRow(`SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DROP SCHEMA "` + schema + `" CASCADE`); err != nil {
		t.Fatal(err)
	}
}

// TestAuditVerify checks the demo data's audit log through the command.
func TestAuditVerify(t *testing.T) {
	db := storetest.DSN(t, "sqlite")
	mustCLI(t, "", "migrate", "--db", db)
	if _, _, err := demo.Load(context.Background(), openDB(t, db)); err != nil {
		t.Fatal(err)
	}
	out := mustCLI(t, "", "audit", "verify", "--db", db)
	var n int
	if _, err := fmt.Sscanf(out, "audit log: %d entries, none changed or removed", &n); err != nil || n < 50 {
		t.Errorf("audit verify printed %q", out)
	}
}
