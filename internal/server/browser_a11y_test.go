package server_test

import (
	"context"
	_ "embed"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/auth/authtest"
	"github.com/tillsammans/tillsammans/internal/demo"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

//go:embed testdata/axe/axe.min.js
var axeSource string

// axeResult is what the test keeps of an axe-core violation.
type axeResult struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// TestBrowserAccessibility runs axe-core (WCAG 2.1 A and AA rules) on every page type with
// the demo data, signed out, as a coordinator, as a supplier and as a platform
// administrator, and fails on every serious or critical violation.
func TestBrowserAccessibility(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t, "sqlite")
	if _, _, err := demo.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	var recovery []string // the administrator's, whose powers need two-step verification
	for _, email := range []string{"karin.lindqvist@regionjh.example", "anna.ek@fjallvard.example", "admin@tillsammans.example"} {
		u, _, err := s.UserCredentials(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetPassword(ctx, u.ID, auth.HashPassword(journeyPassword), nil); err != nil {
			t.Fatal(err)
		}
		if u.IsAdmin {
			recovery = authtest.TwoFactor(t, auth.NewAccounts(s), u)
		}
	}
	needs, err := s.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{Page: app.Page{Limit: 1}})
	if err != nil || len(needs.Items) == 0 {
		t.Fatalf("demo needs: %v", err)
	}
	sols, err := s.ListSolutions(ctx, app.SolutionFilter{Page: app.Page{Limit: 1}})
	if err != nil || len(sols.Items) == 0 {
		t.Fatalf("demo solutions: %v", err)
	}
	need, sol, org := needs.Items[0].ID, sols.Items[0].ID, needs.Items[0].Organisation.ID
	projects, err := s.ListProjects(ctx, app.Viewer{}, app.ProjectFilter{Page: app.Page{Limit: 1}})
	if err != nil || len(projects.Items) == 0 {
		t.Fatalf("demo projects: %v", err)
	}
	apps, err := s.ListApplications(ctx, app.Viewer{Admin: true}, 0, app.Page{Limit: 1})
	if err != nil || len(apps.Items) == 0 {
		t.Fatalf("demo applications: %v", err)
	}
	requests, err := s.PartnerRequests(ctx, app.Viewer{Admin: true}, apps.Items[0].Call.ID, 0)
	if err != nil || len(requests) == 0 {
		t.Fatalf("demo partner requests: %v", err)
	}
	project, call, application := fmt.Sprintf("/projects/%d", projects.Items[0].ID), fmt.Sprintf("/calls/%d", apps.Items[0].Call.ID),
		fmt.Sprintf("/applications/%d", apps.Items[0].ID)
	request := fmt.Sprintf("/partner-requests/%d", requests[0].ID)
	events, err := s.ListEvents(ctx, app.Viewer{Admin: true}, app.EventFilter{From: time.Now(), Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	var withMaterials, regional string
	for _, e := range events.Items {
		switch {
		case len(e.Materials) > 0 && e.Audience == app.AudiencePublic:
			withMaterials = fmt.Sprintf("/events/%d", e.ID)
		case e.Organisation.Name == "Region Jämtland Härjedalen" && e.Audience == app.AudiencePublic:
			regional = fmt.Sprintf("/events/%d", e.ID)
		}
	}
	rooms, err := s.ListRooms(ctx)
	if err != nil || len(rooms) == 0 || withMaterials == "" || regional == "" {
		t.Fatalf("demo rooms %v and events %q, %q: %v", rooms, withMaterials, regional, err)
	}
	room := fmt.Sprintf("/hub/rooms/%d", rooms[0].ID)

	b := newBrowser(t, servePlatform(t, s, slog.New(slog.DiscardHandler)))
	// axe-core itself works: a button without a name, planted in a page, is found.
	b.open("/")
	get(b, "plant a button without a name", chromedp.Evaluate[bool](`document.querySelector("main").append(document.createElement("button")); true`))
	if v := b.axe(); len(v) != 1 || v[0].ID != "button-name" {
		t.Fatalf("axe-core on a page with a nameless button: %+v", v)
	}
	check := func(paths ...string) {
		for _, path := range paths {
			b.open(path)
			b.screenshot("a11y" + strings.NewReplacer("/", "-", "?", "-", "=", "-", "&", "-").Replace(path))
			for _, v := range b.axe() {
				t.Errorf("%s: %s (%s): %s, at %s", path, v.ID, v.Impact, v.Help, strings.Join(v.Targets, " | "))
			}
		}
	}
	check("/", "/signup", "/login", "/password/forgot", "/privacy", "/accessibility", "/needs", fmt.Sprintf("/needs/%d", need),
		"/solutions", fmt.Sprintf("/solutions/%d", sol), "/organisations", fmt.Sprintf("/organisations/%d", org), "/search?q=trygghetslarm",
		"/projects", project, "/calls", call, "/events", withMaterials, "/hub", room)
	b.signIn("karin.lindqvist@regionjh.example")
	check("/needs/new", fmt.Sprintf("/needs/%d", need), fmt.Sprintf("/needs/%d/edit", need), "/needs/dashboard",
		fmt.Sprintf("/organisations/%d/members", org), fmt.Sprintf("/organisations/%d/edit", org), "/organisations/new",
		"/watches", "/notifications", "/profile", "/search?q=KOL&type=need",
		"/projects/new", project, project+"/edit", "/projects?lessons=ljuset", "/calls/new", call+"/edit", application, application+"/edit",
		"/applications/new?call="+strings.TrimPrefix(call, "/calls/"), request, "/hub", "/hub/visitors", room, regional, regional+"/edit", "/events/new")
	b.signOut()
	b.signIn("anna.ek@fjallvard.example")
	check("/solutions/new", fmt.Sprintf("/needs/%d", need), project, request)
	b.signOut()
	b.open("/login")
	b.do("fill the sign-in form", chromedp.SendKeys(chromedp.ID("f-email"), "admin@tillsammans.example"), chromedp.SendKeys(chromedp.ID("f-password"), journeyPassword))
	b.load("sign in as the administrator", chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)))
	check("/login/code")
	b.do("give a recovery code", chromedp.SendKeys(chromedp.ID("f-code"), recovery[0]))
	b.load("finish signing in", chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)))
	b.wantText("header nav.user", "Logga ut")
	check("/profile", "/admin/users", "/admin/organisations", "/admin/outbox", "/admin/tags", "/admin/jobs", "/admin/webhooks", "/admin/audit",
		"/admin/rooms", fmt.Sprintf("/admin/rooms/%d/edit", rooms[0].ID), "/hub/visitors",
		fmt.Sprintf("/organisations/%d/audit", org), fmt.Sprintf("/organisations/%d/audit?from=2026-01-01&kind=need", org), fmt.Sprintf("/needs/%d/record", need),
		project+"/record")
}

// axe runs axe-core on the page the tab shows and returns its serious and critical
// violations of the WCAG 2.1 A and AA rules.
func (b *browser) axe() []axeResult {
	b.t.Helper()
	get(b, "load axe-core", chromedp.Evaluate[bool](axeSource+";true"))
	return get(b, "run axe-core", chromedp.Evaluate[[]axeResult](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
		.then(r => r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
			.map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))})))`, chromedp.EvalAwaitPromise))
}
