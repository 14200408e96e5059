package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/ical/icaltest"
)

// TestCallAndApplicationPages: a coordinator announces a call with a deadline at 17:00 in
// Stockholm, which the page shows as 17:00 whatever the server's zone; an application
// without a Norwegian partner is told so in the reader's language; others do not see it.
func TestCallAndApplicationPages(t *testing.T) {
	saved := time.Local
	t.Cleanup(func() { time.Local = saved })
	time.Local = time.FixedZone("UTC+9", 9*3600)
	forEachDB(t, func(t *testing.T, p *platform) {
		karin := p.mustUser("karin@region.example", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", karin.ID)
		if err := p.store.AddRole(ctx, region.ID, karin.ID, app.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		olle := p.mustUser("olle@annan.example", false)
		p.mustOrg("Östersunds kommun", "212000-2411", olle.ID)
		b := p.signedIn("karin@region.example")
		b.get("/calls/new").want(t, http.StatusOK, `name="deadline_zone"`)
		call := url.Values{"title": {"Hälsa över gränsen"}, "programme": {"Interreg Aurora"}, "currency": {"EUR"},
			"deadline_stage": {"Fullständig ansökan", ""}, "deadline_date": {"2099-02-15", ""}, "deadline_time": {"17:00", ""}, "deadline_zone": {"Mars/Olympus", ""},
			"eligible_countries": {"SE", "NO"}, "required_countries": {"SE", "NO"}, "min_partners": {"2"},
			"rate_country": {"SE", ""}, "rate_kind": {"", ""}, "rate_percent": {"50", ""}, "tags": {"glesbygd, e-hälsa"}}
		b.post("/calls/new", call).want(t, http.StatusUnprocessableEntity, "Välj tidszon")
		call["deadline_zone"] = []string{"Europe/Stockholm", ""}
		res := b.post("/calls/new", call)
		res.want(t, http.StatusSeeOther)
		callPath := res.header.Get("Location")
		b.get(callPath).want(t, http.StatusOK, "2099-02-15 17:00 (Europe/Stockholm)", "Krävs minst en partner från", "Norge", "50 %")
		b.get(callPath+"/edit").want(t, http.StatusOK, `value="17:00"`, `<option value="Europe/Stockholm" selected>`)
		// The deadline in a calendar: 17:00 in Stockholm, read by ical.js, whatever the server's zone.
		ics := p.browser().get(callPath + "/deadlines.ics")
		ics.want(t, http.StatusOK, "DTSTART;TZID=Europe/Stockholm:20990215T170000")
		cal := icaltest.Parse(t, []byte(ics.body))
		stockholm, _ := time.LoadLocation("Europe/Stockholm")
		if len(cal.Events) != 1 || cal.Events[0].Summary != "Sista dag: Hälsa över gränsen (Fullständig ansökan)" ||
			!cal.Events[0].Start.Equal(time.Date(2099, 2, 15, 17, 0, 0, 0, stockholm)) {
			t.Errorf("deadline calendar read as %+v", cal.Events)
		}

		// The calls radar on a need about the same topic.
		need := app.NeedInput{Title: "Akutrum i fjällen", Tags: []string{"Glesbygd"}}
		if err := need.Normalise(); err != nil {
			t.Fatal(err)
		}
		n, err := p.store.CreateNeed(ctx, region.ID, karin.ID, need)
		if err != nil {
			t.Fatal(err)
		}
		b.get(fmt.Sprintf("/needs/%d", n.ID)).want(t, http.StatusOK, "Utlysningar som passar", "Hälsa över gränsen", `<span class="term">glesbygd</span>`,
			"Ägarorganisationen kan få stöd")

		var callID int64
		fmt.Sscanf(callPath, "/calls/%d", &callID)
		newApp := fmt.Sprintf("/applications/new?call=%d", callID)
		b.get(newApp).want(t, http.StatusOK, "Hälsa över gränsen", `name="partner_org"`)
		form := url.Values{"title": {"Akutrum över gränsen"}, "status": {"drafting"},
			"partner_org": {fmt.Sprint(region.ID), ""}, "partner_role": {"lead", ""}, "partner_budget": {"400 000", ""},
			"partner_grant": {"250 000", ""}, "partner_cofinancing": {"150 000", ""}, "partner_source": {"Regionens budget", ""}, "partner_confirmed": {"yes", ""}}
		res = b.post(newApp, form)
		res.want(t, http.StatusSeeOther)
		appPath := res.header.Get("Location")
		page := b.get(appPath)
		page.want(t, http.StatusOK, "Det saknas en partner från Norge, som utlysningen kräver.",
			"Utlysningen kräver minst 2 partner; ansökan har 1.", "Region Jämtland Härjedalen söker 63 % av sin budget; utlysningen ger högst 50 %.",
			"400\u00a0000\u00a0EUR", "62,5 %", "bekräftad")
		if strings.Count(page.body, `data-rule="`) != 3 {
			t.Errorf("want three broken rules:\n%s", page.body)
		}
		b.get("/lang/en?next="+appPath).want(t, http.StatusSeeOther)
		b.get(appPath).want(t, http.StatusOK, "The call requires a partner from Norway, and there is none.")

		p.browser().get(appPath).want(t, http.StatusNotFound)
		olleB := p.signedIn("olle@annan.example")
		olleB.get(appPath).want(t, http.StatusNotFound)

		// The lead seeks a Norwegian partner; another organisation offers; the lead takes it in.
		b.get("/lang/sv?next=/").want(t, http.StatusSeeOther)
		seek := url.Values{"competence": {"Norsk kommun med hemtjänst"}, "role": {"beneficiary"}, "country": {"NO"}, "deadline": {"igår"}}
		b.post(appPath+"/partner-requests", seek).want(t, http.StatusUnprocessableEntity, "Ange ett datum")
		seek.Set("deadline", "2099-01-31")
		res = b.post(appPath+"/partner-requests", seek)
		res.want(t, http.StatusSeeOther)
		requestPath := res.header.Get("Location")
		olleB.get(callPath).want(t, http.StatusOK, "Partnersökningar", "Norsk kommun med hemtjänst", "Region Jämtland Härjedalen")
		olleB.get(requestPath).want(t, http.StatusOK, "Region Jämtland Härjedalen söker partner", "Vill ni vara med?")
		olleB.post(requestPath+"/offers", url.Values{"organisation_id": {fmt.Sprint(region.ID)}, "message": {"Vi"}}).want(t, http.StatusForbidden)
		var other int64
		if ms, err := p.store.UserMemberships(ctx, olle.ID); err == nil && len(ms) == 1 {
			other = ms[0].Organisation.ID
		}
		olleB.post(requestPath+"/offers", url.Values{"organisation_id": {fmt.Sprint(other)}, "message": {"Vi har hemtjänst i fjällen."}}).want(t, http.StatusSeeOther)
		olleB.get(requestPath).want(t, http.StatusOK, "Vi har hemtjänst i fjällen.", "Du ser bara din egen organisations svar.")
		page = b.get(requestPath)
		page.want(t, http.StatusOK, "Vi har hemtjänst i fjällen.", "Ta in Östersunds kommun i ansökan")
		accept := regexp.MustCompile(`action="(/partner-requests/\d+/offers/\d+/accept)"`).FindStringSubmatch(page.body)
		if accept == nil {
			t.Fatalf("no accept form:\n%s", page.body)
		}
		olleB.post(accept[1], nil).want(t, http.StatusForbidden)
		b.post(accept[1], nil).want(t, http.StatusSeeOther)
		b.get(appPath).want(t, http.StatusOK, "Östersunds kommun", "Stödmottagare", "Det saknas en partner från Norge")
		olleB.get(appPath).want(t, http.StatusOK, "Akutrum över gränsen")
	})
}
