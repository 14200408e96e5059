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
	return s.writeCalendar(w, fmt.Sprintf("utlysning-%d.ics", c.ID), c.Title, s.deadlineEntries(rq.lang, c, time.Time{}))
}

// deadlineEntries are a call's deadlines after from in a calendar, each under the same UID
// in every feed.
func (s *Server) deadlineEntries(lang string, c app.Call, from time.Time) []ical.Event {
	var entries []ical.Event
	for i, d := range c.Deadlines {
		if d.At.Before(from) {
			continue
		}
		summary := i18n.T(lang, "call.deadline_entry", c.Title)
		if d.Stage != "" {
			summary += " (" + d.Stage + ")"
		}
		entries = append(entries, ical.Event{UID: fmt.Sprintf("call-%d-deadline-%d@%s", c.ID, i+1, s.baseURL.Host), Summary: summary,
			URL: s.link("calls", c.ID), Start: d.At, End: d.At, Zone: d.TimeZone, Updated: c.UpdatedAt})
	}
	return entries
}

// projectCalendar is a project's milestones, each on the day it is due, for those who may
// see the project. A cancelled milestone, or one without a day, is left out.
func (s *Server) projectCalendar(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.projectFromPath(r, rq)
	if err != nil {
		return err
	}
	var entries []ical.Event
	for i, m := range p.Milestones {
		if m.Due != "" && m.Status != app.MilestoneCancelled {
			entries = append(entries, s.milestoneEntry(rq.lang, app.ProjectMilestone{Project: app.ProjectRef{ID: p.ID, Title: p.Title, Type: p.Type},
				Position: i, Milestone: m, UpdatedAt: p.UpdatedAt}))
		}
	}
	return s.writeCalendar(w, fmt.Sprintf("projekt-%d-milstolpar.ics", p.ID), i18n.T(rq.lang, "project.milestones_calendar", p.Title), entries)
}

// milestoneEntry is a milestone as a whole day. Its UID is the project's and its place in the
// plan, the same in the project's feed and a person's own.
func (s *Server) milestoneEntry(lang string, m app.ProjectMilestone) ical.Event {
	day, _ := time.Parse(time.DateOnly, m.Milestone.Due)
	return ical.Event{UID: fmt.Sprintf("project-%d-milestone-%d@%s", m.Project.ID, m.Position, s.baseURL.Host),
		Summary: i18n.T(lang, "project.milestone_entry", m.Milestone.Title, m.Project.Title), Description: i18n.T(lang, "milestone."+m.Milestone.Status),
		URL: s.link("projects", m.Project.ID), Start: day, AllDay: true, Updated: m.UpdatedAt}
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
		Location: strings.Join(place, "; "), URL: s.link("events", e.ID), Start: e.Start, End: e.End, Zone: e.TimeZone, Updated: e.UpdatedAt,
		Cancelled: e.Cancelled()}
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
