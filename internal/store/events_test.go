package store_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// eventInput is a valid public event starting in a week, in the hub's zone.
func eventInput(title string, capacity int) app.EventInput {
	start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Minute)
	in := app.EventInput{Type: "inspiration_lecture", Title: title, Start: start, End: start.Add(2 * time.Hour), Capacity: capacity,
		Address: "E-hälsocentrum, Östersund"}
	return in
}

func mustCreateEvent(t *testing.T, s *store.Store, orgID, creator int64, in app.EventInput) app.Event {
	t.Helper()
	if err := in.Normalise(); err != nil {
		t.Fatalf("normalise %s: %v", in.Title, err)
	}
	e, err := s.CreateEvent(ctx, orgID, creator, in)
	if err != nil {
		t.Fatalf("create event %s: %v", in.Title, err)
	}
	return e
}

func viewerOf(u app.User, orgs ...int64) app.Viewer { return app.Viewer{UserID: u.ID, OrgIDs: orgs} }

func TestEventVisibility(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		lars := mustCreateUser(t, s, "lars@ostersund.example", "Lars Persson")
		ida := mustCreateUser(t, s, "ida@regionjh.example", "Ida Berg")
		olle := mustCreateUser(t, s, "olle@example.se", "Olle Utomstående")
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", lars.ID)
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", ida.ID)
		public := mustCreateEvent(t, s, kommun.ID, lars.ID, eventInput("Öppen föreläsning", 10))
		in := eventInput("För inloggade", 10)
		in.Audience = app.AudienceSignedIn
		signedIn := mustCreateEvent(t, s, kommun.ID, lars.ID, in)
		in = eventInput("Inbjudna: regionen", 10)
		in.Audience, in.InvitedOrgIDs = app.AudienceInvited, []int64{region.ID}
		invited := mustCreateEvent(t, s, kommun.ID, lars.ID, in)
		if len(invited.Invited) != 1 || invited.Invited[0].Name != region.Name {
			t.Errorf("invited = %+v", invited.Invited)
		}
		past := eventInput("Redan hållen", 10)
		past.Start, past.End = time.Now().Add(-48*time.Hour), time.Now().Add(-47*time.Hour)
		mustCreateEvent(t, s, kommun.ID, lars.ID, past)

		for _, c := range []struct {
			name string
			v    app.Viewer
			sees []int64
		}{
			{"visitor", app.Viewer{}, []int64{public.ID}},
			{"signed in, no organisation", viewerOf(olle), []int64{public.ID, signedIn.ID}},
			{"member of the invited organisation", viewerOf(ida, region.ID), []int64{public.ID, signedIn.ID, invited.ID}},
			{"member of the organiser", viewerOf(lars, kommun.ID), []int64{public.ID, signedIn.ID, invited.ID}},
			{"platform admin", app.Viewer{UserID: olle.ID, Admin: true}, []int64{public.ID, signedIn.ID, invited.ID}},
		} {
			l, err := s.ListEvents(ctx, c.v, app.EventFilter{From: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, e := range l.Items {
				got = append(got, e.ID)
			}
			if !slices.Equal(got, c.sees) {
				t.Errorf("%s: list = %v, want %v (soonest first, none ended)", c.name, got, c.sees)
			}
			for _, id := range []int64{public.ID, signedIn.ID, invited.ID} {
				_, err := s.Event(ctx, c.v, id)
				if slices.Contains(c.sees, id) {
					if err != nil {
						t.Errorf("%s: event %d: %v", c.name, id, err)
					}
				} else {
					wantCode(t, err, app.NotFound)
				}
			}
		}
		// One may not register for what one may not see.
		_, err := s.Register(ctx, viewerOf(olle), invited.ID, app.RegistrationInput{}, time.Now())
		wantCode(t, err, app.NotFound)

		// Pages follow the start, then the id.
		first, err := s.ListEvents(ctx, app.Viewer{Admin: true}, app.EventFilter{From: time.Now(), Page: app.Page{Limit: 2}})
		if err != nil || len(first.Items) != 2 || first.NextCursor == nil {
			t.Fatalf("first page = %+v, %v", first, err)
		}
		rest, err := s.ListEvents(ctx, app.Viewer{Admin: true}, app.EventFilter{From: time.Now(), Page: app.Page{Limit: 2, Cursor: *first.NextCursor}})
		if err != nil || len(rest.Items) != 1 || rest.Items[0].ID != invited.ID || rest.NextCursor != nil {
			t.Fatalf("second page = %+v, %v", rest, err)
		}
	})
}

func TestEventRoundTripAndHalfWritten(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		lars := mustCreateUser(t, s, "lars@ostersund.example", "Lars Persson")
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", lars.ID)
		room := mustCreateRoom(t, s, "Stora mötesrummet", 40)
		in := eventInput("Workshop om egenvård", 25)
		in.Type, in.RoomID, in.Address, in.OnlineURL = "workshop", room.ID, "", "https://meet.example/egenvard"
		in.Description, in.Accessibility, in.Language, in.TimeZone = "**Välkommen!**", "Hörslinga och ramp", "en", "Europe/Oslo"
		closes := in.Start.Add(-time.Hour)
		in.RegistrationCloses = &closes
		e := mustCreateEvent(t, s, kommun.ID, lars.ID, in)
		if e.Room == nil || e.Room.Name != "Stora mötesrummet" || e.TimeZone != "Europe/Oslo" || e.Language != "en" || e.Capacity != 25 ||
			e.RegistrationCloses == nil || !e.RegistrationCloses.Equal(closes) || !e.Start.Equal(in.Start) || e.OnlineURL != in.OnlineURL ||
			e.Accessibility != "Hörslinga och ramp" || e.Organisation.ID != kommun.ID || e.CreatedBy.ID != lars.ID {
			t.Errorf("event = %+v", e)
		}
		// The event books its room: a person cannot book it over the event.
		_, err := s.BookRoom(ctx, room.ID, lars.ID, app.BookingInput{Title: "Krock", Start: in.Start.Add(30 * time.Minute), End: in.End.Add(time.Hour)})
		wantCode(t, err, app.Conflict)
		bookings, err := s.Bookings(ctx, app.Viewer{Admin: true}, room.ID, in.Start, in.End)
		if err != nil || len(bookings) != 1 || bookings[0].EventID == nil || *bookings[0].EventID != e.ID {
			t.Fatalf("bookings = %+v, %v", bookings, err)
		}

		// A second event in the same room at the same time fails whole: no event, no booking.
		clash := eventInput("Krockande evenemang", 10)
		clash.RoomID, clash.Start, clash.End = room.ID, in.Start.Add(time.Hour), in.End.Add(time.Hour)
		if err := clash.Normalise(); err != nil {
			t.Fatal(err)
		}
		_, err = s.CreateEvent(ctx, kommun.ID, lars.ID, clash)
		wantCode(t, err, app.Conflict)
		if e := app.AsError(err); e.Fields["room_id"] != "err.room_taken" {
			t.Errorf("fields = %v, want room_id named", e.Fields)
		}
		clash.InvitedOrgIDs, clash.Audience, clash.RoomID = []int64{999999}, app.AudienceInvited, 0
		_, err = s.CreateEvent(ctx, kommun.ID, lars.ID, clash)
		wantCode(t, err, app.Invalid)
		l, err := s.ListEvents(ctx, app.Viewer{Admin: true}, app.EventFilter{From: time.Now()})
		if err != nil || len(l.Items) != 1 {
			t.Errorf("events after failed creates = %d, %v; want only the first", len(l.Items), err)
		}

		// Moving the event moves its booking; the old time is free again.
		moved := e.Input()
		moved.Start, moved.End = in.Start.Add(24*time.Hour), in.End.Add(24*time.Hour)
		moved.RegistrationCloses = nil
		if err := moved.Normalise(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateEvent(ctx, e.ID, moved); err != nil {
			t.Fatal(err)
		}
		if _, err := s.BookRoom(ctx, room.ID, lars.ID, app.BookingInput{Title: "Nu ledigt", Start: in.Start, End: in.End}); err != nil {
			t.Errorf("book the freed time: %v", err)
		}
		_, err = s.UpdateEvent(ctx, 999999, moved)
		wantCode(t, err, app.NotFound)
	})
}

// TestWaitingListUnderConcurrency is the acceptance test of the waiting list: 100 people
// register at once for 20 seats; exactly 20 get a seat and 80 wait, numbered 1 to 80 in
// the order they came; a cancellation gives the first waiting the seat, in the same
// transaction, with a notification and a mail job.
func TestWaitingListUnderConcurrency(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		lars := mustCreateUser(t, s, "lars@ostersund.example", "Lars Persson")
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", lars.ID)
		e := mustCreateEvent(t, s, kommun.ID, lars.ID, eventInput("Inspirationsföreläsning: AI i vården", 20))
		people := make([]app.User, 100)
		for i := range people {
			people[i] = mustCreateUser(t, s, fmt.Sprintf("person%03d@example.se", i), fmt.Sprintf("Person %03d", i))
		}
		var wg sync.WaitGroup
		regs := make([]app.Registration, len(people))
		errs := make([]error, len(people))
		start := make(chan struct{})
		for i, p := range people {
			wg.Go(func() {
				<-start
				regs[i], errs[i] = s.Register(ctx, viewerOf(p), e.ID, app.RegistrationInput{Dietary: "Vegetarisk"}, time.Now())
			})
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("register %d: %v", i, err)
			}
		}
		all, err := s.Registrations(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		var registered, waiting []app.Registration
		for _, r := range all {
			switch r.Status {
			case app.StatusRegistered:
				registered = append(registered, r)
			case app.StatusWaiting:
				waiting = append(waiting, r)
			}
		}
		if len(registered) != 20 || len(waiting) != 80 || len(all) != 100 {
			t.Fatalf("registered %d, waiting %d, all %d; want 20, 80, 100", len(registered), len(waiting), len(all))
		}
		// In order: every seat was taken before anyone waited, and the waiting are numbered
		// 1…80 in the order they came.
		for i, r := range waiting {
			if r.Position != i+1 {
				t.Errorf("waiting[%d].Position = %d", i, r.Position)
			}
			if i > 0 && r.ID <= waiting[i-1].ID {
				t.Errorf("waiting list out of order at %d", i)
			}
			if r.ID < registered[len(registered)-1].ID {
				t.Errorf("registration %d waits but came before the last seat was taken", r.ID)
			}
		}
		// What each person was told matches the list.
		for i, r := range regs {
			if r.User.ID != people[i].ID || (r.Status == app.StatusWaiting) != (r.Position > 0) {
				t.Errorf("person %d was told %+v", i, r)
			}
		}
		got, err := s.Event(ctx, app.Viewer{}, e.ID)
		if err != nil || got.Registered != 20 || got.Waiting != 80 || !got.Full() {
			t.Errorf("event counts = %d/%d, %v", got.Registered, got.Waiting, err)
		}

		// A second registration of the same person is refused.
		_, err = s.Register(ctx, viewerOf(people[0]), e.ID, app.RegistrationInput{}, time.Now())
		wantCode(t, err, app.Conflict)

		// Cancelling a seat promotes the first on the waiting list.
		first, second := waiting[0], waiting[1]
		if err := s.CancelRegistration(ctx, e.ID, registered[3].User.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		promoted, err := s.Registration(ctx, e.ID, first.User.ID)
		if err != nil || promoted.Status != app.StatusRegistered || promoted.PromotedAt == nil || promoted.Position != 0 {
			t.Fatalf("first waiting after a cancellation = %+v, %v", promoted, err)
		}
		next, err := s.Registration(ctx, e.ID, second.User.ID)
		if err != nil || next.Status != app.StatusWaiting || next.Position != 1 {
			t.Errorf("second waiting after a cancellation = %+v, %v", next, err)
		}
		notes, err := s.Notifications(ctx, first.User.ID, app.Page{})
		if err != nil || len(notes.Items) != 1 || notes.Items[0].Kind != "event_promoted" || notes.Items[0].Event == nil ||
			notes.Items[0].Event.ID != e.ID {
			t.Errorf("notifications of the promoted = %+v, %v", notes.Items, err)
		}
		jobs, err := s.ListJobs(ctx, app.JobFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var mailed []app.EventMailJob
		for _, j := range jobs.Items {
			if j.Kind == app.JobEventPromoted {
				var p app.EventMailJob
				if err := json.Unmarshal(j.Payload, &p); err != nil {
					t.Fatal(err)
				}
				mailed = append(mailed, p)
			}
		}
		if !slices.Equal(mailed, []app.EventMailJob{{EventID: e.ID, UserID: first.User.ID}}) {
			t.Errorf("mail jobs = %+v", mailed)
		}
		// A waiting person who cancels promotes nobody.
		if err := s.CancelRegistration(ctx, e.ID, waiting[5].User.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Event(ctx, app.Viewer{}, e.ID)
		if got.Registered != 20 || got.Waiting != 78 {
			t.Errorf("after cancellations: %d registered, %d waiting; want 20, 78", got.Registered, got.Waiting)
		}
		err = s.CancelRegistration(ctx, e.ID, waiting[5].User.ID, time.Now())
		wantCode(t, err, app.NotFound)

		// More seats promote as many from the waiting list at once.
		more := got.Input()
		more.Capacity = 25
		if err := more.Normalise(); err != nil {
			t.Fatal(err)
		}
		if got, err = s.UpdateEvent(ctx, e.ID, more); err != nil || got.Registered != 25 || got.Waiting != 73 {
			t.Errorf("after 5 more seats: %d registered, %d waiting, %v", got.Registered, got.Waiting, err)
		}
	})
}

func TestRegistrationWindowCheckInAndRetention(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		lars := mustCreateUser(t, s, "lars@ostersund.example", "Lars Persson")
		anna := mustCreateUser(t, s, "anna@example.se", "Anna Ek")
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", lars.ID)
		in := eventInput("Nätverksträff", 5)
		opens := time.Now().Add(24 * time.Hour)
		in.RegistrationOpens = &opens
		e := mustCreateEvent(t, s, kommun.ID, lars.ID, in)
		_, err := s.Register(ctx, viewerOf(anna), e.ID, app.RegistrationInput{}, time.Now())
		wantCode(t, err, app.Conflict)
		r, err := s.Register(ctx, viewerOf(anna), e.ID, app.RegistrationInput{Dietary: "Glutenfri", AccessNeeds: "Rullstol"}, opens.Add(time.Minute))
		if err != nil || r.Status != app.StatusRegistered || r.Dietary != "Glutenfri" || r.AccessNeeds != "Rullstol" {
			t.Fatalf("register = %+v, %v", r, err)
		}
		_, err = s.Register(ctx, viewerOf(lars), e.ID, app.RegistrationInput{}, e.Start)
		wantCode(t, err, app.Conflict) // closed at the start

		at := e.Start.Add(5 * time.Minute)
		if r, err = s.CheckIn(ctx, e.ID, r.ID, &at); err != nil || r.CheckedInAt == nil || !r.CheckedInAt.Equal(at) {
			t.Fatalf("check in = %+v, %v", r, err)
		}
		if r, err = s.CheckIn(ctx, e.ID, r.ID, nil); err != nil || r.CheckedInAt != nil {
			t.Fatalf("undo check in = %+v, %v", r, err)
		}
		_, err = s.CheckIn(ctx, e.ID+1, r.ID, &at)
		wantCode(t, err, app.NotFound)

		// The requests are kept until 30 days after the event, then cleared.
		if n, err := s.ClearEventRequests(ctx, e.End.Add(-time.Minute)); err != nil || n != 0 {
			t.Fatalf("clear before the end = %d, %v", n, err)
		}
		if n, err := s.ClearEventRequests(ctx, e.End.Add(time.Minute)); err != nil || n != 1 {
			t.Fatalf("clear after the end = %d, %v", n, err)
		}
		r, err = s.Registration(ctx, e.ID, anna.ID)
		if err != nil || r.Dietary != "" || r.AccessNeeds != "" || r.Status != app.StatusRegistered {
			t.Errorf("after clearing = %+v, %v", r, err)
		}
	})
}

// TestEventReminders: the day before an event everyone with a seat is reminded once, with
// a notification and a mail job; those waiting are not, nor those who took their seat less
// than a day before.
func TestEventReminders(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		lars := mustCreateUser(t, s, "lars@ostersund.example", "Lars Persson")
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", lars.ID)
		now := time.Now()
		in := eventInput("Konferens om distansvård", 2)
		in.Start, in.End = now.Add(30*time.Hour), now.Add(32*time.Hour)
		e := mustCreateEvent(t, s, kommun.ID, lars.ID, in)
		var people []app.User
		for i := range 3 {
			p := mustCreateUser(t, s, fmt.Sprintf("p%d@example.se", i), fmt.Sprintf("Person %d", i))
			people = append(people, p)
			if _, err := s.Register(ctx, viewerOf(p), e.ID, app.RegistrationInput{}, now); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := s.RemindEvents(ctx, now); err != nil || n != 0 {
			t.Fatalf("reminded %d (%v) more than a day before", n, err)
		}
		// Seven hours later the event is less than a day away.
		later := now.Add(7 * time.Hour)
		if n, err := s.RemindEvents(ctx, later); err != nil || n != 2 {
			t.Fatalf("reminded %d (%v), want the 2 with a seat", n, err)
		}
		if n, err := s.RemindEvents(ctx, later.Add(time.Hour)); err != nil || n != 0 {
			t.Fatalf("reminded %d again (%v)", n, err)
		}
		for i, p := range people {
			notes, err := s.Notifications(ctx, p.ID, app.Page{})
			if err != nil {
				t.Fatal(err)
			}
			reminded := len(notes.Items) == 1 && notes.Items[0].Kind == "event_reminder" && notes.Items[0].Event.ID == e.ID
			if reminded != (i < 2) {
				t.Errorf("person %d: notifications %+v", i, notes.Items)
			}
		}
		jobs, err := s.ListJobs(ctx, app.JobFilter{})
		if err != nil {
			t.Fatal(err)
		}
		mails := 0
		for _, j := range jobs.Items {
			if j.Kind == app.JobEventReminder {
				mails++
			}
		}
		if mails != 2 {
			t.Errorf("%d reminder mail jobs, want 2", mails)
		}
		// The one waiting gets a seat within the day: no reminder for a seat so fresh.
		if err := s.CancelRegistration(ctx, e.ID, people[0].ID, later); err != nil {
			t.Fatal(err)
		}
		if n, err := s.RemindEvents(ctx, later.Add(2*time.Hour)); err != nil || n != 0 {
			t.Errorf("reminded %d (%v) after a promotion within the day", n, err)
		}
	})
}

// TestDeletePersonLeavesTheMeetingPlace: a person's export holds their part of the meeting
// place, and deleting the account removes it (their seat going to the first waiting, their
// coming bookings freed) while the records others keep stay.
func TestDeletePersonLeavesTheMeetingPlace(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		lars := mustCreateUser(t, s, "lars@ostersund.example", "Lars Persson")
		anna := mustCreateUser(t, s, "anna@example.se", "Anna Ek")
		bengt := mustCreateUser(t, s, "bengt@example.se", "Bengt Ödmark")
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", lars.ID)
		if err := s.AddRole(ctx, kommun.ID, anna.ID, app.RoleMember); err != nil {
			t.Fatal(err)
		}
		in := eventInput("Workshop", 1)
		in.BrokerageTables, in.BrokerageSlotMinutes = 2, 30
		e := mustCreateEvent(t, s, kommun.ID, lars.ID, in)
		for _, u := range []app.User{anna, bengt} {
			if _, err := s.Register(ctx, viewerOf(u), e.ID, app.RegistrationInput{Dietary: "Vegansk"}, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SetBrokerageProfile(ctx, e.ID, anna.ID, app.BrokerageProfileInput{Offer: "Sensorer"}); err != nil {
			t.Fatal(err)
		}
		room := mustCreateRoom(t, s, "Studio", 6)
		if _, err := s.BookRoom(ctx, room.ID, anna.ID, app.BookingInput{Title: "Inspelning", Start: in.Start, End: in.End}); err != nil {
			t.Fatal(err)
		}
		if err := s.JoinRoulette(ctx, anna.ID, app.RouletteInput{OrgID: kommun.ID, Weekdays: []int{2}, Place: "hub"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetCalendarFeed(ctx, anna.ID, []byte("hash")); err != nil {
			t.Fatal(err)
		}
		if err := s.HubCheckIn(ctx, anna.ID, kommun.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RegisterVisitor(ctx, anna.ID, app.VisitorInput{Name: "Sara Nilsson", Date: app.HubDay(time.Now())}, time.Now()); err != nil {
			t.Fatal(err)
		}
		d, err := s.PersonalData(ctx, anna.ID, time.Now())
		if err != nil || len(d.Registrations) != 1 || d.Registrations[0].Dietary != "Vegansk" || len(d.Bookings) != 1 || d.Roulette == nil ||
			len(d.BrokerageProfiles) != 1 || len(d.AtTheHub) != 1 || len(d.Visitors) != 1 || d.Visitors[0].Name != "Sara Nilsson" {
			t.Fatalf("export = %+v, %v", d, err)
		}
		if err := s.DeletePerson(ctx, anna.ID); err != nil {
			t.Fatal(err)
		}
		if r, err := s.Registration(ctx, e.ID, bengt.ID); err != nil || r.Status != app.StatusRegistered {
			t.Errorf("the one waiting after the deletion = %+v, %v", r, err)
		}
		if b, _ := s.Bookings(ctx, app.Viewer{Admin: true}, room.ID, in.Start, in.End); len(b) != 0 {
			t.Errorf("the deleted person's coming booking stays: %+v", b)
		}
		_, err = s.RouletteEntry(ctx, anna.ID)
		wantCode(t, err, app.NotFound)
		_, err = s.CalendarFeedUser(ctx, []byte("hash"))
		wantCode(t, err, app.NotFound)
		if ps, _ := s.BrokerageProfiles(ctx, e.ID); len(ps) != 0 {
			t.Errorf("profiles = %+v", ps)
		}
		if here, _ := s.AtTheHub(ctx, app.Viewer{Admin: true}, time.Now()); len(here) != 0 {
			t.Errorf("the deleted person is still at the hub: %+v", here)
		}
		if v, _ := s.Visitors(ctx, app.Viewer{Admin: true}, "2000-01-01", "2999-12-31"); len(v) != 0 {
			t.Errorf("the deleted person's visitors stay: %+v", v)
		}
	})
}
