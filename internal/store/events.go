package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// visibleEvents is the one predicate that decides which events a viewer sees; the event
// page, every list, the calendar feeds and registration go through it.
func visibleEvents(v app.Viewer) (string, []any) {
	if v.Admin {
		return "1 = 1", nil
	}
	parts := []string{"e.audience = 'public'"}
	var args []any
	if v.SignedIn() {
		parts = append(parts, "e.audience = 'signed_in'")
	}
	if len(v.OrgIDs) > 0 {
		in := placeholders(len(v.OrgIDs))
		parts = append(parts, "e.org_id IN ("+in+")",
			"(e.audience = 'invited' AND EXISTS (SELECT 1 FROM event_invitations i WHERE i.event_id = e.id AND i.org_id IN ("+in+")))")
		for range 2 {
			for _, id := range v.OrgIDs {
				args = append(args, id)
			}
		}
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

const eventColumns = `e.id, e.org_id, o.name, o.kind, COALESCE(e.created_by, 0), COALESCE(cb.name, ''), e.type, e.title, e.description,
	e.start_at, e.end_at, e.time_zone, COALESCE(ro.id, 0), COALESCE(ro.name, ''), e.address, e.online_url, e.language, e.capacity,
	e.registration_opens_at, e.registration_closes_at, e.audience, e.accessibility, e.brokerage_tables, e.brokerage_slot_minutes,
	e.need_id, e.categories, e.minutes, e.minutes_published_at, e.cancelled_at, e.created_at, e.updated_at,
	(SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'registered'),
	(SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waiting')`

const eventFrom = ` FROM events e JOIN organisations o ON o.id = e.org_id LEFT JOIN users cb ON cb.id = e.created_by
	LEFT JOIN rooms ro ON ro.id = e.room_id `

func scanEvent(r scanner) (app.Event, error) {
	var e app.Event
	var room app.RoomRef
	var categories string
	err := r.Scan(&e.ID, &e.Organisation.ID, &e.Organisation.Name, &e.Organisation.Kind, &e.CreatedBy.ID, &e.CreatedBy.Name,
		&e.Type, &e.Title, &e.Description, &e.Start, &e.End, &e.TimeZone, &room.ID, &room.Name, &e.Address, &e.OnlineURL,
		&e.Language, &e.Capacity, &e.RegistrationOpens, &e.RegistrationCloses, &e.Audience, &e.Accessibility, &e.BrokerageTables,
		&e.BrokerageSlotMinutes, &e.NeedID, &categories, &e.Minutes, &e.MinutesPublishedAt, &e.CancelledAt, &e.CreatedAt,
		&e.UpdatedAt, &e.Registered, &e.Waiting)
	if err != nil {
		return e, err
	}
	if room.ID != 0 {
		e.Room = &room
	}
	e.Invited, e.Needs, e.Calls, e.Materials = []app.OrgRef{}, []app.NeedRef{}, []app.CallRef{}, []app.Material{}
	return e, json.Unmarshal([]byte(categories), &e.Categories)
}

func (s *Store) CreateEvent(ctx context.Context, orgID, creatorID int64, in app.EventInput) (app.Event, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		now := time.Now().UTC()
		err := c.queryRow(ctx, `INSERT INTO events (org_id, created_by, type, title, start_at, end_at, time_zone, language, capacity,
				audience, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			orgID, nullID(creatorID), in.Type, in.Title, in.Start, in.End, in.TimeZone, in.Language, in.Capacity, in.Audience, now, now).Scan(&id)
		if err != nil {
			if c.d.isForeignKey(err) {
				return app.FieldErrors{"organisation_id": "err.organisation_not_found"}.Err()
			}
			return fmt.Errorf("store: create event: %w", err)
		}
		if err := writeEvent(ctx, c, id, in, now); err != nil {
			return err
		}
		return auditObject(ctx, c, app.AuditEventCreate, kindEvent, id, nil, in)
	})
	if err != nil {
		return app.Event{}, err
	}
	return s.Event(ctx, app.Viewer{Admin: true}, id)
}

func (s *Store) UpdateEvent(ctx context.Context, id int64, in app.EventInput) (app.Event, error) {
	err := s.tx(ctx, func(c conn) error {
		if err := lockEvent(ctx, c, id); err != nil {
			return err
		}
		if err := refuseCancelled(ctx, c, id); err != nil {
			return err
		}
		before, err := snapshot(ctx, c, "events", id)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		if err := writeEvent(ctx, c, id, in, now); err != nil {
			return err
		}
		if err := auditObject(ctx, c, app.AuditEventUpdate, kindEvent, id, before, in); err != nil {
			return err
		}
		// More seats go to the waiting list at once.
		return promote(ctx, c, id, now)
	})
	if err != nil {
		return app.Event{}, err
	}
	return s.Event(ctx, app.Viewer{Admin: true}, id)
}

// lockEvent makes the changes of one event's registrations one after the other.
func lockEvent(ctx context.Context, c conn, id int64) error {
	var x int64
	err := c.queryRow(ctx, `SELECT id FROM events WHERE id = ?`+c.d.lockRow, id).Scan(&x)
	return notFound(err, "err.event_not_found")
}

// refuseCancelled answers a change to an event that was called off with a Conflict.
func refuseCancelled(ctx context.Context, c conn, id int64) error {
	var cancelled *time.Time
	if err := c.queryRow(ctx, `SELECT cancelled_at FROM events WHERE id = ?`, id).Scan(&cancelled); err != nil {
		return notFound(err, "err.event_not_found")
	}
	if cancelled != nil {
		return app.Errorf(app.Conflict, "err.event_cancelled")
	}
	return nil
}

// writeEvent sets everything an organiser writes on an event, its invitations and the
// booking of its room.
func writeEvent(ctx context.Context, c conn, id int64, in app.EventInput, now time.Time) error {
	_, err := c.exec(ctx, `UPDATE events SET type = ?, title = ?, description = ?, start_at = ?, end_at = ?, time_zone = ?, room_id = ?,
			address = ?, online_url = ?, language = ?, capacity = ?, registration_opens_at = ?, registration_closes_at = ?, audience = ?,
			accessibility = ?, brokerage_tables = ?, brokerage_slot_minutes = ?, need_id = ?, categories = ?, updated_at = ?
		WHERE id = ?`,
		in.Type, in.Title, in.Description, in.Start, in.End, in.TimeZone, nullID(in.RoomID), in.Address, in.OnlineURL, in.Language,
		in.Capacity, in.RegistrationOpens, in.RegistrationCloses, in.Audience, in.Accessibility, in.BrokerageTables, in.BrokerageSlotMinutes,
		nullID(in.NeedID), jsonList(in.Categories), now, id)
	if err != nil {
		if c.d.isForeignKey(err) {
			return app.FieldErrors{"room_id": "err.room_not_found", "need_id": "err.dialogue_need"}.Err()
		}
		return fmt.Errorf("store: write event: %w", err)
	}
	invited := in.InvitedOrgIDs
	if in.Type == app.DialogueType {
		if invited, err = dialogueInvitations(ctx, c, id, in, now); err != nil {
			return err
		}
	}
	if _, err := c.exec(ctx, `DELETE FROM event_invitations WHERE event_id = ?`, id); err != nil {
		return err
	}
	for _, org := range invited {
		if _, err := c.exec(ctx, `INSERT INTO event_invitations (event_id, org_id) VALUES (?, ?)`, id, org); err != nil {
			if c.d.isForeignKey(err) {
				return app.FieldErrors{"invited_organisation_ids": "err.organisation_not_found"}.Err()
			}
			return err
		}
	}
	for _, l := range []struct {
		table, column, field, key string
		ids                       []int64
	}{
		{"event_needs", "need_id", "need_ids", "err.need_not_found", in.NeedIDs},
		{"event_calls", "call_id", "call_ids", "err.call_not_found", in.CallIDs},
	} {
		if _, err := c.exec(ctx, `DELETE FROM `+l.table+` WHERE event_id = ?`, id); err != nil {
			return err
		}
		for _, x := range l.ids {
			if _, err := c.exec(ctx, `INSERT INTO `+l.table+` (event_id, `+l.column+`) VALUES (?, ?)`, id, x); err != nil {
				if c.d.isForeignKey(err) {
					return app.FieldErrors{l.field: l.key}.Err()
				}
				return err
			}
		}
	}
	if _, err := c.exec(ctx, `DELETE FROM room_bookings WHERE event_id = ?`, id); err != nil {
		return err
	}
	if in.RoomID == 0 {
		return nil
	}
	_, err = bookRoom(ctx, c, in.RoomID, 0, id, app.BookingInput{Title: in.Title, Start: in.Start, End: in.End}, now)
	if e := app.AsError(err); err != nil && e.Code != app.Internal {
		// The form names the room, not the times, as what to change.
		return &app.Error{Code: e.Code, Message: e.Message, Fields: map[string]string{"room_id": e.Message}}
	}
	return err
}

func (s *Store) Event(ctx context.Context, v app.Viewer, id int64) (app.Event, error) {
	where, args := visibleEvents(v)
	e, err := scanEvent(s.r().queryRow(ctx, `SELECT `+eventColumns+eventFrom+`WHERE e.id = ? AND `+where, append([]any{id}, args...)...))
	if err != nil {
		return app.Event{}, notFound(err, "err.event_not_found")
	}
	list := []app.Event{e}
	if err := s.loadEventLists(ctx, v, list); err != nil {
		return app.Event{}, err
	}
	return list[0], nil
}

// loadEventLists reads the invitations, linked needs (those the viewer may see), calls and
// materials of events.
func (s *Store) loadEventLists(ctx context.Context, v app.Viewer, events []app.Event) error {
	if len(events) == 0 {
		return nil
	}
	index := make(map[int64]*app.Event, len(events))
	ids := make([]any, len(events))
	for i := range events {
		index[events[i].ID], ids[i] = &events[i], events[i].ID
	}
	in := "(" + placeholders(len(ids)) + ")"
	var id int64
	err := eachRow(ctx, s.r(), `SELECT i.event_id, o.id, o.name, o.kind FROM event_invitations i JOIN organisations o ON o.id = i.org_id
		WHERE i.event_id IN `+in+` ORDER BY i.event_id, o.sort_key, o.id`, ids, func(r scanner) error {
		var o app.OrgRef
		err := r.Scan(&id, &o.ID, &o.Name, &o.Kind)
		index[id].Invited = append(index[id].Invited, o)
		return err
	})
	if err == nil {
		vis, args := visibleNeeds(v)
		err = eachRow(ctx, s.r(), `SELECT x.event_id, n.id, n.title FROM event_needs x JOIN needs n ON n.id = x.need_id
			WHERE x.event_id IN `+in+` AND `+vis+` ORDER BY x.event_id, n.id`, append(append([]any{}, ids...), args...), func(r scanner) error {
			var n app.NeedRef
			err := r.Scan(&id, &n.ID, &n.Title)
			index[id].Needs = append(index[id].Needs, n)
			return err
		})
	}
	if err == nil {
		err = eachRow(ctx, s.r(), `SELECT x.event_id, c.id, c.title, c.programme, c.currency FROM event_calls x JOIN calls c ON c.id = x.call_id
			WHERE x.event_id IN `+in+` ORDER BY x.event_id, c.id`, ids, func(r scanner) error {
			var c app.CallRef
			err := r.Scan(&id, &c.ID, &c.Title, &c.Programme, &c.Currency)
			index[id].Calls = append(index[id].Calls, c)
			return err
		})
	}
	if err == nil {
		err = eachRow(ctx, s.r(), `SELECT `+materialColumns+` WHERE m.event_id IN `+in+` ORDER BY m.event_id, m.id`, ids, func(r scanner) error {
			m, err := scanMaterial(r)
			index[m.EventID].Materials = append(index[m.EventID].Materials, m)
			return err
		})
	}
	if err != nil {
		return fmt.Errorf("store: event lists: %w", err)
	}
	return nil
}

// eventCursor carries the start and id of the last event of a page.
func eventCursor(e app.Event) cursor {
	return cursor{key: []byte(e.Start.UTC().Format(time.RFC3339Nano)), id: e.ID}
}

func (s *Store) ListEvents(ctx context.Context, v app.Viewer, f app.EventFilter) (app.List[app.Event], error) {
	f.Page = f.Page.Clamp()
	cur, err := parseCursor(f.Cursor)
	if err != nil {
		return app.List[app.Event]{}, err
	}
	where, args := visibleEvents(v)
	conds := []string{where, "e.end_at > ?"}
	args = append(args, f.From.UTC())
	if f.OrgID != 0 {
		conds, args = append(conds, "e.org_id = ?"), append(args, f.OrgID)
	}
	if f.Registered != 0 {
		conds = append(conds, "EXISTS (SELECT 1 FROM event_registrations r WHERE r.event_id = e.id AND r.user_id = ? AND r.status = 'registered')")
		args = append(args, f.Registered)
	}
	if cur.id > 0 {
		after, err := time.Parse(time.RFC3339Nano, string(cur.key))
		if err != nil {
			return app.List[app.Event]{}, app.FieldErrors{"cursor": "err.cursor"}.Err()
		}
		conds = append(conds, "(e.start_at > ? OR (e.start_at = ? AND e.id > ?))")
		args = append(args, after, after, cur.id)
	}
	rows, err := s.r().query(ctx, `SELECT `+eventColumns+eventFrom+`WHERE `+strings.Join(conds, " AND ")+` ORDER BY e.start_at, e.id LIMIT ?`,
		append(args, f.Limit+1)...)
	if err != nil {
		return app.List[app.Event]{}, fmt.Errorf("store: list events: %w", err)
	}
	events, err := collect(rows, scanEvent)
	if err != nil {
		return app.List[app.Event]{}, fmt.Errorf("store: list events: %w", err)
	}
	l := page(events, f.Limit, eventCursor)
	return l, s.loadEventLists(ctx, v, l.Items)
}
