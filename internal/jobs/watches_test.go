package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/jobs"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// sentMail keeps what would have been sent.
type sentMail struct {
	mu   sync.Mutex
	mail []app.Mail
}

func (m *sentMail) Send(_ context.Context, x app.Mail) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mail = append(m.mail, x)
	return nil
}

// snapshot is what was sent so far, safe to read while workers send.
func (m *sentMail) snapshot() []app.Mail {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]app.Mail(nil), m.mail...)
}

// TestWatchJobs: submitting a need enqueues a check that the runner runs; the owner of a
// matching watch is told in the platform, and the daily digest mails it once, in the
// owner's language, with the link.
func TestWatchJobs(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		author, err := s.CreateUser(ctx, app.NewUser{Email: "karin@region.example", Name: "Karin", Lang: "sv"}, "x")
		if err != nil {
			t.Fatal(err)
		}
		reader, err := s.CreateUser(ctx, app.NewUser{Email: "anna@bolag.example", Name: "Anna", Lang: "en"}, "x")
		if err != nil {
			t.Fatal(err)
		}
		oi := app.OrganisationInput{Name: "Bergs kommun", Kind: app.KindMunicipality, Country: "SE", OrgNumber: "212000-2387"}
		if err := oi.Normalise(); err != nil {
			t.Fatal(err)
		}
		org, err := s.CreateOrganisation(ctx, oi, author.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateWatch(ctx, reader.ID, app.SearchQuery{Q: "trygghetslarm"}); err != nil {
			t.Fatal(err)
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		sent := &sentMail{}
		w := &jobs.Watches{Store: s, Mail: sent, BaseURL: "https://tillsammans.example", Log: log}
		r := jobs.NewRunner(s, log, jobs.Options{})
		r.Register(app.JobMatchWatches, w.Match())
		runCtx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { r.Run(runCtx); close(done) }()
		defer func() { stop(); <-done }()

		in := app.NeedInput{Title: "Trygghetslarm i fjällbyar", HowMightWe: "Hur kan larmen nå fram?", Problem: "Dålig täckning.",
			Visibility: app.VisiblePublic, Urgency: "high", CareSettings: []string{"hemtjanst"}}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		n, err := s.CreateNeed(ctx, org.ID, author.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.TransitionNeed(ctx, n.ID, n.State, author.ID, app.TransitionInput{To: app.StateSubmitted}); err != nil {
			t.Fatal(err)
		}
		eventually(t, "the watch told its owner", func() bool {
			l, err := s.Notifications(ctx, reader.ID, app.Page{Limit: 5})
			return err == nil && len(l.Items) == 1 && l.Items[0].Kind == "watch" && l.Items[0].Need.ID == n.ID
		})
		if err := w.SendDigests(ctx, time.Now()); err != nil {
			t.Fatal(err)
		}
		if len(sent.mail) != 1 || sent.mail[0].To != "anna@bolag.example" || !strings.Contains(sent.mail[0].Subject, "new matches") ||
			!strings.Contains(sent.mail[0].Body, "Trygghetslarm i fjällbyar") || !strings.Contains(sent.mail[0].Body, "https://tillsammans.example/needs/") {
			t.Fatalf("digest %+v", sent.mail)
		}
		if err := w.SendDigests(ctx, time.Now()); err != nil || len(sent.mail) != 1 {
			t.Errorf("a second digest sent again: %d, %v", len(sent.mail), err)
		}
		// The day's digest is enqueued once, whoever asks.
		for range 2 {
			if err := jobs.ScheduleDigest(ctx, s, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if got := waitingJobs(t, s, app.JobWatchDigest); len(got) != 1 {
			t.Errorf("digest jobs %d, want 1", len(got))
		}
	})
}
