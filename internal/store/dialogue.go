package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// dialogueInvitations are the organisations a market dialogue meeting invites: every
// company with a solution tagged, or a capability named, with one of its categories, never
// a hand-picked list (equal treatment). The suppliers of organisations invited for the first
// time are told. The need must be the organiser's own.
func dialogueInvitations(ctx context.Context, c conn, eventID int64, in app.EventInput, now time.Time) ([]int64, error) {
	var owner int64
	err := c.queryRow(ctx, `SELECT n.org_id FROM needs n JOIN events e ON e.id = ? WHERE n.id = ? AND n.org_id = e.org_id`,
		eventID, in.NeedID).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, app.FieldErrors{"need_id": "err.dialogue_need_owner"}.Err()
	}
	if err != nil {
		return nil, err
	}
	folds := make([]any, len(in.Categories))
	for i, cat := range in.Categories {
		folds[i] = fold(cat)
	}
	rows, err := c.query(ctx, `SELECT DISTINCT s.org_id FROM solutions s JOIN solution_tags t ON t.solution_id = s.id
		JOIN organisations o ON o.id = s.org_id WHERE o.kind = 'company' AND t.tag_fold IN (`+placeholders(len(folds))+`)`, folds...)
	if err != nil {
		return nil, fmt.Errorf("store: dialogue suppliers: %w", err)
	}
	orgs, err := collect(rows, scanID)
	if err != nil {
		return nil, err
	}
	// Capabilities keep the spelling they were given; they are compared folded, here.
	rows, err = c.query(ctx, `SELECT c.org_id, c.tag FROM organisation_capabilities c JOIN organisations o ON o.id = c.org_id WHERE o.kind = 'company'`)
	if err != nil {
		return nil, fmt.Errorf("store: dialogue capabilities: %w", err)
	}
	caps, err := collect(rows, func(r scanner) (struct {
		org int64
		tag string
	}, error) {
		var x struct {
			org int64
			tag string
		}
		return x, r.Scan(&x.org, &x.tag)
	})
	if err != nil {
		return nil, err
	}
	for _, x := range caps {
		if slices.Contains(folds, any(fold(x.tag))) && !slices.Contains(orgs, x.org) {
			orgs = append(orgs, x.org)
		}
	}
	slices.Sort(orgs)
	rows, err = c.query(ctx, `SELECT org_id FROM event_invitations WHERE event_id = ?`, eventID)
	if err != nil {
		return nil, err
	}
	before, err := collect(rows, scanID)
	if err != nil {
		return nil, err
	}
	var told []any
	for _, org := range orgs {
		if !slices.Contains(before, org) {
			told = append(told, org)
		}
	}
	if len(told) == 0 {
		return orgs, nil
	}
	rows, err = c.query(ctx, `SELECT DISTINCT user_id FROM memberships WHERE role IN ('supplier', 'org_admin') AND org_id IN (`+placeholders(len(told))+`)`, told...)
	if err != nil {
		return nil, err
	}
	suppliers, err := collect(rows, scanID)
	if err != nil {
		return nil, err
	}
	if err := notifyEvent(ctx, c, suppliers, eventID, "dialogue_invitation", 0, now); err != nil {
		return nil, err
	}
	return orgs, nil
}

func scanID(r scanner) (int64, error) {
	var id int64
	return id, r.Scan(&id)
}

// PublishMinutes publishes a dialogue meeting's minutes to its participants and enters
// them, published to all, in the need's supplier contact log, in one transaction.
func (s *Store) PublishMinutes(ctx context.Context, eventID, actorID int64, minutes string, now time.Time) error {
	now = now.UTC()
	return s.tx(ctx, func(c conn) error {
		if err := lockEvent(ctx, c, eventID); err != nil {
			return err
		}
		var needID *int64
		var title string
		var start time.Time
		var published *time.Time
		if err := c.queryRow(ctx, `SELECT need_id, title, start_at, minutes_published_at FROM events WHERE id = ? AND type = ?`,
			eventID, app.DialogueType).Scan(&needID, &title, &start, &published); err != nil {
			return notFound(err, "err.event_not_found")
		}
		if published != nil {
			return app.Errorf(app.Conflict, "err.minutes_published")
		}
		if now.Before(start) {
			return app.Errorf(app.Conflict, "err.minutes_early")
		}
		if _, err := c.exec(ctx, `UPDATE events SET minutes = ?, minutes_published_at = ? WHERE id = ?`, minutes, now, eventID); err != nil {
			return err
		}
		if err := auditObject(ctx, c, app.AuditEventMinutes, kindEvent, eventID, nil, map[string]any{"minutes": minutes, "published_at": now}); err != nil {
			return err
		}
		if needID != nil {
			rows, err := c.query(ctx, `SELECT u.name, o.name FROM event_registrations r JOIN users u ON u.id = r.user_id
				JOIN memberships m ON m.user_id = r.user_id JOIN event_invitations i ON i.event_id = r.event_id AND i.org_id = m.org_id
				JOIN organisations o ON o.id = m.org_id
				WHERE r.event_id = ? AND r.status = 'registered' GROUP BY u.name, o.name ORDER BY o.name, u.name`, eventID)
			if err != nil {
				return err
			}
			people, err := collect(rows, func(r scanner) (string, error) {
				var name, org string
				err := r.Scan(&name, &org)
				return name + " (" + org + ")", err
			})
			if err != nil {
				return err
			}
			if _, err := c.exec(ctx, `INSERT INTO supplier_contacts (need_id, contact_date, supplier_name, our_people, their_people, channel,
					purpose, summary, published, created_by, created_at)
				VALUES (?, ?, ?, '', ?, 'event', ?, ?, TRUE, ?, ?)`,
				*needID, start.In(app.Zone(app.DefaultTimeZone)).Format(time.DateOnly), title, strings.Join(people, ", "), title, minutes,
				nullID(actorID), now); err != nil {
				return fmt.Errorf("store: minutes to the contact log: %w", err)
			}
		}
		rows, err := c.query(ctx, `SELECT user_id FROM event_registrations WHERE event_id = ? AND status = 'registered'`, eventID)
		if err != nil {
			return err
		}
		participants, err := collect(rows, scanID)
		if err != nil {
			return err
		}
		return notifyEvent(ctx, c, participants, eventID, "minutes_published", actorID, now)
	})
}
