package app

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Statuses of an offer.
const (
	OfferOpen     = "offered"
	OfferAccepted = "accepted"
)

// PartnerRequest is an organisation's search for a partner to an application it leads:
// the role, the competence and the country it seeks, and by when. Everyone signed in may
// read it and offer to take part.
type PartnerRequest struct {
	ID            int64     `json:"id"`
	Organisation  OrgRef    `json:"organisation"`
	Call          CallRef   `json:"call"`
	ApplicationID int64     `json:"application_id"`
	Role          string    `json:"role"` // beneficiary or associated
	Competence    string    `json:"competence"`
	Country       string    `json:"country"` // "" for any
	Deadline      string    `json:"deadline"`
	Description   string    `json:"description"`
	CreatedBy     UserRef   `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
}

// PartnerRequestInput is what the lead applicant writes when it seeks a partner.
type PartnerRequestInput struct {
	Role        string `json:"role"`
	Competence  string `json:"competence"`
	Country     string `json:"country"`
	Deadline    string `json:"deadline"`
	Description string `json:"description"`
}

// Normalise checks a partner request: a role a partner can take, the competence sought,
// a country code or none, and a date to answer by.
func (in *PartnerRequestInput) Normalise() error {
	f := FieldErrors{}
	in.Country = strings.ToUpper(strings.TrimSpace(in.Country))
	if in.Role != "beneficiary" && in.Role != "associated" {
		f.Add("role", "err.partner_role")
	}
	if in.Country != "" && !countryCode.MatchString(in.Country) {
		f.Add("country", "err.country")
	}
	if strings.TrimSpace(in.Deadline) == "" {
		f.Add("deadline", "err.required")
	}
	checkDate(f, "deadline", &in.Deadline)
	var err error
	in.Competence, err = CheckText("competence", in.Competence, true)
	addFields(f, err)
	if utf8.RuneCountInString(in.Competence) > maxNameLen*5 {
		f.Add("competence", "err.too_long")
	}
	in.Description, err = CheckText("description", in.Description, false)
	addFields(f, err)
	return f.Err()
}

// PartnerOffer is an organisation's answer to a partner request. The requester sees every
// offer; an organisation that offers sees only its own.
type PartnerOffer struct {
	ID           int64     `json:"id"`
	RequestID    int64     `json:"request_id"`
	Organisation OrgRef    `json:"organisation"`
	Country      string    `json:"country"`
	By           UserRef   `json:"by"`
	Message      string    `json:"message"`
	Status       string    `json:"status"` // offered or accepted
	CreatedAt    time.Time `json:"created_at"`
}

// PartnerOfferInput names the organisation that offers and what it says.
type PartnerOfferInput struct {
	OrganisationID int64  `json:"organisation_id"`
	Message        string `json:"message"`
}

// Normalise requires a message without personal identity numbers.
func (in *PartnerOfferInput) Normalise() error {
	f := FieldErrors{}
	if in.OrganisationID == 0 {
		f.Add("organisation_id", "err.required")
	}
	var err error
	in.Message, err = CheckText("message", in.Message, true)
	addFields(f, err)
	return f.Err()
}

// Open reports whether the request still takes offers at now: until the end of its last
// day in Sweden, where the hub is.
func (r PartnerRequest) Open(now time.Time) bool {
	start, key := DeadlineTime(r.Deadline+"T00:00", "Europe/Stockholm")
	return key == "" && now.Before(start.AddDate(0, 0, 1))
}
