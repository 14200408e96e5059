package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// TestSearchPageAndSuggestions: the search page finds across languages with marked
// snippets and facets, refuses a bad facet per field, and need and solution pages show the
// matcher's suggestions with their reasons.
func TestSearchPageAndSuggestions(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		boss := p.mustUser("boss@bolag.example", false)
		company := p.mustOrg("Vårdbolaget AB", "556036-0793", boss.ID)
		sol, err := p.store.CreateSolution(ctx, company.ID, boss.ID, app.SolutionInput{Title: "Social alarm with two networks",
			Description: "A social alarm that roams between mobile networks where coverage is weak.", Type: "device", TRL: 9,
			Deployment: "in_use", CareSettings: []string{"hemtjanst"}, Tags: []string{"trygghetslarm"}})
		if err != nil {
			t.Fatal(err)
		}
		karin := p.mustUser("karin@kommun.example", false)
		kommun := p.mustOrg("Bergs kommun", "212000-2387", karin.ID)
		in := app.NeedInput{Title: "Trygghetslarm i fjällbyar", HowMightWe: "Hur kan larmen nå fram i byarna?", Problem: "Larmen tappar kontakten där mobiltäckningen är dålig.",
			CareSettings: []string{"hemtjanst"}, Tags: []string{"trygghetslarm"}, Urgency: "high", Visibility: app.VisiblePublic}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		n, err := p.store.CreateNeed(ctx, kommun.ID, karin.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.store.TransitionNeed(ctx, n.ID, n.State, karin.ID, app.TransitionInput{To: app.StateSubmitted}); err != nil {
			t.Fatal(err)
		}
		visitor := p.browser()
		r := visitor.get("/search?q=trygghetslarm+i+glesbygd")
		r.want(t, http.StatusOK, "Social alarm with two networks", "Trygghetslarm i fjällbyar", "<mark>", i18n.T("sv", "facet.type"))
		r = visitor.get("/search?q=trygghetslarm&type=solution")
		r.want(t, http.StatusOK, "Social alarm with two networks", i18n.T("sv", "search.clear_facet"))
		if strings.Contains(r.body, "Trygghetslarm i fjällbyar") {
			t.Error("the solution facet shows a need")
		}
		visitor.get("/search?q=larm&type=rocket&trl_min=x").want(t, http.StatusBadRequest, i18n.T("sv", "err.search_type"), i18n.T("sv", "err.trl"))

		visitor.get("/needs/"+itoa(n.ID)).want(t, http.StatusOK, i18n.T("sv", "need.suggested_solutions"), "Social alarm with two networks",
			i18n.T("sv", "reason.concepts"), i18n.T("sv", "reason.care_setting")+": "+i18n.T("sv", "setting.hemtjanst"), i18n.T("sv", "reason.maturity", 9))
		visitor.get("/solutions/"+itoa(sol.ID)).want(t, http.StatusOK, i18n.T("sv", "solution.suggested_needs"), "Trygghetslarm i fjällbyar")

		// While another organisation writes the same need, the form shows it, without and
		// with the script, and saves nothing.
		p.mustUser("sara@kommun.example", false)
		other := p.mustOrg("Härjedalens kommun", "212000-2627", 0)
		sara, _, err := p.store.UserCredentials(ctx, "sara@kommun.example")
		if err != nil {
			t.Fatal(err)
		}
		if err := p.store.AddRole(ctx, other.ID, sara.ID, app.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		writer := p.signedIn("sara@kommun.example")
		form := url.Values{"organisation_id": {itoa(other.ID)}, "title": {"Trygghetslarmen tappar kontakten i fjällen"}, "action": {"similar"}}
		writer.post("/needs/new", form).want(t, http.StatusOK, i18n.T("sv", "need.similar_title"), "Trygghetslarm i fjällbyar", i18n.T("sv", "need.similar_join"))
		if l, _ := p.store.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{OrgID: other.ID}); len(l.Items) != 0 {
			t.Errorf("looking for similar needs saved %d", len(l.Items))
		}
		writer.get("/needs/similar?title=trygghetslarm+fj%C3%A4llen").want(t, http.StatusOK, "Trygghetslarm i fjällbyar")
		if body := writer.get("/needs/similar?title=tandv%C3%A5rd").body; strings.Contains(body, "fjällbyar") {
			t.Error("an unrelated text found the alarm need")
		}
	})
}

// TestWatchPages: a signed-in person saves a search and follows a tag, sees both on the
// watches page, and removes one; an empty watch is refused.
func TestWatchPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		p.mustUser("anna@bolag.example", false)
		anna := p.signedIn("anna@bolag.example")
		anna.get("/search?q=trygghetslarm&type=need").want(t, http.StatusOK, i18n.T("sv", "watch.save_search"))
		if body := p.browser().get("/search?q=trygghetslarm").body; strings.Contains(body, i18n.T("sv", "watch.save_search")) {
			t.Error("a visitor is offered to save a search")
		}
		anna.post("/watches", url.Values{"q": {"trygghetslarm"}, "type": {"need"}}).want(t, http.StatusSeeOther)
		anna.post("/watches", url.Values{"tag": {"glesbygd"}}).want(t, http.StatusSeeOther)
		anna.post("/watches", url.Values{"q": {"  "}}).want(t, http.StatusUnprocessableEntity, i18n.T("sv", "err.watch_empty"))
		anna.get("/needs?tag=glesbygd").want(t, http.StatusOK, i18n.T("sv", "watch.follow_tag"))
		r := anna.get("/watches")
		r.want(t, http.StatusOK, "”trygghetslarm”", i18n.T("sv", "facet.type")+": "+i18n.T("sv", "search.kind.need"), "glesbygd")
		p.browser().get("/watches").want(t, http.StatusSeeOther)
		ws, err := p.store.Watches(ctx, mustUserID(t, p, "anna@bolag.example"))
		if err != nil || len(ws) != 2 {
			t.Fatalf("watches %+v %v", ws, err)
		}
		p.mustUser("other@bolag.example", false)
		p.signedIn("other@bolag.example").post("/watches/"+itoa(ws[0].ID)+"/delete", nil).want(t, http.StatusNotFound)
		anna.post("/watches/"+itoa(ws[0].ID)+"/delete", nil).want(t, http.StatusSeeOther)
		if left, _ := p.store.Watches(ctx, mustUserID(t, p, "anna@bolag.example")); len(left) != 1 || left[0].ID != ws[1].ID {
			t.Errorf("left %+v", left)
		}
	})
}

func mustUserID(t *testing.T, p *platform, email string) int64 {
	t.Helper()
	u, _, err := p.store.UserCredentials(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}
