package app

import (
	"slices"
	"testing"
)

// TestTransitionTable checks every pair of states for every relation against the
// lifecycle as DESIGN.md tells it, so that a change to the table is a deliberate one.
func TestTransitionTable(t *testing.T) {
	path := []NeedState{StateDraft, StateSubmitted, StateBeingAnalysed, StateValidated, StateMarketScan, StateMatched,
		StateRouteDecided, StatePiloting, StateProcurement, StateImplementation, StateBenefitFollowUp, StateSpread}
	// The main path, step by step, is open to the coordinator.
	for i := 0; i+1 < len(path); i++ {
		if err := CheckTransition(path[i], path[i+1], []NeedRelation{RelCoordinator}); err != nil {
			t.Errorf("%s → %s refused for the coordinator: %v", path[i], path[i+1], err)
		}
	}
	want := map[[2]NeedState][]NeedRelation{}
	for _, tr := range Transitions {
		want[[2]NeedState{tr.From, tr.To}] = tr.By
	}
	rels := []NeedRelation{RelOwner, RelCoordinator, RelProcurement, RelAdmin}
	allowedCount, refusedCount := 0, 0
	for _, from := range NeedStates {
		for _, to := range NeedStates {
			for _, rel := range rels {
				err := CheckTransition(from, to, []NeedRelation{rel})
				ok := slices.Contains(want[[2]NeedState{from, to}], rel)
				if ok != (err == nil) {
					t.Errorf("%s → %s by %s: err = %v, want allowed %v", from, to, rel, err, ok)
				}
				if err == nil {
					allowedCount++
					continue
				}
				refusedCount++
				e := AsError(err)
				if e.Code != Conflict {
					t.Errorf("%s → %s by %s: code %s", from, to, rel, e.Code)
				}
				if !slices.Equal(e.Allowed, stateNames(AllowedTransitions(from, []NeedRelation{rel}))) {
					t.Errorf("%s → %s by %s: allowed %v", from, to, rel, e.Allowed)
				}
			}
			// Nobody goes nowhere, and nobody needs no one.
			if from == to && want[[2]NeedState{from, to}] != nil {
				t.Errorf("%s → %s is in the table", from, to)
			}
		}
	}
	t.Logf("%d allowed and %d refused (state, state, relation) triples checked", allowedCount, refusedCount)

	rules := []struct {
		from, to NeedState
		rel      NeedRelation
		ok       bool
	}{
		{StateDraft, StateSubmitted, RelOwner, true},
		{StateSubmitted, StateBeingAnalysed, RelOwner, false}, // triage is the coordinator's
		{StateRouteDecided, StateProcurement, RelProcurement, true},
		{StateRouteDecided, StatePiloting, RelProcurement, false},
		{StateMerged, StateBeingAnalysed, RelCoordinator, false}, // a merged need stays merged
		{StateClosed, StateBeingAnalysed, RelCoordinator, true},  // reopening goes back to analysis
		{StateOnHold, StateMarketScan, RelCoordinator, false},
		{StateDraft, StateValidated, RelAdmin, false}, // no skipping, not even for admins
		{StateSpread, StateOnHold, RelCoordinator, false},
		{StateImplementation, StateOnHold, RelCoordinator, true},
	}
	for _, r := range rules {
		if err := CheckTransition(r.from, r.to, []NeedRelation{r.rel}); (err == nil) != r.ok {
			t.Errorf("%s → %s by %s: %v, want ok=%v", r.from, r.to, r.rel, err, r.ok)
		}
	}
}

func stateNames(states []NeedState) []string {
	var out []string
	for _, s := range states {
		out = append(out, string(s))
	}
	return out
}
