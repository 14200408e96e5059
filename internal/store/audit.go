package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Kinds of audited objects that search does not know (search.go names the others).
const (
	kindApplication    = app.KindApplication
	kindCall           = "call"
	kindEvent          = app.KindEvent
	kindPartnerRequest = app.KindPartnerRequest
	kindProject        = app.KindProject
	kindRoom           = "room"
	kindRoulette       = "roulette"
	kindRetention      = "retention"
	kindTag            = "tag"
	kindVisitor        = "hub_visitor"
)

// objectOrg reads the organisation an object belongs to (for an application, its lead
// applicant's); kinds that belong to none (calls, rooms, tags) are not listed.
var objectOrg = map[string]string{
	kindNeed:           `SELECT org_id FROM needs WHERE id = ?`,
	kindSolution:       `SELECT org_id FROM solutions WHERE id = ?`,
	kindEvent:          `SELECT org_id FROM events WHERE id = ?`,
	kindProject:        `SELECT org_id FROM projects WHERE id = ?`,
	kindApplication:    `SELECT org_id FROM application_partners WHERE application_id = ? AND role = 'lead'`,
	kindPartnerRequest: `SELECT org_id FROM partner_requests WHERE id = ?`,
}

// auditObject appends an entry for a change to the object kind/id, recorded with the
// organisation it belongs to (0 when it belongs to none, or is gone).
func auditObject(ctx context.Context, c conn, action, kind string, id int64, before, after any) error {
	var orgID int64
	if q, ok := objectOrg[kind]; ok {
		err := c.queryRow(ctx, q, id).Scan(&orgID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: audit: %w", err)
		}
	}
	return audit(ctx, c, action, kind, id, orgID, before, after)
}

// selfActor says that the person acts where nobody is signed in yet: signing up, signing in
// through a provider, using a recovery code.
func selfActor(ctx context.Context, userID int64) context.Context {
	if app.ActorFrom(ctx) == 0 {
		return app.WithActor(ctx, userID)
	}
	return ctx
}

// retention runs a housekeeping statement that removes records kept long enough (its one
// argument: the time before which they go) and, when it removed any, enters how many in the
// audit log, in the same transaction.
func retention(ctx context.Context, s *Store, action, statement string, before any) (int64, error) {
	var n int64
	err := s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, statement, before)
		if err != nil {
			return fmt.Errorf("store: %s: %w", action, err)
		}
		if n, err = res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return audit(ctx, c, action, kindRetention, 0, 0, nil, map[string]any{"removed": n, "before": before})
	})
	return n, err
}

// snapshot reads a row of table (a name from the code, never from input) as column →
// value: the before of an audit entry for a change that replaces it.
func snapshot(ctx context.Context, c conn, table string, id int64) (map[string]any, error) {
	rows, err := c.query(ctx, `SELECT * FROM `+table+` WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, sql.ErrNoRows
	}
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	row := make(map[string]any, len(cols))
	for i, col := range cols {
		if b, ok := vals[i].([]byte); ok {
			vals[i] = string(b)
		}
		row[col] = vals[i]
	}
	return row, rows.Err()
}

// audit appends an entry to the audit log in the transaction c: who acts comes from ctx,
// before and after are written as JSON (nil: nothing). Appends are serialised (an
// advisory lock on PostgreSQL, the single writer on SQLite), so that each entry's hash
// covers the entry before it.
func audit(ctx context.Context, c conn, action, kind string, id, orgID int64, before, after any) error {
	e := app.AuditEntry{At: time.Now().UTC().Truncate(time.Microsecond), ActorID: app.ActorFrom(ctx), Action: action,
		ObjectKind: kind, ObjectID: id, OrgID: orgID, Before: auditJSON(before), After: auditJSON(after)}
	if c.d.auditLock != "" {
		if _, err := c.exec(ctx, c.d.auditLock); err != nil {
			return err
		}
	}
	prev := make([]byte, sha256.Size)
	err := c.queryRow(ctx, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: audit: %w", err)
	}
	_, err = c.exec(ctx, `INSERT INTO audit_log (at, actor_id, action, object_kind, object_id, org_id, before, after, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.At, nullID(e.ActorID), e.Action, e.ObjectKind, e.ObjectID, nullID(e.OrgID),
		e.Before, e.After, prev, auditHash(prev, e))
	if err == nil && c.audited != nil && !app.IsRead(action) {
		*c.audited = true
	}
	return err
}

// ChangeClock is the id of the newest audit entry of a change (not of a read), 0 before
// the first. Every change is entered in the log, in the same transaction, so the clock
// moves when anything does; appends are serialised, so ids become visible in order. The
// condition is the one of the index audit_log_changes (migration 00032), word for word, so
// that both databases read one entry of it.
func (s *Store) ChangeClock(ctx context.Context) (int64, error) {
	var id int64
	err := s.r().queryRow(ctx, `SELECT id FROM audit_log WHERE action NOT LIKE '%.read' ORDER BY id DESC LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// recent is a value as the database gave it at a time, with the count of this store's
// changes then: the change clock, a session's person.
type recent[T any] struct {
	value   T
	at      time.Time
	changes uint64
}

// holds says whether the value may still serve at now: nothing was changed through this
// store since, and it is younger than maxAge.
func (r recent[T]) holds(changes uint64, now time.Time, maxAge time.Duration) bool {
	return !r.at.IsZero() && r.changes == changes && now.Sub(r.at) < maxAge
}

// RecentChangeClock is the change clock as read at most maxAge ago, unless a change was
// committed through this store since: a change made through another instance shows within
// maxAge, one made through this one at once. Pages kept for visitors ask it for every
// request, and the database only a few times a second.
func (s *Store) RecentChangeClock(ctx context.Context, maxAge time.Duration) (int64, error) {
	changes, start := s.changes.Load(), time.Now()
	s.clockMu.Lock()
	c := s.clock
	s.clockMu.Unlock()
	if c.holds(changes, start, maxAge) {
		return c.value, nil
	}
	value, err := s.ChangeClock(ctx)
	if err != nil {
		return 0, err
	}
	s.clockMu.Lock()
	if start.After(s.clock.at) {
		s.clock = recent[int64]{value: value, at: start, changes: changes}
	}
	s.clockMu.Unlock()
	return value, nil
}

func auditJSON(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", err.Error())
	}
	return string(b)
}

// auditHash covers the previous entry's hash and every field of an entry but its id.
func auditHash(prev []byte, e app.AuditEntry) []byte {
	h := sha256.New()
	h.Write(prev)
	for _, f := range []string{e.At.UTC().Format(time.RFC3339Nano), strconv.FormatInt(e.ActorID, 10), e.Action, e.ObjectKind,
		strconv.FormatInt(e.ObjectID, 10), strconv.FormatInt(e.OrgID, 10), e.Before, e.After} {
		h.Write([]byte(f))
		h.Write([]byte{0x1f})
	}
	return h.Sum(nil)
}

const auditColumns = `id, at, COALESCE(actor_id, 0), action, object_kind, object_id, COALESCE(org_id, 0), before, after`

func scanAudit(r scanner, extra ...any) (app.AuditEntry, error) {
	var e app.AuditEntry
	err := r.Scan(append([]any{&e.ID, &e.At, &e.ActorID, &e.Action, &e.ObjectKind, &e.ObjectID, &e.OrgID, &e.Before, &e.After}, extra...)...)
	return e, err
}

// AuditLog lists entries newest first.
func (s *Store) AuditLog(ctx context.Context, f app.AuditFilter) (app.List[app.AuditEntry], error) {
	f.Page = f.Page.Clamp()
	cur, err := parseCursor(f.Cursor)
	if err != nil {
		return app.List[app.AuditEntry]{}, err
	}
	where, args := `WHERE 1 = 1`, []any{}
	for _, c := range []struct {
		col string
		v   any
		set bool
		op  string
	}{{"actor_id", f.ActorID, f.ActorID != 0, " = ?"}, {"object_kind", f.ObjectKind, f.ObjectKind != "", " = ?"},
		{"object_id", f.ObjectID, f.ObjectID != 0, " = ?"}, {"action", f.Action, f.Action != "", " = ?"}, {"org_id", f.OrgID, f.OrgID != 0, " = ?"},
		{"at", f.From.UTC(), !f.From.IsZero(), " >= ?"}, {"at", f.To.UTC(), !f.To.IsZero(), " < ?"}, {"id", cur.id, cur.id != 0, " < ?"}} {
		if c.set {
			where, args = where+" AND "+c.col+c.op, append(args, c.v)
		}
	}
	rows, err := s.r().query(ctx, `SELECT `+auditColumns+` FROM audit_log `+where+` ORDER BY id DESC LIMIT ?`, append(args, f.Limit+1)...)
	if err != nil {
		return app.List[app.AuditEntry]{}, err
	}
	items, err := collect(rows, func(r scanner) (app.AuditEntry, error) { return scanAudit(r) })
	if err != nil {
		return app.List[app.AuditEntry]{}, err
	}
	return page(items, f.Limit, func(e app.AuditEntry) cursor { return cursor{id: e.ID} }), nil
}

// VerifyAudit walks the whole chain and returns how many entries it checked, or an error
// that names the first entry that was changed, or after which one went missing.
func (s *Store) VerifyAudit(ctx context.Context) (int, error) {
	rows, err := s.r().query(ctx, `SELECT `+auditColumns+`, prev_hash, hash FROM audit_log ORDER BY id`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	prev := make([]byte, sha256.Size)
	n := 0
	for rows.Next() {
		var stored, hash []byte
		e, err := scanAudit(rows, &stored, &hash)
		if err != nil {
			return n, err
		}
		if !bytes.Equal(stored, prev) {
			return n, fmt.Errorf("audit: entry %d does not follow the entry before it: one is missing or was changed", e.ID)
		}
		if !bytes.Equal(hash, auditHash(prev, e)) {
			return n, fmt.Errorf("audit: entry %d was changed after it was written", e.ID)
		}
		prev, n = hash, n+1
	}
	return n, rows.Err()
}
