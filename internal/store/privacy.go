package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// PersonalData gathers everything kept about a person.
func (s *Store) PersonalData(ctx context.Context, userID int64, now time.Time) (app.PersonalData, error) {
	d := app.PersonalData{ExportedAt: now.UTC(), Needs: []app.PersonalNeed{}, Texts: []app.PersonalText{}, FollowedNeeds: []int64{}}
	var err error
	if d.Person, err = s.User(ctx, userID); err != nil {
		return d, err
	}
	if d.Memberships, err = s.UserMemberships(ctx, userID); err != nil {
		return d, err
	}
	if d.Tokens, err = s.ListTokens(ctx, userID); err != nil {
		return d, err
	}
	if d.Watches, err = s.Watches(ctx, userID); err != nil {
		return d, err
	}
	for p := (app.Page{Limit: app.MaxLimit}); ; {
		l, err := s.Notifications(ctx, userID, p)
		if err != nil {
			return d, err
		}
		d.Notifications = append(d.Notifications, l.Items...)
		if l.NextCursor == nil {
			break
		}
		p.Cursor = *l.NextCursor
	}
	rows, err := s.r().query(ctx, `SELECT id, title, created_by = ?, owner_id = ? FROM needs WHERE created_by = ? OR owner_id = ? ORDER BY id`,
		userID, userID, userID, userID)
	if err != nil {
		return d, err
	}
	needs, err := collect(rows, func(r scanner) (app.PersonalNeed, error) {
		var n app.PersonalNeed
		var created, owner *bool
		err := r.Scan(&n.ID, &n.Title, &created, &owner)
		n.Created, n.Owner = created != nil && *created, owner != nil && *owner
		return n, err
	})
	if err != nil {
		return d, err
	}
	d.Needs = append(d.Needs, needs...)
	needID := func(t *app.PersonalText) *int64 { return &t.NeedID }
	projectID := func(t *app.PersonalText) *int64 { return &t.ProjectID }
	applicationID := func(t *app.PersonalText) *int64 { return &t.ApplicationID }
	for _, q := range []struct {
		kind, query string
		ref         func(t *app.PersonalText) *int64 // where the record's id goes
	}{
		{"question", `SELECT need_id, question, created_at FROM need_questions WHERE asked_by = ?`, needID},
		{"answer", `SELECT need_id, answer, answered_at FROM need_questions WHERE answered_by = ? AND answered_at IS NOT NULL`, needID},
		{"comment", `SELECT need_id, body, created_at FROM need_comments WHERE author_id = ?`, needID},
		{"supplier_contact", `SELECT need_id, supplier_name || ': ' || purpose || ' ' || summary, created_at FROM supplier_contacts WHERE created_by = ?`, needID},
		{"proposal", `SELECT need_id, rationale, created_at FROM proposals WHERE proposed_by = ?`, needID},
		{"project_post", `SELECT project_id, body, created_at FROM project_posts WHERE author_id = ?`, projectID},
		{"kpi_measurement", `SELECT (SELECT k.project_id FROM kpis k WHERE k.id = kpi_id), measured_on || ': ' || CAST(value AS TEXT) || ' ' || note, created_at
			FROM kpi_measurements WHERE recorded_by = ?`, projectID},
		{"application", `SELECT id, title || ' ' || summary, created_at FROM applications WHERE created_by = ?`, applicationID},
		{"partner_request", `SELECT application_id, competence || ' ' || description, created_at FROM partner_requests WHERE created_by = ?`, applicationID},
		{"partner_offer", `SELECT request_id, message, created_at FROM partner_offers WHERE user_id = ?`,
			func(t *app.PersonalText) *int64 { return &t.PartnerRequestID }},
	} {
		rows, err := s.r().query(ctx, q.query+` ORDER BY id`, userID)
		if err != nil {
			return d, fmt.Errorf("store: personal data %s: %w", q.kind, err)
		}
		texts, err := collect(rows, func(r scanner) (app.PersonalText, error) {
			t := app.PersonalText{Kind: q.kind}
			return t, r.Scan(q.ref(&t), &t.Text, &t.At)
		})
		if err != nil {
			return d, fmt.Errorf("store: personal data %s: %w", q.kind, err)
		}
		d.Texts = append(d.Texts, texts...)
	}
	rows, err = s.r().query(ctx, `SELECT need_id FROM need_followers WHERE user_id = ? ORDER BY need_id`, userID)
	if err != nil {
		return d, err
	}
	followed, err := collect(rows, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
	if err != nil {
		return d, err
	}
	d.FollowedNeeds = append(d.FollowedNeeds, followed...)
	return d, s.meetingPlaceData(ctx, userID, &d)
}

// DeletePerson deletes a person's account and what only concerns them (sessions, tokens,
// memberships, follows, watches, notifications, and their part of the meeting place: see
// leaveMeetingPlace), and anonymises the person in the
// records an organisation must keep as official documents: the needs, questions,
// comments and contact logs stay, written by "Borttagen person". A person who is the
// last administrator of an organisation with other members must hand over first.
func (s *Store) DeletePerson(ctx context.Context, userID int64) error {
	return s.tx(ctx, func(c conn) error {
		var last int
		err := c.queryRow(ctx, `
			SELECT count(*) FROM memberships m WHERE m.user_id = ? AND m.role = ?
			AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.org_id = m.org_id AND o.user_id <> m.user_id AND o.role = ?)
			AND EXISTS (SELECT 1 FROM memberships o WHERE o.org_id = m.org_id AND o.user_id <> m.user_id)`,
			userID, app.RoleOrgAdmin, app.RoleOrgAdmin).Scan(&last)
		if err != nil {
			return err
		}
		if last > 0 {
			return app.Errorf(app.Conflict, "err.delete_last_admin")
		}
		if err := leaveMeetingPlace(ctx, c, userID, time.Now().UTC()); err != nil {
			return err
		}
		for _, table := range []string{"sessions", "tokens", "memberships", "need_followers", "watches", "notifications", "password_resets", "user_identities"} {
			if _, err := c.exec(ctx, `DELETE FROM `+table+` WHERE user_id = ?`, userID); err != nil {
				return fmt.Errorf("store: delete person: %s: %w", table, err)
			}
		}
		res, err := c.exec(ctx, `UPDATE users SET email = ?, name = ?, name_fold = ?, sort_key = ?, password_hash = '', is_admin = ? WHERE id = ?`,
			fmt.Sprintf("borttagen-%d@tillsammans.invalid", userID), app.DeletedName, fold(app.DeletedName), sortKey(app.DeletedName), false, userID)
		if err := affected(res, err, "err.user_not_found"); err != nil {
			return err
		}
		if err := audit(ctx, c, app.AuditUserDelete, kindPerson, userID, 0, nil, nil); err != nil {
			return err
		}
		return unindexDoc(ctx, c, kindPerson, userID)
	})
}
