package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/jobs"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestEventPromotedMail: a cancellation gives the first waiting the seat, and the job
// mails them in their language with the event's time on its own clock and its link; one
// who gave the seat up again before the job ran is not mailed.
func TestEventPromotedMail(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		user := func(email, name, lang string) app.User {
			u, err := s.CreateUser(ctx, app.NewUser{Email: email, Name: name, Lang: lang}, "x")
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		lars, anna, ben, cia := user("lars@kommun.example", "Lars", "sv"), user("anna@example.se", "Anna", "sv"),
			user("ben@example.com", "Ben", "en"), user("cia@example.se", "Cia", "sv")
		oi := app.OrganisationInput{Name: "Bergs kommun", Kind: app.KindMunicipality, Country: "SE", OrgNumber: "212000-2387"}
		if err := oi.Normalise(); err != nil {
			t.Fatal(err)
		}
		org, err := s.CreateOrganisation(ctx, oi, lars.ID)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Date(time.Now().Year()+1, 6, 10, 10, 0, 0, 0, app.Zone(app.DefaultTimeZone))
		in := app.EventInput{Type: "conference", Title: "Nordisk e-hälsodag", Start: start, End: start.Add(6 * time.Hour), Capacity: 1, Address: "Östersund"}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		ev, err := s.CreateEvent(ctx, org.ID, lars.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range []app.User{anna, ben, cia} {
			if _, err := s.Register(ctx, app.Viewer{UserID: u.ID}, ev.ID, app.RegistrationInput{}, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		sent := &sentMail{}
		r := jobs.NewRunner(s, log, jobs.Options{})
		r.Register(app.JobEventPromoted, (&jobs.Events{Store: s, Mail: sent, BaseURL: "https://tillsammans.example/"}).Promoted())

		// Anna gives up her seat: Ben gets it and is mailed, in English.
		if err := s.CancelRegistration(ctx, ev.ID, anna.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		runCtx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { r.Run(runCtx); close(done) }()
		eventually(t, "the promoted was mailed", func() bool { return len(sent.snapshot()) == 1 })
		stop()
		<-done
		m := sent.snapshot()[0]
		if m.To != "ben@example.com" || m.Subject != "You have a seat: Nordisk e-hälsodag" ||
			!strings.Contains(m.Body, "Hello Ben!") || !strings.Contains(m.Body, "10:00–16:00 CEST") ||
			!strings.Contains(m.Body, "https://tillsammans.example/events/") {
			t.Fatalf("mail = %+v", m)
		}

		// Ben cancels too, and Cia cancels her new seat before the job runs: nobody is mailed.
		if err := s.CancelRegistration(ctx, ev.ID, ben.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := s.CancelRegistration(ctx, ev.ID, cia.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		runCtx, stop = context.WithCancel(ctx)
		done = make(chan struct{})
		go func() { r.Run(runCtx); close(done) }()
		eventually(t, "the job ran", func() bool { return len(waitingJobs(t, s, app.JobEventPromoted)) == 0 })
		stop()
		<-done
		if n := len(sent.snapshot()); n != 1 {
			t.Errorf("%d mails, want still 1", n)
		}
	})
}

// TestEventReminderMail: the hour's reminder job finds who has a seat tomorrow, and each is
// mailed in their language.
func TestEventReminderMail(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		lars, err := s.CreateUser(ctx, app.NewUser{Email: "lars@kommun.example", Name: "Lars", Lang: "sv"}, "x")
		if err != nil {
			t.Fatal(err)
		}
		oi := app.OrganisationInput{Name: "Bergs kommun", Kind: app.KindMunicipality, Country: "SE", OrgNumber: "212000-2387"}
		if err := oi.Normalise(); err != nil {
			t.Fatal(err)
		}
		org, err := s.CreateOrganisation(ctx, oi, lars.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Tomorrow, a little less than a day from now; Lars registered a while ago.
		start := time.Now().Add(23*time.Hour + 30*time.Minute)
		in := app.EventInput{Type: "workshop", Title: "Workshop om egenvård", Start: start, End: start.Add(time.Hour), Capacity: 5, Address: "Östersund"}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		ev, err := s.CreateEvent(ctx, org.ID, lars.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Register(ctx, app.Viewer{UserID: lars.ID}, ev.ID, app.RegistrationInput{}, time.Now().Add(-2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		sent := &sentMail{}
		events := &jobs.Events{Store: s, Mail: sent, BaseURL: "https://tillsammans.example"}
		r := jobs.NewRunner(s, log, jobs.Options{})
		r.Register(app.JobEventReminder, events.Reminder())
		if err := events.Reminders().Handle(ctx, app.Job{}); err != nil {
			t.Fatal(err)
		}
		runCtx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { r.Run(runCtx); close(done) }()
		eventually(t, "the reminder was mailed", func() bool { return len(sent.snapshot()) == 1 })
		stop()
		<-done
		m := sent.snapshot()[0]
		if m.To != "lars@kommun.example" || m.Subject != "I morgon: Workshop om egenvård" || !strings.Contains(m.Body, "Hej Lars!") {
			t.Errorf("mail = %+v", m)
		}
		// Housekeeping asks for the hour's sweep once, however many instances ask.
		for range 2 {
			if err := jobs.ScheduleReminders(ctx, s, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if got := waitingJobs(t, s, app.JobEventReminders); len(got) != 1 {
			t.Errorf("%d reminder sweeps, want 1", len(got))
		}
	})
}

// TestEventCancelledMail: calling an event off mails everyone registered and everyone
// waiting, each in their language, and nobody else.
func TestEventCancelledMail(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		user := func(email, name, lang string) app.User {
			u, err := s.CreateUser(ctx, app.NewUser{Email: email, Name: name, Lang: lang}, "x")
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		lars, anna, ben := user("lars@kommun.example", "Lars", "sv"), user("anna@example.se", "Anna", "sv"), user("ben@example.com", "Ben", "en")
		user("cia@example.se", "Cia", "sv")
		oi := app.OrganisationInput{Name: "Bergs kommun", Kind: app.KindMunicipality, Country: "SE", OrgNumber: "212000-2387"}
		if err := oi.Normalise(); err != nil {
			t.Fatal(err)
		}
		org, err := s.CreateOrganisation(ctx, oi, lars.ID)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now().Add(10 * 24 * time.Hour).Truncate(time.Hour)
		in := app.EventInput{Type: "workshop", Title: "Workshop om egenvård", Start: start, End: start.Add(time.Hour), Capacity: 1, Address: "Östersund"}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		ev, err := s.CreateEvent(ctx, org.ID, lars.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range []app.User{anna, ben} { // Anna gets the seat, Ben waits
			if _, err := s.Register(ctx, app.Viewer{UserID: u.ID}, ev.ID, app.RegistrationInput{}, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CancelEvent(ctx, ev.ID, lars.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		// Nobody is reminded of an event that was called off.
		if n, err := s.RemindEvents(ctx, start.Add(-23*time.Hour)); err != nil || n != 0 {
			t.Errorf("reminded %d of a cancelled event (%v)", n, err)
		}
		sent := &sentMail{}
		r := jobs.NewRunner(s, quiet, jobs.Options{})
		r.Register(app.JobEventCancelled, (&jobs.Events{Store: s, Mail: sent, BaseURL: "https://tillsammans.example"}).Cancelled())
		runCtx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { r.Run(runCtx); close(done) }()
		eventually(t, "both were mailed", func() bool { return len(sent.snapshot()) == 2 })
		eventually(t, "no job is left", func() bool { return len(waitingJobs(t, s, app.JobEventCancelled)) == 0 })
		stop()
		<-done
		got := map[string]app.Mail{}
		for _, m := range sent.snapshot() {
			got[m.To] = m
		}
		if m := got["anna@example.se"]; m.Subject != "Inställt: Workshop om egenvård" || !strings.Contains(m.Body, "Hej Anna!") {
			t.Errorf("Anna's mail = %+v", m)
		}
		if m := got["ben@example.com"]; m.Subject != "Called off: Workshop om egenvård" || !strings.Contains(m.Body, "on the waiting list of, is called off") {
			t.Errorf("Ben's mail = %+v", m)
		}
		if len(got) != 2 {
			t.Errorf("mailed %v, want Anna and Ben", got)
		}
	})
}
