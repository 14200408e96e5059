package app

import (
	"slices"
	"strings"
)

// GuardFacts are what the store knows beyond the need itself when a move is asked for.
type GuardFacts struct {
	// UnsummarisedContacts counts supplier contacts without a summary.
	UnsummarisedContacts int
	// Adoptions counts the organisations other than the need's own that took the solution
	// of a project linked to the need into use.
	Adoptions int
}

// CheckGuards refuses a move whose conditions do not hold, naming what is missing. It
// assumes the transition table already allowed the move.
func CheckGuards(n Need, t TransitionInput, facts GuardFacts) error {
	f := FieldErrors{}
	switch t.To {
	case StateSubmitted:
		for field, v := range map[string]string{"title": n.Title, "how_might_we": n.HowMightWe, "problem": n.Problem} {
			if strings.TrimSpace(v) == "" {
				f.Add(field, "err.required_to_submit")
			}
		}
		if len(n.CareSettings) == 0 {
			f.Add("care_settings", "err.required_to_submit")
		}
	case StateValidated:
		if n.Owner == nil {
			f.Add("owner_id", "err.validate_needs_owner")
		}
		if len(n.Benefits) == 0 {
			f.Add("benefits", "err.validate_needs_benefit")
		}
	case StateRouteDecided:
		if !slices.Contains(Routes, t.Route) {
			f.Add("route", "err.route")
		}
	case StateProcurement:
		if strings.TrimSpace(t.ProcurementContact) == "" && strings.TrimSpace(n.ProcurementContact) == "" {
			f.Add("procurement_contact", "err.procurement_contact")
		}
	case StateImplementation:
		if strings.TrimSpace(n.BenefitPlan) == "" {
			f.Add("benefit_plan", "err.implementation_needs_plan")
		}
	case StateSpread:
		// Spread means that the solution spread: another organisation took it into use.
		if facts.Adoptions == 0 {
			f.Add("adoptions", "err.spread_needs_adoption")
		}
	case StateClosed:
		if !slices.Contains(CloseReasons, t.CloseReason) {
			f.Add("close_reason", "err.close_reason")
		}
	case StateMerged:
		if t.MergedInto == 0 || t.MergedInto == n.ID {
			f.Add("merged_into", "err.merged_into")
		}
	}
	if n.State == StateMarketScan {
		if facts.UnsummarisedContacts > 0 {
			f.Add("contacts", "err.contacts_unsummarised")
		}
		if strings.TrimSpace(n.DialogueSummary) == "" || !n.SummaryPublished {
			f.Add("dialogue_summary", "err.dialogue_summary_unpublished")
		}
	}
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: Conflict, Message: "err.guard", Fields: f}
}

// ProcurementLocked reports whether supplier dialogue is closed: the need is in procurement.
func (n Need) ProcurementLocked() bool { return n.State == StateProcurement }

// Input is what a person wrote on the need, as an edit starts from.
func (n Need) Input() NeedInput {
	in := NeedInput{Title: n.Title, HowMightWe: n.HowMightWe, Problem: n.Problem, CurrentPractice: n.CurrentPractice,
		Consequence: n.Consequence, TargetGroups: n.TargetGroups, Constraints: n.Constraints, CareSettings: n.CareSettings,
		Tags: n.Tags, VolumePeople: n.VolumePeople, VolumeEvents: n.VolumeEvents, Urgency: n.Urgency, Benefits: n.Benefits,
		BenefitPlan: n.BenefitPlan, Visibility: n.Visibility}
	if n.Owner != nil {
		id := n.Owner.ID
		in.OwnerID = &id
	}
	for _, p := range n.Partners {
		in.PartnerIDs = append(in.PartnerIDs, p.ID)
	}
	return in
}
