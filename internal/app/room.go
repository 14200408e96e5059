package app

import (
	"slices"
	"time"
)

// RoomKinds: a room for meetings, or a desk to work at.
var RoomKinds = []string{"room", "desk"}

// Room is a room or desk of the hub that members book.
type Room struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Kind        string    `json:"kind"`
	Capacity    int       `json:"capacity"`
	Equipment   []string  `json:"equipment"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
}

// RoomRef names a room.
type RoomRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// RoomInput is what a hub manager writes on a room.
type RoomInput struct {
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Capacity    int      `json:"capacity"`
	Equipment   []string `json:"equipment"`
	Description string   `json:"description"`
}

// Normalise trims the input and checks it.
func (in *RoomInput) Normalise() error {
	f := FieldErrors{}
	var k string
	if in.Name, k = NormaliseName(in.Name); k != "" {
		f.Add("name", k)
	}
	checkTexts(f, map[string]*string{"description": &in.Description})
	if in.Kind == "" {
		in.Kind = RoomKinds[0]
	}
	if !slices.Contains(RoomKinds, in.Kind) {
		f.Add("kind", "err.room_kind")
	}
	if in.Capacity < 1 || in.Capacity > maxCapacity {
		f.Add("capacity", "err.capacity")
	}
	checkTags(f, "equipment", &in.Equipment)
	return f.Err()
}

// Booking is a room or desk taken for a while, by a person or by an event held there.
type Booking struct {
	ID        int64     `json:"id"`
	Room      RoomRef   `json:"room"`
	User      UserRef   `json:"user"`
	EventID   *int64    `json:"event_id"`
	Title     string    `json:"title"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	CreatedAt time.Time `json:"created_at"`
}

// BookingInput is what a person asks for.
type BookingInput struct {
	Title string    `json:"title"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// MaxBookingLength is the longest one booking may last.
const MaxBookingLength = 14 * 24 * time.Hour

// Normalise checks a booking asked for at now: a title, an end after the start, not in the
// past, at most MaxBookingLength. Times are kept to the minute.
func (in *BookingInput) Normalise(now time.Time) error {
	f := FieldErrors{}
	checkTexts(f, map[string]*string{"title": &in.Title})
	if ContainsPersonalNumber(in.Title) {
		f.Add("title", "err.personal_number")
	}
	in.Start, in.End = in.Start.UTC().Truncate(time.Minute), in.End.UTC().Truncate(time.Minute)
	switch {
	case in.Start.IsZero():
		f.Add("start", "err.required")
	case in.End.IsZero():
		f.Add("end", "err.required")
	case !in.End.After(in.Start):
		f.Add("end", "err.event_end")
	case in.End.Sub(in.Start) > MaxBookingLength:
		f.Add("end", "err.booking_too_long")
	case in.End.Before(now):
		f.Add("start", "err.booking_past")
	}
	return f.Err()
}
