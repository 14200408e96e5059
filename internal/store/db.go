// Package store is the only place that speaks SQL. One implementation over database/sql
// serves SQLite (the embedded default) and PostgreSQL (for scale); what differs between them
// lives in sqlite.go and postgres.go.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pressly/goose/v3"

	"github.com/tillsammans/tillsammans/internal/app"
)

//go:embed migrations
var migrations embed.FS

// Store implements app.Store. Reads go to a pool, writes to the writer: on SQLite a single
// connection (one writer avoids "database is locked"), on PostgreSQL the same pool.
type Store struct {
	dsn         string
	read, write *sql.DB
	dialect     *dialect
	migrator    *goose.Provider
	// readStmts and writeStmts keep prepared statements per pool.
	readStmts, writeStmts *stmtCache
	// jobEnqueued, when set, hears of every job committed through this store.
	jobEnqueued func()
	// changes counts what was committed through this store that a kept page or a kept
	// session may show: audited transactions, sign-outs, notifications marked read. clock is
	// the change clock as last read (RecentChangeClock), sessions the sessions as last read
	// (RecentSessionUser).
	changes    atomic.Uint64
	clockMu    sync.Mutex
	clock      recent[int64]
	sessionsMu sync.Mutex
	sessions   map[string]recent[app.SignedIn]
}

var _ app.Store = (*Store)(nil)

// dialect is the thin seam between the two databases.
type dialect struct {
	name string
	// positional turns ? placeholders into $1, $2, ….
	positional bool
	// isUnique and isForeignKey classify constraint violations.
	isUnique, isForeignKey func(error) bool
	// match is the full-text part of a search: a subquery d of at most matchLimit
	// documents (doc_id, id, score), the order of d by relevance when ranked (else newest
	// first), and the subquery's arguments.
	match func(ftsMatch) (from, order string, args []any)
	// recentWindow says that match honours ftsMatch.recent (PostgreSQL).
	recentWindow bool
	// fts keeps the full-text table (search_fts) in step with search_docs.
	fts *ftsQueries
	// rebuild is what a reindex runs before writing every entry anew and after.
	// cleanUp runs after the reindex committed, outside a transaction (VACUUM must).
	rebuild struct{ before, after, cleanUp []string }
	// auditLock serialises appends to the audit log across connections (PostgreSQL).
	auditLock string
	// analyze refreshes the planner's figures of every table (PostgreSQL).
	analyze string
	// skipLocked ends a subquery that picks rows to claim: PostgreSQL locks them and
	// passes over those another transaction holds; SQLite has one writer and needs nothing.
	skipLocked string
	// lockRow ends a query that reads the one row (an event, a room) whose changes must be
	// made one after the other: PostgreSQL locks it until the transaction ends; SQLite's one
	// writer already makes every write transaction wait for the one before.
	lockRow string
	rebound sync.Map // query → rebound query
}

// Open connects to a database named like "sqlite:path/to/file.db" or "postgres://…".
// It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*Store, error) {
	var s *Store
	var err error
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		s, err = openSQLite(strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		s, err = openPostgres(dsn)
	default:
		return nil, fmt.Errorf("store: unknown database %q: use sqlite:FILE or postgres://…", dsn)
	}
	if err != nil {
		return nil, err
	}
	s.dsn = dsn
	s.readStmts, s.writeStmts = newStmtCache(s.read), newStmtCache(s.write)
	if s.read == s.write {
		s.readStmts = s.writeStmts
	}
	if err := s.write.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	return s, nil
}

func newMigrator(d goose.Dialect, db *sql.DB, dir string, opts ...goose.ProviderOption) (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations/"+dir)
	if err != nil {
		return nil, err
	}
	// Capabilities built side by side number their migrations apart: one that lands after
	// a higher number was applied is applied when it is found missing. Every migration
	// adds its own tables or columns, so their order between capabilities does not matter.
	return goose.NewProvider(d, db, sub, append(opts, goose.WithAllowOutofOrder(true))...)
}

// Dialect names the database: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect.name }

// Close closes both pools.
func (s *Store) Close() error {
	s.readStmts.close()
	s.writeStmts.close()
	err := s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// Migrate applies every pending migration.
func (s *Store) Migrate(ctx context.Context) error {
	if _, err := s.migrator.Up(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

// MigrationStatus is one migration and whether it is applied.
type MigrationStatus struct {
	Version int64
	Source  string
	Applied bool
}

// MigrationStatus lists every known migration.
func (s *Store) MigrationStatus(ctx context.Context) ([]MigrationStatus, error) {
	st, err := s.migrator.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: migration status: %w", err)
	}
	out := make([]MigrationStatus, len(st))
	for i, m := range st {
		out[i] = MigrationStatus{m.Source.Version, m.Source.Path, m.State == goose.StateApplied}
	}
	return out, nil
}

// Ready reports an error unless the database answers and no migration is pending.
func (s *Store) Ready(ctx context.Context) error {
	if err := s.read.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	pending, err := s.migrator.HasPending(ctx)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	if pending {
		return errors.New("store: migrations pending")
	}
	return nil
}

// Stats returns the pools for metrics.
func (s *Store) Pools() map[string]*sql.DB {
	if s.read == s.write {
		return map[string]*sql.DB{"main": s.write}
	}
	return map[string]*sql.DB{"read": s.read, "write": s.write}
}

// queryer is what *sql.DB and *sql.Tx have in common.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn runs portable SQL (with ? placeholders) on a pool or a transaction. On a pool,
// statements are prepared once and kept: parsing the SQL was a tenth of a page's cost.
type conn struct {
	q     queryer
	d     *dialect
	stmts *stmtCache // nil in a transaction
	// enqueued is set when a job was enqueued in the transaction, so that the store can
	// tell the workers once it commits; audited when an audit entry was appended, so that
	// it moves its change clock. Both nil outside a transaction.
	enqueued, audited *bool
}

func (c conn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	query = c.d.rebind(query)
	logQuery(ctx, query, args)
	if st := c.stmts.get(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return c.q.ExecContext(ctx, query, args...)
}

func (c conn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	query = c.d.rebind(query)
	logQuery(ctx, query, args)
	if st := c.stmts.get(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return c.q.QueryContext(ctx, query, args...)
}

func (c conn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	query = c.d.rebind(query)
	logQuery(ctx, query, args)
	if st := c.stmts.get(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return c.q.QueryRowContext(ctx, query, args...)
}

// QueryLog holds the statements run under a context that carries it (WithQueryLog), in
// the dialect's own placeholders, for tests that look at what a page asks of the
// database and how the database answers it.
type QueryLog struct {
	mu         sync.Mutex
	statements []Statement
}

// Statement is one statement as it was sent, with its arguments.
type Statement struct {
	SQL  string
	Args []any
}

type queryLogKey struct{}

// WithQueryLog returns a context under which the store records every statement in l.
func WithQueryLog(ctx context.Context, l *QueryLog) context.Context {
	return context.WithValue(ctx, queryLogKey{}, l)
}

// Statements returns what was recorded so far.
func (l *QueryLog) Statements() []Statement {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.statements)
}

func logQuery(ctx context.Context, query string, args []any) {
	if l, ok := ctx.Value(queryLogKey{}).(*QueryLog); ok {
		l.mu.Lock()
		l.statements = append(l.statements, Statement{query, args})
		l.mu.Unlock()
	}
}

func (s *Store) r() conn { return conn{q: s.read, d: s.dialect, stmts: s.readStmts} }
func (s *Store) w() conn { return conn{q: s.write, d: s.dialect, stmts: s.writeStmts} }

// stmtCache keeps prepared statements of one pool by their SQL. Queries whose text varies
// without end would fill it, so it stops growing at maxStatements and the rest run
// unprepared.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

const maxStatements = 2000

func newStmtCache(db *sql.DB) *stmtCache { return &stmtCache{db: db, m: map[string]*sql.Stmt{}} }

// get returns the prepared statement for query, or nil to run it unprepared.
func (c *stmtCache) get(ctx context.Context, query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st
	}
	if len(c.m) >= maxStatements {
		return nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil // the unprepared run reports the error
	}
	c.m[query] = st
	return st
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = map[string]*sql.Stmt{}
}

// tx runs fn in one write transaction: everything or nothing.
func (s *Store) tx(ctx context.Context, fn func(c conn) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	var enqueued, audited bool
	if err := fn(conn{q: tx, d: s.dialect, enqueued: &enqueued, audited: &audited}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	if audited {
		s.changes.Add(1)
	}
	if enqueued {
		s.jobsEnqueued()
	}
	return nil
}

func (d *dialect) rebind(query string) string {
	if !d.positional {
		return query
	}
	if q, ok := d.rebound.Load(query); ok {
		return q.(string)
	}
	var b strings.Builder
	n, inString := 0, false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			inString = !inString
		case c == '?' && !inString:
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(c)
	}
	d.rebound.Store(query, b.String())
	return b.String()
}

// notFound turns sql.ErrNoRows into a NotFound error with the given message key.
func notFound(err error, key string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return app.Errorf(app.NotFound, key)
	}
	return err
}

// conflict turns a unique violation into a Conflict error on field.
func (d *dialect) conflict(err error, field, key string) error {
	if err != nil && d.isUnique(err) {
		return &app.Error{Code: app.Conflict, Message: key, Fields: map[string]string{field: key}}
	}
	return err
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
