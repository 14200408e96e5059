package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/ical"
)

// Calendar feeds: an event's, and a hub room's, that calendar clients subscribe to. A client
// asks without a session, so a feed shows what a visitor may see.

// roomFeedPast and roomFeedAhead bound a room's feed.
const (
	roomFeedPast  = 30 * 24 * time.Hour
	roomFeedAhead = 180 * 24 * time.Hour
)

// eventCalendar is one event as an .ics file, for those in its audience.
func (s *Server) eventCalendar(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventFromPath(r, rq)
	if err != nil {
		return err
	}
	return s.writeCalendar(w, fmt.Sprintf("evenemang-%d.ics", e.ID), e.Title, []ical.Event{s.eventEntry(e)})
}

// roomCalendar is a room's bookings from a month ago to half a year ahead.
func (s *Server) roomCalendar(w http.ResponseWriter, r *http.Request, rq *request) error {
	room, err := s.roomFromPath(r)
	if err != nil {
		return err
	}
	now := time.Now()
	bookings, err := s.store.Bookings(r.Context(), rq.actor.Viewer(), room.ID, now.Add(-roomFeedPast), now.Add(roomFeedAhead))
	if err != nil {
		return err
	}
	entries := make([]ical.Event, len(bookings))
	for i, b := range bookings {
		switch {
		case b.EventID != nil:
			// The event under its own UID, so that a client that has it from the event's
			// feed too keeps one entry.
			e, err := s.store.Event(r.Context(), rq.actor.Viewer(), *b.EventID)
			if err != nil {
				return err
			}
			entries[i] = s.eventEntry(e)
		case b.Title != "":
			entries[i] = s.bookingEntry(b, b.Title+" ("+b.User.Name+")")
		default:
			entries[i] = s.bookingEntry(b, i18n.T(rq.lang, "hub.taken"))
		}
	}
	return s.writeCalendar(w, fmt.Sprintf("rum-%d.ics", room.ID), room.Name+" – E-hälsocentrum", entries)
}

// callCalendar is a funding call's deadlines, each at the hour and in the zone the funder
// announced it.
func (s *Server) callCalendar(w http.ResponseWriter, r *http.Request, rq *request) error {
	c, err := s.callFromPath(r)
	if err != nil {
		return err
	}
	entries := make([]ical.Event, len(c.Deadlines))
	for i, d := range c.Deadlines {
		summary := i18n.T(rq.lang, "call.deadline_entry", c.Title)
		if d.Stage != "" {
			summary += " (" + d.Stage + ")"
		}
		entries[i] = ical.Event{UID: fmt.Sprintf("call-%d-deadline-%d@%s", c.ID, i+1, s.baseURL.Host), Summary: summary,
			URL: s.link("calls", c.ID), Start: d.At, End: d.At, Zone: d.TimeZone, Updated: c.UpdatedAt}
	}
	return s.writeCalendar(w, fmt.Sprintf("utlysning-%d.ics", c.ID), c.Title, entries)
}

// eventEntry is an event in a calendar; its UID is the event's, in every feed.
func (s *Server) eventEntry(e app.Event) ical.Event {
	var place []string
	if e.Room != nil {
		place = append(place, e.Room.Name+", E-hälsocentrum")
	}
	for _, p := range []string{e.Address, e.OnlineURL} {
		if p != "" {
			place = append(place, p)
		}
	}
	return ical.Event{UID: fmt.Sprintf("event-%d@%s", e.ID, s.baseURL.Host), Summary: e.Title, Description: e.Description,
		Location: strings.Join(place, "; "), URL: s.link("events", e.ID), Start: e.Start, End: e.End, Zone: e.TimeZone, Updated: e.UpdatedAt}
}

func (s *Server) bookingEntry(b app.Booking, summary string) ical.Event {
	return ical.Event{UID: fmt.Sprintf("booking-%d@%s", b.ID, s.baseURL.Host), Summary: summary, Location: b.Room.Name + ", E-hälsocentrum",
		Start: b.Start, End: b.End, Zone: app.DefaultTimeZone, Updated: b.CreatedAt}
}

// writeCalendar answers with a calendar that clients may open or subscribe to.
func (s *Server) writeCalendar(w http.ResponseWriter, filename, name string, entries []ical.Event) error {
	var b strings.Builder
	if err := ical.Write(&b, name, entries); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="`+filename+`"`)
	_, err := w.Write([]byte(b.String()))
	return err
}
