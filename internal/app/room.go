package app

import (
	"slices"
	"strings"
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
	ID      int64   `json:"id"`
	Room    RoomRef `json:"room"`
	User    UserRef `json:"user"`
	EventID *int64  `json:"event_id"`
	// Series, when set, is the repeated booking this is one occurrence of.
	Series    *BookingSeries `json:"series"`
	Title     string         `json:"title"`
	Start     time.Time      `json:"start"`
	End       time.Time      `json:"end"`
	CreatedAt time.Time      `json:"created_at"`
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

// Frequencies a booking may repeat at.
var Frequencies = []string{"daily", "weekly"}

// MaxOccurrences is how many times one series may book a room; MaxSeriesSpan how far
// ahead its last occurrence may be.
const (
	MaxOccurrences = 100
	MaxSeriesSpan  = 366 * 24 * time.Hour
)

// Repeat says how a booking repeats: daily or weekly, a number of times (Count, the first
// included) or until a date on the hub's calendar (Until, YYYY-MM-DD, included).
type Repeat struct {
	Frequency string `json:"frequency"`
	Count     int    `json:"count"`
	Until     string `json:"until"`
}

// SeriesInput is a booking and how it repeats.
type SeriesInput struct {
	BookingInput
	Repeat Repeat `json:"repeat"`
}

// Occurrence is one time a repeated booking takes the room.
type Occurrence struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Normalise checks the booking and its repetition, and returns its occurrences: each at
// the same hour on the wall clock of zone (the hub's), so that a weekly 09:00 stays 09:00
// across summer time.
func (in *SeriesInput) Normalise(now time.Time, zone *time.Location) ([]Occurrence, error) {
	f := FieldErrors{}
	if err := in.BookingInput.Normalise(now); err != nil {
		for k, v := range AsError(err).Fields {
			f.Add(k, v)
		}
	}
	r := &in.Repeat
	if !slices.Contains(Frequencies, r.Frequency) {
		f.Add("frequency", "err.frequency")
	}
	var until time.Time
	switch r.Until = strings.TrimSpace(r.Until); {
	case (r.Count == 0) == (r.Until == ""):
		f.Add("count", "err.repeat_end")
	case r.Until != "":
		d, err := time.ParseInLocation(time.DateOnly, r.Until, zone)
		if err != nil {
			f.Add("until", "err.date")
		}
		until = d.AddDate(0, 0, 1) // the whole day
	case r.Count < 2 || r.Count > MaxOccurrences:
		f.Add("count", "err.repeat_count")
	}
	if len(f) > 0 {
		return nil, f.Err()
	}
	step := 1
	if r.Frequency == "weekly" {
		step = 7
	}
	start, length := in.Start.In(zone), in.End.Sub(in.Start)
	var out []Occurrence
	for i := 0; r.Count == 0 || i < r.Count; i++ {
		s := start.AddDate(0, 0, i*step)
		if r.Until != "" && !s.Before(until) {
			break
		}
		if len(out) == MaxOccurrences || s.Sub(in.Start) > MaxSeriesSpan {
			f.Add("until", "err.repeat_too_long")
			return nil, f.Err()
		}
		out = append(out, Occurrence{Start: s.UTC(), End: s.Add(length).UTC()})
	}
	if len(out) < 2 {
		f.Add("until", "err.repeat_count")
		return nil, f.Err()
	}
	return out, nil
}

// BookingSeries is a repeated booking of one room by one person.
type BookingSeries struct {
	ID        int64  `json:"id"`
	Frequency string `json:"frequency"`
}
