package server_test

import (
	"context"
	"log/slog"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

const journeyPassword = "Fjällräven-Östersund-2026!"

// TestBrowserNeedJourney follows a need in a real browser: a coordinator of Region Jämtland
// Härjedalen registers it and moves it to market scan; a supplier asks a question, the
// coordinator answers, and a second supplier reads both (equal treatment). Screenshots of
// the need page and the dashboard go to $TILLSAMMANS_SCREENSHOTS when it is set.
func TestBrowserNeedJourney(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	const (
		coordinator = "karin.coordinator@regionjh.example"
		supplierA   = "anna@norrlandsvardteknik.example"
		supplierB   = "bengt@fjallhalsa.example"
	)
	user := func(email, name string) app.User { return journeyUser(t, s, email, name) }
	org := func(in app.OrganisationInput, admin int64, roles ...app.Role) app.Organisation {
		return journeyOrg(t, s, in, admin, roles...)
	}
	karin := user(coordinator, "Karin Persson")
	region := org(app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, Country: "SE", OrgNumber: "232100-0214"},
		karin.ID, app.RoleCoordinator, app.RoleNeedSubmitter)
	org(app.OrganisationInput{Name: "Norrlands Vårdteknik AB", Kind: app.KindCompany, Size: "sme", Country: "SE", OrgNumber: "556812-3409"},
		user(supplierA, "Anna Sjöberg").ID, app.RoleSupplier)
	org(app.OrganisationInput{Name: "Fjällhälsa AB", Kind: app.KindCompany, Size: "sme", Country: "SE", OrgNumber: "559034-5673"},
		user(supplierB, "Bengt Ödmark").ID, app.RoleSupplier)
	seedHistory(t, s, region.ID, karin.ID)

	base := servePlatform(t, s, slog.New(slog.DiscardHandler))

	b := newBrowser(t, base)

	// The coordinator registers a need and submits it at once.
	b.signIn(coordinator)
	b.open("/needs")
	if status := b.load("open the create form", chromedp.Click(chromedp.CSS(`main a[href="/needs/new"]`))); status != 200 {
		t.Fatalf("create form: status %d", status)
	}
	b.wantText("h1", "Registrera behov")
	const (
		title    = "Virtuellt akutrum i Funäsdalen"
		question = "Behöver lösningen fungera utan mobiltäckning i fjällen?"
		answer   = "Ja, delvis: stationen i Funäsdalen har fiber, men ambulansen ska kunna koppla upp sig via satellit."
	)
	b.do("fill the need form",
		chromedp.SendKeys(chromedp.ID("f-title"), title),
		chromedp.SendKeys(chromedp.ID("f-how_might_we"), "Hur kan vi ge invånare i Härjedalen akut bedömning utan tre timmars resa?"),
		chromedp.SendKeys(chromedp.ID("f-problem"), "Närmaste akutmottagning ligger i Östersund, **upp till 30 mil** bort."),
		chromedp.Click(chromedp.CSS(`input[name="care_settings"][value="ambulans"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="benefit_kpi"]`), "Resor till akuten"),
		chromedp.SendKeys(chromedp.CSS(`input[name="benefit_unit"]`), "resor/år"),
		chromedp.SendKeys(chromedp.CSS(`input[name="benefit_baseline"]`), "800"),
		chromedp.SendKeys(chromedp.CSS(`input[name="benefit_target"]`), "400"),
		chromedp.SetValue(chromedp.ID("f-visibility"), "signed_in"),
	)
	if status := b.load("save and submit", chromedp.Click(chromedp.CSS(`button[name="action"][value="submit"]`))); status != 200 {
		t.Fatalf("after submitting: status %d on %s: %s", status, b.path(), b.text("main"))
	}
	needPath := b.path()
	if !regexp.MustCompile(`^/needs/\d+$`).MatchString(needPath) {
		t.Fatalf("after submitting: on %s, want /needs/{id}: %s", needPath, b.text("main"))
	}
	b.wantText("h1", title)
	b.wantText(".flash", "Behovet är inskickat.")
	b.wantText("main p.meta .state", "Inskickat")
	b.wantText("main p.meta", "Karin Persson", "Alla inloggade")

	// Through analysis and validation to market scan, with the page's own form.
	for _, step := range []struct{ to, label string }{
		{"being_analysed", "Under analys"},
		{"validated", "Validerat"},
		{"market_scan", "Omvärldsbevakning och tidig dialog"},
	} {
		b.wantText("#move", "Flytta behovet")
		b.do("choose "+step.to, chromedp.SetValue(chromedp.ID("f-to"), step.to),
			chromedp.SendKeys(chromedp.ID("f-comment"), "Flyttat i webbläsartestet."))
		if status := b.load("move to "+step.to, chromedp.Click(chromedp.CSS(`form[action$="/transitions"] button[type="submit"]`))); status != 200 {
			t.Fatalf("move to %s: status %d: %s", step.to, status, b.text("main"))
		}
		b.wantText(".flash", "Behovet är flyttat.")
		b.wantText("main p.meta .state", step.label)
	}
	b.wantText(`ol.progress li[aria-current="step"]`, "Omvärldsbevakning och tidig dialog")
	b.wantText("ol.timeline", "Inskickat", "Under analys", "Validerat", "Omvärldsbevakning och tidig dialog")
	b.signOut()

	// Supplier A asks a question.
	b.signIn(supplierA)
	b.open(needPath)
	b.wantText("h1", title)
	b.wantText("#qa", "Frågor och svar")
	b.do("write a question", chromedp.SendKeys(chromedp.ID("f-question"), question))
	if status := b.load("ask", chromedp.Click(chromedp.CSS(`form[action$="/questions"] button[type="submit"]`))); status != 200 {
		t.Fatalf("ask: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Frågan är skickad.")
	b.wantText("article.qa", question)
	b.signOut()

	// The coordinator answers it for everyone.
	b.signIn(coordinator)
	b.open(needPath)
	b.wantText("article.qa", question)
	b.do("write the answer", chromedp.SendKeys(chromedp.CSS(`article.qa textarea[name="answer"]`), answer))
	if status := b.load("answer", chromedp.Click(chromedp.CSS(`article.qa form button[type="submit"]`))); status != 200 {
		t.Fatalf("answer: status %d: %s", status, b.text("main"))
	}
	b.wantText(".flash", "Svaret är publicerat för alla.")
	b.wantText("article.qa", question, answer, "Karin Persson")
	b.wantStyled()
	b.screenshot("need-coordinator-sv")
	b.signOut()

	// Supplier B, who did not ask, reads the question and the answer.
	b.signIn(supplierB)
	b.open(needPath)
	b.wantText("h1", title)
	b.wantText("main p.meta .state", "Omvärldsbevakning och tidig dialog")
	b.wantText(`section[aria-labelledby="qa"]`, question, answer)
	if n := len(get(b, "move form", chromedp.Nodes(chromedp.CSSAll(`#move`), chromedp.AtLeast(0)))); n != 0 {
		t.Errorf("a supplier sees the form that moves the need")
	}
	b.screenshot("need-supplier-b-sv")

	// The dashboard counts the need in market scan, with a chart and a table for each figure.
	b.open("/needs/dashboard")
	b.wantText("h1", "Behovstratten")
	b.wantStyled()
	if n := len(get(b, "charts", chromedp.Nodes(chromedp.CSSAll(`svg.chart[role="img"]`), chromedp.AtLeast(0)))); n != 2 {
		t.Errorf("dashboard: %d charts, want 2", n)
	}
	b.wantText("main", "Omvärldsbevakning och tidig dialog")
	b.screenshot("dashboard-sv")
	if status := b.load("show the region", chromedp.SetValue(chromedp.ID("f-organisation"), strconv.FormatInt(region.ID, 10)),
		chromedp.Click(chromedp.CSS(`form[action="/needs/dashboard"] button[type="submit"]`))); status != 200 {
		t.Fatalf("dashboard for the region: status %d", status)
	}
	b.wantText("h1", "Region Jämtland Härjedalen")
	b.signOut()

	// On a phone the charts shrink with the screen instead of overflowing it.
	b.signIn(coordinator)
	b.do("emulate a phone", chromedp.EmulateViewport(390, 844))
	b.open("/needs/dashboard")
	if overflow := get(b, "horizontal overflow", chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`)); overflow {
		t.Errorf("/needs/dashboard on a 390 px wide screen scrolls sideways")
	}
	b.screenshot("dashboard-sv-narrow")
	b.open(needPath)
	if overflow := get(b, "horizontal overflow", chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`)); overflow {
		t.Errorf("%s on a 390 px wide screen scrolls sideways", needPath)
	}
	b.screenshot("need-coordinator-sv-narrow")
}

// signIn signs in through the sign-in page.
func (b *browser) signIn(email string) {
	b.t.Helper()
	b.open("/login")
	b.do("fill the sign-in form", chromedp.SendKeys(chromedp.ID("f-email"), email), chromedp.SendKeys(chromedp.ID("f-password"), journeyPassword))
	if status := b.load("sign in as "+email, chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); status != 200 {
		b.t.Fatalf("sign in as %s: status %d: %s", email, status, b.text("main"))
	}
	b.wantText("header nav.user", "Logga ut")
}

// signOut uses the header's button.
func (b *browser) signOut() {
	b.t.Helper()
	if status := b.load("sign out", chromedp.Click(chromedp.CSS(`header form[action="/logout"] button`))); status != 200 {
		b.t.Fatalf("sign out: status %d", status)
	}
	b.wantText("header nav.user", "Logga in")
}

// seedHistory gives the region a few needs with backdated histories, so that the
// dashboard has something to draw besides the journey's own need.
func seedHistory(t *testing.T, s *store.Store, orgID, userID int64) {
	t.Helper()
	ctx := context.Background()
	t0 := time.Now().Add(-120 * 24 * time.Hour)
	S, A, V, R, P, I := app.StateSubmitted, app.StateBeingAnalysed, app.StateValidated, app.StateRouteDecided, app.StatePiloting, app.StateImplementation
	type move struct {
		to   app.NeedState
		days float64
	}
	for _, n := range []struct {
		title string
		moves []move
	}{
		{"Digital nattillsyn i särskilt boende", []move{{S, 0}, {A, 6}, {V, 20}, {R, 41}, {P, 55}, {I, 98}}},
		{"Läkemedelsautomater i hemtjänsten", []move{{S, 3}, {A, 10}, {V, 31}, {R, 45}}},
		{"Egenmätning av blodtryck hemma", []move{{S, 10}, {A, 14}, {V, 40}}},
		{"Tolk på distans i primärvården", []move{{S, 20}, {A, 35}}},
		{"Stöd för anhöriga på distans", []move{{S, 60}}},
	} {
		in := app.NeedInput{Title: n.title, HowMightWe: "Hur kan vi göra det lättare?", Problem: "Långa avstånd.", CareSettings: []string{"primarvard"},
			Visibility: app.VisibleSignedIn, OwnerID: &userID, BenefitPlan: "Följs upp varje kvartal.", CreatedAt: t0,
			Benefits: []app.Benefit{{KPI: "Resor", Unit: "resor/år", Baseline: "100", Target: "50"}}}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		need, err := s.CreateNeed(ctx, orgID, userID, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range n.moves {
			at := t0.Add(time.Duration(m.days * 24 * float64(time.Hour)))
			if need, err = s.TransitionNeed(ctx, need.ID, need.State, userID, app.TransitionInput{To: m.to, Route: "pilot", At: at}); err != nil {
				t.Fatalf("%s → %s: %v", n.title, m.to, err)
			}
		}
	}
}
