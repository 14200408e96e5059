package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// HubCheckIn puts the person on the list of who is at the hub today, until the hub's day
// ends; checking in again changes the organisation shown (and starts a new day's entry
// when the last one ran out).
func (s *Store) HubCheckIn(ctx context.Context, userID, orgID int64, now time.Time) error {
	_, err := s.w().exec(ctx, `INSERT INTO hub_presence (user_id, org_id, checked_in_at, expires_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET org_id = excluded.org_id, expires_at = excluded.expires_at,
			checked_in_at = CASE WHEN hub_presence.expires_at <= excluded.checked_in_at THEN excluded.checked_in_at ELSE hub_presence.checked_in_at END`, userID, nullID(orgID), now.UTC(), app.EndOfHubDay(now).UTC())
	if err != nil {
		if s.dialect.isForeignKey(err) {
			return app.FieldErrors{"organisation_id": "err.organisation_not_found"}.Err()
		}
		return fmt.Errorf("store: check in: %w", err)
	}
	return nil
}

func (s *Store) HubCheckOut(ctx context.Context, userID int64) error {
	res, err := s.w().exec(ctx, `DELETE FROM hub_presence WHERE user_id = ?`, userID)
	return affected(res, err, "err.not_checked_in")
}

const presenceFrom = `SELECT u.id, u.name, COALESCE(o.id, 0), COALESCE(o.name, ''), COALESCE(o.kind, ''), p.checked_in_at, p.expires_at
	FROM hub_presence p JOIN users u ON u.id = p.user_id LEFT JOIN organisations o ON o.id = p.org_id `

func scanPresence(r scanner) (app.Presence, error) {
	var p app.Presence
	var o app.OrgRef
	err := r.Scan(&p.User.ID, &p.User.Name, &o.ID, &o.Name, &o.Kind, &p.Since, &p.Until)
	if o.ID != 0 {
		p.Organisation = &o
	}
	return p, err
}

// AtTheHub lists who is at the hub now, for signed-in viewers only: to anyone else the
// query answers nothing.
func (s *Store) AtTheHub(ctx context.Context, v app.Viewer, now time.Time) ([]app.Presence, error) {
	rows, err := s.r().query(ctx, presenceFrom+`WHERE ? AND p.expires_at > ? ORDER BY p.checked_in_at, u.id`, v.SignedIn() || v.Admin, now.UTC())
	if err != nil {
		return nil, fmt.Errorf("store: at the hub: %w", err)
	}
	out, err := collect(rows, scanPresence)
	if out == nil {
		out = []app.Presence{}
	}
	return out, err
}

func (s *Store) DeleteExpiredPresence(ctx context.Context, now time.Time) (int64, error) {
	return retention(ctx, s, app.AuditRetentionPresence, `DELETE FROM hub_presence WHERE expires_at <= ?`, now.UTC())
}

// visitAudit is what the audit log keeps of a visit: the day and the host, not the guest's
// name or organisation, which the retention job removes 30 days after the visit.
func visitAudit(in app.VisitorInput, hostID int64) map[string]any {
	return map[string]any{"visit_on": in.Date, "host_id": hostID}
}

func (s *Store) RegisterVisitor(ctx context.Context, hostID int64, in app.VisitorInput, now time.Time) (app.Visitor, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO hub_visitors (name, organisation, visit_on, host_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			in.Name, in.Organisation, in.Date, hostID, now.UTC()).Scan(&id)
		if err != nil {
			return fmt.Errorf("store: register visitor: %w", err)
		}
		return audit(ctx, c, app.AuditHubVisitorRegister, kindVisitor, id, 0, nil, visitAudit(in, hostID))
	})
	if err != nil {
		return app.Visitor{}, err
	}
	return s.Visitor(ctx, id)
}

const visitorColumns = `x.id, x.name, x.organisation, x.visit_on, u.id, u.name, x.created_at FROM hub_visitors x JOIN users u ON u.id = x.host_id`

func scanVisitor(r scanner) (app.Visitor, error) {
	var x app.Visitor
	return x, r.Scan(&x.ID, &x.Name, &x.Organisation, &x.Date, &x.Host.ID, &x.Host.Name, &x.CreatedAt)
}

// Visitor reads a visit whole, for the policy's checks.
func (s *Store) Visitor(ctx context.Context, id int64) (app.Visitor, error) {
	x, err := scanVisitor(s.r().queryRow(ctx, `SELECT `+visitorColumns+` WHERE x.id = ?`, id))
	return x, notFound(err, "err.visitor_not_found")
}

// Visitors lists the visits from a day on, soonest first, as the viewer may see them: the
// hub's staff (platform admins) every visit, a host their own, anyone else none.
func (s *Store) Visitors(ctx context.Context, v app.Viewer, from, to string) ([]app.Visitor, error) {
	rows, err := s.r().query(ctx, `SELECT `+visitorColumns+` WHERE x.visit_on >= ? AND x.visit_on <= ? AND (? OR x.host_id = ?)
		ORDER BY x.visit_on, x.name, x.id`, from, to, v.Admin, v.UserID)
	if err != nil {
		return nil, fmt.Errorf("store: visitors: %w", err)
	}
	out, err := collect(rows, scanVisitor)
	if out == nil {
		out = []app.Visitor{}
	}
	return out, err
}

func (s *Store) DeleteVisitor(ctx context.Context, id int64) error {
	return s.tx(ctx, func(c conn) error {
		var visit app.VisitorInput
		var hostID int64
		err := c.queryRow(ctx, `DELETE FROM hub_visitors WHERE id = ? RETURNING visit_on, host_id`, id).Scan(&visit.Date, &hostID)
		if err := notFound(err, "err.visitor_not_found"); err != nil {
			return err
		}
		return audit(ctx, c, app.AuditHubVisitorDelete, kindVisitor, id, 0, visitAudit(visit, hostID), nil)
	})
}

// DeleteOldVisitors deletes the visits of days before the day given (YYYY-MM-DD).
func (s *Store) DeleteOldVisitors(ctx context.Context, before string) (int64, error) {
	return retention(ctx, s, app.AuditRetentionVisitors, `DELETE FROM hub_visitors WHERE visit_on < ?`, before)
}
