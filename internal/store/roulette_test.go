package store_test

import (
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

func TestRoulette(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@regionjh.example", "Karin")
		anna := mustCreateUser(t, s, "anna@fjallvard.example", "Anna")
		olle := mustCreateUser(t, s, "olle@example.se", "Olle")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		company := mustCreateOrg(t, s, "Fjällvård Digital AB", "556812-3409", anna.ID)
		join := func(u app.User, org int64, days ...int) {
			t.Helper()
			in := app.RouletteInput{OrgID: org, Weekdays: days, Place: "hub"}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			if err := s.JoinRoulette(ctx, u.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		join(karin, region.ID, 3, 1)
		join(anna, company.ID, 3)
		join(anna, company.ID, 2, 3) // a change, not a second entry
		join(olle, region.ID, 1)     // not a member of the region: left out of the pairing
		wantCode(t, s.JoinRoulette(ctx, olle.ID, app.RouletteInput{OrgID: 999999, Weekdays: []int{1}, Place: "hub"}), app.Invalid)

		entries, err := s.RouletteEntries(ctx)
		if err != nil || len(entries) != 2 || entries[0].User.ID != karin.ID || entries[1].Organisation.Name != "Fjällvård Digital AB" ||
			len(entries[1].Weekdays) != 2 || entries[0].Organisation.Kind != app.KindMunicipality {
			t.Fatalf("entries = %+v, %v", entries, err)
		}

		now := time.Now()
		monday := time.Date(2026, 11, 30, 0, 0, 0, 0, app.Zone(app.DefaultTimeZone))
		if err := s.SaveRouletteWeek(ctx, "2026-W49", monday, [][]app.RouletteEntry{entries}, now); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.SaveRouletteWeek(ctx, "2026-W49", monday, [][]app.RouletteEntry{entries}, now), app.Conflict)
		met, err := s.RouletteMet(ctx, monday.Add(-app.RouletteRepeatWindow))
		if err != nil || !met[[2]int64{karin.ID, anna.ID}] || len(met) != 1 {
			t.Errorf("met = %v, %v", met, err)
		}
		if met, _ := s.RouletteMet(ctx, monday.AddDate(0, 0, 7)); len(met) != 0 {
			t.Errorf("met since next week = %v", met)
		}
		groups, err := s.RouletteGroups(ctx, anna.ID, 5)
		if err != nil || len(groups) != 1 || len(groups[0].Members) != 2 || groups[0].Place != "hub" || groups[0].Answer != "" {
			t.Fatalf("groups = %+v, %v", groups, err)
		}
		// Wednesday is the day both can.
		if at := groups[0].MeetAt.In(app.Zone(app.DefaultTimeZone)); at.Weekday() != time.Wednesday || at.Hour() != 14 {
			t.Errorf("fika at %s", at)
		}
		notes, err := s.Notifications(ctx, karin.ID, app.Page{})
		if err != nil || len(notes.Items) != 1 || notes.Items[0].Kind != "roulette" {
			t.Errorf("notifications = %+v, %v", notes.Items, err)
		}
		if err := s.AnswerRoulette(ctx, groups[0].ID, anna.ID, true, now); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.AnswerRoulette(ctx, groups[0].ID, olle.ID, true, now), app.NotFound)
		if groups, _ = s.RouletteGroups(ctx, anna.ID, 5); groups[0].Answer != "yes" {
			t.Errorf("answer = %q", groups[0].Answer)
		}
		f, err := s.RouletteFigures(ctx)
		if err != nil || f != (app.RouletteFigures{Participants: 3, Groups: 1, Answers: 1, Found: 1}) {
			t.Errorf("figures = %+v, %v", f, err)
		}
		if err := s.LeaveRoulette(ctx, anna.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.RouletteEntry(ctx, anna.ID)
		wantCode(t, err, app.NotFound)
	})
}
