package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

func TestSearchAndMatches(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		ref := "S-100"
		sol, err := e.store.CreateSolution(context.Background(), w.company.ID, w.supplier.ID, app.SolutionInput{Ref: &ref,
			Title: "Remote examination cart for rural health centres", Description: "A nurse examines the patient; the doctor joins by video.",
			Type: "device", TRL: 8, Deployment: "in_use", CareSettings: []string{"primarvard"}})
		if err != nil {
			t.Fatal(err)
		}
		other, err := e.store.CreateSolution(context.Background(), w.company.ID, w.supplier.ID, app.SolutionInput{
			Title: "Tandvårdsbokning", Description: "Onlinebokning för tandvården.", Type: "software", TRL: 9, Deployment: "in_use"})
		if err != nil {
			t.Fatal(err)
		}
		n := w.need(t, w.input("Akut bedömning på distans i glesbygd", app.VisiblePublic))
		n = w.move(t, n, app.StateSubmitted)

		// Matches carry the contract's fields; the English solution ranks first, with reasons.
		var ms struct {
			Items []struct {
				Solution struct {
					ID    int64   `json:"id"`
					Ref   *string `json:"ref"`
					Title string  `json:"title"`
				} `json:"solution"`
				Score   float64           `json:"score"`
				Reasons []app.MatchReason `json:"reasons"`
			} `json:"items"`
		}
		e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/needs/%d/matches?limit=5", n.ID)}).decode(t, &ms)
		if len(ms.Items) == 0 || ms.Items[0].Solution.ID != sol.ID || ms.Items[0].Solution.Ref == nil || *ms.Items[0].Solution.Ref != ref ||
			ms.Items[0].Score <= 0 || len(ms.Items[0].Reasons) == 0 || ms.Items[0].Reasons[0].Kind != "concepts" {
			t.Fatalf("matches = %+v", ms.Items)
		}
		for _, m := range ms.Items {
			if m.Solution.ID == other.ID {
				t.Errorf("the dental booking matched a need for acute assessment: %+v", m)
			}
		}
		var back struct{ Items []app.Match }
		e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/solutions/%d/matches", sol.ID)}).decode(t, &back)
		if len(back.Items) == 0 || back.Items[0].Need == nil || back.Items[0].Need.ID != n.ID {
			t.Errorf("solution matches = %+v", back.Items)
		}
		e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/needs/%d/organisation-matches", n.ID)}).want(t, http.StatusOK, "")

		// Search in Swedish finds the English solution; facets count it.
		var res app.SearchResult
		e.do(t, call{method: "GET", path: "/api/v1/search?q=undersökning+på+distans&type=solution"}).decode(t, &res)
		if len(res.Items) == 0 || res.Items[0].ID != sol.ID || res.Items[0].Kind != app.KindSolution {
			t.Errorf("search = %+v", res.Items)
		}

		// Bad input: a message per field, 400.
		for _, tc := range []struct{ path, field string }{
			{"/api/v1/search?q=x&limit=0", "limit"},
			{"/api/v1/search?q=x&type=rocket", "type"},
			{"/api/v1/search?q=x&trl_min=12", "trl_min"},
			{"/api/v1/search?q=x&care_setting=moon", "care_setting"},
			{fmt.Sprintf("/api/v1/needs/%d/matches?limit=51", n.ID), "limit"},
		} {
			e.do(t, call{method: "GET", path: tc.path, req: reqInvalid}).want(t, http.StatusBadRequest, "invalid", tc.field)
		}
		e.do(t, call{method: "GET", path: "/api/v1/needs/999999/matches"}).want(t, http.StatusNotFound, "not_found")
	})
}

func TestWatchesAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		e.do(t, call{method: "GET", path: "/api/v1/watches", req: reqInvalid}).want(t, http.StatusUnauthorized, "unauthenticated")
		e.do(t, call{method: "POST", path: "/api/v1/watches", token: w.supplier.token, body: `{"q":""}`}).want(t, http.StatusUnprocessableEntity, "invalid", "q")
		e.do(t, call{method: "POST", path: "/api/v1/watches", token: w.supplier.token, body: `{"q":"x","type":"person"}`, req: reqInvalid}).want(t, http.StatusUnprocessableEntity, "invalid", "type")
		var x app.Watch
		e.do(t, call{method: "POST", path: "/api/v1/watches", token: w.supplier.token, body: `{"q":"akut bedömning","type":"need"}`}).decode(t, &x)
		if x.ID == 0 || x.Query.Q != "akut bedömning" {
			t.Fatalf("created %+v", x)
		}
		var l struct{ Items []app.Watch }
		e.do(t, call{method: "GET", path: "/api/v1/watches", token: w.supplier.token}).decode(t, &l)
		if len(l.Items) != 1 {
			t.Errorf("watches %+v", l.Items)
		}
		// A new need the supplier may see tells them.
		n := w.move(t, w.need(t, w.input("Akut bedömning på distans", app.VisibleSignedIn)), app.StateSubmitted)
		if told, err := e.store.MatchWatches(context.Background(), app.KindNeed, n.ID); err != nil || told != 1 {
			t.Errorf("told %d, %v", told, err)
		}
		e.do(t, call{method: "DELETE", path: fmt.Sprintf("/api/v1/watches/%d", x.ID), token: w.supplier2.token}).want(t, http.StatusNotFound, "not_found")
		e.do(t, call{method: "DELETE", path: fmt.Sprintf("/api/v1/watches/%d", x.ID), token: w.supplier.token}).want(t, http.StatusNoContent, "")
	})
}
