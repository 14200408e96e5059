package app

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ProjectType is the kind of project; the catalogue (project_type.NAME) names it.
type ProjectType string

var ProjectTypes = []ProjectType{"prestudy", "pilot", "implementation", "research", "eu_project"}

// MilestoneCancelled is the status of a milestone that will not happen.
const MilestoneCancelled = "cancelled"

// MilestoneStatuses are where a milestone stands.
var MilestoneStatuses = []string{"planned", "in_progress", "done", "delayed", MilestoneCancelled}

// Decisions a project's go/no-go can take.
var Decisions = []string{"go", "no_go"}

// Project is a pre-study, pilot or other project that works on needs with solutions. Its
// owner organisation and partners see it; everyone sees it when it is public.
type Project struct {
	ID           int64            `json:"id"`
	Title        string           `json:"title"`
	Description  string           `json:"description"`
	Type         ProjectType      `json:"type"`
	Organisation OrgRef           `json:"organisation"`
	Manager      *UserRef         `json:"manager"`
	TestSite     string           `json:"test_site"`
	StartDate    string           `json:"start_date"` // YYYY-MM-DD or empty
	EndDate      string           `json:"end_date"`
	Public       bool             `json:"public"`
	Partners     []ProjectPartner `json:"partners"`
	Needs        []NeedRef        `json:"needs"`
	Solutions    []NeedRef        `json:"solutions"` // id and title
	Milestones   []Milestone      `json:"milestones"`
	// Adoptions counts the organisations that took the project's solution into use.
	Adoptions int `json:"adoptions"`
	// Decision is go or no_go once taken, with its rationale.
	Decision          string     `json:"decision"`
	DecisionRationale string     `json:"decision_rationale"`
	DecidedBy         *UserRef   `json:"decided_by"`
	DecidedAt         *time.Time `json:"decided_at"`
	Lessons           string     `json:"lessons_learned"`
	CreatedAt         time.Time  `json:"created_at"`
	UpdatedAt         time.Time  `json:"updated_at"`
}

// ProjectRef names a project.
type ProjectRef struct {
	ID    int64       `json:"id"`
	Title string      `json:"title"`
	Type  ProjectType `json:"type"`
}

// ProjectPartner is an organisation taking part, with what it brings and its budget.
type ProjectPartner struct {
	Organisation OrgRef `json:"organisation"`
	Role         string `json:"role"`
	Contribution string `json:"contribution"`
	Budget       Money  `json:"budget"`
}

// Milestone is a step of the project plan.
type Milestone struct {
	Title  string `json:"title"`
	Due    string `json:"due"` // YYYY-MM-DD
	Status string `json:"status"`
}

// ProjectMilestone is a milestone with its project, for a person's calendar. Position is
// its place in the project's plan, which names it in the calendar.
type ProjectMilestone struct {
	Project   ProjectRef
	Position  int
	Milestone Milestone
	UpdatedAt time.Time
}

// ProjectInput is what a person writes on a project.
type ProjectInput struct {
	Title       string                `json:"title"`
	Description string                `json:"description"`
	Type        ProjectType           `json:"type"`
	ManagerID   *int64                `json:"manager_id"`
	TestSite    string                `json:"test_site"`
	StartDate   string                `json:"start_date"`
	EndDate     string                `json:"end_date"`
	Public      bool                  `json:"public"`
	Partners    []ProjectPartnerInput `json:"partners"`
	NeedIDs     []int64               `json:"need_ids"`
	SolutionIDs []int64               `json:"solution_ids"`
	Milestones  []Milestone           `json:"milestones"`
	Lessons     string                `json:"lessons_learned"`
}

// ProjectPartnerInput names a partner organisation by id.
type ProjectPartnerInput struct {
	OrganisationID int64  `json:"organisation_id"`
	Role           string `json:"role"`
	Contribution   string `json:"contribution"`
	Budget         Money  `json:"budget"`
}

const maxListItems = 50

// Normalise trims the input and checks it: known values, dates in order, partners once
// each, and no personal identity numbers in any text.
func (in *ProjectInput) Normalise() error {
	f := FieldErrors{}
	texts := map[string]*string{"title": &in.Title, "description": &in.Description, "test_site": &in.TestSite, "lessons_learned": &in.Lessons}
	checkTexts(f, texts)
	if in.Type == "" {
		in.Type = "pilot"
	}
	if !slices.Contains(ProjectTypes, in.Type) {
		f.Add("type", "err.project_type")
	}
	checkDate(f, "start_date", &in.StartDate)
	checkDate(f, "end_date", &in.EndDate)
	if in.StartDate != "" && in.EndDate != "" && in.EndDate < in.StartDate {
		f.Add("end_date", "err.end_before_start")
	}
	seen := map[int64]bool{}
	var partnerText strings.Builder
	for i := range in.Partners {
		p := &in.Partners[i]
		p.Role, p.Contribution = normaliseSpace(p.Role), strings.TrimSpace(p.Contribution)
		if p.OrganisationID == 0 || seen[p.OrganisationID] {
			f.Add("partners", "err.partner_twice")
		}
		seen[p.OrganisationID] = true
		if p.Budget.Currency == "" {
			p.Budget.Currency = Currencies[0]
		}
		p.Budget.check(f, "partners")
		if utf8.RuneCountInString(p.Role) > maxNameLen || utf8.RuneCountInString(p.Contribution) > maxDescriptionLen {
			f.Add("partners", "err.too_long")
		}
		partnerText.WriteString(p.Role + " " + p.Contribution + " ")
	}
	texts["partners"] = new(partnerText.String())
	var ms []Milestone
	for _, m := range in.Milestones {
		m.Title, m.Due = normaliseSpace(m.Title), strings.TrimSpace(m.Due)
		if m.Title == "" && m.Due == "" {
			continue
		}
		if m.Status == "" {
			m.Status = MilestoneStatuses[0]
		}
		if m.Title == "" || utf8.RuneCountInString(m.Title) > maxNameLen {
			f.Add("milestones", "err.milestone_title")
		}
		checkDate(f, "milestones", &m.Due)
		if !slices.Contains(MilestoneStatuses, m.Status) {
			f.Add("milestones", "err.milestone_status")
		}
		if ContainsPersonalNumber(m.Title) {
			f.Add("milestones", "err.personal_number")
		}
		ms = append(ms, m)
	}
	in.Milestones = ms
	for name, n := range map[string]int{"partners": len(in.Partners), "need_ids": len(in.NeedIDs), "solution_ids": len(in.SolutionIDs), "milestones": len(in.Milestones)} {
		if n > maxListItems {
			f.Add(name, "err.too_many")
		}
	}
	in.NeedIDs = slices.Compact(slices.Sorted(slices.Values(in.NeedIDs)))
	in.SolutionIDs = slices.Compact(slices.Sorted(slices.Values(in.SolutionIDs)))
	for name, p := range texts {
		if ContainsPersonalNumber(*p) {
			f.Add(name, "err.personal_number")
		}
	}
	return f.Err()
}

// checkDate accepts an empty date or YYYY-MM-DD.
func checkDate(f FieldErrors, field string, s *string) {
	*s = strings.TrimSpace(*s)
	if *s == "" {
		return
	}
	if _, err := time.Parse(time.DateOnly, *s); err != nil {
		f.Add(field, "err.date")
	}
}

// OrgIDs are the owner's and every partner's organisation: the project's members.
func (p Project) OrgIDs() []int64 {
	ids := []int64{p.Organisation.ID}
	for _, x := range p.Partners {
		ids = append(ids, x.Organisation.ID)
	}
	return ids
}

// TotalBudget adds the partners' budgets per currency.
func (p Project) TotalBudget() []Money {
	var out []Money
	for _, c := range Currencies {
		m := Money{Currency: c}
		for _, x := range p.Partners {
			if x.Budget.Currency == c {
				m.Amount += x.Budget.Amount
			}
		}
		if m.Amount > 0 {
			out = append(out, m)
		}
	}
	return out
}

// ProjectDecision is a go/no-go with its rationale.
type ProjectDecision struct {
	Decision  string `json:"decision"`
	Rationale string `json:"rationale"`
}

// Normalise requires a known decision and a rationale.
func (d *ProjectDecision) Normalise() error {
	f := FieldErrors{}
	if !slices.Contains(Decisions, d.Decision) {
		f.Add("decision", "err.decision")
	}
	var err error
	d.Rationale, err = CheckText("rationale", d.Rationale, true)
	addFields(f, err)
	return f.Err()
}

// ProjectFilter selects projects for a list.
type ProjectFilter struct {
	Type  ProjectType
	OrgID int64 // owner or partner
	// Lessons, when set, keeps the closed projects (decided, or ended before Today,
	// YYYY-MM-DD) whose lessons learned hold every word of it.
	Lessons string
	Today   string
	Page
}

// ProjectPost is a message in a project's internal space, for its members only.
type ProjectPost struct {
	ID        int64     `json:"id"`
	Author    UserRef   `json:"author"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}
