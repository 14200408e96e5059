package jobs_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/jobs"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestHousekeepingRetention: what has expired (sessions, reset links, sign-ins that never
// finished, invitations nobody accepted) is deleted; what has not stays.
func TestHousekeepingRetention(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Now()
		u, err := s.CreateUser(ctx, app.NewUser{Email: "anna@example.se", Name: "Anna", Lang: "sv"}, "x")
		if err != nil {
			t.Fatal(err)
		}
		in := app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, Country: "SE", OrgNumber: "232100-0214"}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		o, err := s.CreateOrganisation(ctx, in, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i, expires := range []time.Time{now.Add(-time.Minute), now.Add(time.Hour)} {
			tag := []byte{byte('a' + i)}
			must(t, s.CreateSession(ctx, tag, app.Session{UserID: u.ID, CreatedAt: now.Add(-time.Hour), ExpiresAt: expires}))
			if _, err := s.CreatePasswordReset(ctx, u.ID, tag, now.Add(-2*time.Hour), expires, now.Add(-3*time.Hour)); err != nil {
				t.Fatal(err)
			}
			must(t, s.StartOIDCLogin(ctx, tag, app.OIDCLogin{Provider: "rjh", Verifier: "v", Nonce: "n", ExpiresAt: expires}))
			must(t, s.CreateMFAChallenge(ctx, tag, u.ID, expires))
			_, err := s.CreateInvitation(ctx, app.Invitation{Organisation: app.OrgRef{ID: o.ID}, Email: string(tag) + "@example.se",
				Role: app.RoleMember, InvitedBy: app.UserRef{ID: u.ID}, CreatedAt: now.Add(-time.Hour), ExpiresAt: expires}, tag)
			must(t, err)
		}
		jobs.Housekeeping(ctx, s, quiet, now)

		if _, err := s.SessionUser(ctx, []byte("a"), now.Add(-time.Hour)); app.ErrorCode(err) != app.NotFound {
			t.Errorf("expired session: %v", err)
		}
		if _, err := s.SessionUser(ctx, []byte("b"), now); err != nil {
			t.Errorf("live session: %v", err)
		}
		if _, err := s.ResetPassword(ctx, []byte("a"), "h", now.Add(-90*time.Minute)); app.ErrorCode(err) != app.NotFound {
			t.Errorf("expired reset link: %v", err)
		}
		if _, err := s.TakeOIDCLogin(ctx, []byte("a"), now.Add(-time.Hour)); app.ErrorCode(err) != app.NotFound {
			t.Errorf("expired sign-in: %v", err)
		}
		if _, err := s.TakeOIDCLogin(ctx, []byte("b"), now); err != nil {
			t.Errorf("live sign-in: %v", err)
		}
		if _, err := s.MFAChallenge(ctx, []byte("a"), now.Add(-time.Hour), 5); app.ErrorCode(err) != app.NotFound {
			t.Errorf("expired challenge: %v", err)
		}
		if _, err := s.Invitation(ctx, []byte("a")); app.ErrorCode(err) != app.NotFound {
			t.Errorf("expired invitation: %v", err)
		}
		if _, err := s.Invitation(ctx, []byte("b")); err != nil {
			t.Errorf("live invitation: %v", err)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestHousekeepingClearsEventRequests: dietary and accessibility requests are blanked 30
// days after their event ended, not a day before; the registrations themselves stay.
func TestHousekeepingClearsEventRequests(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, err := s.CreateUser(ctx, app.NewUser{Email: "anna@example.se", Name: "Anna", Lang: "sv"}, "x")
		must(t, err)
		in := app.OrganisationInput{Name: "Bergs kommun", Kind: app.KindMunicipality, Country: "SE", OrgNumber: "212000-2387"}
		must(t, in.Normalise())
		o, err := s.CreateOrganisation(ctx, in, u.ID)
		must(t, err)
		start := time.Now().Add(24 * time.Hour).Truncate(time.Hour)
		ei := app.EventInput{Type: "conference", Title: "E-hälsodagen", Start: start, End: start.Add(8 * time.Hour), Capacity: 10, Address: "Östersund"}
		must(t, ei.Normalise())
		e, err := s.CreateEvent(ctx, o.ID, u.ID, ei)
		must(t, err)
		_, err = s.Register(ctx, app.Viewer{UserID: u.ID}, e.ID, app.RegistrationInput{Dietary: "Glutenfritt", AccessNeeds: "Rullstol"}, time.Now())
		must(t, err)
		requests := func() string {
			r, err := s.Registration(ctx, e.ID, u.ID)
			must(t, err)
			return r.Dietary + "/" + r.AccessNeeds
		}
		jobs.Housekeeping(ctx, s, quiet, e.End.Add(29*24*time.Hour))
		if got := requests(); got != "Glutenfritt/Rullstol" {
			t.Errorf("29 days after the event the requests are %q, want kept", got)
		}
		jobs.Housekeeping(ctx, s, quiet, e.End.Add(30*24*time.Hour+time.Minute))
		if got := requests(); got != "/" {
			t.Errorf("30 days after the event the requests are %q, want deleted", got)
		}
	})
}

// TestHousekeepingHubRetention: a check-in lasts the hub's day (the list never shows
// yesterday's, and housekeeping deletes it); a visitor's name and organisation are deleted
// 30 days after the visit, not before.
func TestHousekeepingHubRetention(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		hub := app.Zone(app.DefaultTimeZone)
		now := time.Now()
		yesterday := time.Date(now.In(hub).Year(), now.In(hub).Month(), now.In(hub).Day()-1, 12, 0, 0, 0, hub)
		anna, err := s.CreateUser(ctx, app.NewUser{Email: "anna@example.se", Name: "Anna", Lang: "sv"}, "x")
		must(t, err)
		ben, err := s.CreateUser(ctx, app.NewUser{Email: "ben@example.se", Name: "Ben", Lang: "sv"}, "x")
		must(t, err)
		must(t, s.HubCheckIn(ctx, anna.ID, 0, yesterday))
		must(t, s.HubCheckIn(ctx, ben.ID, 0, now))
		names := func(at time.Time) []string {
			here, err := s.AtTheHub(ctx, app.Viewer{Admin: true}, at)
			must(t, err)
			var out []string
			for _, p := range here {
				out = append(out, p.User.Name)
			}
			return out
		}
		if got := fmt.Sprint(names(now)); got != "[Ben]" {
			t.Errorf("at the hub now: %s, want [Ben]", got)
		}
		if got := fmt.Sprint(names(yesterday.Add(time.Hour))); got != "[Anna Ben]" {
			t.Errorf("yesterday's list before housekeeping: %s", got)
		}
		for _, days := range []int{31, 29, 0} {
			_, err := s.RegisterVisitor(ctx, anna.ID, app.VisitorInput{Name: fmt.Sprintf("Gäst för %d dagar sedan", days), Date: app.HubDay(now.AddDate(0, 0, -days))}, now)
			must(t, err)
		}
		jobs.Housekeeping(ctx, s, quiet, now)
		if got := fmt.Sprint(names(yesterday.Add(time.Hour))); got != "[Ben]" {
			t.Errorf("yesterday's check-in after housekeeping: %s, want only Ben's of today", got)
		}
		visits, err := s.Visitors(ctx, app.Viewer{Admin: true}, "2000-01-01", "2999-12-31")
		must(t, err)
		var kept []string
		for _, v := range visits {
			kept = append(kept, v.Name)
		}
		if fmt.Sprint(kept) != "[Gäst för 29 dagar sedan Gäst för 0 dagar sedan]" {
			t.Errorf("visits after housekeeping: %v", kept)
		}
	})
}
