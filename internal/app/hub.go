package app

import (
	"strings"
	"time"
)

// At the hub today: members who choose to check in are listed, to other signed-in members
// only, until they check out or the hub's day ends.

// Presence is one person at the hub today.
type Presence struct {
	User UserRef `json:"user"`
	// Organisation is the one they chose to be seen for, if any.
	Organisation *OrgRef   `json:"organisation"`
	Since        time.Time `json:"since"`
	Until        time.Time `json:"until"`
}

// EndOfHubDay is when the hub's day (on its clock) that now falls in ends: midnight.
func EndOfHubDay(now time.Time) time.Time {
	t := now.In(Zone(DefaultTimeZone))
	return time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, t.Location())
}

// HubDay is the date on the hub's clock at t, as YYYY-MM-DD.
func HubDay(t time.Time) string { return t.In(Zone(DefaultTimeZone)).Format(time.DateOnly) }

// VisitorRetention is how long after a visit the visitor's name and organisation are kept.
const VisitorRetention = 30 * 24 * time.Hour

// maxVisitAhead is how far ahead a visitor may be registered.
const maxVisitAhead = 366 * 24 * time.Hour

// Visitor is someone a host expects at the hub on a day: as little as the reception needs.
type Visitor struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	Organisation string    `json:"organisation"`
	Date         string    `json:"date"`
	Host         UserRef   `json:"host"`
	CreatedAt    time.Time `json:"created_at"`
}

// VisitorInput is what a host registers.
type VisitorInput struct {
	Name         string `json:"name"`
	Organisation string `json:"organisation"`
	Date         string `json:"date"`
}

// Normalise checks a visit registered at now: a name, a day from today on the hub's clock
// up to a year ahead, and no personal identity number.
func (in *VisitorInput) Normalise(now time.Time) error {
	f := FieldErrors{}
	var k string
	if in.Name, k = NormaliseName(in.Name); k != "" {
		f.Add("name", k)
	}
	if in.Organisation, k = NormaliseName(in.Organisation); k == "err.too_long" {
		f.Add("organisation", k)
	}
	for name, v := range map[string]string{"name": in.Name, "organisation": in.Organisation} {
		if ContainsPersonalNumber(v) {
			f.Add(name, "err.personal_number")
		}
	}
	in.Date = strings.TrimSpace(in.Date)
	d, err := time.ParseInLocation(time.DateOnly, in.Date, Zone(DefaultTimeZone))
	switch {
	case in.Date == "":
		f.Add("date", "err.required")
	case err != nil:
		f.Add("date", "err.date")
	case in.Date < HubDay(now) || d.Sub(now) > maxVisitAhead:
		f.Add("date", "err.visit_date")
	}
	return f.Err()
}
