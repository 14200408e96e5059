package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

const roomColumns = `id, name, kind, capacity, equipment, description, created_at`

func scanRoom(r scanner) (app.Room, error) {
	var x app.Room
	var equipment string
	if err := r.Scan(&x.ID, &x.Name, &x.Kind, &x.Capacity, &equipment, &x.Description, &x.CreatedAt); err != nil {
		return x, err
	}
	if err := json.Unmarshal([]byte(equipment), &x.Equipment); err != nil {
		return x, fmt.Errorf("store: room equipment: %w", err)
	}
	if x.Equipment == nil {
		x.Equipment = []string{}
	}
	return x, nil
}

func (s *Store) CreateRoom(ctx context.Context, in app.RoomInput) (app.Room, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO rooms (name, sort_key, kind, capacity, equipment, description, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			in.Name, sortKey(in.Name), in.Kind, in.Capacity, jsonList(in.Equipment), in.Description, time.Now().UTC()).Scan(&id)
		if err != nil {
			return fmt.Errorf("store: create room: %w", err)
		}
		return auditObject(ctx, c, app.AuditRoomCreate, kindRoom, id, nil, in)
	})
	if err != nil {
		return app.Room{}, err
	}
	return s.Room(ctx, id)
}

func (s *Store) UpdateRoom(ctx context.Context, id int64, in app.RoomInput) (app.Room, error) {
	err := s.tx(ctx, func(c conn) error {
		before, err := snapshot(ctx, c, "rooms", id)
		if err != nil {
			return notFound(err, "err.room_not_found")
		}
		if _, err := c.exec(ctx, `UPDATE rooms SET name = ?, sort_key = ?, kind = ?, capacity = ?, equipment = ?, description = ? WHERE id = ?`,
			in.Name, sortKey(in.Name), in.Kind, in.Capacity, jsonList(in.Equipment), in.Description, id); err != nil {
			return fmt.Errorf("store: update room: %w", err)
		}
		return auditObject(ctx, c, app.AuditRoomUpdate, kindRoom, id, before, in)
	})
	if err != nil {
		return app.Room{}, err
	}
	return s.Room(ctx, id)
}

func (s *Store) Room(ctx context.Context, id int64) (app.Room, error) {
	x, err := scanRoom(s.r().queryRow(ctx, `SELECT `+roomColumns+` FROM rooms WHERE id = ?`, id))
	return x, notFound(err, "err.room_not_found")
}

func (s *Store) ListRooms(ctx context.Context) ([]app.Room, error) {
	rows, err := s.r().query(ctx, `SELECT `+roomColumns+` FROM rooms ORDER BY sort_key, id`)
	if err != nil {
		return nil, fmt.Errorf("store: list rooms: %w", err)
	}
	out, err := collect(rows, scanRoom)
	if out == nil {
		out = []app.Room{}
	}
	return out, err
}

func (s *Store) BookRoom(ctx context.Context, roomID, userID int64, in app.BookingInput) (app.Booking, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		var err error
		id, err = bookRoom(ctx, c, roomID, userID, 0, in, time.Now().UTC())
		return err
	})
	if err != nil {
		return app.Booking{}, err
	}
	return s.Booking(ctx, roomID, id)
}

// BookRoomSeries books every occurrence of a repeated booking in one transaction, or none:
// if any of them overlaps another booking, the error names the dates (on the hub's clock).
func (s *Store) BookRoomSeries(ctx context.Context, roomID, userID int64, in app.BookingInput, frequency string, times []app.Occurrence) ([]app.Booking, error) {
	var seriesID int64
	err := s.tx(ctx, func(c conn) error {
		now := time.Now().UTC()
		if err := lockRoom(ctx, c, roomID); err != nil {
			return err
		}
		var clashes []string
		for _, t := range times {
			taken, err := overlaps(ctx, c, roomID, t)
			if err != nil {
				return err
			}
			if taken {
				clashes = append(clashes, t.Start.In(app.Zone(app.DefaultTimeZone)).Format(time.DateOnly))
			}
		}
		if len(clashes) > 0 {
			return &app.Error{Code: app.Conflict, Message: "err.series_taken", Args: []any{strings.Join(clashes, ", ")},
				Fields: map[string]string{"start": "err.room_taken"}}
		}
		err := c.queryRow(ctx, `INSERT INTO booking_series (room_id, user_id, frequency, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			roomID, userID, frequency, now).Scan(&seriesID)
		if err != nil {
			return fmt.Errorf("store: book series: %w", err)
		}
		for _, t := range times {
			if _, err := insertBooking(ctx, c, roomID, userID, 0, seriesID, in.Title, t, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rows, err := s.r().query(ctx, `SELECT `+bookingColumns+`, TRUE`+bookingFrom+`WHERE b.series_id = ? ORDER BY b.start_at`, seriesID)
	if err != nil {
		return nil, fmt.Errorf("store: series: %w", err)
	}
	return collect(rows, scanBooking)
}

// bookRoom books a room for a person (userID) or an event (eventID), unless another booking
// overlaps.
func bookRoom(ctx context.Context, c conn, roomID, userID, eventID int64, in app.BookingInput, now time.Time) (int64, error) {
	if err := lockRoom(ctx, c, roomID); err != nil {
		return 0, err
	}
	t := app.Occurrence{Start: in.Start.UTC(), End: in.End.UTC()}
	taken, err := overlaps(ctx, c, roomID, t)
	if err != nil {
		return 0, err
	}
	if taken {
		return 0, &app.Error{Code: app.Conflict, Message: "err.room_taken", Fields: map[string]string{"start": "err.room_taken"}}
	}
	return insertBooking(ctx, c, roomID, userID, eventID, 0, in.Title, t, now)
}

// lockRoom locks the room's row (PostgreSQL; SQLite has one writer), so that two bookings
// of one room are checked and made one after the other and never overlap.
func lockRoom(ctx context.Context, c conn, roomID int64) error {
	var id int64
	err := c.queryRow(ctx, `SELECT id FROM rooms WHERE id = ?`+c.d.lockRow, roomID).Scan(&id)
	return notFound(err, "err.room_not_found")
}

// overlaps reports whether another booking of the room overlaps t; the caller holds the room's lock.
func overlaps(ctx context.Context, c conn, roomID int64, t app.Occurrence) (bool, error) {
	var n int
	err := c.queryRow(ctx, `SELECT count(*) FROM room_bookings WHERE room_id = ? AND start_at < ? AND end_at > ?`,
		roomID, t.End.UTC(), t.Start.UTC()).Scan(&n)
	return n > 0, err
}

func insertBooking(ctx context.Context, c conn, roomID, userID, eventID, seriesID int64, title string, t app.Occurrence, now time.Time) (int64, error) {
	var id int64
	err := c.queryRow(ctx, `INSERT INTO room_bookings (room_id, user_id, event_id, series_id, title, start_at, end_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, roomID, nullID(userID), nullID(eventID), nullID(seriesID), title,
		t.Start.UTC(), t.End.UTC(), now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: book room: %w", err)
	}
	return id, auditObject(ctx, c, app.AuditBookingCreate, kindRoom, roomID, nil,
		map[string]any{"booking_id": id, "user_id": userID, "event_id": eventID, "series_id": seriesID, "title": title, "start": t.Start.UTC(), "end": t.End.UTC()})
}

const bookingColumns = `b.id, b.room_id, ro.name, COALESCE(b.user_id, 0), COALESCE(u.name, ''), b.event_id, COALESCE(bs.id, 0),
	COALESCE(bs.frequency, ''), b.title, b.start_at, b.end_at, b.created_at`

const bookingFrom = ` FROM room_bookings b JOIN rooms ro ON ro.id = b.room_id LEFT JOIN users u ON u.id = b.user_id
	LEFT JOIN booking_series bs ON bs.id = b.series_id `

// scanBooking reads a booking and whether the viewer may see what it is for; one they may
// not keeps only its room and times.
func scanBooking(r scanner) (app.Booking, error) {
	var x app.Booking
	var shown bool
	var series app.BookingSeries
	err := r.Scan(&x.ID, &x.Room.ID, &x.Room.Name, &x.User.ID, &x.User.Name, &x.EventID, &series.ID, &series.Frequency, &x.Title,
		&x.Start, &x.End, &x.CreatedAt, &shown)
	if series.ID != 0 {
		x.Series = &series
	}
	if !shown {
		x.User, x.EventID, x.Title = app.UserRef{}, nil, ""
	}
	return x, err
}

// Booking reads a booking whole, for the policy's checks.
func (s *Store) Booking(ctx context.Context, roomID, id int64) (app.Booking, error) {
	x, err := scanBooking(s.r().queryRow(ctx, `SELECT `+bookingColumns+`, TRUE`+bookingFrom+`WHERE b.room_id = ? AND b.id = ?`, roomID, id))
	return x, notFound(err, "err.booking_not_found")
}

func (s *Store) Bookings(ctx context.Context, v app.Viewer, roomID int64, from, to time.Time) ([]app.Booking, error) {
	where, args := visibleEvents(v)
	shown := `(b.event_id IS NULL AND ?) OR EXISTS (SELECT 1 FROM events e WHERE e.id = b.event_id AND ` + where + `)`
	args = append([]any{v.SignedIn() || v.Admin}, args...)
	rows, err := s.r().query(ctx, `SELECT `+bookingColumns+`, `+shown+bookingFrom+`WHERE b.room_id = ? AND b.start_at < ? AND b.end_at > ?
		ORDER BY b.start_at, b.id`, append(args, roomID, to.UTC(), from.UTC())...)
	if err != nil {
		return nil, fmt.Errorf("store: bookings: %w", err)
	}
	out, err := collect(rows, scanBooking)
	if out == nil {
		out = []app.Booking{}
	}
	return out, err
}

func (s *Store) DeleteBooking(ctx context.Context, roomID, id int64) error {
	return s.tx(ctx, func(c conn) error {
		before, err := snapshot(ctx, c, "room_bookings", id)
		if err != nil {
			return notFound(err, "err.booking_not_found")
		}
		res, err := c.exec(ctx, `DELETE FROM room_bookings WHERE room_id = ? AND id = ? AND event_id IS NULL`, roomID, id)
		if err := affected(res, err, "err.booking_not_found"); err != nil {
			return err
		}
		return auditObject(ctx, c, app.AuditBookingDelete, kindRoom, roomID, before, nil)
	})
}

// CancelSeries frees the occurrences of a series that have not ended by now; those past stay
// as they were.
func (s *Store) CancelSeries(ctx context.Context, roomID, seriesID int64, now time.Time) (int64, error) {
	var n int64
	err := s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `DELETE FROM room_bookings WHERE room_id = ? AND series_id = ? AND end_at > ?`, roomID, seriesID, now.UTC())
		if err := affected(res, err, "err.booking_not_found"); err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		before := map[string]any{"series_id": seriesID, "bookings": n, "ending_after": now.UTC()}
		return auditObject(ctx, c, app.AuditBookingDelete, kindRoom, roomID, before, nil)
	})
	return n, err
}
