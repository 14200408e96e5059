package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// What the matcher finds for a need is kept (need_matches), not found again for every
// view of its page: its best solutions and organisations (ranking the need's whole text
// against every one of them, four fifths of what the page cost), and the open calls that
// fit it. Each list is kept with the match clock it was found at, the newest audit entry
// that can change it: a change to the need's text, or to any solution, organisation, call
// or tag (the vocabulary). Every such change is audited, on every instance, so a kept list
// is found again once that clock moves; and when its time is past: a day for matches (the
// index rebuilt by `tillsammans reindex` moves no clock), the next deadline of any call
// for the open calls.
const (
	keptMatches = 20
	keptMaxAge  = 24 * time.Hour
)

// keptRow reads, in one statement, what is kept of a kind for the need (valid false when
// nothing is) and the need's match clock now: the newest change that can change what the
// matcher finds for it. Each part of the clock is the newest entry of one kind of object,
// read from an index; the kinds are written into the statement, not bound, so that
// PostgreSQL may use its partial index of them (migration 00031).
func keptRow(ctx context.Context, c conn, needID int64, kind string) (clock int64, k keptList, err error) {
	newest := func(kind string) string { return `(SELECT max(id) FROM audit_log WHERE object_kind = '` + kind + `')` }
	var parts [5]sql.NullInt64
	var keptClock sql.NullInt64
	var from, until sql.NullTime
	var list sql.NullString
	err = c.queryRow(ctx, `SELECT
		(SELECT max(id) FROM audit_log WHERE object_kind = ? AND object_id = ? AND action IN (?, ?)), `+
		newest(kindSolution)+`, `+newest(kindOrg)+`, `+newest(kindCall)+`, `+newest(kindTag)+`,
		m.clock, m.computed_at, m.expires_at, m.matches
		FROM (SELECT 1 AS one) x LEFT JOIN need_matches m ON m.need_id = ? AND m.kind = ?`,
		kindNeed, needID, app.AuditNeedCreate, app.AuditNeedUpdate, needID, kind).
		Scan(&parts[0], &parts[1], &parts[2], &parts[3], &parts[4], &keptClock, &from, &until, &list)
	if err != nil {
		return 0, k, fmt.Errorf("store: kept %s of need %d: %w", kind, needID, err)
	}
	for _, p := range parts {
		clock = max(clock, p.Int64)
	}
	return clock, keptList{keptClock.Valid, keptClock.Int64, from.Time, until.Time, list.String}, nil
}

// keptList is what is kept of a kind for a need: the match clock it was found at, the
// time it was found for and holds until, and the list as JSON.
type keptList struct {
	valid       bool
	clock       int64
	from, until time.Time
	list        string
}

// found is what the matcher found for a need: the list, and until when it holds.
type found[T any] struct {
	list    []T
	expires time.Time
}

// kept returns the first limit of what is kept of a kind for the need at now, finding
// and keeping it first when nothing is kept or what is kept is stale. find looks for the
// first limit anew.
func kept[T any](ctx context.Context, s *Store, needID int64, kind string, now time.Time, limit int, find func(limit int) (found[T], error)) ([]T, error) {
	if limit > keptMatches {
		f, err := find(limit)
		return f.list, err
	}
	// The clock is read before the list is found: a change meanwhile makes it stale.
	clock, k, err := keptRow(ctx, s.r(), needID, kind)
	if err != nil {
		return nil, err
	}
	if k.valid && k.clock == clock && !now.Before(k.from) && now.Before(k.until) {
		out, err := decodeFirst[T](k.list, limit)
		if err != nil {
			return nil, fmt.Errorf("store: kept %s of need %d: %w", kind, needID, err)
		}
		return out, nil
	}
	f, err := find(keptMatches)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(f.list)
	if err != nil {
		return nil, err
	}
	if _, err := s.w().exec(ctx, `INSERT INTO need_matches (need_id, kind, clock, computed_at, expires_at, matches) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (need_id, kind) DO UPDATE SET clock = excluded.clock, computed_at = excluded.computed_at,
			expires_at = excluded.expires_at, matches = excluded.matches`,
		needID, kind, clock, now.UTC(), f.expires.UTC(), string(b)); err != nil {
		return nil, fmt.Errorf("store: keep %s of need %d: %w", kind, needID, err)
	}
	return f.list[:min(limit, len(f.list))], nil
}

// keptMatch returns the kept matches of a kind for a need the viewer may see, kept for a
// day unless the clock moves; find ranks them anew for the need, read whole.
func (s *Store) keptMatch(ctx context.Context, v app.Viewer, needID int64, kind string, limit int, find func(n app.Need, limit int) ([]app.Match, error)) ([]app.Match, error) {
	vis, args := visibleNeeds(v)
	err := s.r().queryRow(ctx, `SELECT n.id FROM needs n WHERE n.id = ? AND `+vis, append([]any{needID}, args...)...).Scan(&needID)
	if err != nil {
		return nil, notFound(err, "err.need_not_found")
	}
	now := time.Now()
	return kept(ctx, s, needID, kind, now, limit, func(limit int) (found[app.Match], error) {
		f := found[app.Match]{expires: now.Add(keptMaxAge)}
		n, err := s.Need(ctx, v, needID)
		if err == nil {
			f.list, err = find(n, limit)
		}
		return f, err
	})
}

// decodeFirst decodes the first limit elements of a JSON array, and no more: a page shows
// five of the twenty kept.
func decodeFirst[T any](list string, limit int) ([]T, error) {
	dec := json.NewDecoder(strings.NewReader(list))
	if tok, err := dec.Token(); err != nil || tok == nil { // null: none were found
		return nil, err
	}
	out := make([]T, 0, limit)
	for len(out) < limit && dec.More() {
		var x T
		if err := dec.Decode(&x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}
