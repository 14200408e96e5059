package store

import (
	"context"
	"encoding/json"
	"fmt"
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
	err := s.w().queryRow(ctx, `INSERT INTO rooms (name, sort_key, kind, capacity, equipment, description, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		in.Name, sortKey(in.Name), in.Kind, in.Capacity, jsonList(in.Equipment), in.Description, time.Now().UTC()).Scan(&id)
	if err != nil {
		return app.Room{}, fmt.Errorf("store: create room: %w", err)
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

// bookRoom books a room for a person (userID) or an event (eventID), unless another booking
// overlaps. The room's row is locked first (PostgreSQL; SQLite has one writer), so that two
// bookings of one room are checked and made one after the other and never overlap.
func bookRoom(ctx context.Context, c conn, roomID, userID, eventID int64, in app.BookingInput, now time.Time) (int64, error) {
	var id int64
	if err := c.queryRow(ctx, `SELECT id FROM rooms WHERE id = ?`+c.d.lockRow, roomID).Scan(&id); err != nil {
		return 0, notFound(err, "err.room_not_found")
	}
	var overlapping int
	if err := c.queryRow(ctx, `SELECT count(*) FROM room_bookings WHERE room_id = ? AND start_at < ? AND end_at > ?`,
		roomID, in.End.UTC(), in.Start.UTC()).Scan(&overlapping); err != nil {
		return 0, err
	}
	if overlapping > 0 {
		return 0, &app.Error{Code: app.Conflict, Message: "err.room_taken", Fields: map[string]string{"start": "err.room_taken"}}
	}
	err := c.queryRow(ctx, `INSERT INTO room_bookings (room_id, user_id, event_id, title, start_at, end_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, roomID, nullID(userID), nullID(eventID), in.Title, in.Start.UTC(), in.End.UTC(), now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: book room: %w", err)
	}
	return id, nil
}

const bookingColumns = `b.id, b.room_id, ro.name, COALESCE(b.user_id, 0), COALESCE(u.name, ''), b.event_id, b.title, b.start_at, b.end_at, b.created_at`

const bookingFrom = ` FROM room_bookings b JOIN rooms ro ON ro.id = b.room_id LEFT JOIN users u ON u.id = b.user_id `

// scanBooking reads a booking and whether the viewer may see what it is for; one they may
// not keeps only its room and times.
func scanBooking(r scanner) (app.Booking, error) {
	var x app.Booking
	var shown bool
	err := r.Scan(&x.ID, &x.Room.ID, &x.Room.Name, &x.User.ID, &x.User.Name, &x.EventID, &x.Title, &x.Start, &x.End, &x.CreatedAt, &shown)
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
	res, err := s.w().exec(ctx, `DELETE FROM room_bookings WHERE room_id = ? AND id = ? AND event_id IS NULL`, roomID, id)
	return affected(res, err, "err.booking_not_found")
}
