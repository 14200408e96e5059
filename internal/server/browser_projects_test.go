package server_test

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestBrowserPilotAndApplication follows a pilot and an application in a real browser: a
// coordinator moves a need to piloting, which starts a project; she adds a KPI and two
// measurements and sees the chart with its table; then she drafts an application to an
// Interreg call with Swedish partners only and is told that a Norwegian partner is
// missing. Screenshots of the project and application pages go to
// $TILLSAMMANS_SCREENSHOTS when it is set.
func TestBrowserPilotAndApplication(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	ctx := context.Background()
	const coordinator = "karin.coordinator@regionjh.example"
	karin := journeyUser(t, s, coordinator, "Karin Persson")
	region := journeyOrg(t, s, app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, Country: "SE", OrgNumber: "232100-0214"},
		karin.ID, app.RoleCoordinator, app.RoleNeedSubmitter)
	miun := journeyOrg(t, s, app.OrganisationInput{Name: "Mittuniversitetet", Kind: app.KindAcademia, Country: "SE", OrgNumber: "202100-2783"},
		journeyUser(t, s, "linnea@miun.example", "Linnea Forsberg").ID)

	in := app.NeedInput{Title: "Virtuellt akutrum i Funäsdalen", HowMightWe: "Hur kan vi ge akut bedömning nära hemmet?",
		Problem: "Det är 25 mil till akuten.", CareSettings: []string{"primarvard"}, OwnerID: &karin.ID,
		Benefits: []app.Benefit{{KPI: "Tid till läkare", Unit: "minuter", Baseline: "190", Target: "45"}}}
	if err := in.Normalise(); err != nil {
		t.Fatal(err)
	}
	n, err := s.CreateNeed(ctx, region.ID, karin.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []app.NeedState{app.StateSubmitted, app.StateBeingAnalysed, app.StateValidated, app.StateRouteDecided} {
		if n, err = s.TransitionNeed(ctx, n.ID, n.State, karin.ID, app.TransitionInput{To: to, Route: "pilot"}); err != nil {
			t.Fatal(err)
		}
	}
	callIn := app.CallInput{Programme: "Interreg Sverige–Norge", Title: "Hälsa och välfärd över gränsen",
		Deadlines: []app.Deadline{{Stage: "Fullständig ansökan", Local: "2099-02-15T17:00", TimeZone: "Europe/Stockholm"}},
		CallRules: app.CallRules{Currency: "EUR", RequiredCountries: []string{"SE", "NO"}, MinCountries: 2, MinPartners: 2,
			Rates: []app.Rate{{Country: "SE", Percent: 60}}}}
	if err := callIn.Normalise(); err != nil {
		t.Fatal(err)
	}
	call, err := s.CreateCall(ctx, karin.ID, callIn)
	if err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, servePlatform(t, s, slog.New(slog.DiscardHandler)))
	b.signIn(coordinator)

	// Piloting starts a project, linked from the need.
	b.open(fmt.Sprintf("/needs/%d", n.ID))
	b.do("choose piloting", chromedp.SetValue(chromedp.ID("f-to"), "piloting"))
	if status := b.load("move to piloting", chromedp.Click(chromedp.CSS(`form[action$="/transitions"] button[type="submit"]`))); status != 200 {
		t.Fatalf("move to piloting: status %d: %s", status, b.text("main"))
	}
	b.wantText("main p.meta .state", "Pilot")
	b.wantText("ul.projects", "Virtuellt akutrum i Funäsdalen")
	if status := b.load("open the project", chromedp.Click(chromedp.CSS(`ul.projects a`))); status != 200 {
		t.Fatalf("project: status %d", status)
	}
	projectPath := b.path()
	if !regexp.MustCompile(`^/projects/\d+$`).MatchString(projectPath) {
		t.Fatalf("on %s, want /projects/{id}", projectPath)
	}
	b.wantText("h1", "Virtuellt akutrum i Funäsdalen")
	b.wantText("main p.meta", "Pilot", "Region Jämtland Härjedalen", "Karin Persson", "Internt")

	// A KPI and two measurements.
	b.do("fill the KPI form",
		chromedp.Click(chromedp.CSS(`details summary`)),
		chromedp.SendKeys(chromedp.ID("f-name"), "Tid till läkarbedömning"),
		chromedp.SendKeys(chromedp.ID("f-unit"), "minuter"),
		chromedp.SetValue(chromedp.ID("f-direction"), "lower"),
		chromedp.SendKeys(chromedp.ID("f-baseline"), "190"),
		chromedp.SetValue(chromedp.ID("f-baseline_date"), "2025-12-01"),
		chromedp.SendKeys(chromedp.ID("f-target"), "45"),
		chromedp.SendKeys(chromedp.ID("f-source"), "Journalsystemet"),
	)
	if status := b.load("add the KPI", chromedp.Click(chromedp.CSS(`form[action$="/kpis"] button[type="submit"]`))); status != 200 {
		t.Fatalf("add KPI: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Nyckeltalet är tillagt.")
	for _, m := range []struct{ date, value string }{{"2026-02-01", "120"}, {"2026-05-01", "62,5"}} {
		b.do("fill a measurement", chromedp.SetValue(chromedp.CSS(`form.measure input[name="date"]`), m.date),
			chromedp.SendKeys(chromedp.CSS(`form.measure input[name="value"]`), m.value))
		if status := b.load("record "+m.value, chromedp.Click(chromedp.CSS(`form.measure button[type="submit"]`))); status != 200 {
			t.Fatalf("measurement: status %d: %s", status, b.text("main"))
		}
		b.wantText(".flash", "Mätningen är registrerad.")
	}
	points := get(b, "points of the chart", chromedp.Evaluate[float64](`document.querySelectorAll("svg.kpi-chart circle").length`))
	if points != 3 {
		t.Errorf("the chart has %v points, want the baseline and two measurements", points)
	}
	if title := get(b, "title of the chart", chromedp.Evaluate[string](`document.querySelector("svg.kpi-chart title").textContent`)); title != "Tid till läkarbedömning över tid, med utgångsläge och mål" {
		t.Errorf("chart title %q", title)
	}
	b.wantText("table.chart-table", "2026-02-01", "120", "2026-05-01", "62,5", "Mål", "45")
	b.wantText("article.kpi dl.key-figures", "62,5", "87,9 % av vägen till målet")
	b.wantStyled()
	b.screenshot("project")

	// An application with Swedish partners only breaks the call's rule.
	b.open(fmt.Sprintf("/calls/%d", call.ID))
	if status := b.load("write an application", chromedp.Click(chromedp.CSS(`a[href^="/applications/new"]`))); status != 200 {
		t.Fatalf("application form: status %d", status)
	}
	b.do("fill the application",
		chromedp.SendKeys(chromedp.ID("f-title"), "Akutrum över gränsen"),
		chromedp.SetValue(chromedp.ID("f-status"), "drafting"),
		chromedp.SendKeys(chromedp.CSS(`tbody tr:nth-child(1) input[name="partner_budget"]`), "400000"),
		chromedp.SendKeys(chromedp.CSS(`tbody tr:nth-child(1) input[name="partner_grant"]`), "240000"),
		chromedp.SendKeys(chromedp.CSS(`tbody tr:nth-child(1) input[name="partner_cofinancing"]`), "160000"),
		chromedp.SendKeys(chromedp.CSS(`tbody tr:nth-child(1) input[name="partner_source"]`), "Regionens utvecklingsmedel"),
		chromedp.SetValue(chromedp.CSS(`tbody tr:nth-child(2) select[name="partner_org"]`), fmt.Sprint(miun.ID)),
		chromedp.SetValue(chromedp.CSS(`tbody tr:nth-child(2) select[name="partner_role"]`), "beneficiary"),
		chromedp.SendKeys(chromedp.CSS(`tbody tr:nth-child(2) input[name="partner_budget"]`), "200000"),
		chromedp.SendKeys(chromedp.CSS(`tbody tr:nth-child(2) input[name="partner_grant"]`), "120000"),
	)
	if status := b.load("save the application", chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); status != 200 {
		t.Fatalf("save application: status %d: %s", status, b.text("main"))
	}
	b.wantText("h1", "Akutrum över gränsen")
	b.wantText(".checks-result", "Det saknas en partner från Norge, som utlysningen kräver.",
		"Partnerna ska komma från minst 2 länder; nu kommer de från 1.")
	b.wantText("table", "Mittuniversitetet", "400\u00a0000\u00a0EUR", "60,0 %")
	b.screenshot("application")

	// On a phone both pages fit the screen: the chart shrinks, the consortium's table scrolls in its box.
	applicationPath := b.path()
	b.do("emulate a phone", chromedp.EmulateViewport(390, 844))
	for _, path := range []string{projectPath, applicationPath} {
		b.open(path)
		if overflow := get(b, "horizontal overflow", chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`)); overflow {
			t.Errorf("%s on a 390 px wide screen scrolls sideways", path)
		}
	}
	b.screenshot("application-narrow")
}
