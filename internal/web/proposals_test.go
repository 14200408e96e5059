package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// TestProposalPages: a supplier proposes its solution from the need page; a competitor
// sees neither the proposal nor its rationale; the coordinator must give a reason to
// decline, and the supplier is told of the decision.
func TestProposalPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		w := newNeedWorld(t, p)
		form := needForm(w.region, "Virtuellt akutrum i Funäsdalen")
		form.Set("action", "submit")
		r := w.coordinator.post("/needs/new", form)
		r.want(t, http.StatusSeeOther)
		page := r.header.Get("Location")
		annaUser, _, err := p.store.UserCredentials(ctx, "anna@fjallvard.example")
		if err != nil {
			t.Fatal(err)
		}
		sol, err := p.store.CreateSolution(ctx, w.firm.ID, annaUser.ID, app.SolutionInput{Title: "Akutrum på länk",
			Description: "Distriktssköterskan undersöker, läkaren deltar på video.", Type: "service", TRL: 8, Deployment: "in_use"})
		if err != nil {
			t.Fatal(err)
		}
		anna, oskar := p.signedIn("anna@fjallvard.example"), p.signedIn("oskar@norrsken.example")
		anna.get(page).want(t, http.StatusOK, i18n.T("sv", "need.propose_title"), "Akutrum på länk")
		anna.post(page+"/proposals", url.Values{"solution_id": {itoa(sol.ID)}}).want(t, http.StatusUnprocessableEntity, i18n.T("sv", "err.required"))
		anna.post(page+"/proposals", url.Values{"solution_id": {itoa(sol.ID)}, "rationale": {"Vi kör detta i Härjedalen sedan 2025."}}).want(t, http.StatusSeeOther)
		oskar.post(page+"/proposals", url.Values{"solution_id": {itoa(sol.ID)}, "rationale": {"Inte vår"}}).want(t, http.StatusForbidden)
		if body := oskar.get(page).body; strings.Contains(body, "sedan 2025") {
			t.Error("a competitor sees the proposal's rationale")
		}
		c := w.coordinator
		c.get(page).want(t, http.StatusOK, "Vi kör detta i Härjedalen sedan 2025.", i18n.T("sv", "proposal.proposed"), i18n.T("sv", "proposal.decide"))
		path := page + "/proposals/" + itoa(sol.ID)
		c.post(path, url.Values{"status": {"declined"}}).want(t, http.StatusUnprocessableEntity, i18n.T("sv", "err.required"))
		c.post(path, url.Values{"status": {"declined"}, "reason": {"Kräver bättre bredband."}}).want(t, http.StatusSeeOther)
		anna.get(page).want(t, http.StatusOK, i18n.T("sv", "proposal.declined"), "Kräver bättre bredband.")
		anna.get("/notifications").want(t, http.StatusOK, i18n.T("sv", "notifications.proposal_decision", "karin", i18n.T("sv", "proposal.declined")))
	})
}
