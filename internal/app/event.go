package app

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// EventTypes are the kinds of event, as the API names them: inspirationsföreläsning,
// konferens, workshop, dialogmöte, nätverksträff, studiebesök, hackathon.
var EventTypes = []string{"inspiration_lecture", "conference", "workshop", "dialogue_meeting", "network_meeting", "study_visit", "hackathon"}

// Audience says who sees an event.
type Audience string

const (
	AudiencePublic   Audience = "public"
	AudienceSignedIn Audience = "signed_in"
	// AudienceInvited: the organiser's organisation and the invited organisations.
	AudienceInvited Audience = "invited"
)

var Audiences = []Audience{AudiencePublic, AudienceSignedIn, AudienceInvited}

// EventLanguages are the languages an event may be held in.
var EventLanguages = []string{"sv", "en", "no"}

// DefaultTimeZone is the zone of the hub, in which events are shown unless they say otherwise.
const DefaultTimeZone = "Europe/Stockholm"

// RequestRetention is how long after an event its attendees' dietary and accessibility
// requests are kept.
const RequestRetention = 30 * 24 * time.Hour

const (
	maxCapacity    = 100000
	maxRequestLen  = 500
	maxEventLength = 31 * 24 * time.Hour
	maxLinks       = 50
)

// Event is a lecture, conference, workshop or other meeting that an organisation runs.
// Start and End are instants; TimeZone is where they are shown.
type Event struct {
	ID                 int64      `json:"id"`
	Organisation       OrgRef     `json:"organisation"`
	CreatedBy          UserRef    `json:"created_by"`
	Type               string     `json:"type"`
	Title              string     `json:"title"`
	Description        string     `json:"description"`
	Start              time.Time  `json:"start"`
	End                time.Time  `json:"end"`
	TimeZone           string     `json:"time_zone"`
	Room               *RoomRef   `json:"room"`
	Address            string     `json:"address"`
	OnlineURL          string     `json:"online_url"`
	Language           string     `json:"language"`
	Capacity           int        `json:"capacity"`
	RegistrationOpens  *time.Time `json:"registration_opens"`
	RegistrationCloses *time.Time `json:"registration_closes"`
	Audience           Audience   `json:"audience"`
	Invited            []OrgRef   `json:"invited_organisations"`
	Accessibility      string     `json:"accessibility"`
	// BrokerageTables and BrokerageSlotMinutes, when set, hold 1:1 meetings at the event.
	BrokerageTables      int `json:"brokerage_tables"`
	BrokerageSlotMinutes int `json:"brokerage_slot_minutes"`
	// A dialogue meeting is about a need; its suppliers are invited by category, and its
	// minutes are published once it is over.
	NeedID             *int64     `json:"need_id"`
	Categories         []string   `json:"categories"`
	Minutes            string     `json:"minutes"`
	MinutesPublishedAt *time.Time `json:"minutes_published_at"`
	// Needs and Calls are what the event is about: the needs only as the viewer may see them.
	Needs     []NeedRef  `json:"needs"`
	Calls     []CallRef  `json:"calls"`
	Materials []Material `json:"materials"`
	// CancelledAt is when the organiser called the event off.
	CancelledAt *time.Time `json:"cancelled_at"`
	Registered  int        `json:"registered"`
	Waiting     int        `json:"waiting"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// EventInput is what an organiser writes on an event.
type EventInput struct {
	Type                 string     `json:"type"`
	Title                string     `json:"title"`
	Description          string     `json:"description"`
	Start                time.Time  `json:"start"`
	End                  time.Time  `json:"end"`
	TimeZone             string     `json:"time_zone"`
	RoomID               int64      `json:"room_id"`
	Address              string     `json:"address"`
	OnlineURL            string     `json:"online_url"`
	Language             string     `json:"language"`
	Capacity             int        `json:"capacity"`
	RegistrationOpens    *time.Time `json:"registration_opens"`
	RegistrationCloses   *time.Time `json:"registration_closes"`
	Audience             Audience   `json:"audience"`
	InvitedOrgIDs        []int64    `json:"invited_organisation_ids"`
	Accessibility        string     `json:"accessibility"`
	BrokerageTables      int        `json:"brokerage_tables"`
	BrokerageSlotMinutes int        `json:"brokerage_slot_minutes"`
	NeedID               int64      `json:"need_id"`
	Categories           []string   `json:"categories"`
	// NeedIDs and CallIDs link the needs and funding calls the event is about.
	NeedIDs []int64 `json:"need_ids"`
	CallIDs []int64 `json:"call_ids"`
}

// EventFilter selects events for a list: those that have not ended by From, soonest first.
type EventFilter struct {
	From  time.Time
	OrgID int64
	// Registered, when set, keeps the events at which this person holds a seat.
	Registered int64
	Page
}

// Location is the event's time zone.
func (e Event) Location() *time.Location { return Zone(e.TimeZone) }

// Zone loads an IANA zone, or the hub's when name is not one.
func Zone(name string) *time.Location {
	if l, err := LoadZone(name); err == nil {
		return l
	}
	l, err := LoadZone(DefaultTimeZone)
	if err != nil {
		return time.UTC
	}
	return l
}

// zones keeps the zones loaded: time.LoadLocation reads and parses the zone's file on
// every call. Only zones that exist are kept, so there are at most as many as the tz
// database holds.
var zones sync.Map

// LoadZone loads an IANA zone by name; "" and "Local", which time.LoadLocation would
// take for UTC and the server's own, are no zones here.
func LoadZone(name string) (*time.Location, error) {
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location), nil
	}
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("app: %q is not a time zone", name)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, l)
	return l, nil
}

// Span says when something is, on the wall clock of an IANA zone: the date once when it
// starts and ends on the same day, and the zone's abbreviation.
func Span(start, end time.Time, zone string) string {
	loc := Zone(zone)
	s, e := start.In(loc), end.In(loc)
	if s.Format(time.DateOnly) == e.Format(time.DateOnly) {
		return s.Format("2006-01-02 15:04") + "–" + e.Format("15:04 MST")
	}
	return s.Format("2006-01-02 15:04") + " – " + e.Format("2006-01-02 15:04 MST")
}

// FreeSeats is how many seats are not taken.
func (e Event) FreeSeats() int { return max(0, e.Capacity-e.Registered) }

// Full reports whether every seat is taken, so that the next person waits.
func (e Event) Full() bool { return e.FreeSeats() == 0 }

// RegistrationOpen reports whether people may register at now: within the registration
// window, which closes at the start unless the organiser said otherwise, of an event not
// called off.
func (e Event) RegistrationOpen(now time.Time) bool {
	return !e.Cancelled() && RegistrationOpen(now, e.Start, e.RegistrationOpens, e.RegistrationCloses)
}

// RegistrationOpen is the registration window's rule, for the store's check too.
func RegistrationOpen(now, start time.Time, opens, closes *time.Time) bool {
	end := start
	if closes != nil {
		end = *closes
	}
	return (opens == nil || !now.Before(*opens)) && now.Before(end)
}

// Input is what the organiser wrote, as the starting point of a change.
func (e Event) Input() EventInput {
	in := EventInput{Type: e.Type, Title: e.Title, Description: e.Description, Start: e.Start, End: e.End, TimeZone: e.TimeZone,
		Address: e.Address, OnlineURL: e.OnlineURL, Language: e.Language, Capacity: e.Capacity, RegistrationOpens: e.RegistrationOpens,
		RegistrationCloses: e.RegistrationCloses, Audience: e.Audience, Accessibility: e.Accessibility, InvitedOrgIDs: []int64{},
		BrokerageTables: e.BrokerageTables, BrokerageSlotMinutes: e.BrokerageSlotMinutes, Categories: e.Categories}
	if e.NeedID != nil {
		in.NeedID = *e.NeedID
	}
	if e.Room != nil {
		in.RoomID = e.Room.ID
	}
	for _, o := range e.Invited {
		in.InvitedOrgIDs = append(in.InvitedOrgIDs, o.ID)
	}
	in.NeedIDs, in.CallIDs = []int64{}, []int64{}
	for _, n := range e.Needs {
		in.NeedIDs = append(in.NeedIDs, n.ID)
	}
	for _, c := range e.Calls {
		in.CallIDs = append(in.CallIDs, c.ID)
	}
	return in
}

// Normalise trims the input, fills in the defaults and checks it, field by field.
func (in *EventInput) Normalise() error {
	f := FieldErrors{}
	checkTexts(f, map[string]*string{"title": &in.Title, "description": &in.Description, "address": &in.Address, "accessibility": &in.Accessibility})
	for name, text := range map[string]string{"title": in.Title, "description": in.Description, "address": in.Address, "accessibility": in.Accessibility} {
		if ContainsPersonalNumber(text) {
			f.Add(name, "err.personal_number")
		}
	}
	if !slices.Contains(EventTypes, in.Type) {
		f.Add("type", "err.event_type")
	}
	if in.TimeZone = strings.TrimSpace(in.TimeZone); in.TimeZone == "" {
		in.TimeZone = DefaultTimeZone
	}
	if _, err := LoadZone(in.TimeZone); err != nil {
		f.Add("time_zone", "err.time_zone")
	}
	switch {
	case in.Start.IsZero():
		f.Add("start", "err.required")
	case in.End.IsZero():
		f.Add("end", "err.required")
	case !in.End.After(in.Start):
		f.Add("end", "err.event_end")
	case in.End.Sub(in.Start) > maxEventLength:
		f.Add("end", "err.event_too_long")
	}
	in.Start, in.End = in.Start.UTC(), in.End.UTC()
	checkWebURL(f, "online_url", "err.online_url", &in.OnlineURL)
	if in.RoomID < 0 {
		f.Add("room_id", "err.room_not_found")
	}
	if in.RoomID == 0 && in.Address == "" && in.OnlineURL == "" {
		f.Add("address", "err.event_place")
	}
	if in.Language == "" {
		in.Language = EventLanguages[0]
	}
	if !slices.Contains(EventLanguages, in.Language) {
		f.Add("language", "err.event_language")
	}
	if in.Capacity < 1 || in.Capacity > maxCapacity {
		f.Add("capacity", "err.capacity")
	}
	for _, t := range []**time.Time{&in.RegistrationOpens, &in.RegistrationCloses} {
		if *t != nil {
			u := (*t).UTC()
			*t = &u
		}
	}
	if in.RegistrationCloses != nil && !in.End.IsZero() && in.RegistrationCloses.After(in.End) {
		f.Add("registration_closes", "err.registration_after_end")
	}
	if in.RegistrationOpens != nil && in.RegistrationCloses != nil && !in.RegistrationCloses.After(*in.RegistrationOpens) {
		f.Add("registration_closes", "err.registration_window")
	}
	in.checkDialogue(f)
	if in.Audience == "" {
		in.Audience = AudiencePublic
	}
	if !slices.Contains(Audiences, in.Audience) {
		f.Add("audience", "err.audience")
	}
	in.checkBrokerage(f)
	in.NeedIDs, in.CallIDs = compactIDs(in.NeedIDs), compactIDs(in.CallIDs)
	if len(in.NeedIDs) > maxLinks {
		f.Add("need_ids", "err.too_many")
	}
	if len(in.CallIDs) > maxLinks {
		f.Add("call_ids", "err.too_many")
	}
	in.InvitedOrgIDs = compactIDs(in.InvitedOrgIDs)
	if in.Audience != AudienceInvited {
		in.InvitedOrgIDs = []int64{}
	} else if len(in.InvitedOrgIDs) == 0 && in.Type != DialogueType {
		f.Add("invited_organisation_ids", "err.invited_required")
	}
	return f.Err()
}

// checkWebURL trims a web address and refuses one that is not http(s) with a host.
func checkWebURL(f FieldErrors, field, key string, p *string) {
	if *p = strings.TrimSpace(*p); *p != "" {
		u, err := url.Parse(*p)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(*p) > maxURLLen {
			f.Add(field, key)
		}
	}
}

// compactIDs drops repeats and non-ids, keeping the order.
func compactIDs(ids []int64) []int64 {
	out := []int64{}
	for _, id := range ids {
		if id > 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// RegistrationStatus is a person's place at an event.
type RegistrationStatus string

const (
	StatusRegistered RegistrationStatus = "registered"
	StatusWaiting    RegistrationStatus = "waiting"
)

// Registration is one person's place at an event: a seat, or a place on the waiting list.
type Registration struct {
	ID      int64              `json:"id"`
	EventID int64              `json:"event_id"`
	User    UserRef            `json:"user"`
	Status  RegistrationStatus `json:"status"`
	// Position is the place on the waiting list, from 1; 0 for a seat.
	Position    int        `json:"position"`
	Dietary     string     `json:"dietary"`
	AccessNeeds string     `json:"access_needs"`
	CreatedAt   time.Time  `json:"created_at"`
	PromotedAt  *time.Time `json:"promoted_at"`
	CheckedInAt *time.Time `json:"checked_in_at"`
}

// RegistrationInput carries a person's optional requests.
type RegistrationInput struct {
	Dietary     string `json:"dietary"`
	AccessNeeds string `json:"access_needs"`
}

// Normalise trims the requests and refuses long ones and personal identity numbers.
func (in *RegistrationInput) Normalise() error {
	f := FieldErrors{}
	for name, p := range map[string]*string{"dietary": &in.Dietary, "access_needs": &in.AccessNeeds} {
		*p = strings.TrimSpace(*p)
		switch {
		case utf8.RuneCountInString(*p) > maxRequestLen:
			f.Add(name, "err.too_long")
		case ContainsPersonalNumber(*p):
			f.Add(name, "err.personal_number")
		}
	}
	return f.Err()
}

// ReminderLead is how long before an event its registered people are reminded.
const ReminderLead = 24 * time.Hour

// EventMailJob names the person and the event an event.promoted or event.reminder job mails about.
type EventMailJob struct {
	EventID int64 `json:"event_id"`
	UserID  int64 `json:"user_id"`
}

// Cancelled reports whether the organiser called the event off.
func (e Event) Cancelled() bool { return e.CancelledAt != nil }

// Material is a link or a file an event's organiser shares on its page: URL for a link;
// FileName, ContentType and Size for a file, whose content is checked like a need's
// attachments.
type Material struct {
	ID          int64     `json:"id"`
	EventID     int64     `json:"event_id"`
	Title       string    `json:"title"`
	URL         string    `json:"url"`
	FileName    string    `json:"file_name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	BlobKey     string    `json:"-"`
	AddedBy     UserRef   `json:"added_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// IsFile reports whether the material is a file rather than a link.
func (m Material) IsFile() bool { return m.URL == "" }

// MaterialInput is a link an organiser adds: a title and an address.
type MaterialInput struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Normalise trims the link and checks it: a title, and an http(s) address.
func (in *MaterialInput) Normalise() error {
	f := FieldErrors{}
	checkTexts(f, map[string]*string{"title": &in.Title})
	if ContainsPersonalNumber(in.Title) {
		f.Add("title", "err.personal_number")
	}
	if checkWebURL(f, "url", "err.url", &in.URL); in.URL == "" {
		f.Add("url", "err.required")
	}
	return f.Err()
}
