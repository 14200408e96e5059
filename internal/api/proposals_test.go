package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

// TestProposals: a supplier proposes its solution with a rationale; a competitor neither
// sees it nor may propose another's solution; the owning side shortlists, declines with a
// reason and pilots; wrong moves answer 409 with the allowed ones; the procurement lock
// stops proposals.
func TestProposals(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		ctx := context.Background()
		mine, err := e.store.CreateSolution(ctx, w.company.ID, w.supplier.ID, app.SolutionInput{Title: "Akutrum på distans",
			Description: "Undersökning på distans.", Type: "service", TRL: 8, Deployment: "in_use"})
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := e.store.CreateSolution(ctx, w.company2.ID, w.supplier2.ID, app.SolutionInput{Title: "Konkurrentens vagn",
			Description: "Vagn.", Type: "device", TRL: 7, Deployment: "in_use"})
		if err != nil {
			t.Fatal(err)
		}
		n := w.move(t, w.need(t, w.input("Akut bedömning nära", app.VisiblePublic)), app.StateSubmitted)
		path := fmt.Sprintf("/api/v1/needs/%d/proposals", n.ID)
		propose := func(p person, solID int64, rationale string) result {
			return e.do(t, call{method: "POST", path: path, token: p.token, body: fmt.Sprintf(`{"solution_id":%d,"rationale":%q}`, solID, rationale)})
		}
		propose(w.supplier, mine.ID, "").want(t, http.StatusUnprocessableEntity, "invalid", "rationale")
		propose(w.supplier, theirs.ID, "Deras").want(t, http.StatusForbidden, "forbidden")
		propose(w.coord, mine.ID, "Inifrån").want(t, http.StatusForbidden, "forbidden")
		e.do(t, call{method: "POST", path: path, body: `{"solution_id":1,"rationale":"x"}`, req: reqInvalid}).want(t, http.StatusUnauthorized, "unauthenticated")
		propose(w.supplier, mine.ID, "Vi gör detta i Härjedalen i dag.").want(t, http.StatusCreated, "")
		propose(w.supplier, mine.ID, "Igen").want(t, http.StatusConflict, "conflict")
		propose(w.supplier2, theirs.ID, "Vår vagn.").want(t, http.StatusCreated, "")

		list := func(p person) []app.Proposal {
			var l struct{ Items []app.Proposal }
			e.do(t, call{method: "GET", path: path, token: p.token}).decode(t, &l)
			return l.Items
		}
		if got := list(w.coord); len(got) != 2 {
			t.Errorf("the owning side sees %d proposals, want 2", len(got))
		}
		if got := list(w.supplier); len(got) != 1 || got[0].Solution.ID != mine.ID || got[0].Status != app.ProposalProposed {
			t.Errorf("the supplier sees %+v, want only its own", got)
		}
		if got := list(person{}); len(got) != 0 {
			t.Errorf("a visitor sees %+v", got)
		}

		decide := func(p person, solID int64, body string) result {
			return e.do(t, call{method: "PUT", path: fmt.Sprintf("%s/%d", path, solID), token: p.token, body: body})
		}
		decide(w.supplier, mine.ID, `{"status":"shortlisted"}`).want(t, http.StatusForbidden, "forbidden")
		decide(w.coord, theirs.ID, `{"status":"declined"}`).want(t, http.StatusUnprocessableEntity, "invalid", "reason")
		decide(w.coord, theirs.ID, `{"status":"declined","reason":"Kräver bredband vi saknar."}`).want(t, http.StatusOK, "")
		decide(w.coord, theirs.ID, `{"status":"piloted"}`).want(t, http.StatusConflict, "conflict")
		decide(w.coord, mine.ID, `{"status":"shortlisted"}`).want(t, http.StatusOK, "")
		decide(w.coord, mine.ID, `{"status":"piloted"}`).want(t, http.StatusOK, "")
		// A suggestion of the matcher is decided without a proposal.
		extra, err := e.store.CreateSolution(ctx, w.company.ID, w.supplier.ID, app.SolutionInput{Title: "Distansbedömning",
			Type: "software", TRL: 9, Deployment: "in_use"})
		if err != nil {
			t.Fatal(err)
		}
		decide(w.coord, extra.ID, `{"status":"shortlisted"}`).want(t, http.StatusOK, "")
		if got := list(w.supplier); len(got) != 2 || got[0].Status != app.ProposalShortlisted {
			t.Errorf("the supplier now sees %+v", got)
		}
		// The proposer heard of the decision.
		notes, err := e.store.Notifications(ctx, w.supplier2.ID, app.Page{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(notes.Items) == 0 || notes.Items[0].Kind != "proposal_decision" || notes.Items[0].Detail != "declined" {
			t.Errorf("the declined supplier was told %+v", notes.Items)
		}

		// Under the procurement lock, no proposals.
		locked := w.move(t, w.need(t, w.input("Låst behov", app.VisiblePublic)), pathTo(app.StateProcurement)...)
		e.do(t, call{method: "POST", path: fmt.Sprintf("/api/v1/needs/%d/proposals", locked.ID), token: w.supplier.token,
			body: fmt.Sprintf(`{"solution_id":%d,"rationale":"Nu"}`, mine.ID)}).want(t, http.StatusConflict, "conflict")
	})
}
