package store

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Backup writes a consistent copy of the database to the file to, also while others keep
// writing: SQLite copies itself (VACUUM INTO); PostgreSQL is dumped by pg_dump in its
// custom format, only the schema the connection's search_path names when it names one.
func (s *Store) Backup(ctx context.Context, to string) error {
	if s.dialect.name == "sqlite" {
		if _, err := s.write.ExecContext(ctx, "VACUUM INTO ?", to); err != nil {
			return fmt.Errorf("store: backup: %w", err)
		}
		return nil
	}
	pg, err := pgTool(s.dsn)
	if err != nil {
		return err
	}
	args := []string{"--format=custom", "--no-owner", "--no-privileges", "--file=" + to}
	if pg.schema != "public" {
		args = append(args, "--schema="+pg.schema)
	}
	_, err = pg.output(ctx, "pg_dump", args...)
	return err
}

// Restore fills the empty database dsn from a file that Backup wrote. It refuses a
// database that holds tables already.
func Restore(ctx context.Context, dsn, from string) error {
	if _, err := os.Stat(from); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		return restoreSQLite(ctx, path, from)
	}
	pg, err := pgTool(dsn)
	if err != nil {
		return err
	}
	// The dump names the schema it came from; pg_restore writes into that one.
	list, err := pg.output(ctx, "pg_restore", "--list", from)
	if err != nil {
		return err
	}
	dumped := "public"
	for sc := bufio.NewScanner(bytes.NewReader(list)); sc.Scan(); {
		// "123; 2615 16398 SCHEMA - t_ab12 postgres"
		if f := strings.Fields(sc.Text()); len(f) >= 6 && f[3] == "SCHEMA" && f[4] == "-" {
			dumped = f[5]
		}
	}
	if dumped != pg.schema {
		return fmt.Errorf("store: restore: the backup holds schema %q, the database names %q", dumped, pg.schema)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	defer conn.Close(ctx)
	var tables int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = $1`, pg.schema).Scan(&tables); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	if tables > 0 {
		return fmt.Errorf("store: restore: schema %q holds %d tables: restore into an empty database", pg.schema, tables)
	}
	if pg.schema != "public" {
		// An empty schema of that name would stop pg_restore creating it.
		if _, err := conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{pg.schema}.Sanitize()); err != nil {
			return fmt.Errorf("store: restore: %w", err)
		}
	}
	_, err = pg.output(ctx, "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname="+pg.database, from)
	return err
}

// restoreSQLite copies a backup to path, which must not hold a database yet.
func restoreSQLite(ctx context.Context, path, from string) error {
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		return fmt.Errorf("store: restore: %s exists: restore into an empty database", path)
	}
	// The backup must be a database of ours.
	src, err := Open(ctx, "sqlite:"+from)
	if err != nil {
		return err
	}
	var tables int
	err = src.read.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'goose_db_version'`).Scan(&tables)
	src.Close()
	if err != nil || tables != 1 {
		return fmt.Errorf("store: restore: %s is not a backup of Tillsammans: %v", from, err)
	}
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(path), ".restore-*")
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return fmt.Errorf("store: restore: %w", err)
	}
	if err := errors.Join(tmp.Sync(), tmp.Close()); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	return os.Rename(tmp.Name(), path)
}

// pgConn is how PostgreSQL's own tools reach the database of a DSN.
type pgConn struct {
	database, schema string
	env              []string
}

func pgTool(dsn string) (pgConn, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return pgConn{}, fmt.Errorf("store: %w", err)
	}
	sslmode := "disable"
	if cfg.TLSConfig != nil {
		sslmode = "require"
	}
	env := append(os.Environ(), "PGHOST="+cfg.Host, fmt.Sprint("PGPORT=", cfg.Port), "PGUSER="+cfg.User,
		"PGPASSWORD="+cfg.Password, "PGDATABASE="+cfg.Database, "PGSSLMODE="+sslmode)
	schema := cfg.RuntimeParams["search_path"]
	if schema == "" {
		schema = "public"
	}
	return pgConn{database: cfg.Database, schema: schema, env: env}, nil
}

// output runs one of PostgreSQL's tools against the database.
func (c pgConn) output(ctx context.Context, tool string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Env = c.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w: %s", tool, err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
