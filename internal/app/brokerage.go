package app

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Brokerage: at an event with tables and a slot length, participants publish what they offer
// and seek and meet one to one in slots from the event's start, one meeting a table.

const (
	maxBrokerageTables = 200
	minSlotMinutes     = 10
	maxSlotMinutes     = 120
	maxProfileLen      = 1000
)

// Slot is one round of 1:1 meetings at an event; No counts from 0.
type Slot struct {
	No         int       `json:"no"`
	Start, End time.Time `json:"-"`
}

// Slots are the event's rounds of 1:1 meetings: as many whole slots as fit between its start
// and end; none when the event has no brokerage.
func (e Event) Slots() []Slot {
	if e.BrokerageTables == 0 || e.BrokerageSlotMinutes == 0 {
		return nil
	}
	length := time.Duration(e.BrokerageSlotMinutes) * time.Minute
	var out []Slot
	for t := e.Start; !t.Add(length).After(e.End); t = t.Add(length) {
		out = append(out, Slot{No: len(out), Start: t, End: t.Add(length)})
	}
	return out
}

// checkBrokerage checks the brokerage fields of an event's input: both or neither.
func (in *EventInput) checkBrokerage(f FieldErrors) {
	switch {
	case in.BrokerageTables < 0 || in.BrokerageTables > maxBrokerageTables:
		f.Add("brokerage_tables", "err.brokerage_tables")
	case in.BrokerageSlotMinutes != 0 && (in.BrokerageSlotMinutes < minSlotMinutes || in.BrokerageSlotMinutes > maxSlotMinutes):
		f.Add("brokerage_slot_minutes", "err.brokerage_slot_minutes")
	case (in.BrokerageTables == 0) != (in.BrokerageSlotMinutes == 0):
		f.Add("brokerage_slot_minutes", "err.brokerage_both")
	}
}

// BrokerageProfile is what a participant offers and seeks at an event.
type BrokerageProfile struct {
	User  UserRef `json:"user"`
	Offer string  `json:"offer"`
	Seek  string  `json:"seek"`
}

// BrokerageProfileInput is what a participant writes.
type BrokerageProfileInput struct {
	Offer string `json:"offer"`
	Seek  string `json:"seek"`
}

// Normalise trims the texts and refuses long ones and personal identity numbers.
func (in *BrokerageProfileInput) Normalise() error {
	f := FieldErrors{}
	for name, p := range map[string]*string{"offer": &in.Offer, "seek": &in.Seek} {
		*p = strings.TrimSpace(*p)
		switch {
		case utf8.RuneCountInString(*p) > maxProfileLen:
			f.Add(name, "err.too_long")
		case ContainsPersonalNumber(*p):
			f.Add(name, "err.personal_number")
		}
	}
	if in.Offer == "" && in.Seek == "" {
		f.Add("offer", "err.brokerage_profile")
	}
	return f.Err()
}

// MeetingStatus is where a 1:1 meeting stands.
type MeetingStatus string

const (
	MeetingRequested MeetingStatus = "requested"
	MeetingAccepted  MeetingStatus = "accepted"
	MeetingDeclined  MeetingStatus = "declined"
)

// Meeting is a 1:1 meeting at an event: requested by one, accepted (at a table) or declined
// by the other.
type Meeting struct {
	ID        int64         `json:"id"`
	EventID   int64         `json:"event_id"`
	Slot      int           `json:"slot"`
	Requester UserRef       `json:"requester"`
	Invitee   UserRef       `json:"invitee"`
	Status    MeetingStatus `json:"status"`
	Table     int           `json:"table"` // from 1, when accepted
	CreatedAt time.Time     `json:"created_at"`
}
