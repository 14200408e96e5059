package app

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ApplicationStatus is where an application for funding stands.
type ApplicationStatus string

var ApplicationStatuses = []ApplicationStatus{"idea", "partner_search", "drafting", "internal_approval", "submitted", "granted",
	"rejected", "running", "final_report"}

// Submitted reports whether the application has gone to the funder.
func (s ApplicationStatus) Submitted() bool {
	return slices.Index(ApplicationStatuses, s) >= slices.Index(ApplicationStatuses, "submitted")
}

// Partner roles in an application.
var PartnerRoles = []string{"lead", "beneficiary", "associated"}

// Application is a consortium's application to a call. Only its partners see it.
type Application struct {
	ID        int64                `json:"id"`
	Call      CallRef              `json:"call"`
	Title     string               `json:"title"`
	Summary   string               `json:"summary"`
	Status    ApplicationStatus    `json:"status"`
	TRL       int                  `json:"trl"` // 0: not given
	Partners  []ApplicationPartner `json:"partners"`
	CreatedBy UserRef              `json:"created_by"`
	CreatedAt time.Time            `json:"created_at"`
	UpdatedAt time.Time            `json:"updated_at"`
}

// ApplicationPartner is a member of the consortium with its budget, the grant it asks
// for and the co-financing that covers the rest.
type ApplicationPartner struct {
	Organisation OrgRef `json:"organisation"`
	Country      string `json:"country"`
	Role         string `json:"role"`
	Budget       Money  `json:"budget"`
	Grant        Money  `json:"requested_grant"`
	CoFinancing  Money  `json:"co_financing"`
	// CoFinancingSource says where the co-financing comes from; Confirmed whether it is promised.
	CoFinancingSource    string `json:"co_financing_source"`
	CoFinancingConfirmed bool   `json:"co_financing_confirmed"`
}

// Lead is the lead applicant, if the application names one.
func (a Application) Lead() *ApplicationPartner {
	for i, p := range a.Partners {
		if p.Role == "lead" {
			return &a.Partners[i]
		}
	}
	return nil
}

// OrgIDs are the partners' organisations: who may see the application.
func (a Application) OrgIDs() []int64 {
	var ids []int64
	for _, p := range a.Partners {
		ids = append(ids, p.Organisation.ID)
	}
	return ids
}

// RequestedGrant adds the partners' requested grants in the call's currency.
func (a Application) RequestedGrant() int64 {
	var sum int64
	for _, p := range a.Partners {
		if p.Grant.Currency == a.Call.Currency {
			sum += p.Grant.Amount
		}
	}
	return sum
}

// ApplicationInput is what a person writes on an application.
type ApplicationInput struct {
	CallID   int64                     `json:"call_id"`
	Title    string                    `json:"title"`
	Summary  string                    `json:"summary"`
	Status   ApplicationStatus         `json:"status"`
	TRL      int                       `json:"trl"`
	Partners []ApplicationPartnerInput `json:"partners"`
}

// ApplicationPartnerInput names a partner organisation by id.
type ApplicationPartnerInput struct {
	OrganisationID       int64  `json:"organisation_id"`
	Role                 string `json:"role"`
	Budget               Money  `json:"budget"`
	Grant                Money  `json:"requested_grant"`
	CoFinancing          Money  `json:"co_financing"`
	CoFinancingSource    string `json:"co_financing_source"`
	CoFinancingConfirmed bool   `json:"co_financing_confirmed"`
}

// Normalise checks an application as far as it can be without the call: one lead
// partner, each partner once, known roles and statuses, amounts that add up.
func (in *ApplicationInput) Normalise() error {
	f := FieldErrors{}
	checkTexts(f, map[string]*string{"title": &in.Title, "summary": &in.Summary})
	if in.Status == "" {
		in.Status = "idea"
	}
	if !slices.Contains(ApplicationStatuses, in.Status) {
		f.Add("status", "err.application_status")
	}
	if in.TRL < 0 || in.TRL > 9 {
		f.Add("trl", "err.trl")
	}
	if in.CallID == 0 {
		f.Add("call_id", "err.required")
	}
	leads, seen := 0, map[int64]bool{}
	texts := []string{in.Title, in.Summary}
	for i := range in.Partners {
		p := &in.Partners[i]
		p.CoFinancingSource = normaliseSpace(p.CoFinancingSource)
		if p.OrganisationID == 0 || seen[p.OrganisationID] {
			f.Add("partners", "err.partner_twice")
		}
		seen[p.OrganisationID] = true
		if !slices.Contains(PartnerRoles, p.Role) {
			f.Add("partners", "err.partner_role")
		}
		if p.Role == "lead" {
			leads++
		}
		for _, m := range []*Money{&p.Budget, &p.Grant, &p.CoFinancing} {
			if m.Currency == "" && m.Amount == 0 {
				m.Currency = p.Budget.Currency
			}
			m.check(f, "partners")
		}
		if p.Grant.Currency == p.Budget.Currency && p.Grant.Amount > p.Budget.Amount {
			f.Add("partners", "err.grant_above_budget")
		}
		if utf8.RuneCountInString(p.CoFinancingSource) > maxNameLen {
			f.Add("partners", "err.too_long")
		}
		texts = append(texts, p.CoFinancingSource)
	}
	if leads != 1 {
		f.Add("partners", "err.one_lead")
	}
	if len(in.Partners) > maxListItems {
		f.Add("partners", "err.too_many")
	}
	if ContainsPersonalNumber(strings.Join(texts, " ")) {
		f.Add("summary", "err.personal_number")
	}
	return f.Err()
}

// LeadID is the lead partner's organisation, or 0.
func (in ApplicationInput) LeadID() int64 {
	for _, p := range in.Partners {
		if p.Role == "lead" {
			return p.OrganisationID
		}
	}
	return 0
}

// Rule kinds an application is checked against.
const (
	RuleRequiredCountry   = "required_country"
	RuleMinPartners       = "min_partners"
	RuleMinCountries      = "min_countries"
	RuleFundingRate       = "funding_rate"
	RuleGrantBelowMin     = "grant_below_min"
	RuleGrantAboveMax     = "grant_above_max"
	RuleDeadlinePassed    = "deadline_passed"
	RuleIneligibleCountry = "ineligible_country"
	RuleIneligibleKind    = "ineligible_kind"
	RuleTRL               = "trl"
	RuleCurrency          = "currency"
)

// Problem is one way an application breaks its call's rules. The edge words it in the
// reader's language from the rule and the facts below.
type Problem struct {
	Rule    string  `json:"rule"`
	Message string  `json:"message"`
	Partner *OrgRef `json:"partner,omitempty"`
	Country string  `json:"country,omitempty"`
	Kind    OrgKind `json:"kind,omitempty"`
	// Have is what the application has, Want what the rule asks: counts, percentages,
	// minor units of the call's currency or a TRL.
	Have int64 `json:"have"`
	Want int64 `json:"want"`
	// Deadline is the last deadline, for RuleDeadlinePassed.
	Deadline *Deadline `json:"deadline,omitempty"`
}

// CheckApplication checks an application against its call's rules at now and returns
// every problem, in a fixed order: the consortium, then each partner, then the money and
// the deadline. Associated partners receive no grant, so the rules on eligibility and
// funding apply to the lead and the beneficiaries only.
func CheckApplication(c Call, a Application, now time.Time) []Problem {
	var out []Problem
	countries := map[string]bool{}
	for _, p := range a.Partners {
		countries[p.Country] = true
	}
	for _, rc := range c.RequiredCountries {
		if !countries[rc] {
			out = append(out, Problem{Rule: RuleRequiredCountry, Country: rc})
		}
	}
	if n := len(a.Partners); n < c.MinPartners {
		out = append(out, Problem{Rule: RuleMinPartners, Have: int64(n), Want: int64(c.MinPartners)})
	}
	if n := len(countries); n < c.MinCountries {
		out = append(out, Problem{Rule: RuleMinCountries, Have: int64(n), Want: int64(c.MinCountries)})
	}
	for _, p := range a.Partners {
		org := p.Organisation
		if p.Budget.Currency != c.Currency || p.Grant.Currency != c.Currency || p.CoFinancing.Currency != c.Currency {
			out = append(out, Problem{Rule: RuleCurrency, Partner: &org})
		}
		if p.Role == "associated" {
			continue
		}
		if !c.countryEligible(p.Country) {
			out = append(out, Problem{Rule: RuleIneligibleCountry, Partner: &org, Country: p.Country})
		}
		if !c.kindEligible(org.Kind) {
			out = append(out, Problem{Rule: RuleIneligibleKind, Partner: &org, Kind: org.Kind})
		}
		// The grant may be at most rate % of the budget; compared in integers, exactly.
		if rate := c.RateFor(p.Country, org.Kind); rate >= 0 && p.Budget.Amount > 0 && p.Grant.Amount*100 > int64(rate)*p.Budget.Amount {
			out = append(out, Problem{Rule: RuleFundingRate, Partner: &org, Have: (p.Grant.Amount*100 + p.Budget.Amount - 1) / p.Budget.Amount, Want: int64(rate)})
		}
	}
	grant := a.RequestedGrant()
	if c.MinGrant > 0 && grant < c.MinGrant {
		out = append(out, Problem{Rule: RuleGrantBelowMin, Have: grant, Want: c.MinGrant})
	}
	if c.MaxGrant > 0 && grant > c.MaxGrant {
		out = append(out, Problem{Rule: RuleGrantAboveMax, Have: grant, Want: c.MaxGrant})
	}
	if a.TRL > 0 && (c.TRLMin > 0 && a.TRL < c.TRLMin || c.TRLMax > 0 && a.TRL > c.TRLMax) {
		out = append(out, Problem{Rule: RuleTRL, Have: int64(a.TRL)})
	}
	if !a.Status.Submitted() && len(c.Deadlines) > 0 && c.NextDeadline(now) == nil {
		last := c.Deadlines[len(c.Deadlines)-1]
		out = append(out, Problem{Rule: RuleDeadlinePassed, Deadline: &last})
	}
	return out
}
