package server_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/jobs"
	"github.com/tillsammans/tillsammans/internal/mail"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestBrowserWatchJourney is horizon scanning in a real browser, with the jobs running as
// in serve: a supplier searches from the header and watches the search; a coordinator
// registers a matching need and sees the supplier's solution suggested with its reasons;
// the supplier finds the notification.
func TestBrowserWatchJourney(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t, "sqlite")
	const (
		coordinator = "karin.coordinator@regionjh.example"
		supplier    = "anna@norrlandsvardteknik.example"
		title       = "Trygghetslarm som fungerar i glesbygden"
		solution    = "Social alarm that roams between mobile networks"
	)
	user := func(email, name string) app.User { return journeyUser(t, s, email, name) }
	org := func(in app.OrganisationInput, admin int64, role app.Role) app.Organisation {
		return journeyOrg(t, s, in, admin, role)
	}
	karin := user(coordinator, "Karin Persson")
	org(app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, Country: "SE", OrgNumber: "232100-0214"}, karin.ID, app.RoleCoordinator)
	anna := user(supplier, "Anna Sjöberg")
	company := org(app.OrganisationInput{Name: "Norrlands Vårdteknik AB", Kind: app.KindCompany, Size: "sme", Country: "SE", OrgNumber: "556812-3409"},
		anna.ID, app.RoleSupplier)
	if _, err := s.CreateSolution(ctx, company.ID, anna.ID, app.SolutionInput{Title: solution,
		Description: "A social alarm with two SIM cards that keeps working in rural areas where mobile coverage is weak.",
		Type:        "device", TRL: 9, Deployment: "in_use", CareSettings: []string{"hemtjanst"}, Tags: []string{"trygghetslarm"}}); err != nil {
		t.Fatal(err)
	}

	log := slog.New(slog.DiscardHandler)
	base := servePlatform(t, s, log)
	// The jobs run as serve runs them.
	runner := jobs.NewRunner(s, log, jobs.Options{})
	s.OnJobEnqueued(runner.Wake)
	watches := &jobs.Watches{Store: s, Mail: mail.Outbox{Store: s, Log: log}, BaseURL: base, Log: log}
	runner.Register(app.JobMatchWatches, watches.Match())
	jobCtx, stopJobs := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() { runner.Run(jobCtx); close(stopped) }()
	t.Cleanup(func() { stopJobs(); <-stopped })

	b := newBrowser(t, base)

	// The supplier searches from the header and watches the search.
	b.signIn(supplier)
	b.do("type a search", chromedp.SendKeys(chromedp.ID("quick-q"), "trygghetslarm glesbygd"))
	if status := b.load("search", chromedp.Click(chromedp.CSS(`form.quick-search button`))); status != 200 {
		t.Fatalf("search: status %d", status)
	}
	b.wantText("h1", "Sök")
	b.wantText("ol.hits", solution)
	if status := b.load("watch the search", chromedp.Click(chromedp.CSS(`form.watch-form button`))); status != 200 {
		t.Fatalf("watch: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Bevakningen är sparad.")
	b.wantText("ul.watches", "trygghetslarm glesbygd")
	b.signOut()

	// The coordinator registers a matching need; its page suggests the solution and says why.
	b.signIn(coordinator)
	b.open("/needs/new")
	b.do("fill the need form",
		chromedp.SendKeys(chromedp.ID("f-title"), title),
		chromedp.SendKeys(chromedp.ID("f-how_might_we"), "Hur kan larmen nå fram i fjällbyarna?"),
		chromedp.SendKeys(chromedp.ID("f-problem"), "Trygghetslarmen tappar kontakten där mobiltäckningen är svag."),
		chromedp.Click(chromedp.CSS(`input[name="care_settings"][value="hemtjanst"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="benefit_kpi"]`), "Larm som inte når fram"),
		chromedp.SendKeys(chromedp.CSS(`input[name="benefit_unit"]`), "larm/år"),
		chromedp.SendKeys(chromedp.CSS(`input[name="benefit_baseline"]`), "120"),
		chromedp.SendKeys(chromedp.CSS(`input[name="benefit_target"]`), "0"),
		chromedp.SetValue(chromedp.ID("f-visibility"), "signed_in"),
	)
	if status := b.load("save and submit", chromedp.Click(chromedp.CSS(`button[name="action"][value="submit"]`))); status != 200 {
		t.Fatalf("submit: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Behovet är inskickat.")
	b.wantText(`section[aria-labelledby="suggested"]`, "Lösningar som kan passa", solution, "Gemensamma begrepp", "Samma vårdmiljö: Hemtjänst", "Mogen lösning (TRL 9)")
	b.screenshot("need-suggestions-sv")

	// Writing a second need like it, the form shows the first one while the title is typed.
	b.open("/needs/new")
	b.do("type a similar title", chromedp.SendKeys(chromedp.ID("f-title"), "Trygghetslarm i glesbygd"))
	b.do("wait for the similar needs", chromedp.WaitVisible(chromedp.CSS(`#similar section`)))
	b.wantText("#similar", "Liknande behov finns redan", title, "Gå med som medägare")
	b.signOut()

	// The supplier is told: the badge in the header, then the notification itself.
	b.signIn(supplier)
	deadline := time.Now().Add(20 * time.Second)
	for !b.has("header .badge") {
		if time.Now().After(deadline) {
			t.Fatal("no notification reached the supplier")
		}
		time.Sleep(300 * time.Millisecond)
		b.open("/watches")
	}
	b.open("/notifications")
	b.wantText("ul.notifications", "Din bevakning hittade", title)
	b.screenshot("notifications-watch-sv")
}

// has reports whether anything on the page matches css.
func (b *browser) has(css string) bool {
	b.t.Helper()
	return len(get(b, "find "+css, chromedp.Nodes(chromedp.CSSAll(css), chromedp.AtLeast(0)))) > 0
}
