package app

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Viewer is who a query answers for: the store filters every need by it.
type Viewer struct {
	UserID int64
	Admin  bool
	// OrgIDs are the organisations the person belongs to.
	OrgIDs []int64
}

// SignedIn reports whether the viewer is a person rather than a visitor.
func (v Viewer) SignedIn() bool { return v.UserID != 0 }

// NeedFilter selects needs for a list.
type NeedFilter struct {
	States      []NeedState
	CareSetting string
	Tag         string
	OrgID       int64
	Urgency     Urgency
	Ref         string
	Sort        string // newest (default), oldest, title, urgency
	Page
}

// NeedSorts are the orders a list can take.
var NeedSorts = []string{"newest", "oldest", "title", "urgency"}

// NeedTransition is one recorded move of a need.
type NeedTransition struct {
	ID      int64     `json:"id"`
	From    NeedState `json:"from"`
	To      NeedState `json:"to"`
	Actor   UserRef   `json:"actor"`
	At      time.Time `json:"at"`
	Comment string    `json:"comment"`
}

// TransitionInput is a requested move with what some moves need besides.
type TransitionInput struct {
	To          NeedState   `json:"to"`
	Comment     string      `json:"comment"`
	Route       Route       `json:"route,omitempty"`
	CloseReason CloseReason `json:"close_reason,omitempty"`
	MergedInto  int64       `json:"merged_into,omitempty"`
	// ProcurementContact says where suppliers ask instead while the need is locked.
	ProcurementContact string `json:"procurement_contact,omitempty"`
	// ProjectID names the project a need moving to piloting joins; without it the need's
	// project is kept, or a new pilot is started for it.
	ProjectID int64 `json:"project_id,omitempty"`
	// At backdates the move, for imported history and demo data; never set from input.
	At time.Time `json:"-"`
}

// Question is a supplier's question on a need and the coordinator's answer, which every
// supplier who can see the need may read (equal treatment).
type Question struct {
	ID         int64      `json:"id"`
	NeedID     int64      `json:"need_id"`
	AskedBy    UserRef    `json:"asked_by"`
	AskerOrg   OrgRef     `json:"asker_organisation"`
	Question   string     `json:"question"`
	Answer     string     `json:"answer"`
	AnsweredBy *UserRef   `json:"answered_by"`
	AnsweredAt *time.Time `json:"answered_at"`
	CreatedAt  time.Time  `json:"created_at"`
}

// Comment is an internal comment, for the owning and co-owning organisations only.
type Comment struct {
	ID        int64     `json:"id"`
	Author    UserRef   `json:"author"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// SupplierContact is one entry of the log of dialogue with suppliers (leverantörskontakt).
type SupplierContact struct {
	ID           int64     `json:"id"`
	NeedID       int64     `json:"need_id"`
	Date         string    `json:"date"` // YYYY-MM-DD
	SupplierOrg  *OrgRef   `json:"supplier_organisation"`
	SupplierName string    `json:"supplier_name"`
	OurPeople    string    `json:"our_people"`
	TheirPeople  string    `json:"their_people"`
	Channel      string    `json:"channel"`
	Purpose      string    `json:"purpose"`
	InfoGiven    string    `json:"info_given"`
	InfoReceived string    `json:"info_received"`
	Summary      string    `json:"summary"`
	Published    bool      `json:"published"`
	CreatedBy    UserRef   `json:"created_by"`
	CreatedAt    time.Time `json:"created_at"`
}

// ContactChannels are the ways a dialogue can take place.
var ContactChannels = []string{"meeting", "video", "phone", "email", "event", "other"}

// Normalise checks a contact entry.
func (c *SupplierContact) Normalise() error {
	f := FieldErrors{}
	if _, err := time.Parse("2006-01-02", c.Date); err != nil {
		f.Add("date", "err.date")
	}
	fields := map[string]*string{"supplier_name": &c.SupplierName, "our_people": &c.OurPeople, "their_people": &c.TheirPeople,
		"purpose": &c.Purpose, "info_given": &c.InfoGiven, "info_received": &c.InfoReceived, "summary": &c.Summary}
	for name, p := range fields {
		*p = strings.TrimSpace(*p)
		if utf8.RuneCountInString(*p) > maxTextLen {
			f.Add(name, "err.too_long")
		}
		if ContainsPersonalNumber(*p) {
			f.Add(name, "err.personal_number")
		}
	}
	for _, name := range []string{"supplier_name", "our_people", "their_people", "purpose"} {
		if *fields[name] == "" {
			f.Add(name, "err.required")
		}
	}
	if !slices.Contains(ContactChannels, c.Channel) {
		f.Add("channel", "err.channel")
	}
	return f.Err()
}

// Notification tells a person that something happened to a need they follow.
type Notification struct {
	ID        int64      `json:"id"`
	Need      *NeedRef   `json:"need"`
	Solution  *NeedRef   `json:"solution"` // a solution a watch found: its id and title
	Event     *NeedRef   `json:"event"`    // an event that gave the person a seat: its id and title
	Kind      string     `json:"kind"`     // transition, answer, co_owner, proposal, proposal_decision, watch, event_promoted
	Detail    string     `json:"detail"`
	Actor     UserRef    `json:"actor"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

// NeedRef names a need.
type NeedRef struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
}

// CheckText refuses empty, overlong or personal-number-bearing free text of one field.
func CheckText(field, s string, required bool) (string, error) {
	s = strings.TrimSpace(s)
	f := FieldErrors{}
	switch {
	case s == "" && required:
		f.Add(field, "err.required")
	case utf8.RuneCountInString(s) > maxTextLen:
		f.Add(field, "err.too_long")
	case ContainsPersonalNumber(s):
		f.Add(field, "err.personal_number")
	}
	return s, f.Err()
}

// SeedNeed is a need with its past, written in bulk by the seed command and benchmarks and
// one by one by the import command: the store derives the timestamps and the time per
// state from History. CreatedBy and the moves' actors are 0 when no person made them.
type SeedNeed struct {
	OrgID, CreatedBy int64
	// Ref is the need's id in the system it came from, if any.
	Ref   *string
	Input NeedInput
	// History starts with the move into draft; the last move's To is the state.
	History []NeedTransition
}
