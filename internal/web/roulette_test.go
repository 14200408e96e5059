package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/ical/icaltest"
)

func TestRoulettePage(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		karin := p.mustUser("karin@regionjh.example", false)
		anna := p.mustUser("anna@fjallvard.example", false)
		p.mustUser("olle@example.se", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", karin.ID)
		company := p.mustOrg("Fjällvård Digital AB", "556812-3409", anna.ID)

		p.browser().get("/roulette").want(t, http.StatusSeeOther)
		p.signedIn("olle@example.se").get("/roulette").want(t, http.StatusForbidden)

		k := p.signedIn("karin@regionjh.example")
		k.get("/roulette").want(t, http.StatusOK, "Fikaroulett", "Var med", "Ingen fika ännu.")
		k.post("/roulette", url.Values{"organisation_id": {fmt.Sprint(region.ID)}, "place": {"hub"}}).
			want(t, http.StatusUnprocessableEntity, "Välj minst en vardag.")
		k.post("/roulette", url.Values{"organisation_id": {fmt.Sprint(company.ID)}, "weekdays": {"3"}, "place": {"hub"}}).
			want(t, http.StatusUnprocessableEntity, "Välj en organisation du tillhör.")
		k.post("/roulette", url.Values{"organisation_id": {fmt.Sprint(region.ID)}, "weekdays": {"3", "4"}, "place": {"hub"}}).want(t, http.StatusSeeOther)
		k.get("/roulette").want(t, http.StatusOK, "Du är med i fikarouletten.", `value="3" checked`, "Gå ur rouletten")
		a := p.signedIn("anna@fjallvard.example")
		a.post("/roulette", url.Values{"organisation_id": {fmt.Sprint(company.ID)}, "weekdays": {"4"}, "place": {"either"}}).want(t, http.StatusSeeOther)

		entries, err := p.store.RouletteEntries(ctx)
		if err != nil || len(entries) != 2 {
			t.Fatalf("entries = %+v, %v", entries, err)
		}
		now := time.Now()
		monday := now.In(stockholmZone(t)).AddDate(0, 0, -int(now.In(stockholmZone(t)).Weekday()+6)%7)
		if err := p.store.SaveRouletteWeek(ctx, app.Week(now), monday, [][]app.RouletteEntry{entries}, now); err != nil {
			t.Fatal(err)
		}
		r := k.get("/roulette")
		r.want(t, http.StatusOK, "anna", "Fjällvård Digital AB", "14:30", "Fikarummet, E-hälsocentrum", "Hittade ni något att jobba vidare med?")
		groups, err := p.store.RouletteGroups(ctx, karin.ID, 1)
		if err != nil || len(groups) != 1 {
			t.Fatal(groups, err)
		}
		ics := k.get(fmt.Sprintf("/roulette/groups/%d/fika.ics", groups[0].ID))
		ics.want(t, http.StatusOK, "BEGIN:VCALENDAR")
		c := icaltest.Parse(t, []byte(ics.body))
		if len(c.Events) != 1 || !strings.Contains(c.Events[0].Summary, "anna (Fjällvård Digital AB)") || !c.Events[0].Start.Equal(groups[0].MeetAt) ||
			c.Events[0].End.Sub(c.Events[0].Start) != app.FikaLength {
			t.Errorf("fika read as %+v", c.Events)
		}
		p.signedIn("olle@example.se").get(fmt.Sprintf("/roulette/groups/%d/fika.ics", groups[0].ID)).want(t, http.StatusNotFound)
		k.post(fmt.Sprintf("/roulette/groups/%d/answer", groups[0].ID), url.Values{"found": {"yes"}}).want(t, http.StatusSeeOther)
		k.get("/roulette").want(t, http.StatusOK, "Tack för svaret!", "Du svarade: ni hittade något att jobba vidare med.", "1 av 1 svar (100 %)")
		k.get("/notifications").want(t, http.StatusOK, "Veckans fika är lottad:")
		k.post("/roulette/leave", nil).want(t, http.StatusSeeOther)
		k.get("/roulette").want(t, http.StatusOK, "Du är inte längre med i fikarouletten.")
	})
}
