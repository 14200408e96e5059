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
