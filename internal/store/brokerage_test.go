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

// brokerageEvent is an event with 3 tables and 20-minute slots, and n people registered
// with a published profile.
func brokerageEvent(t *testing.T, s *store.Store, n int) (app.Event, []app.User) {
	t.Helper()
	lars := mustCreateUser(t, s, "lars@ostersund.example", "Lars Persson")
	kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", lars.ID)
	in := eventInput("Matchmaking: e-hälsa i glesbygd", n)
	in.BrokerageTables, in.BrokerageSlotMinutes = 3, 20
	e := mustCreateEvent(t, s, kommun.ID, lars.ID, in)
	if len(e.Slots()) != 6 {
		t.Fatalf("%d slots in two hours of 20 minutes", len(e.Slots()))
	}
	var people []app.User
	for i := range n {
		p := mustCreateUser(t, s, fmt.Sprintf("deltagare%02d@example.se", i), fmt.Sprintf("Deltagare %02d", i))
		if _, err := s.Register(ctx, viewerOf(p), e.ID, app.RegistrationInput{}, time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := s.SetBrokerageProfile(ctx, e.ID, p.ID, app.BrokerageProfileInput{Offer: "Sensorer", Seek: "Testbädd"}); err != nil {
			t.Fatal(err)
		}
		people = append(people, p)
	}
	return e, people
}

func TestBrokerage(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		e, p := brokerageEvent(t, s, 3)
		outsider := mustCreateUser(t, s, "olle@example.se", "Olle")
		wantCode(t, s.SetBrokerageProfile(ctx, e.ID, outsider.ID, app.BrokerageProfileInput{Offer: "x"}), app.Conflict)
		profiles, err := s.BrokerageProfiles(ctx, e.ID)
		if err != nil || len(profiles) != 3 || profiles[0].Offer != "Sensorer" {
			t.Fatalf("profiles = %+v, %v", profiles, err)
		}
		_, err = s.RequestMeeting(ctx, e.ID, 0, outsider.ID, p[0].ID, time.Now())
		wantCode(t, err, app.Conflict)
		_, err = s.RequestMeeting(ctx, e.ID, 0, p[0].ID, p[0].ID, time.Now())
		wantCode(t, err, app.Invalid)
		m, err := s.RequestMeeting(ctx, e.ID, 2, p[0].ID, p[1].ID, time.Now())
		if err != nil || m.Status != app.MeetingRequested || m.Requester.ID != p[0].ID {
			t.Fatalf("request = %+v, %v", m, err)
		}
		_, err = s.DecideMeeting(ctx, e.ID, m.ID, p[0].ID, true, time.Now()) // only the invitee decides
		wantCode(t, err, app.NotFound)
		if m, err = s.DecideMeeting(ctx, e.ID, m.ID, p[1].ID, true, time.Now()); err != nil || m.Status != app.MeetingAccepted || m.Table != 1 {
			t.Fatalf("accept = %+v, %v", m, err)
		}
		_, err = s.DecideMeeting(ctx, e.ID, m.ID, p[1].ID, false, time.Now())
		wantCode(t, err, app.Conflict)
		// Person 1 is booked in slot 2: a second meeting there cannot be accepted.
		m2, err := s.RequestMeeting(ctx, e.ID, 2, p[2].ID, p[1].ID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.DecideMeeting(ctx, e.ID, m2.ID, p[1].ID, true, time.Now())
		wantCode(t, err, app.Conflict)
		if _, err = s.DecideMeeting(ctx, e.ID, m2.ID, p[1].ID, false, time.Now()); err != nil {
			t.Fatal(err)
		}
		mine, err := s.Meetings(ctx, e.ID, p[1].ID)
		if err != nil || len(mine) != 2 || mine[0].Status != app.MeetingAccepted || mine[1].Status != app.MeetingDeclined {
			t.Errorf("meetings = %+v, %v", mine, err)
		}
		notes, _ := s.Notifications(ctx, p[0].ID, app.Page{})
		if len(notes.Items) != 1 || notes.Items[0].Kind != "meeting_accepted" {
			t.Errorf("requester's notifications = %+v", notes.Items)
		}
	})
}

// TestBrokerageNoDoubleBookingUnderConcurrency is the acceptance test of 1:1 meetings: in one
// slot, a person who accepts nine requests at once is in exactly one meeting, and ten pairs
// who accept at once at an event with three tables get exactly three tables, each once.
func TestBrokerageNoDoubleBookingUnderConcurrency(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		e, p := brokerageEvent(t, s, 30)
		accept := func(meetings []app.Meeting, invitee func(app.Meeting) int64) (won []app.Meeting) {
			t.Helper()
			var wg sync.WaitGroup
			results := make([]app.Meeting, len(meetings))
			errs := make([]error, len(meetings))
			start := make(chan struct{})
			for i, m := range meetings {
				wg.Go(func() {
					<-start
					results[i], errs[i] = s.DecideMeeting(ctx, e.ID, m.ID, invitee(m), true, time.Now())
				})
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				switch {
				case err == nil:
					won = append(won, results[i])
				case app.ErrorCode(err) != app.Conflict:
					t.Fatalf("accept: %v", err)
				}
			}
			return won
		}
		request := func(slot int, from, to app.User) app.Meeting {
			t.Helper()
			m, err := s.RequestMeeting(ctx, e.ID, slot, from.ID, to.ID, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		// Nine people ask person 0 for slot 0; person 0 accepts them all at once.
		var asks []app.Meeting
		for _, from := range p[1:10] {
			asks = append(asks, request(0, from, p[0]))
		}
		if won := accept(asks, func(m app.Meeting) int64 { return m.Invitee.ID }); len(won) != 1 {
			t.Errorf("person 0 is in %d meetings of slot 0, want 1", len(won))
		}
		// Ten disjoint pairs in slot 1, three tables.
		var pairs []app.Meeting
		for i := 10; i < 30; i += 2 {
			pairs = append(pairs, request(1, p[i], p[i+1]))
		}
		won := accept(pairs, func(m app.Meeting) int64 { return m.Invitee.ID })
		tables := map[int]bool{}
		for _, m := range won {
			tables[m.Table] = true
		}
		if len(won) != 3 || len(tables) != 3 || !tables[1] || !tables[2] || !tables[3] {
			t.Errorf("accepted %d meetings at tables %v, want 3 at tables 1–3", len(won), tables)
		}
	})
}
