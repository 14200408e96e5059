package demo_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/demo"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

var admin = app.Viewer{Admin: true}

func allNeeds(t *testing.T, s *store.Store, v app.Viewer) []app.Need {
	t.Helper()
	var out []app.Need
	f := app.NeedFilter{Sort: "oldest", Page: app.Page{Limit: app.MaxLimit}}
	for {
		l, err := s.ListNeeds(context.Background(), v, f)
		if err != nil {
			t.Fatalf("list needs: %v", err)
		}
		out = append(out, l.Items...)
		if l.NextCursor == nil {
			return out
		}
		f.Cursor = *l.NextCursor
	}
}

func TestLoad(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		start := time.Now()
		accounts, loaded, err := demo.Load(ctx, s)
		if err != nil {
			t.Fatalf("load: %v", err)
		}
		t.Logf("demo loaded in %v", time.Since(start))
		if !loaded || len(accounts) == 0 {
			t.Fatalf("loaded = %v, %d accounts", loaded, len(accounts))
		}

		sols, err := s.ListSolutions(ctx, app.SolutionFilter{})
		if err != nil || len(sols.Items) < 6 {
			t.Errorf("%d solutions, want at least 6 (%v)", len(sols.Items), err)
		}

		needs := allNeeds(t, s, admin)
		if len(needs) < 25 {
			t.Errorf("%d needs, want at least 25", len(needs))
		}
		// A proposal taken to a pilot, one waiting, and the suppliers' watches.
		statuses := map[app.ProposalStatus]int{}
		for _, n := range needs {
			ps, err := s.Proposals(ctx, n.ID, true, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				statuses[p.Status]++
			}
		}
		if statuses[app.ProposalPiloted] != 1 || statuses[app.ProposalProposed] != 1 {
			t.Errorf("proposals by status %v", statuses)
		}
		// The hub: its rooms, upcoming events (one full, with a waiting list; one for invited
		// organisations only) and bookings.
		rooms, err := s.ListRooms(ctx)
		if err != nil || len(rooms) < 3 {
			t.Fatalf("rooms = %d, %v", len(rooms), err)
		}
		events, err := s.ListEvents(ctx, admin, app.EventFilter{From: time.Now()})
		if err != nil || len(events.Items) < 4 {
			t.Fatalf("events = %d, %v", len(events.Items), err)
		}
		full, invited, brokerage := 0, 0, 0
		for _, e := range events.Items {
			if len(e.Slots()) > 0 {
				brokerage++
				if ps, err := s.BrokerageProfiles(ctx, e.ID); err != nil || len(ps) < 4 {
					t.Errorf("%d profiles at the matchmaking event (%v)", len(ps), err)
				}
			}
			if e.Full() && e.Waiting > 0 {
				full++
			}
			if e.Audience == app.AudienceInvited {
				invited++
			}
		}
		if brokerage != 1 {
			t.Errorf("%d events with 1:1 meetings, want 1", brokerage)
		}
		if full != 1 || invited != 1 {
			t.Errorf("%d full events with a waiting list, %d for invited organisations; want 1 each", full, invited)
		}
		if entries, err := s.RouletteEntries(ctx); err != nil || len(entries) < 6 {
			t.Errorf("%d people in the fika roulette (%v)", len(entries), err)
		}
		// A repeated booking, visitors expected today, people at the hub, and an event's
		// materials and linked needs and calls.
		fika := slices.IndexFunc(rooms, func(r app.Room) bool { return r.Name == "Fikarummet" })
		if booked, err := s.Bookings(ctx, app.Viewer{Admin: true}, rooms[fika].ID, time.Now(), time.Now().AddDate(0, 3, 0)); err != nil ||
			!slices.ContainsFunc(booked, func(b app.Booking) bool { return b.Series != nil && b.Series.Frequency == "weekly" }) {
			t.Errorf("Fikarummet has no weekly series among %d bookings (%v)", len(booked), err)
		}
		today := app.HubDay(time.Now())
		if visits, err := s.Visitors(ctx, admin, today, today); err != nil || len(visits) < 2 {
			t.Errorf("%d visitors today (%v)", len(visits), err)
		}
		if here, err := s.AtTheHub(ctx, admin, time.Now()); err != nil || len(here) < 3 {
			t.Errorf("%d at the hub today (%v)", len(here), err)
		}
		linked := slices.IndexFunc(events.Items, func(e app.Event) bool { return len(e.Materials) > 0 && len(e.Needs) > 0 && len(e.Calls) > 0 })
		if linked < 0 {
			t.Error("no event with materials, linked needs and a linked call")
		}
		i := slices.IndexFunc(rooms, func(r app.Room) bool { return r.Name == "Stora mötesrummet" })
		if i < 0 {
			t.Fatalf("no Stora mötesrummet among %+v", rooms)
		}
		// Its three events and a person's booking.
		if booked, err := s.Bookings(ctx, app.Viewer{Admin: true}, rooms[i].ID, time.Now(), time.Now().AddDate(0, 0, 30)); err != nil || len(booked) != 4 {
			t.Errorf("Stora mötesrummet has %d bookings, want 4 (%v)", len(booked), err)
		}
		states := map[app.NeedState]int{}
		for _, n := range needs {
			states[n.State]++
		}
		for _, st := range app.NeedStates {
			if states[st] == 0 {
				t.Errorf("no need in state %s", st)
			}
		}

		t.Run("projects and funding", func(t *testing.T) {
			projects, err := s.ListProjects(ctx, app.Viewer{}, app.ProjectFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var akut *app.Project
			for i, p := range projects.Items {
				if p.Title == "Virtuella akutmottagningar i Härjedalen" {
					akut = &projects.Items[i]
				}
			}
			if len(projects.Items) < 2 || akut == nil || len(akut.Partners) != 2 || len(akut.Needs) != 1 || len(akut.Solutions) != 1 {
				t.Fatalf("public projects = %+v", projects.Items)
			}
			kpis, err := s.KPIs(ctx, akut.ID)
			if err != nil || len(kpis) != 3 {
				t.Fatalf("kpis = %v, %v", kpis, err)
			}
			for _, k := range kpis {
				if len(k.Measurements) < 3 || k.Progress() == nil || *k.Progress() < 50 {
					t.Errorf("kpi %s: %d measurements, progress %v", k.Name, len(k.Measurements), k.Progress())
				}
			}
			calls, err := s.ListCalls(ctx, app.CallFilter{Open: true, Now: time.Now()})
			if err != nil || len(calls.Items) != 1 {
				t.Fatalf("open calls = %v, %v", calls.Items, err)
			}
			apps, err := s.ListApplications(ctx, admin, calls.Items[0].ID, app.Page{})
			if err != nil || len(apps.Items) != 1 {
				t.Fatalf("applications = %v, %v", apps.Items, err)
			}
			var rules []string
			for _, p := range app.CheckApplication(calls.Items[0], apps.Items[0], time.Now()) {
				rules = append(rules, p.Rule+":"+p.Country)
			}
			if strings.Join(rules, " ") != app.RuleRequiredCountry+":NO "+app.RuleMinCountries+":" {
				t.Errorf("the drafted application breaks %v, want only the missing Norwegian partner (and so one country)", rules)
			}
			requests, err := s.PartnerRequests(ctx, admin, calls.Items[0].ID, 0)
			if err != nil || len(requests) != 1 || requests[0].Country != "NO" {
				t.Fatalf("partner requests = %+v, %v", requests, err)
			}
			if offers, err := s.PartnerOffers(ctx, requests[0].ID, true, nil); err != nil || len(offers) != 1 || offers[0].Organisation.Name != "Levanger kommune" {
				t.Errorf("offers = %+v, %v", offers, err)
			}
		})

		t.Run("no personal identity numbers", func(t *testing.T) {
			for _, n := range needs {
				for field, text := range needTexts(t, s, n.ID) {
					if app.ContainsPersonalNumber(text) {
						t.Errorf("need %d %q: %s holds something like a personnummer: %q", n.ID, n.Title, field, text)
					}
				}
			}
		})

		t.Run("histories are backdated and in order", func(t *testing.T) {
			for _, n := range needs {
				h, err := s.NeedHistory(ctx, n.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(h) == 0 || h[0].To != app.StateDraft || h[len(h)-1].To != n.State {
					t.Fatalf("need %q: history %v ends elsewhere than %s", n.Title, h, n.State)
				}
				for i := 1; i < len(h); i++ {
					if !h[i].At.After(h[i-1].At) {
						t.Errorf("need %q: move %d at %v is not after %v", n.Title, i, h[i].At, h[i-1].At)
					}
				}
				if age := time.Since(h[0].At); age > 19*31*24*time.Hour || !h[len(h)-1].At.Before(time.Now()) {
					t.Errorf("need %q: history from %v to %v is outside the last 18 months", n.Title, h[0].At, h[len(h)-1].At)
				}
			}
		})

		t.Run("figures", func(t *testing.T) {
			f, err := s.NeedFigures(ctx, admin, 0, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range app.NeedStates {
				t.Logf("%-18s %2d needs, median stay %5.0f days", st, f.Count[st], float64(f.MedianSeconds[st])/86400)
			}
			if f.MedianLeadTime != nil {
				t.Logf("median lead time %.0f days, median open age %.0f days, %d open", float64(*f.MedianLeadTime)/86400, float64(*f.MedianOpenAge)/86400, f.Open)
			}
			mainPath := []app.NeedState{app.StateDraft, app.StateSubmitted, app.StateBeingAnalysed, app.StateValidated, app.StateMarketScan,
				app.StateMatched, app.StateRouteDecided, app.StatePiloting, app.StateProcurement, app.StateImplementation,
				app.StateBenefitFollowUp, app.StateSpread}
			for _, st := range mainPath {
				if f.MedianSeconds[st] < int64(24*time.Hour/time.Second) {
					t.Errorf("median time in %s = %ds, want at least a day", st, f.MedianSeconds[st])
				}
			}
			if f.MedianLeadTime == nil || *f.MedianLeadTime < int64(90*24*time.Hour/time.Second) {
				t.Errorf("median lead time = %v, want some months", f.MedianLeadTime)
			}
			if f.MedianOpenAge == nil || f.Open == 0 {
				t.Errorf("open = %d, median open age = %v", f.Open, f.MedianOpenAge)
			}
		})

		t.Run("a visitor sees only public needs that are not drafts", func(t *testing.T) {
			want := 0
			for _, n := range needs {
				if n.Visibility == app.VisiblePublic && n.State != app.StateDraft {
					want++
				}
			}
			seen := allNeeds(t, s, app.Viewer{})
			for _, n := range seen {
				if n.Visibility != app.VisiblePublic || n.State == app.StateDraft {
					t.Errorf("visitor sees %q (%s, %s)", n.Title, n.Visibility, n.State)
				}
			}
			if len(seen) != want || want == 0 || want == len(needs) {
				t.Errorf("visitor sees %d needs, want %d of %d", len(seen), want, len(needs))
			}
			visibilities := map[app.Visibility]bool{}
			for _, n := range needs {
				visibilities[n.Visibility] = true
			}
			if len(visibilities) != len(app.Visibilities) {
				t.Errorf("visibilities used: %v, want all of %v", visibilities, app.Visibilities)
			}
		})

		t.Run("demand across organisations", func(t *testing.T) {
			coOwned, dialogue := 0, 0
			for _, n := range needs {
				if len(n.CoOwners) > 0 {
					coOwned++
				}
				q, err := s.Questions(ctx, n.ID, true, 0)
				if err != nil {
					t.Fatal(err)
				}
				dialogue += len(q)
			}
			if coOwned < 5 || dialogue < 10 {
				t.Errorf("%d co-owned needs and %d questions, want a lively demo", coOwned, dialogue)
			}
		})

		t.Run("followers and askers can see the need", func(t *testing.T) {
			users, err := s.ListUsers(ctx, app.UserFilter{Page: app.Page{Limit: app.MaxLimit}})
			if err != nil {
				t.Fatal(err)
			}
			viewers := map[int64]app.Viewer{}
			for _, u := range users.Items {
				v := app.Viewer{UserID: u.ID, Admin: u.IsAdmin}
				ms, err := s.UserMemberships(ctx, u.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range ms {
					v.OrgIDs = append(v.OrgIDs, m.Organisation.ID)
				}
				viewers[u.ID] = v
			}
			for _, n := range needs {
				for id, v := range viewers {
					following, err := s.Following(ctx, n.ID, id)
					if err != nil {
						t.Fatal(err)
					}
					if _, err := s.Need(ctx, v, n.ID); following && err != nil {
						t.Errorf("user %d follows %q but cannot see it: %v", id, n.Title, err)
					}
				}
				qs, err := s.Questions(ctx, n.ID, true, 0)
				if err != nil {
					t.Fatal(err)
				}
				for _, q := range qs {
					if _, err := s.Need(ctx, viewers[q.AskedBy.ID], n.ID); err != nil {
						t.Errorf("%s asked on %q but cannot see it: %v", q.AskedBy.Name, n.Title, err)
					}
				}
			}
		})

		_, loaded, err = demo.Load(ctx, s)
		if err != nil || loaded {
			t.Fatalf("second load: loaded = %v, err = %v", loaded, err)
		}
		if again := allNeeds(t, s, admin); len(again) != len(needs) {
			t.Errorf("second load: %d needs, want %d", len(again), len(needs))
		}
	})
}

// needTexts are all the free texts of a need and of what hangs on it, by name.
func needTexts(t *testing.T, s *store.Store, id int64) map[string]string {
	t.Helper()
	ctx := context.Background()
	n, err := s.Need(ctx, admin, id)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{"title": n.Title, "how_might_we": n.HowMightWe, "problem": n.Problem, "current_practice": n.CurrentPractice,
		"consequence": n.Consequence, "target_groups": n.TargetGroups, "constraints": n.Constraints, "benefit_plan": n.BenefitPlan,
		"procurement_contact": n.ProcurementContact, "dialogue_summary": n.DialogueSummary, "tags": strings.Join(n.Tags, " ")}
	for i, b := range n.Benefits {
		m["benefit "+string(rune('a'+i))] = b.KPI + " " + b.Unit + " " + b.Baseline + " " + b.Target
	}
	h, err := s.NeedHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range h {
		m["transition "+string(x.To)] += x.Comment + "\n"
	}
	qs, err := s.Questions(ctx, id, true, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		m["questions"] += q.Question + "\n" + q.Answer + "\n"
	}
	cs, err := s.Comments(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		m["comments"] += c.Body + "\n"
	}
	contacts, err := s.Contacts(ctx, id, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range contacts {
		m["contacts"] += strings.Join([]string{c.SupplierName, c.OurPeople, c.TheirPeople, c.Purpose, c.InfoGiven, c.InfoReceived, c.Summary}, "\n") + "\n"
	}
	return m
}
