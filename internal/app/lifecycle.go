package app

import "slices"

// NeedState is where a need is on its way from registration to solution. The names are
// the API's; the catalogue (state.NAME) gives the Swedish and English words.
type NeedState string

const (
	StateDraft           NeedState = "draft"
	StateSubmitted       NeedState = "submitted"
	StateBeingAnalysed   NeedState = "being_analysed"
	StateValidated       NeedState = "validated"
	StateMarketScan      NeedState = "market_scan"
	StateMatched         NeedState = "matched"
	StateRouteDecided    NeedState = "route_decided"
	StatePiloting        NeedState = "piloting"
	StateProcurement     NeedState = "procurement"
	StateImplementation  NeedState = "implementation"
	StateBenefitFollowUp NeedState = "benefit_follow_up"
	StateSpread          NeedState = "spread"
	StateOnHold          NeedState = "on_hold"
	StateRejected        NeedState = "rejected"
	StateMerged          NeedState = "merged"
	StateWithdrawn       NeedState = "withdrawn"
	StateClosed          NeedState = "closed"
)

// NeedStates lists every state: the main path in order, then the side states.
var NeedStates = []NeedState{
	StateDraft, StateSubmitted, StateBeingAnalysed, StateValidated, StateMarketScan, StateMatched, StateRouteDecided,
	StatePiloting, StateProcurement, StateImplementation, StateBenefitFollowUp, StateSpread,
	StateOnHold, StateRejected, StateMerged, StateWithdrawn, StateClosed,
}

// Valid reports whether s is a known state.
func (s NeedState) Valid() bool { return slices.Contains(NeedStates, s) }

// Open reports whether the need is still being worked on (neither ended nor a draft).
func (s NeedState) Open() bool {
	switch s {
	case StateDraft, StateSpread, StateRejected, StateMerged, StateWithdrawn, StateClosed:
		return false
	}
	return true
}

// NeedRelation is how a person stands to one need; the transition table is written in it.
type NeedRelation string

const (
	// RelOwner is the named need owner or a need submitter of the owning organisation.
	RelOwner NeedRelation = "owner"
	// RelCoordinator is an innovation coordinator of the owning organisation.
	RelCoordinator NeedRelation = "coordinator"
	// RelProcurement is a procurement officer of the owning organisation.
	RelProcurement NeedRelation = "procurement"
	// RelAdmin is a platform admin.
	RelAdmin NeedRelation = "admin"
)

// Transition is one allowed move and who may make it.
type Transition struct {
	From, To NeedState
	By       []NeedRelation
}

var (
	owners      = []NeedRelation{RelOwner, RelCoordinator, RelAdmin}
	coordinator = []NeedRelation{RelCoordinator, RelAdmin}
	buyers      = []NeedRelation{RelCoordinator, RelProcurement, RelAdmin}
)

// openStates are those from which a need can be put on hold, closed or merged.
var openStates = []NeedState{StateSubmitted, StateBeingAnalysed, StateValidated, StateMarketScan, StateMatched,
	StateRouteDecided, StatePiloting, StateProcurement, StateImplementation, StateBenefitFollowUp}

// Transitions is the one table of the need lifecycle: from where to where, by whom.
// Everything not listed is refused.
var Transitions = func() []Transition {
	t := []Transition{
		{StateDraft, StateSubmitted, owners},
		{StateDraft, StateWithdrawn, owners},
		{StateSubmitted, StateBeingAnalysed, coordinator},
		{StateSubmitted, StateWithdrawn, owners},
		{StateBeingAnalysed, StateValidated, coordinator},
		{StateBeingAnalysed, StateWithdrawn, owners},
		{StateValidated, StateMarketScan, coordinator},
		{StateValidated, StateRouteDecided, coordinator}, // the route is known without a market scan
		{StateMarketScan, StateMatched, coordinator},
		{StateMarketScan, StateRouteDecided, coordinator},
		{StateMatched, StateRouteDecided, coordinator},
		{StateRouteDecided, StatePiloting, coordinator},
		{StateRouteDecided, StateProcurement, buyers},
		{StateRouteDecided, StateImplementation, coordinator},
		{StatePiloting, StateProcurement, buyers},
		{StatePiloting, StateImplementation, coordinator},
		{StateProcurement, StateImplementation, buyers},
		{StateImplementation, StateBenefitFollowUp, owners},
		{StateBenefitFollowUp, StateSpread, coordinator},
		{StateSpread, StateClosed, coordinator},
		// Reopening goes back to analysis.
		{StateOnHold, StateBeingAnalysed, coordinator},
		{StateRejected, StateBeingAnalysed, coordinator},
		{StateWithdrawn, StateBeingAnalysed, coordinator},
		{StateClosed, StateBeingAnalysed, coordinator},
	}
	for _, s := range openStates {
		t = append(t, Transition{s, StateOnHold, coordinator}, Transition{s, StateClosed, coordinator})
	}
	for _, s := range []NeedState{StateSubmitted, StateBeingAnalysed, StateValidated} {
		t = append(t, Transition{s, StateRejected, coordinator}, Transition{s, StateMerged, coordinator})
	}
	return t
}()

// AllowedTransitions returns the states a person in any of rels may move a need to from.
func AllowedTransitions(from NeedState, rels []NeedRelation) []NeedState {
	var out []NeedState
	for _, t := range Transitions {
		if t.From == from && slices.ContainsFunc(t.By, func(r NeedRelation) bool { return slices.Contains(rels, r) }) && !slices.Contains(out, t.To) {
			out = append(out, t.To)
		}
	}
	return out
}

// CheckTransition refuses a move that is not in the table for these relations, with a
// Conflict error that lists the moves that are allowed.
func CheckTransition(from, to NeedState, rels []NeedRelation) error {
	allowed := AllowedTransitions(from, rels)
	if slices.Contains(allowed, to) {
		return nil
	}
	e := &Error{Code: Conflict, Message: "err.transition_not_allowed"}
	for _, a := range allowed {
		e.Allowed = append(e.Allowed, string(a))
	}
	return e
}
