package app

import (
	"slices"
	"strings"
	"time"
)

// Visibility says who may see a need besides its owning and co-owning organisations.
type Visibility string

const (
	VisibleOrganisation Visibility = "organisation" // the owning and co-owning organisations
	VisiblePartners     Visibility = "partners"     // and the named partner organisations
	VisibleSignedIn     Visibility = "signed_in"    // and everyone signed in
	VisiblePublic       Visibility = "public"       // and everyone
)

var Visibilities = []Visibility{VisibleOrganisation, VisiblePartners, VisibleSignedIn, VisiblePublic}

// CareSettings is the fixed list of where care happens.
var CareSettings = []string{"primarvard", "sjukhusvard", "kommunal_hemsjukvard", "hemtjanst", "sarskilt_boende",
	"egenvard", "ambulans", "tandvard", "psykiatri", "rehabilitering"}

// Urgency of a need.
type Urgency string

var Urgencies = []Urgency{"low", "medium", "high", "critical"}

// Route is the way to a solution decided for a need.
type Route string

var Routes = []Route{"buy", "pilot", "innovation_procurement", "build", "seek_funding"}

// CloseReason says why a need was closed.
type CloseReason string

var CloseReasons = []CloseReason{"solved", "not_feasible", "no_market", "replaced", "other"}

// Benefit is an expected benefit: a KPI with its unit, baseline and target.
type Benefit struct {
	KPI      string `json:"kpi"`
	Unit     string `json:"unit"`
	Baseline string `json:"baseline"`
	Target   string `json:"target"`
}

// Need is a care need (behov) on its way to a solution.
type Need struct {
	ID                 int64            `json:"id"`
	Ref                *string          `json:"ref"`
	Organisation       OrgRef           `json:"organisation"`
	Owner              *UserRef         `json:"owner"`
	CreatedBy          UserRef          `json:"created_by"`
	Title              string           `json:"title"`
	HowMightWe         string           `json:"how_might_we"`
	Problem            string           `json:"problem"`
	CurrentPractice    string           `json:"current_practice"`
	Consequence        string           `json:"consequence"`
	TargetGroups       string           `json:"target_groups"`
	Constraints        string           `json:"constraints"`
	CareSettings       []string         `json:"care_settings"`
	Tags               []string         `json:"tags"`
	VolumePeople       int              `json:"volume_people"`
	VolumeEvents       int              `json:"volume_events"`
	Urgency            Urgency          `json:"urgency"`
	Benefits           []Benefit        `json:"benefits"`
	BenefitPlan        string           `json:"benefit_plan"`
	Visibility         Visibility       `json:"visibility"`
	Partners           []OrgRef         `json:"partners"`
	CoOwners           []CoOwner        `json:"co_owners"`
	State              NeedState        `json:"state"`
	Route              Route            `json:"route,omitempty"`
	CloseReason        CloseReason      `json:"close_reason,omitempty"`
	MergedInto         *int64           `json:"merged_into"`
	ProcurementContact string           `json:"procurement_contact"`
	DialogueSummary    string           `json:"dialogue_summary"`
	SummaryPublished   bool             `json:"dialogue_summary_published"`
	StageDurations     map[string]int64 `json:"stage_durations"`
	LeadTimeSeconds    *int64           `json:"lead_time_seconds"`
	CreatedAt          time.Time        `json:"created_at"`
	UpdatedAt          time.Time        `json:"updated_at"`
	SubmittedAt        *time.Time       `json:"submitted_at"`
	StateChangedAt     time.Time        `json:"state_changed_at"`
}

// CoOwner is another organisation that has the same need ("vi har också detta behov"),
// with its own volume.
type CoOwner struct {
	Organisation OrgRef    `json:"organisation"`
	VolumePeople int       `json:"volume_people"`
	VolumeEvents int       `json:"volume_events"`
	JoinedAt     time.Time `json:"joined_at"`
}

// TotalPeople adds the owner's and every co-owner's volume: the demand across organisations.
func (n Need) TotalPeople() int {
	t := n.VolumePeople
	for _, c := range n.CoOwners {
		t += c.VolumePeople
	}
	return t
}

// NeedInput is what a person writes on a need.
type NeedInput struct {
	Title           string     `json:"title"`
	HowMightWe      string     `json:"how_might_we"`
	Problem         string     `json:"problem"`
	CurrentPractice string     `json:"current_practice"`
	Consequence     string     `json:"consequence"`
	TargetGroups    string     `json:"target_groups"`
	Constraints     string     `json:"constraints"`
	CareSettings    []string   `json:"care_settings"`
	Tags            []string   `json:"tags"`
	VolumePeople    int        `json:"volume_people"`
	VolumeEvents    int        `json:"volume_events"`
	Urgency         Urgency    `json:"urgency"`
	Benefits        []Benefit  `json:"benefits"`
	BenefitPlan     string     `json:"benefit_plan"`
	Visibility      Visibility `json:"visibility"`
	PartnerIDs      []int64    `json:"partner_ids"`
	OwnerID         *int64     `json:"owner_id"`
	// CreatedAt backdates a new need, for imported history and demo data; never set from input.
	CreatedAt time.Time `json:"-"`
}

const maxTextLen = 20000

// Normalise trims the input and checks it as far as a draft needs: lengths, known values,
// and no personal identity numbers anywhere. CheckSubmittable asks for more.
func (in *NeedInput) Normalise() error {
	f := FieldErrors{}
	checkTexts(f, in.textFields())
	checkChoices(f, "care_settings", &in.CareSettings, CareSettings, "err.care_setting")
	checkTags(f, "tags", &in.Tags)
	if in.VolumePeople < 0 || in.VolumePeople > 100_000_000 {
		f.Add("volume_people", "err.volume")
	}
	if in.VolumeEvents < 0 || in.VolumeEvents > 1_000_000_000 {
		f.Add("volume_events", "err.volume")
	}
	if in.Urgency == "" {
		in.Urgency = "medium"
	}
	if !slices.Contains(Urgencies, in.Urgency) {
		f.Add("urgency", "err.urgency")
	}
	if in.Visibility == "" {
		in.Visibility = VisibleOrganisation
	}
	if !slices.Contains(Visibilities, in.Visibility) {
		f.Add("visibility", "err.visibility")
	}
	var benefits []Benefit
	for _, b := range in.Benefits {
		b = Benefit{KPI: normaliseSpace(b.KPI), Unit: normaliseSpace(b.Unit), Baseline: normaliseSpace(b.Baseline), Target: normaliseSpace(b.Target)}
		if b == (Benefit{}) {
			continue
		}
		if b.KPI == "" {
			f.Add("benefits", "err.benefit_kpi")
		}
		if len(b.KPI)+len(b.Unit)+len(b.Baseline)+len(b.Target) > 1000 {
			f.Add("benefits", "err.too_long")
		}
		benefits = append(benefits, b)
	}
	in.Benefits = benefits
	if len(in.Benefits) > 20 {
		f.Add("benefits", "err.too_many")
	}
	if len(in.PartnerIDs) > 50 {
		f.Add("partner_ids", "err.too_many")
	}
	in.PartnerIDs = slices.Compact(slices.Sorted(slices.Values(in.PartnerIDs)))
	for name, text := range in.texts() {
		if ContainsPersonalNumber(text) {
			f.Add(name, "err.personal_number")
		}
	}
	return f.Err()
}

// texts are the free-text fields by name, where patient data could slip in.
func (in *NeedInput) texts() map[string]string {
	m := map[string]string{"tags": strings.Join(in.Tags, " ")}
	for name, p := range in.textFields() {
		m[name] = *p
	}
	var b strings.Builder
	for _, x := range in.Benefits {
		b.WriteString(x.KPI + " " + x.Unit + " " + x.Baseline + " " + x.Target + " ")
	}
	m["benefits"] = b.String()
	return m
}

// textFields are the free-text fields by name.
func (in *NeedInput) textFields() map[string]*string {
	return map[string]*string{"title": &in.Title, "how_might_we": &in.HowMightWe, "problem": &in.Problem, "current_practice": &in.CurrentPractice,
		"consequence": &in.Consequence, "target_groups": &in.TargetGroups, "constraints": &in.Constraints, "benefit_plan": &in.BenefitPlan}
}
