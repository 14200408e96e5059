package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

// tablePathTo finds moves from draft to a state along the transition table.
func tablePathTo(target app.NeedState) []app.NeedState {
	prev := map[app.NeedState]app.NeedState{app.StateDraft: ""}
	queue := []app.NeedState{app.StateDraft}
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		if st == target {
			break
		}
		for _, tr := range app.Transitions {
			if _, seen := prev[tr.To]; tr.From == st && !seen {
				prev[tr.To] = st
				queue = append(queue, tr.To)
			}
		}
	}
	var path []app.NeedState
	for st := target; st != app.StateDraft; st = prev[st] {
		path = append([]app.NeedState{st}, path...)
	}
	return path
}

// TestEveryTransitionThroughTheAPI tries, for every state, every move to every state as
// a platform admin through POST /transitions: the moves of the table succeed (with what
// their guards ask), every other answers 409 listing the allowed ones. On both databases.
func TestEveryTransitionThroughTheAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		admin, token := e.person(t, "Alva", true)
		region := e.org(t, app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, Country: "SE", OrgNumber: "232100-0214"}, admin.ID)
		adopter := e.org(t, kommun("Krokoms kommun", 7), 0)
		// adopt gives a need what Spread asks: a project on it that another organisation adopted.
		adopt := func(n app.Need) {
			t.Helper()
			p, err := e.store.CreateProject(ctx, region.ID, admin.ID, app.ProjectInput{Title: n.Title, Type: "implementation", NeedIDs: []int64{n.ID}})
			if err == nil {
				_, err = e.store.AddAdoption(ctx, p.ID, admin.ID, app.AdoptionInput{OrganisationID: adopter.ID, Date: "2026-01-15"})
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		survivor := 0
		newNeedIn := func(state app.NeedState) app.Need {
			t.Helper()
			in := app.NeedInput{Title: fmt.Sprint("Behov i ", state), HowMightWe: "Hur kan vi?", Problem: "Problem.", CareSettings: []string{"primarvard"},
				Visibility: app.VisiblePublic, OwnerID: &admin.ID, BenefitPlan: "Mät.", Benefits: []app.Benefit{{KPI: "Resor"}}}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			n, err := e.store.CreateNeed(ctx, region.ID, admin.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			if err := e.store.SetDialogueSummary(ctx, n.ID, "Sammanfattning för alla.", true); err != nil {
				t.Fatal(err)
			}
			for _, to := range tablePathTo(state) {
				if to == app.StateSpread {
					adopt(n)
				}
				if n, err = e.store.TransitionNeed(ctx, n.ID, n.State, admin.ID, guarded(app.TransitionInput{To: to}, int64(survivor))); err != nil {
					t.Fatalf("walking to %s: %s: %v", state, to, err)
				}
			}
			return n
		}
		survivor = int(newNeedIn(app.StateSubmitted).ID)
		allowed, refused := 0, 0
		for _, from := range app.NeedStates {
			moves := app.AllowedTransitions(from, []app.NeedRelation{app.RelAdmin})
			want := make([]string, len(moves))
			for i, m := range moves {
				want[i] = string(m)
			}
			n := newNeedIn(from)
			for _, to := range app.NeedStates {
				path := fmt.Sprintf("/api/v1/needs/%d/transitions", n.ID)
				if !slices.Contains(moves, to) {
					r := e.do(t, call{method: "POST", path: path, token: token, body: fmt.Sprintf(`{"to":%q}`, to)})
					r.want(t, http.StatusConflict, "conflict")
					var body struct {
						Error struct {
							Allowed []string `json:"allowed"`
						} `json:"error"`
					}
					r.decode(t, &body)
					if !slices.Equal(body.Error.Allowed, want) {
						t.Errorf("%s → %s: allowed %v, want %v", from, to, body.Error.Allowed, want)
					}
					refused++
					continue
				}
				// Each allowed move on a need of its own, first without what the guard asks where there is one.
				m := newNeedIn(from)
				path = fmt.Sprintf("/api/v1/needs/%d/transitions", m.ID)
				if field := guardField(to); field != "" {
					e.do(t, call{method: "POST", path: path, token: token, body: fmt.Sprintf(`{"to":%q}`, to)}).want(t, http.StatusConflict, "conflict", field)
				}
				if to == app.StateSpread {
					adopt(m)
				}
				in := guarded(app.TransitionInput{To: to}, int64(survivor))
				body := fmt.Sprintf(`{"to":%q,"comment":"prov","route":%q,"close_reason":%q,"procurement_contact":%q,"merged_into":%d}`,
					to, in.Route, in.CloseReason, in.ProcurementContact, in.MergedInto)
				e.do(t, call{method: "POST", path: path, token: token, body: body}).want(t, http.StatusOK, "")
				got, err := e.store.Need(ctx, app.Viewer{Admin: true}, m.ID)
				if err != nil || got.State != to {
					t.Errorf("%s → %s: state %s, %v", from, to, got.State, err)
				}
				allowed++
			}
		}
		t.Logf("%d allowed and %d refused moves tried", allowed, refused)
		if allowed != len(app.Transitions) {
			t.Errorf("tried %d allowed moves, the table has %d", allowed, len(app.Transitions))
		}
	})
}

// guarded fills in what a move's guard asks for.
func guarded(in app.TransitionInput, survivor int64) app.TransitionInput {
	switch in.To {
	case app.StateRouteDecided:
		in.Route = "pilot"
	case app.StateClosed:
		in.CloseReason = "solved"
	case app.StateProcurement:
		in.ProcurementContact = "upphandling@region.example"
	case app.StateMerged:
		in.MergedInto = survivor
	}
	return in
}

// guardField is the field a move's guard names when what it asks is missing from the request.
func guardField(to app.NeedState) string {
	switch to {
	case app.StateRouteDecided:
		return "route"
	case app.StateClosed:
		return "close_reason"
	case app.StateProcurement:
		return "procurement_contact"
	case app.StateMerged:
		return "merged_into"
	case app.StateSpread:
		return "adoptions"
	}
	return ""
}
