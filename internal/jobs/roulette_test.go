package jobs_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/jobs"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestRoulettePairWeek: the week's job places everyone in groups across organisations,
// tells them, pairs a week once however often it runs, and next week avoids who met.
func TestRoulettePairWeek(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		orgs := []app.OrganisationInput{
			{Name: "Bergs kommun", Kind: app.KindMunicipality, Country: "SE", OrgNumber: "212000-2387"},
			{Name: "Fjällvård Digital AB", Kind: app.KindCompany, Size: app.SizeSME, Country: "SE", OrgNumber: "556812-3409"},
			{Name: "Norrsken Sensorik AB", Kind: app.KindCompany, Size: app.SizeSME, Country: "SE", OrgNumber: "559034-5673"},
		}
		var people []app.User
		for i := range 4 {
			u, err := s.CreateUser(ctx, app.NewUser{Email: fmt.Sprintf("p%d@example.se", i), Name: fmt.Sprintf("Person %d", i), Lang: "sv"}, "x")
			if err != nil {
				t.Fatal(err)
			}
			people = append(people, u)
		}
		// Two from the municipality, one from each company.
		for i, o := range orgs {
			if err := o.Normalise(); err != nil {
				t.Fatal(err)
			}
			org, err := s.CreateOrganisation(ctx, o, people[i].ID)
			if err != nil {
				t.Fatal(err)
			}
			members := []app.User{people[i]}
			if i == 0 {
				if err := s.AddRole(ctx, org.ID, people[3].ID, app.RoleMember); err != nil {
					t.Fatal(err)
				}
				members = append(members, people[3])
			}
			for _, m := range members {
				if err := s.JoinRoulette(ctx, m.ID, app.RouletteInput{OrgID: org.ID, Weekdays: []int{2, 3}, Place: "either"}); err != nil {
					t.Fatal(err)
				}
			}
		}
		ro := &jobs.Roulette{Store: s, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		now := time.Date(2026, 11, 30, 9, 0, 0, 0, app.Zone(app.DefaultTimeZone))
		for range 2 {
			if err := ro.PairWeek(ctx, now); err != nil {
				t.Fatal(err)
			}
		}
		pairs := func(week string) map[int64]int64 {
			partner := map[int64]int64{}
			for _, p := range people {
				groups, err := s.RouletteGroups(ctx, p.ID, 10)
				if err != nil {
					t.Fatal(err)
				}
				for _, g := range groups {
					if g.Week != week {
						continue
					}
					if len(g.Members) != 2 || g.Members[0].Organisation.ID == g.Members[1].Organisation.ID {
						t.Fatalf("%s: group %+v", week, g)
					}
					for _, m := range g.Members {
						if m.User.ID != p.ID {
							partner[p.ID] = m.User.ID
						}
					}
				}
			}
			if len(partner) != len(people) {
				t.Fatalf("%s: %d placed, want %d", week, len(partner), len(people))
			}
			return partner
		}
		first := pairs("2026-W49")
		if f, _ := s.RouletteFigures(ctx); f.Groups != 2 {
			t.Errorf("%d groups after pairing the week twice, want 2", f.Groups)
		}
		if err := ro.PairWeek(ctx, now.AddDate(0, 0, 7)); err != nil {
			t.Fatal(err)
		}
		second := pairs("2026-W50")
		for a, b := range second {
			if first[a] == b {
				t.Errorf("%d and %d meet again the week after, though they need not", a, b)
			}
		}
		// The week's pairing is enqueued once, whoever asks.
		for range 2 {
			if err := jobs.ScheduleRoulette(ctx, s, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if got := waitingJobs(t, s, app.JobRoulette); len(got) != 1 {
			t.Errorf("%d roulette jobs, want 1", len(got))
		}
	})
}
