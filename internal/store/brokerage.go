package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

func (s *Store) SetBrokerageProfile(ctx context.Context, eventID, userID int64, in app.BrokerageProfileInput) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `INSERT INTO brokerage_profiles (event_id, user_id, offer, seek)
			SELECT event_id, user_id, ?, ? FROM event_registrations WHERE event_id = ? AND user_id = ? AND status = 'registered'
			ON CONFLICT (event_id, user_id) DO UPDATE SET offer = excluded.offer, seek = excluded.seek`, in.Offer, in.Seek, eventID, userID)
		if err != nil {
			return fmt.Errorf("store: brokerage profile: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return app.Errorf(app.Conflict, "err.brokerage_seat_first")
		}
		return auditObject(ctx, c, app.AuditEventProfile, kindEvent, eventID, nil, map[string]any{"user_id": userID, "profile": in})
	})
}

func (s *Store) BrokerageProfiles(ctx context.Context, eventID int64) ([]app.BrokerageProfile, error) {
	rows, err := s.r().query(ctx, `SELECT u.id, u.name, p.offer, p.seek FROM brokerage_profiles p JOIN users u ON u.id = p.user_id
		WHERE p.event_id = ? AND EXISTS (SELECT 1 FROM event_registrations r WHERE r.event_id = p.event_id AND r.user_id = p.user_id
			AND r.status = 'registered')
		ORDER BY u.sort_key, u.id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: brokerage profiles: %w", err)
	}
	out, err := collect(rows, func(r scanner) (app.BrokerageProfile, error) {
		var p app.BrokerageProfile
		return p, r.Scan(&p.User.ID, &p.User.Name, &p.Offer, &p.Seek)
	})
	if out == nil {
		out = []app.BrokerageProfile{}
	}
	return out, err
}

const meetingColumns = `m.id, m.event_id, m.slot, m.requester_id, rq.name, m.invitee_id, iv.name, m.status, COALESCE(m.table_no, 0), m.created_at
	FROM brokerage_meetings m JOIN users rq ON rq.id = m.requester_id JOIN users iv ON iv.id = m.invitee_id`

func scanMeeting(r scanner) (app.Meeting, error) {
	var m app.Meeting
	err := r.Scan(&m.ID, &m.EventID, &m.Slot, &m.Requester.ID, &m.Requester.Name, &m.Invitee.ID, &m.Invitee.Name, &m.Status, &m.Table, &m.CreatedAt)
	return m, err
}

func (s *Store) RequestMeeting(ctx context.Context, eventID int64, slot int, requesterID, inviteeID int64, now time.Time) (app.Meeting, error) {
	if requesterID == inviteeID {
		return app.Meeting{}, app.FieldErrors{"invitee_id": "err.meeting_self"}.Err()
	}
	now = now.UTC()
	var id int64
	err := s.tx(ctx, func(c conn) error {
		var profiles int
		if err := c.queryRow(ctx, `SELECT count(*) FROM brokerage_profiles WHERE event_id = ? AND user_id IN (?, ?)`,
			eventID, requesterID, inviteeID).Scan(&profiles); err != nil {
			return err
		}
		if profiles != 2 {
			return app.Errorf(app.Conflict, "err.meeting_profiles")
		}
		if err := c.queryRow(ctx, `INSERT INTO brokerage_meetings (event_id, slot, requester_id, invitee_id, status, created_at)
			VALUES (?, ?, ?, ?, 'requested', ?) RETURNING id`, eventID, slot, requesterID, inviteeID, now).Scan(&id); err != nil {
			return fmt.Errorf("store: request meeting: %w", err)
		}
		if err := auditObject(ctx, c, app.AuditEventMeetingRequest, kindEvent, eventID, nil,
			map[string]any{"meeting_id": id, "slot": slot, "requester_id": requesterID, "invitee_id": inviteeID}); err != nil {
			return err
		}
		return notifyEvent(ctx, c, []int64{inviteeID}, eventID, "meeting_request", requesterID, now)
	})
	if err != nil {
		return app.Meeting{}, err
	}
	return scanMeeting(s.r().queryRow(ctx, `SELECT `+meetingColumns+` WHERE m.id = ?`, id))
}

// DecideMeeting takes the event's lock (PostgreSQL; SQLite has one writer), so that accepts
// choose their tables one at a time; the unique index on the accepted meetings' tables and
// the primary key of brokerage_seats (one meeting a person and slot) are the database's
// guarantee behind it.
func (s *Store) DecideMeeting(ctx context.Context, eventID, meetingID, inviteeID int64, accept bool, now time.Time) (app.Meeting, error) {
	now = now.UTC()
	err := s.tx(ctx, func(c conn) error {
		if err := lockEvent(ctx, c, eventID); err != nil {
			return err
		}
		m, err := scanMeeting(c.queryRow(ctx, `SELECT `+meetingColumns+` WHERE m.id = ? AND m.event_id = ? AND m.invitee_id = ?`,
			meetingID, eventID, inviteeID))
		if err != nil {
			return notFound(err, "err.meeting_not_found")
		}
		if m.Status != app.MeetingRequested {
			return app.Errorf(app.Conflict, "err.meeting_decided")
		}
		if err := auditObject(ctx, c, app.AuditEventMeetingDecide, kindEvent, eventID, map[string]any{"meeting_id": m.ID, "status": m.Status},
			map[string]any{"meeting_id": m.ID, "accepted": accept}); err != nil {
			return err
		}
		if !accept {
			_, err := c.exec(ctx, `UPDATE brokerage_meetings SET status = 'declined', decided_at = ? WHERE id = ?`, now, m.ID)
			return err
		}
		table, err := freeTable(ctx, c, eventID, m.Slot)
		if err != nil {
			return err
		}
		for _, u := range []int64{m.Requester.ID, m.Invitee.ID} {
			if _, err := c.exec(ctx, `INSERT INTO brokerage_seats (event_id, slot, user_id, meeting_id) VALUES (?, ?, ?, ?)`,
				eventID, m.Slot, u, m.ID); err != nil {
				if c.d.isUnique(err) {
					return app.Errorf(app.Conflict, "err.meeting_slot_taken")
				}
				return err
			}
		}
		if _, err := c.exec(ctx, `UPDATE brokerage_meetings SET status = 'accepted', table_no = ?, decided_at = ? WHERE id = ?`,
			table, now, m.ID); err != nil {
			return c.d.conflict(err, "slot", "err.meeting_no_table")
		}
		return notifyEvent(ctx, c, []int64{m.Requester.ID}, eventID, "meeting_accepted", inviteeID, now)
	})
	if err != nil {
		return app.Meeting{}, err
	}
	return scanMeeting(s.r().queryRow(ctx, `SELECT `+meetingColumns+` WHERE m.id = ?`, meetingID))
}

// freeTable is the lowest table of the event not taken in the slot.
func freeTable(ctx context.Context, c conn, eventID int64, slot int) (int, error) {
	var tables int
	if err := c.queryRow(ctx, `SELECT brokerage_tables FROM events WHERE id = ?`, eventID).Scan(&tables); err != nil {
		return 0, err
	}
	rows, err := c.query(ctx, `SELECT table_no FROM brokerage_meetings WHERE event_id = ? AND slot = ? AND status = 'accepted'`, eventID, slot)
	if err != nil {
		return 0, err
	}
	taken, err := collect(rows, func(r scanner) (int, error) {
		var n int
		return n, r.Scan(&n)
	})
	if err != nil {
		return 0, err
	}
	used := map[int]bool{}
	for _, n := range taken {
		used[n] = true
	}
	for t := 1; t <= tables; t++ {
		if !used[t] {
			return t, nil
		}
	}
	return 0, app.Errorf(app.Conflict, "err.meeting_no_table")
}

func (s *Store) Meetings(ctx context.Context, eventID, userID int64) ([]app.Meeting, error) {
	rows, err := s.r().query(ctx, `SELECT `+meetingColumns+` WHERE m.event_id = ? AND (m.requester_id = ? OR m.invitee_id = ?)
		ORDER BY m.slot, m.id`, eventID, userID, userID)
	if err != nil {
		return nil, fmt.Errorf("store: meetings: %w", err)
	}
	out, err := collect(rows, scanMeeting)
	if out == nil {
		out = []app.Meeting{}
	}
	return out, err
}
