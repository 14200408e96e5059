package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

func mustCreateRoom(t *testing.T, s *store.Store, name string, capacity int) app.Room {
	t.Helper()
	in := app.RoomInput{Name: name, Capacity: capacity, Equipment: []string{"Projektor", "Videokonferens"}}
	if err := in.Normalise(); err != nil {
		t.Fatal(err)
	}
	r, err := s.CreateRoom(ctx, in)
	if err != nil {
		t.Fatalf("create room %s: %v", name, err)
	}
	return r
}

func TestRooms(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		mustCreateRoom(t, s, "Studio", 6)
		mustCreateRoom(t, s, "Ärlan", 4)
		mustCreateRoom(t, s, "Fikarummet", 12)
		rooms, err := s.ListRooms(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range rooms {
			names = append(names, r.Name)
		}
		if fmt.Sprint(names) != "[Fikarummet Studio Ärlan]" {
			t.Errorf("rooms = %v, want Swedish order", names)
		}
		if rooms[0].Capacity != 12 || len(rooms[0].Equipment) != 2 || rooms[0].Kind != "room" {
			t.Errorf("room = %+v", rooms[0])
		}
		_, err = s.Room(ctx, 999999)
		wantCode(t, err, app.NotFound)
		_, err = s.BookRoom(ctx, 999999, 0, app.BookingInput{Title: "x", Start: time.Now(), End: time.Now().Add(time.Hour)})
		wantCode(t, err, app.NotFound)
	})
}

// TestNoDoubleBookingUnderConcurrency is the acceptance test of room bookings: many people
// book overlapping times of one room at once and exactly one gets it; bookings that only
// touch (one ends when the next starts) all succeed, also at once.
func TestNoDoubleBookingUnderConcurrency(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		room := mustCreateRoom(t, s, "Stora mötesrummet", 40)
		other := mustCreateRoom(t, s, "Studio", 6)
		people := make([]app.User, 100)
		for i := range people {
			people[i] = mustCreateUser(t, s, fmt.Sprintf("bokare%02d@example.se", i), fmt.Sprintf("Bokare %02d", i))
		}
		base := time.Now().Add(48 * time.Hour).Truncate(time.Hour)
		var wg sync.WaitGroup
		errs := make([]error, len(people))
		start := make(chan struct{})
		for i, p := range people {
			// Every booking overlaps every other: each lasts an hour and starts within the first 50 minutes.
			shift := time.Duration(i%50) * time.Minute
			in := app.BookingInput{Title: p.Name, Start: base.Add(shift), End: base.Add(time.Hour + shift)}
			wg.Go(func() {
				<-start
				_, errs[i] = s.BookRoom(ctx, room.ID, p.ID, in)
			})
		}
		// Back-to-back hours of the other room, at the same time.
		adjacent := make([]error, 8)
		for i := range adjacent {
			in := app.BookingInput{Title: "Pass", Start: base.Add(time.Duration(i) * time.Hour), End: base.Add(time.Duration(i+1) * time.Hour)}
			wg.Go(func() {
				<-start
				_, adjacent[i] = s.BookRoom(ctx, other.ID, people[i].ID, in)
			})
		}
		close(start)
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case app.ErrorCode(err) != app.Conflict:
				t.Fatalf("book: %v", err)
			}
		}
		if won != 1 {
			t.Errorf("%d of %d overlapping bookings succeeded, want exactly 1", won, len(people))
		}
		for i, err := range adjacent {
			if err != nil {
				t.Errorf("adjacent booking %d: %v", i, err)
			}
		}
		bookings, err := s.Bookings(ctx, app.Viewer{Admin: true}, room.ID, base.Add(-time.Hour), base.Add(3*time.Hour))
		if err != nil || len(bookings) != 1 {
			t.Fatalf("bookings = %+v, %v", bookings, err)
		}
		b := bookings[0]
		if b.User.ID == 0 || b.Room.ID != room.ID || b.EventID != nil {
			t.Errorf("booking = %+v", b)
		}
		if got, _ := s.Bookings(ctx, app.Viewer{Admin: true}, other.ID, base, base.Add(8*time.Hour)); len(got) != 8 {
			t.Errorf("other room has %d bookings, want 8", len(got))
		}
		// Deleting frees the time.
		if err := s.DeleteBooking(ctx, room.ID, b.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.DeleteBooking(ctx, room.ID, b.ID), app.NotFound)
		if _, err := s.BookRoom(ctx, room.ID, people[0].ID, app.BookingInput{Title: "Igen", Start: base, End: base.Add(time.Hour)}); err != nil {
			t.Errorf("book after delete: %v", err)
		}
	})
}

// TestBookingsAsSeen: everyone sees that a room is taken; what for and by whom only
// signed-in people, and an event held there only those who may see the event.
func TestBookingsAsSeen(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		lars := mustCreateUser(t, s, "lars@ostersund.example", "Lars Persson")
		olle := mustCreateUser(t, s, "olle@example.se", "Olle")
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", lars.ID)
		room := mustCreateRoom(t, s, "Fikarummet", 12)
		in := eventInput("Internt möte", 5)
		in.RoomID, in.Address, in.Audience, in.InvitedOrgIDs = room.ID, "", app.AudienceInvited, []int64{kommun.ID}
		e := mustCreateEvent(t, s, kommun.ID, lars.ID, in)
		if _, err := s.BookRoom(ctx, room.ID, lars.ID, app.BookingInput{Title: "Fika med leverantörer", Start: in.End, End: in.End.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			v    app.Viewer
			want string
		}{
			{"visitor", app.Viewer{}, "[{<nil> } {<nil> }]"},
			{"signed in", viewerOf(olle), "[{<nil> } {<nil> Fika med leverantörer}]"},
			{"member of the organiser", viewerOf(lars, kommun.ID), fmt.Sprintf("[{%d Internt möte} {<nil> Fika med leverantörer}]", e.ID)},
		} {
			bookings, err := s.Bookings(ctx, c.v, room.ID, in.Start, in.End.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range bookings {
				id := "<nil>"
				if b.EventID != nil {
					id = fmt.Sprint(*b.EventID)
				}
				got = append(got, "{"+id+" "+b.Title+"}")
				if b.Title == "" && b.User.ID != 0 {
					t.Errorf("%s: a booking without its title names its booker", c.name)
				}
			}
			if fmt.Sprint(got) != c.want {
				t.Errorf("%s sees %v, want %s", c.name, got, c.want)
			}
		}
	})
}

// TestSeriesAllOrNothingUnderConcurrency: people book repeated series of one room at once,
// each series clashing with every other on some occurrence; exactly one series gets the
// room, every occurrence of it, and the others leave nothing behind. A series that clashes
// with a single booking names the date and books none of its occurrences.
func TestSeriesAllOrNothingUnderConcurrency(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		room := mustCreateRoom(t, s, "Studio", 6)
		hub := app.Zone(app.DefaultTimeZone)
		now := time.Now().In(hub)
		monday := time.Date(now.Year(), now.Month(), now.Day()+7-int(now.Weekday())+1, 9, 0, 0, 0, hub)
		people := make([]app.User, 30)
		for i := range people {
			people[i] = mustCreateUser(t, s, fmt.Sprintf("serie%02d@example.se", i), fmt.Sprintf("Serie %02d", i))
		}
		series := func(i int) (app.BookingInput, []app.Occurrence) {
			// Weekly, five times, each starting in a different week of the first three, so
			// that any two share at least one week at 09:00.
			start := monday.AddDate(0, 0, 7*(i%3))
			in := app.SeriesInput{BookingInput: app.BookingInput{Title: people[i].Name, Start: start, End: start.Add(time.Hour)},
				Repeat: app.Repeat{Frequency: "weekly", Count: 5}}
			times, err := in.Normalise(time.Now(), hub)
			if err != nil {
				t.Fatal(err)
			}
			return in.BookingInput, times
		}
		var wg sync.WaitGroup
		errs := make([]error, len(people))
		start := make(chan struct{})
		for i, p := range people {
			in, times := series(i)
			wg.Go(func() {
				<-start
				_, errs[i] = s.BookRoomSeries(ctx, room.ID, p.ID, in, "weekly", times)
			})
		}
		close(start)
		wg.Wait()
		winner := -1
		for i, err := range errs {
			switch {
			case err == nil:
				if winner >= 0 {
					t.Errorf("series %d and %d both booked", winner, i)
				}
				winner = i
			case app.ErrorCode(err) != app.Conflict:
				t.Fatalf("book series: %v", err)
			}
		}
		if winner < 0 {
			t.Fatal("no series was booked")
		}
		bookings, err := s.Bookings(ctx, app.Viewer{Admin: true}, room.ID, monday.AddDate(0, 0, -1), monday.AddDate(0, 3, 0))
		if err != nil {
			t.Fatal(err)
		}
		if len(bookings) != 5 {
			t.Fatalf("%d bookings, want the winner's 5", len(bookings))
		}
		for _, b := range bookings {
			if b.User.ID != people[winner].ID || b.Series == nil || b.Series.Frequency != "weekly" || b.Start.In(hub).Hour() != 9 {
				t.Errorf("booking %+v is not the winner's weekly 09:00", b)
			}
		}

		// A clash with one single booking names its date, and nothing of the series is booked.
		other := mustCreateRoom(t, s, "Ärlan", 4)
		third := monday.AddDate(0, 0, 14)
		if _, err := s.BookRoom(ctx, other.ID, people[0].ID, app.BookingInput{Title: "Enstaka", Start: third.Add(30 * time.Minute), End: third.Add(2 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		in, times := series(0)
		_, err = s.BookRoomSeries(ctx, other.ID, people[1].ID, in, "weekly", times)
		e := app.AsError(err)
		if e.Code != app.Conflict || e.Message != "err.series_taken" || fmt.Sprint(e.Args) != "["+third.Format(time.DateOnly)+"]" {
			t.Fatalf("clash = %+v, want a conflict naming %s", e, third.Format(time.DateOnly))
		}
		if got, _ := s.Bookings(ctx, app.Viewer{Admin: true}, other.ID, monday.AddDate(0, 0, -1), monday.AddDate(0, 3, 0)); len(got) != 1 {
			t.Errorf("other room has %d bookings after a refused series, want the single 1", len(got))
		}

		// One occurrence is cancelled alone; then the rest of the series at once.
		if err := s.DeleteBooking(ctx, room.ID, bookings[1].ID); err != nil {
			t.Fatal(err)
		}
		n, err := s.CancelSeries(ctx, room.ID, bookings[0].Series.ID, time.Now())
		if err != nil || n != 4 {
			t.Errorf("cancel series: %d, %v; want 4", n, err)
		}
		_, err = s.CancelSeries(ctx, room.ID, bookings[0].Series.ID, time.Now())
		wantCode(t, err, app.NotFound)
	})
}
