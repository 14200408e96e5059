package app

import "time"

// PersonalData is everything the platform keeps about one person, for them to take away
// (GDPR art. 15 and 20): their account, memberships, tokens, what they wrote and follow.
type PersonalData struct {
	ExportedAt    time.Time      `json:"exported_at"`
	Person        User           `json:"person"`
	Memberships   []Membership   `json:"memberships"`
	Tokens        []Token        `json:"tokens"`
	Needs         []PersonalNeed `json:"needs"`
	Texts         []PersonalText `json:"texts"`
	FollowedNeeds []int64        `json:"followed_needs"`
	Watches       []Watch        `json:"watches"`
	Notifications []Notification `json:"notifications"`
	// The meeting place: seats at events (with the requests), room bookings, the fika
	// roulette, what the person offers and seeks at brokerage events, their check-in at
	// the hub today and the visitors they host.
	Registrations     []Registration     `json:"event_registrations"`
	Bookings          []Booking          `json:"room_bookings"`
	Roulette          *RouletteEntry     `json:"fika_roulette"`
	BrokerageProfiles []BrokerageProfile `json:"brokerage_profiles"`
	AtTheHub          []Presence         `json:"at_the_hub"`
	Visitors          []Visitor          `json:"hosted_visitors"`
}

// PersonalNeed is a need the person created or owns.
type PersonalNeed struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Created bool   `json:"created"`
	Owner   bool   `json:"owner"`
}

// PersonalText is something the person wrote on a need: a question, an answer, a
// comment, an entry in the supplier contact log or a proposal's rationale.
type PersonalText struct {
	Kind   string `json:"kind"`
	NeedID int64  `json:"need_id"`
	// ProjectID, ApplicationID and PartnerRequestID name where a text of a project, an
	// application or a partner request was written.
	ProjectID        int64     `json:"project_id,omitempty"`
	ApplicationID    int64     `json:"application_id,omitempty"`
	PartnerRequestID int64     `json:"partner_request_id,omitempty"`
	Text             string    `json:"text"`
	At               time.Time `json:"at"`
}

// DeletedName is the name a deleted person's records show.
const DeletedName = "Borttagen person"
