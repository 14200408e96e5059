package app

import "testing"

// TestSpreadNeedsAnAdoption: a need reaches Spread only when an organisation other than its
// own took the solution of a linked project into use; the guard names what is missing, and
// no other move asks for it.
func TestSpreadNeedsAnAdoption(t *testing.T) {
	n := Need{ID: 1, State: StateBenefitFollowUp}
	for _, c := range []struct {
		name      string
		to        NeedState
		adoptions int
		field     string // the guard's complaint, "" for none
	}{
		{"no adoption", StateSpread, 0, "adoptions"},
		{"one adoption", StateSpread, 1, ""},
		{"several adoptions", StateSpread, 3, ""},
		{"closing asks no adoption", StateClosed, 0, "close_reason"},
		{"on hold asks no adoption", StateOnHold, 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := TransitionInput{To: c.to}
			err := CheckGuards(n, in, GuardFacts{Adoptions: c.adoptions})
			if c.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e := AsError(err)
			if e.Code != Conflict || e.Fields[c.field] == "" || len(e.Fields) != 1 {
				t.Fatalf("err = %+v, want a conflict naming %s only", e, c.field)
			}
			if c.field == "adoptions" && e.Fields["adoptions"] != "err.spread_needs_adoption" {
				t.Errorf("message = %s", e.Fields["adoptions"])
			}
		})
	}
}

func TestAdoptionInput(t *testing.T) {
	const today = "2026-11-26"
	for _, c := range []struct {
		name   string
		in     AdoptionInput
		fields []string
	}{
		{"complete", AdoptionInput{OrganisationID: 7, Date: " 2026-09-01 ", Scope: "Alla hemtjänstområden"}, nil},
		{"today", AdoptionInput{OrganisationID: 7, Date: today}, nil},
		{"nothing", AdoptionInput{}, []string{"organisation_id", "date"}},
		{"not a date", AdoptionInput{OrganisationID: 7, Date: "1 september"}, []string{"date"}},
		{"in the future", AdoptionInput{OrganisationID: 7, Date: "2026-11-27"}, []string{"date"}},
		{"a personal number in the scope", AdoptionInput{OrganisationID: 7, Date: today, Scope: "Testad av 19121212-1212"}, []string{"scope"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.in.Normalise(today)
			e := AsError(err)
			if len(c.fields) == 0 {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if c.in.Date != "2026-09-01" && c.in.Date != today {
					t.Errorf("date kept as %q", c.in.Date)
				}
				return
			}
			if err == nil || e.Code != Invalid || len(e.Fields) != len(c.fields) {
				t.Fatalf("err = %+v, want fields %v", e, c.fields)
			}
			for _, f := range c.fields {
				if e.Fields[f] == "" {
					t.Errorf("field %s not named: %v", f, e.Fields)
				}
			}
		})
	}
}
