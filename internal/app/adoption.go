package app

import "time"

// Adoption records that an organisation other than a project's owner took the project's
// solution into use: the spread the hub is measured by. A need linked to the project
// reaches Spread only once an organisation other than the need's own has adopted
// (CheckGuards, GuardFacts.Adoptions).
type Adoption struct {
	ID           int64     `json:"id"`
	ProjectID    int64     `json:"project_id"`
	Organisation OrgRef    `json:"organisation"`
	Date         string    `json:"date"` // YYYY-MM-DD, when it was taken into use
	Scope        string    `json:"scope"`
	RecordedBy   UserRef   `json:"recorded_by"`
	CreatedAt    time.Time `json:"created_at"`
}

// AdoptionInput is what a person records: which organisation, since when, and how widely
// (the units, the number of users, what was changed on the way).
type AdoptionInput struct {
	OrganisationID int64  `json:"organisation_id"`
	Date           string `json:"date"`
	Scope          string `json:"scope"`
}

// Normalise requires an organisation and a date no later than today (YYYY-MM-DD, the
// hub's calendar day); an adoption is a fact, not a plan.
func (in *AdoptionInput) Normalise(today string) error {
	f := FieldErrors{}
	if in.OrganisationID < 1 {
		f.Add("organisation_id", "err.required")
	}
	checkDate(f, "date", &in.Date)
	switch {
	case in.Date == "":
		f.Add("date", "err.required")
	case f["date"] == "" && in.Date > today:
		f.Add("date", "err.adoption_in_future")
	}
	var err error
	in.Scope, err = CheckText("scope", in.Scope, false)
	addFields(f, err)
	return f.Err()
}
