package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// A place on the waiting list is the number of people waiting since before, counted when read.
const registrationColumns = `r.id, r.event_id, r.user_id, u.name, u.email, r.status,
	CASE WHEN r.status = 'waiting' THEN (SELECT count(*) FROM event_registrations w
		WHERE w.event_id = r.event_id AND w.status = 'waiting' AND w.id <= r.id) ELSE 0 END,
	r.dietary, r.access_needs, r.created_at, r.promoted_at, r.checked_in_at`

const registrationFrom = ` FROM event_registrations r JOIN users u ON u.id = r.user_id `

func scanRegistration(r scanner) (app.Registration, error) {
	var x app.Registration
	err := r.Scan(&x.ID, &x.EventID, &x.User.ID, &x.User.Name, &x.User.Email, &x.Status, &x.Position, &x.Dietary, &x.AccessNeeds,
		&x.CreatedAt, &x.PromotedAt, &x.CheckedInAt)
	return x, err
}

// Register locks the event's row first (PostgreSQL; SQLite has one writer), so that the
// seats are counted and taken by one registration at a time and the waiting list keeps the
// order in which they came.
func (s *Store) Register(ctx context.Context, v app.Viewer, eventID int64, in app.RegistrationInput, now time.Time) (app.Registration, error) {
	now = now.UTC()
	err := s.tx(ctx, func(c conn) error {
		where, args := visibleEvents(v)
		var capacity int
		var start time.Time
		var opens, closes, cancelled *time.Time
		err := c.queryRow(ctx, `SELECT e.capacity, e.start_at, e.registration_opens_at, e.registration_closes_at, e.cancelled_at FROM events e
			WHERE e.id = ? AND `+where+c.d.lockRow, append([]any{eventID}, args...)...).Scan(&capacity, &start, &opens, &closes, &cancelled)
		if err != nil {
			return notFound(err, "err.event_not_found")
		}
		if cancelled != nil {
			return app.Errorf(app.Conflict, "err.event_cancelled")
		}
		if !app.RegistrationOpen(now, start, opens, closes) {
			return app.Errorf(app.Conflict, "err.registration_closed")
		}
		var taken int
		if err := c.queryRow(ctx, `SELECT count(*) FROM event_registrations WHERE event_id = ? AND status = 'registered'`, eventID).Scan(&taken); err != nil {
			return err
		}
		status := app.StatusRegistered
		if taken >= capacity {
			status = app.StatusWaiting
		}
		_, err = c.exec(ctx, `INSERT INTO event_registrations (event_id, user_id, status, dietary, access_needs, created_at, reminded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, eventID, v.UserID, status, in.Dietary, in.AccessNeeds, now, remindedAt(start, now))
		if err != nil {
			if c.d.isUnique(err) {
				return app.Errorf(app.Conflict, "err.already_registered")
			}
			return fmt.Errorf("store: register: %w", err)
		}
		return auditObject(ctx, c, app.AuditEventRegister, kindEvent, eventID, nil, map[string]any{"user_id": v.UserID, "status": status})
	})
	if err != nil {
		return app.Registration{}, err
	}
	return s.Registration(ctx, eventID, v.UserID)
}

func (s *Store) CancelRegistration(ctx context.Context, eventID, userID int64, now time.Time) error {
	return s.tx(ctx, func(c conn) error {
		if err := lockEvent(ctx, c, eventID); err != nil {
			return err
		}
		res, err := c.exec(ctx, `DELETE FROM event_registrations WHERE event_id = ? AND user_id = ?`, eventID, userID)
		if err := affected(res, err, "err.registration_not_found"); err != nil {
			return err
		}
		if err := auditObject(ctx, c, app.AuditEventUnregister, kindEvent, eventID, map[string]int64{"user_id": userID}, nil); err != nil {
			return err
		}
		return promote(ctx, c, eventID, now.UTC())
	})
}

// promote gives the free seats of an event to the first on its waiting list and tells
// them, in the platform at once and by mail through a job. The caller holds the event's lock.
func promote(ctx context.Context, c conn, eventID int64, now time.Time) error {
	var free int
	var start time.Time
	var cancelled *time.Time
	err := c.queryRow(ctx, `SELECT e.capacity - (SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'registered'),
		e.start_at, e.cancelled_at FROM events e WHERE e.id = ?`, eventID).Scan(&free, &start, &cancelled)
	if err != nil || free <= 0 || cancelled != nil {
		return err
	}
	rows, err := c.query(ctx, `SELECT user_id FROM event_registrations WHERE event_id = ? AND status = 'waiting' ORDER BY id LIMIT ?`, eventID, free)
	if err != nil {
		return fmt.Errorf("store: waiting list: %w", err)
	}
	users, err := collect(rows, scanID)
	if err != nil {
		return err
	}
	for _, u := range users {
		if _, err := c.exec(ctx, `UPDATE event_registrations SET status = 'registered', promoted_at = ?, reminded_at = ? WHERE event_id = ? AND user_id = ?`,
			now, remindedAt(start, now), eventID, u); err != nil {
			return err
		}
		if err := notifyEvent(ctx, c, []int64{u}, eventID, "event_promoted", 0, now); err != nil {
			return err
		}
		if _, err := enqueueJob(ctx, c, app.NewJob{Kind: app.JobEventPromoted, Payload: app.EventMailJob{EventID: eventID, UserID: u}}, now); err != nil {
			return err
		}
	}
	return nil
}

// CancelEvent calls an event off: its room is freed, and everyone registered or waiting is
// told, in the platform at once and by mail through a job. The registrations stay, so that
// those people see what happened; nobody can register any more.
func (s *Store) CancelEvent(ctx context.Context, eventID, actorID int64, now time.Time) error {
	now = now.UTC()
	return s.tx(ctx, func(c conn) error {
		if err := lockEvent(ctx, c, eventID); err != nil {
			return err
		}
		if err := refuseCancelled(ctx, c, eventID); err != nil {
			return err
		}
		if _, err := c.exec(ctx, `UPDATE events SET cancelled_at = ?, updated_at = ? WHERE id = ?`, now, now, eventID); err != nil {
			return fmt.Errorf("store: cancel event: %w", err)
		}
		if err := auditObject(ctx, c, app.AuditEventCancel, kindEvent, eventID, nil, map[string]time.Time{"cancelled_at": now}); err != nil {
			return err
		}
		if _, err := c.exec(ctx, `DELETE FROM room_bookings WHERE event_id = ?`, eventID); err != nil {
			return err
		}
		rows, err := c.query(ctx, `SELECT user_id FROM event_registrations WHERE event_id = ? ORDER BY id`, eventID)
		if err != nil {
			return fmt.Errorf("store: cancel event: %w", err)
		}
		users, err := collect(rows, scanID)
		if err != nil {
			return err
		}
		if err := notifyEvent(ctx, c, users, eventID, "event_cancelled", actorID, now); err != nil {
			return err
		}
		for _, u := range users {
			if _, err := enqueueJob(ctx, c, app.NewJob{Kind: app.JobEventCancelled, Payload: app.EventMailJob{EventID: eventID, UserID: u}}, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// remindedAt marks a seat taken less than a day before the event as needing no reminder.
func remindedAt(start, now time.Time) *time.Time {
	if start.Sub(now) <= app.ReminderLead {
		return &now
	}
	return nil
}

func (s *Store) RemindEvents(ctx context.Context, now time.Time) (int, error) {
	now = now.UTC()
	var n int
	err := s.tx(ctx, func(c conn) error {
		rows, err := c.query(ctx, `SELECT r.id, r.event_id, r.user_id FROM event_registrations r JOIN events e ON e.id = r.event_id
			WHERE r.status = 'registered' AND r.reminded_at IS NULL AND e.cancelled_at IS NULL AND e.start_at > ? AND e.start_at <= ?`, now, now.Add(app.ReminderLead))
		if err != nil {
			return fmt.Errorf("store: due reminders: %w", err)
		}
		due, err := collect(rows, func(r scanner) (struct{ id, event, user int64 }, error) {
			var x struct{ id, event, user int64 }
			return x, r.Scan(&x.id, &x.event, &x.user)
		})
		if err != nil {
			return err
		}
		for _, x := range due {
			if _, err := c.exec(ctx, `UPDATE event_registrations SET reminded_at = ? WHERE id = ?`, now, x.id); err != nil {
				return err
			}
			if err := notifyEvent(ctx, c, []int64{x.user}, x.event, "event_reminder", 0, now); err != nil {
				return err
			}
			if _, err := enqueueJob(ctx, c, app.NewJob{Kind: app.JobEventReminder, Payload: app.EventMailJob{EventID: x.event, UserID: x.user}}, now); err != nil {
				return err
			}
		}
		n = len(due)
		return nil
	})
	return n, err
}

func (s *Store) Registration(ctx context.Context, eventID, userID int64) (app.Registration, error) {
	x, err := scanRegistration(s.r().queryRow(ctx, `SELECT `+registrationColumns+registrationFrom+`WHERE r.event_id = ? AND r.user_id = ?`, eventID, userID))
	return x, notFound(err, "err.registration_not_found")
}

func (s *Store) Registrations(ctx context.Context, eventID int64) ([]app.Registration, error) {
	// An attendee list is personal data of people outside the organiser: who read it is recorded.
	err := s.tx(ctx, func(c conn) error {
		var orgID int64
		if err := c.queryRow(ctx, `SELECT org_id FROM events WHERE id = ?`, eventID).Scan(&orgID); err != nil {
			return notFound(err, "err.event_not_found")
		}
		return audit(ctx, c, app.AuditEventAttendeesRead, kindEvent, eventID, orgID, nil, nil)
	})
	if err != nil {
		return nil, err
	}
	rows, err := s.r().query(ctx, `SELECT `+registrationColumns+registrationFrom+`WHERE r.event_id = ?
		ORDER BY CASE r.status WHEN 'registered' THEN 0 ELSE 1 END, r.id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: registrations: %w", err)
	}
	out, err := collect(rows, scanRegistration)
	if out == nil {
		out = []app.Registration{}
	}
	return out, err
}

func (s *Store) CheckIn(ctx context.Context, eventID, registrationID int64, at *time.Time) (app.Registration, error) {
	if at != nil {
		u := at.UTC()
		at = &u
	}
	var userID int64
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `UPDATE event_registrations SET checked_in_at = ? WHERE id = ? AND event_id = ? AND status = 'registered'
			RETURNING user_id`, at, registrationID, eventID).Scan(&userID)
		if errors.Is(err, sql.ErrNoRows) {
			return app.Errorf(app.NotFound, "err.registration_not_found")
		}
		if err != nil {
			return fmt.Errorf("store: check in: %w", err)
		}
		return auditObject(ctx, c, app.AuditEventCheckIn, kindEvent, eventID, nil,
			map[string]any{"registration_id": registrationID, "user_id": userID, "checked_in_at": at})
	})
	if err != nil {
		return app.Registration{}, err
	}
	return s.Registration(ctx, eventID, userID)
}

func (s *Store) ClearEventRequests(ctx context.Context, before time.Time) (int64, error) {
	return retention(ctx, s, app.AuditRetentionEventRequests, `UPDATE event_registrations SET dietary = '', access_needs = ''
		WHERE (dietary <> '' OR access_needs <> '') AND event_id IN (SELECT id FROM events WHERE end_at < ?)`, before.UTC())
}
