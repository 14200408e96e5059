package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// A need's best matches are kept (need_matches), not found again for every view of its
// page: finding them ranks the need's whole text against every solution or organisation,
// four fifths of what the page cost. They are kept with the match clock they were found
// at, the newest audit entry that can move them: a change to the need's text, or to any
// solution, organisation or tag (the vocabulary). Every such change is audited, on every
// instance, so a kept list is found again once that clock moves, and after keptMaxAge for
// what the clock does not see (the index rebuilt by `tillsammans reindex`).
const (
	keptMatches = 20
	keptMaxAge  = 24 * time.Hour
)

// matchClock reads the newest change that can move the need's matches: each part is the
// newest entry of one kind of object, read from an index.
func matchClock(ctx context.Context, c conn, needID int64) (int64, error) {
	var clock int64
	for _, q := range []struct {
		query string
		args  []any
	}{
		{`SELECT max(id) FROM audit_log WHERE object_kind = ? AND object_id = ? AND action IN (?, ?)`,
			[]any{kindNeed, needID, app.AuditNeedCreate, app.AuditNeedUpdate}},
		{`SELECT max(id) FROM audit_log WHERE object_kind = ?`, []any{kindSolution}},
		{`SELECT max(id) FROM audit_log WHERE object_kind = ?`, []any{kindOrg}},
		{`SELECT max(id) FROM audit_log WHERE object_kind = ?`, []any{kindTag}},
	} {
		var id sql.NullInt64
		if err := c.queryRow(ctx, q.query, q.args...).Scan(&id); err != nil {
			return 0, fmt.Errorf("store: match clock: %w", err)
		}
		clock = max(clock, id.Int64)
	}
	return clock, nil
}

// keptMatch returns the first limit of the need's kept matches of a kind, finding and
// keeping them first when none are kept or the kept ones are stale. find ranks them anew.
func (s *Store) keptMatch(ctx context.Context, needID int64, kind string, limit int, find func(limit int) ([]app.Match, error)) ([]app.Match, error) {
	if limit > keptMatches {
		return find(limit)
	}
	// The clock is read before the matches are found: a change meanwhile makes them stale.
	clock, err := matchClock(ctx, s.r(), needID)
	if err != nil {
		return nil, err
	}
	var keptClock int64
	var at time.Time
	var kept string
	err = s.r().queryRow(ctx, `SELECT clock, computed_at, matches FROM need_matches WHERE need_id = ? AND kind = ?`, needID, kind).
		Scan(&keptClock, &at, &kept)
	var out []app.Match
	switch {
	case err == nil && keptClock == clock && time.Since(at) < keptMaxAge:
		if err := json.Unmarshal([]byte(kept), &out); err != nil {
			return nil, fmt.Errorf("store: kept matches of need %d: %w", needID, err)
		}
	case err == nil || errors.Is(err, sql.ErrNoRows):
		if out, err = find(keptMatches); err != nil {
			return nil, err
		}
		b, err := json.Marshal(out)
		if err != nil {
			return nil, err
		}
		if _, err := s.w().exec(ctx, `INSERT INTO need_matches (need_id, kind, clock, computed_at, matches) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (need_id, kind) DO UPDATE SET clock = excluded.clock, computed_at = excluded.computed_at, matches = excluded.matches`,
			needID, kind, clock, time.Now().UTC(), string(b)); err != nil {
			return nil, fmt.Errorf("store: keep matches of need %d: %w", needID, err)
		}
	default:
		return nil, fmt.Errorf("store: kept matches of need %d: %w", needID, err)
	}
	return out[:min(limit, len(out))], nil
}
