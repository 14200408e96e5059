package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

func (s *Store) TransitionNeed(ctx context.Context, id int64, from app.NeedState, actorID int64, t app.TransitionInput) (app.Need, error) {
	err := s.tx(ctx, func(c conn) error {
		n, err := scanNeed(c.queryRow(ctx, `SELECT `+needColumns+needFrom+`WHERE n.id = ?`, id))
		if err != nil {
			return notFound(err, "err.need_not_found")
		}
		if n.State != from {
			return &app.Error{Code: app.Conflict, Message: "err.state_changed"}
		}
		if err := s.loadNeedListsTx(ctx, c, &n); err != nil {
			return err
		}
		var facts app.GuardFacts
		if err := c.queryRow(ctx, `SELECT count(*) FROM supplier_contacts WHERE need_id = ? AND summary = ''`, id).Scan(&facts.UnsummarisedContacts); err != nil {
			return err
		}
		if err := app.CheckGuards(n, t, facts); err != nil {
			return err
		}
		now := time.Now().UTC()
		if !t.At.IsZero() {
			now = t.At.UTC()
		}
		res, err := c.exec(ctx, `
			UPDATE needs SET state = ?, state_changed_at = ?, updated_at = ?,
				route = CASE WHEN ? = 'route_decided' THEN ? ELSE route END,
				close_reason = CASE WHEN ? = 'closed' THEN ? ELSE '' END,
				procurement_contact = CASE WHEN ? <> '' THEN ? ELSE procurement_contact END,
				submitted_at = CASE WHEN submitted_at IS NULL AND ? = 'submitted' THEN ? ELSE submitted_at END,
				implemented_at = CASE WHEN implemented_at IS NULL AND ? = 'implementation' THEN ? ELSE implemented_at END
			WHERE id = ? AND state = ?`,
			t.To, now, now, t.To, t.Route, t.To, t.CloseReason, t.ProcurementContact, t.ProcurementContact, t.To, now, t.To, now, id, from)
		if err := affected(res, err, "err.need_not_found"); err != nil {
			return err
		}
		spent := int64(now.Sub(n.StateChangedAt).Seconds())
		if _, err := c.exec(ctx, `INSERT INTO need_state_times (need_id, state, seconds) VALUES (?, ?, ?)
			ON CONFLICT (need_id, state) DO UPDATE SET seconds = need_state_times.seconds + excluded.seconds`, id, from, spent); err != nil {
			return err
		}
		if _, err := c.exec(ctx, `INSERT INTO need_transitions (need_id, from_state, to_state, actor_id, at, comment) VALUES (?, ?, ?, ?, ?, ?)`,
			id, from, t.To, actorID, now, t.Comment); err != nil {
			return err
		}
		if t.To == app.StateMerged {
			if err := merge(ctx, c, id, t.MergedInto, now); err != nil {
				return err
			}
		}
		return notifyFollowers(ctx, c, id, actorID, "transition", string(t.To), now)
	})
	if err != nil {
		return app.Need{}, err
	}
	return s.Need(ctx, app.Viewer{Admin: true}, id)
}

// loadNeedListsTx loads inside a transaction what the guards read: benefits and care settings.
func (s *Store) loadNeedListsTx(ctx context.Context, c conn, n *app.Need) error {
	rows, err := c.query(ctx, `SELECT setting FROM need_care_settings WHERE need_id = ?`, n.ID)
	if err != nil {
		return err
	}
	n.CareSettings, err = collect(rows, func(r scanner) (string, error) {
		var v string
		return v, r.Scan(&v)
	})
	if err != nil {
		return err
	}
	rows, err = c.query(ctx, `SELECT kpi, unit, baseline, target FROM need_benefits WHERE need_id = ? ORDER BY position`, n.ID)
	if err != nil {
		return err
	}
	n.Benefits, err = collect(rows, func(r scanner) (app.Benefit, error) {
		var b app.Benefit
		return b, r.Scan(&b.KPI, &b.Unit, &b.Baseline, &b.Target)
	})
	return err
}

// merge links a duplicate to the surviving need and moves its followers and co-owners
// there; the duplicate's own organisation becomes a co-owner of the survivor.
func merge(ctx context.Context, c conn, dup, survivor int64, now time.Time) error {
	var survivorOrg int64
	if err := c.queryRow(ctx, `SELECT org_id FROM needs WHERE id = ? AND state <> 'merged'`, survivor).Scan(&survivorOrg); err != nil {
		return app.FieldErrors{"merged_into": "err.merged_into"}.Err()
	}
	if _, err := c.exec(ctx, `UPDATE needs SET merged_into = ? WHERE id = ?`, survivor, dup); err != nil {
		return err
	}
	if _, err := c.exec(ctx, `INSERT INTO need_followers (need_id, user_id, created_at)
		SELECT ?, user_id, ? FROM need_followers WHERE need_id = ? ON CONFLICT DO NOTHING`, survivor, now, dup); err != nil {
		return err
	}
	if _, err := c.exec(ctx, `INSERT INTO need_coowners (need_id, org_id, volume_people, volume_events, joined_by, joined_at)
		SELECT ?, org_id, volume_people, volume_events, joined_by, joined_at FROM need_coowners WHERE need_id = ? AND org_id <> ?
		ON CONFLICT DO NOTHING`, survivor, dup, survivorOrg); err != nil {
		return err
	}
	_, err := c.exec(ctx, `INSERT INTO need_coowners (need_id, org_id, volume_people, volume_events, joined_by, joined_at)
		SELECT ?, org_id, volume_people, volume_events, created_by, ? FROM needs WHERE id = ? AND org_id <> ?
		ON CONFLICT DO NOTHING`, survivor, now, dup, survivorOrg)
	return err
}

// notifyFollowers tells everyone following a need, but the one who acted.
func notifyFollowers(ctx context.Context, c conn, needID, actorID int64, kind, detail string, now time.Time) error {
	_, err := c.exec(ctx, `INSERT INTO notifications (user_id, need_id, kind, detail, actor_id, created_at)
		SELECT user_id, ?, ?, ?, ?, ? FROM need_followers WHERE need_id = ? AND user_id <> ?`,
		needID, kind, detail, actorID, now, needID, actorID)
	if err != nil {
		return fmt.Errorf("store: notify: %w", err)
	}
	return nil
}

func (s *Store) NeedHistory(ctx context.Context, id int64) ([]app.NeedTransition, error) {
	rows, err := s.r().query(ctx, `SELECT t.id, t.from_state, t.to_state, COALESCE(u.id, 0), COALESCE(u.name, ''), t.at, t.comment
		FROM need_transitions t LEFT JOIN users u ON u.id = t.actor_id WHERE t.need_id = ? ORDER BY t.id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	return collect(rows, func(r scanner) (app.NeedTransition, error) {
		var t app.NeedTransition
		err := r.Scan(&t.ID, &t.From, &t.To, &t.Actor.ID, &t.Actor.Name, &t.At, &t.Comment)
		return t, err
	})
}

// NeedFigures counts and measures the needs the viewer may see, of one organisation
// (owning or co-owning) or of all when orgID is 0. The figures are exact; they are
// computed in three queries whose medians the database finds with window functions, and
// kept for figuresTTL per audience (the same organisations see the same needs), since
// with 100,000 needs a computation costs far more than a page may.
func (s *Store) NeedFigures(ctx context.Context, v app.Viewer, orgID int64, now time.Time) (app.NeedFigures, error) {
	key := figuresKey(v, orgID)
	if f, ok := s.figures.get(key, now); ok {
		return f, nil
	}
	f, err := s.computeNeedFigures(ctx, v, orgID, now)
	if err == nil {
		s.figures.put(key, f, now)
	}
	return f, err
}

func (s *Store) computeNeedFigures(ctx context.Context, v app.Viewer, orgID int64, now time.Time) (app.NeedFigures, error) {
	f := app.NeedFigures{Count: map[app.NeedState]int{}, MedianSeconds: map[app.NeedState]int64{}}
	vis, args := visibleNeeds(v)
	where := vis
	if orgID != 0 {
		where += " AND (n.org_id = ? OR EXISTS (SELECT 1 FROM need_coowners c2 WHERE c2.need_id = n.id AND c2.org_id = ?))"
		args = append(args, orgID, orgID)
	}
	// The middle row of each group: row_number counts from 1, so the median is row cnt/2 + 1.
	medians := func(query string, scan func(group string, value int64)) error {
		rows, err := s.r().query(ctx, `SELECT grp, value FROM (
				SELECT grp, value, row_number() OVER (PARTITION BY grp ORDER BY value) AS rn, count(*) OVER (PARTITION BY grp) AS cnt
				FROM (`+query+`) m) x
			WHERE rn = cnt / 2 + 1`, args...)
		if err != nil {
			return fmt.Errorf("store: figures: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var g string
			var val int64
			if err := rows.Scan(&g, &val); err != nil {
				return err
			}
			scan(g, val)
		}
		return rows.Err()
	}
	rows, err := s.r().query(ctx, `SELECT n.state, count(*) FROM needs n WHERE `+where+` GROUP BY n.state`, args...)
	if err != nil {
		return f, fmt.Errorf("store: figures: %w", err)
	}
	for rows.Next() {
		var st app.NeedState
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			rows.Close()
			return f, err
		}
		f.Count[st] = n
		if st.Open() {
			f.Open += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}
	err = medians(`SELECT t.state AS grp, t.seconds AS value FROM need_state_times t WHERE t.need_id IN (SELECT n.id FROM needs n WHERE `+where+`)`,
		func(g string, val int64) { f.MedianSeconds[app.NeedState(g)] = val })
	if err != nil {
		return f, err
	}
	// Lead time and the age of open needs, as seconds relative to now, in one pass.
	var open []any
	for _, st := range app.NeedStates {
		if st.Open() {
			open = append(open, st)
		}
	}
	openList := placeholders(len(open))
	q := `SELECT 'lead' AS grp, ` + s.dialect.seconds("n.implemented_at", "n.submitted_at") + ` AS value FROM needs n
			WHERE n.implemented_at IS NOT NULL AND n.submitted_at IS NOT NULL AND ` + where + `
		UNION ALL
		SELECT 'submitted', ` + s.dialect.epoch("n.submitted_at") + ` FROM needs n
			WHERE n.submitted_at IS NOT NULL AND n.state IN (` + openList + `) AND ` + where
	args = append(append(slices.Clone(args), open...), args...)
	err = medians(q, func(g string, val int64) {
		switch g {
		case "lead":
			f.MedianLeadTime = &val
		case "submitted":
			// The median age is now less the median submission time.
			age := now.Unix() - val
			f.MedianOpenAge = &age
		}
	})
	return f, err
}

func figuresKey(v app.Viewer, orgID int64) string {
	ids := slices.Sorted(slices.Values(v.OrgIDs))
	return fmt.Sprint(v.Admin, v.SignedIn(), ids, orgID)
}

// figuresTTL is how long computed figures are kept; a dashboard a minute old is current.
const figuresTTL = time.Minute

// figuresCache keeps computed figures per audience for figuresTTL. It is an optimisation
// of this process only: another instance computes its own.
type figuresCache struct {
	mu sync.Mutex
	m  map[string]cachedFigures
}

type cachedFigures struct {
	f  app.NeedFigures
	at time.Time
}

func (c *figuresCache) get(key string, now time.Time) (app.NeedFigures, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || now.Sub(e.at) > figuresTTL || now.Before(e.at) {
		return app.NeedFigures{}, false
	}
	return e.f, true
}

func (c *figuresCache) put(key string, f app.NeedFigures, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) > 10_000 {
		c.m = map[string]cachedFigures{}
	}
	c.m[key] = cachedFigures{f, now}
}

func median(xs []int64) *int64 {
	if len(xs) == 0 {
		return nil
	}
	slices.Sort(xs)
	m := xs[len(xs)/2]
	return &m
}
