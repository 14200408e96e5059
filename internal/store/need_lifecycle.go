package store

import (
	"context"
	"fmt"
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
		if facts.Adoptions, err = needAdoptions(ctx, c, n); err != nil {
			return err
		}
		if err := app.CheckGuards(n, t, facts); err != nil {
			return err
		}
		now := time.Now().UTC()
		if !t.At.IsZero() {
			now = t.At.UTC()
		}
		return needWebhooks(ctx, c, id, func() error {
			return restat(ctx, c, id, func() error { return move(ctx, c, n, t, actorID, now) })
		})
	})
	if err != nil {
		return app.Need{}, err
	}
	return s.Need(ctx, app.Viewer{Admin: true}, id)
}

// move changes the state, records the move and the time spent, and tells the followers.
func move(ctx context.Context, c conn, n app.Need, t app.TransitionInput, actorID int64, now time.Time) error {
	id, from := n.ID, n.State
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
	if err := audit(ctx, c, app.AuditNeedTransition, kindNeed, id, n.Organisation.ID, map[string]app.NeedState{"state": from}, t); err != nil {
		return err
	}
	if t.To == app.StateMerged {
		if err := merge(ctx, c, id, t.MergedInto, now); err != nil {
			return err
		}
	}
	if t.To == app.StatePiloting {
		if err := pilotProject(ctx, c, n, t.ProjectID, actorID, now); err != nil {
			return err
		}
	}
	if t.To == app.StateSubmitted {
		// Submitted, the need is seen beyond its organisation: watches may find it now.
		if err := watchJob(ctx, c, kindNeed, id, now); err != nil {
			return err
		}
	}
	return notifyFollowers(ctx, c, id, actorID, "transition", string(t.To), now)
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
