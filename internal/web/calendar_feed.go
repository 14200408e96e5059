package web

import (
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/ical"
)

// A person's own calendar, from a month back: the events they have a seat at, the milestones
// of their organisations' projects and the deadlines of the calls their organisations apply
// to, at an address with a secret that a calendar client subscribes to without signing in.

const agendaPast = 30 * 24 * time.Hour

// calendarFeedCreate makes (or replaces) the address of the person's calendar and shows it
// once: only its secret's hash is kept.
func (s *Server) calendarFeedCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	secret, hash := auth.NewSecret(auth.CalendarSecretPrefix)
	if err := s.store.SetCalendarFeed(r.Context(), rq.actor.ID, hash); err != nil {
		return err
	}
	return s.renderProfileWith(w, r, rq, s.profileView(r, rq), http.StatusOK, profileData{NewCalendar: s.baseURL.JoinPath("calendars", secret, "events.ics").String()})
}

// agendaCalendar is the feed itself, as its owner may see the events.
func (s *Server) agendaCalendar(w http.ResponseWriter, r *http.Request, rq *request) error {
	u, err := s.store.CalendarFeedUser(r.Context(), auth.HashSecret(r.PathValue("secret")))
	if err != nil {
		return err
	}
	owner, err := LoadActor(r.Context(), s.store, u)
	if err != nil {
		return err
	}
	from := time.Now().Add(-agendaPast)
	f := app.EventFilter{From: from, Registered: u.ID, Page: app.Page{Limit: app.MaxLimit}}
	var entries []ical.Event
	for {
		l, err := s.store.ListEvents(r.Context(), owner.Viewer(), f)
		if err != nil {
			return err
		}
		for _, e := range l.Items {
			entries = append(entries, s.eventEntry(e))
		}
		if l.NextCursor == nil {
			break
		}
		f.Cursor = *l.NextCursor
	}
	milestones, err := s.store.MemberMilestones(r.Context(), owner.Viewer(), from.In(stockholm).Format(time.DateOnly))
	if err != nil {
		return err
	}
	for _, m := range milestones {
		entries = append(entries, s.milestoneEntry(u.Lang, m))
	}
	calls, err := s.store.ApplicationCalls(r.Context(), owner.Viewer())
	if err != nil {
		return err
	}
	for _, c := range calls {
		entries = append(entries, s.deadlineEntries(u.Lang, c, from)...)
	}
	return s.writeCalendar(w, "mina-evenemang.ics", i18n.T(u.Lang, "profile.calendar_name"), entries)
}
