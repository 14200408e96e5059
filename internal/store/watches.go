package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/search"
)

func (s *Store) CreateWatch(ctx context.Context, userID int64, q app.SearchQuery) (app.Watch, error) {
	facets, err := json.Marshal(q)
	if err != nil {
		return app.Watch{}, err
	}
	w := app.Watch{Query: q, CreatedAt: time.Now().UTC()}
	err = s.tx(ctx, func(c conn) error {
		var n int
		if err := c.queryRow(ctx, `SELECT count(*) FROM watches WHERE user_id = ?`, userID).Scan(&n); err != nil {
			return err
		}
		if n >= app.MaxWatches {
			return app.Errorf(app.Conflict, "err.too_many_watches", app.MaxWatches)
		}
		if err := c.queryRow(ctx, `INSERT INTO watches (user_id, query, facets, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			userID, q.Q, string(facets), w.CreatedAt).Scan(&w.ID); err != nil {
			return err
		}
		return audit(ctx, c, app.AuditUserWatchCreate, kindPerson, userID, 0, nil, map[string]any{"watch_id": w.ID, "query": q})
	})
	return w, err
}

// scanWatch reads id, facets and created_at, then any extra columns into extra.
func scanWatch(r scanner, extra ...any) (app.Watch, error) {
	var w app.Watch
	var facets string
	if err := r.Scan(append([]any{&w.ID, &facets, &w.CreatedAt}, extra...)...); err != nil {
		return w, err
	}
	return w, json.Unmarshal([]byte(facets), &w.Query)
}

func (s *Store) Watches(ctx context.Context, userID int64) ([]app.Watch, error) {
	rows, err := s.r().query(ctx, `SELECT id, facets, created_at FROM watches WHERE user_id = ? ORDER BY id`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: watches: %w", err)
	}
	return collect(rows, func(r scanner) (app.Watch, error) { return scanWatch(r) })
}

func (s *Store) DeleteWatch(ctx context.Context, userID, id int64) error {
	return s.tx(ctx, func(c conn) error {
		var facets string
		if err := c.queryRow(ctx, `DELETE FROM watches WHERE id = ? AND user_id = ? RETURNING facets`, id, userID).Scan(&facets); err != nil {
			return notFound(err, "err.watch_not_found")
		}
		return audit(ctx, c, app.AuditUserWatchDelete, kindPerson, userID, 0, map[string]any{"watch_id": id, "query": json.RawMessage(facets)}, nil)
	})
}

// watchRecord is what a watch is checked against: the record's terms and facets.
type watchRecord struct {
	kind, title, orgKind, solutionType string
	terms                              map[string]bool
	care, tags                         []string
	trl                                int
}

func (r watchRecord) fits(q app.SearchQuery) bool {
	switch {
	case q.Kind != "" && q.Kind != r.kind,
		q.CareSetting != "" && !slices.Contains(r.care, q.CareSetting),
		q.Tag != "" && !slices.Contains(r.tags, fold(q.Tag)),
		q.OrgKind != "" && q.OrgKind != r.orgKind,
		q.SolutionType != "" && (r.kind != app.KindSolution || q.SolutionType != r.solutionType),
		q.TRLMin > 0 && (r.kind != app.KindSolution || r.trl < q.TRLMin):
		return false
	}
	return search.Meets(search.Default().Requirements(q.Q), r.terms)
}

func (s *Store) watchRecord(ctx context.Context, kind string, id int64) (watchRecord, error) {
	r := watchRecord{kind: kind}
	switch kind {
	case app.KindNeed:
		n, err := s.Need(ctx, app.Viewer{Admin: true}, id)
		if err != nil {
			return r, err
		}
		r.title, r.orgKind, r.care, r.tags = n.Title, string(n.Organisation.Kind), n.CareSettings, n.Tags
	case app.KindSolution:
		x, err := s.Solution(ctx, id)
		if err != nil {
			return r, err
		}
		r.title, r.orgKind, r.care, r.tags, r.solutionType, r.trl = x.Title, string(x.Organisation.Kind), x.CareSettings, x.Tags, x.Type, x.TRL
	default:
		return r, fmt.Errorf("store: watch: kind %q", kind)
	}
	for i, t := range r.tags {
		r.tags[i] = fold(t)
	}
	e, err := s.entry(ctx, kind, id)
	if err != nil {
		return r, err
	}
	r.terms = termSet(e.Terms)
	return r, nil
}

func (s *Store) MatchWatches(ctx context.Context, kind string, id int64) (int, error) {
	rec, err := s.watchRecord(ctx, kind, id)
	if err != nil {
		return 0, err
	}
	rows, err := s.r().query(ctx, `SELECT w.id, w.facets, w.created_at, w.user_id, u.is_admin FROM watches w JOIN users u ON u.id = w.user_id ORDER BY w.id`)
	if err != nil {
		return 0, fmt.Errorf("store: watches: %w", err)
	}
	type owned struct {
		app.Watch
		viewer app.Viewer
	}
	all, err := collect(rows, func(r scanner) (owned, error) {
		var o owned
		var err error
		o.Watch, err = scanWatch(r, &o.viewer.UserID, &o.viewer.Admin)
		return o, err
	})
	if err != nil {
		return 0, err
	}
	told := 0
	now := time.Now().UTC()
	for _, w := range all {
		if !rec.fits(w.Query) {
			continue
		}
		if kind == app.KindNeed {
			// The owner must see the need as its lists would show it.
			ms, err := s.UserMemberships(ctx, w.viewer.UserID)
			if err != nil {
				return told, err
			}
			for _, m := range ms {
				if !slices.Contains(w.viewer.OrgIDs, m.Organisation.ID) {
					w.viewer.OrgIDs = append(w.viewer.OrgIDs, m.Organisation.ID)
				}
			}
			if _, err := s.Need(ctx, w.viewer, id); err != nil {
				if app.ErrorCode(err) == app.NotFound {
					continue
				}
				return told, err
			}
		}
		err := s.tx(ctx, func(c conn) error {
			res, err := c.exec(ctx, `INSERT INTO watch_hits (watch_id, kind, record_id, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, w.ID, kind, id, now)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				return err
			}
			var needID, solutionID sql.NullInt64
			if kind == app.KindNeed {
				needID = sql.NullInt64{Int64: id, Valid: true}
			} else {
				solutionID = sql.NullInt64{Int64: id, Valid: true}
			}
			told++
			_, err = c.exec(ctx, `INSERT INTO notifications (user_id, need_id, solution_id, kind, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
				w.viewer.UserID, needID, solutionID, "watch", fmt.Sprint(w.ID), now)
			return err
		})
		if err != nil {
			return told, fmt.Errorf("store: watch hit: %w", err)
		}
	}
	return told, nil
}

func (s *Store) UnmailedWatchHits(ctx context.Context) (map[int64][]app.WatchHit, error) {
	rows, err := s.r().query(ctx, `SELECT w.id, w.facets, w.created_at, w.user_id, h.kind, h.record_id, h.at,
			COALESCE(n.title, x.title, '')
		FROM watch_hits h JOIN watches w ON w.id = h.watch_id
		LEFT JOIN needs n ON h.kind = 'need' AND n.id = h.record_id
		LEFT JOIN solutions x ON h.kind = 'solution' AND x.id = h.record_id
		WHERE h.mailed_at IS NULL ORDER BY w.user_id, h.at, h.record_id`)
	if err != nil {
		return nil, fmt.Errorf("store: unmailed hits: %w", err)
	}
	defer rows.Close()
	out := map[int64][]app.WatchHit{}
	for rows.Next() {
		var user int64
		var h app.WatchHit
		var err error
		if h.Watch, err = scanWatch(rows, &user, &h.Kind, &h.ID, &h.At, &h.Title); err != nil {
			return nil, err
		}
		out[user] = append(out[user], h)
	}
	return out, rows.Err()
}

func (s *Store) MarkWatchHitsMailed(ctx context.Context, userID int64, upTo, now time.Time) error {
	_, err := s.w().exec(ctx, `UPDATE watch_hits SET mailed_at = ? WHERE mailed_at IS NULL AND at <= ?
		AND watch_id IN (SELECT id FROM watches WHERE user_id = ?)`, now.UTC(), upTo.UTC(), userID)
	return err
}

// watchJob asks, in the transaction of a change, for the record to be checked against
// every watch once the change commits.
func watchJob(ctx context.Context, c conn, kind string, id int64, now time.Time) error {
	_, err := enqueueJob(ctx, c, app.NewJob{Kind: app.JobMatchWatches, Payload: app.WatchJob{Kind: kind, ID: id}}, now)
	return err
}
