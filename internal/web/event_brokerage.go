package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/ical"
)

// Brokerage: the 1:1 meetings of an event. Those in its audience read the participants;
// those with a seat publish what they offer and seek, ask each other for meetings in the
// slots and accept or decline.

type brokeragePage struct {
	Event    app.Event
	Slots    []app.Slot
	Profiles []app.BrokerageProfile
	Meetings []app.Meeting
	// Seated: the person has a seat at the event; Published: and a profile.
	Seated, Published bool
	SlotOptions       []option
}

// brokerageEvent is the event of the path, if it has 1:1 meetings.
func (s *Server) brokerageEvent(r *http.Request, rq *request) (app.Event, error) {
	e, err := s.eventFromPath(r, rq)
	if err == nil && len(e.Slots()) == 0 {
		err = app.Errorf(app.NotFound, "err.brokerage_none")
	}
	return e, err
}

func (s *Server) eventBrokerage(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.brokerageEvent(r, rq)
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "brokerage.title"))
	return s.renderBrokerage(w, r, rq, v, e, http.StatusOK)
}

func (s *Server) renderBrokerage(w http.ResponseWriter, r *http.Request, rq *request, v *view, e app.Event, status int) error {
	d := brokeragePage{Event: e, Slots: e.Slots(), Meetings: []app.Meeting{}}
	var err error
	if d.Profiles, err = s.store.BrokerageProfiles(r.Context(), e.ID); err != nil {
		return err
	}
	if rq.actor.SignedIn() {
		reg, err := s.store.Registration(r.Context(), e.ID, rq.actor.ID)
		if err != nil && app.ErrorCode(err) != app.NotFound {
			return err
		}
		d.Seated = err == nil && reg.Status == app.StatusRegistered
		if d.Meetings, err = s.store.Meetings(r.Context(), e.ID, rq.actor.ID); err != nil {
			return err
		}
	}
	if i := slices.IndexFunc(d.Profiles, func(p app.BrokerageProfile) bool { return p.User.ID == rq.actor.ID }); i >= 0 {
		d.Published = true
		if v.Form.Get("offer") == "" && v.Form.Get("seek") == "" {
			v.Form.Set("offer", d.Profiles[i].Offer)
			v.Form.Set("seek", d.Profiles[i].Seek)
		}
	}
	for _, sl := range d.Slots {
		d.SlotOptions = append(d.SlotOptions, option{Value: strconv.Itoa(sl.No), Label: app.Span(sl.Start, sl.End, e.TimeZone)})
	}
	v.Heading, v.Data = e.Title, d
	s.render(w, status, "event_brokerage", v)
	return nil
}

// brokerageAction runs a form of the brokerage page: back to it with a message, or the page
// again with the problem.
func (s *Server) brokerageAction(act func(r *http.Request, rq *request, e app.Event) (string, error)) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		e, err := s.brokerageEvent(r, rq)
		if err != nil {
			return err
		}
		if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
			return err
		}
		if err := r.ParseForm(); err != nil {
			return err
		}
		flash, err := act(r, rq, e)
		if err != nil {
			v := s.view(r, rq, "brokerage.title")
			v.Form = r.PostForm
			if err := formError(v, err); err != nil {
				return err
			}
			return s.renderBrokerage(w, r, rq, v, e, StatusOf(app.ErrorCode(err)))
		}
		return s.redirect(w, r, fmt.Sprintf("/events/%d/brokerage", e.ID), flash)
	}
}

func (s *Server) brokerageProfile(r *http.Request, rq *request, e app.Event) (string, error) {
	in := app.BrokerageProfileInput{Offer: r.PostForm.Get("offer"), Seek: r.PostForm.Get("seek")}
	if err := in.Normalise(); err != nil {
		return "", err
	}
	return "brokerage.profile_saved", s.store.SetBrokerageProfile(r.Context(), e.ID, rq.actor.ID, in)
}

func (s *Server) brokerageRequest(r *http.Request, rq *request, e app.Event) (string, error) {
	slot, err := strconv.Atoi(r.PostForm.Get("slot"))
	if err != nil || slot < 0 || slot >= len(e.Slots()) {
		return "", app.FieldErrors{"slot": "err.meeting_slot"}.Err()
	}
	invitee, _ := strconv.ParseInt(r.PostForm.Get("invitee_id"), 10, 64)
	_, err = s.store.RequestMeeting(r.Context(), e.ID, slot, rq.actor.ID, invitee, time.Now())
	return "brokerage.requested", err
}

func (s *Server) brokerageDecide(r *http.Request, rq *request, e app.Event) (string, error) {
	id, err := pathID(r, "meeting")
	if err != nil {
		return "", app.Errorf(app.NotFound, "err.meeting_not_found")
	}
	accept := r.PostForm.Get("decision") == "accept"
	if _, err := s.store.DecideMeeting(r.Context(), e.ID, id, rq.actor.ID, accept, time.Now()); err != nil {
		return "", err
	}
	if accept {
		return "brokerage.accepted", nil
	}
	return "brokerage.declined", nil
}

// brokerageAgenda is the person's accepted meetings at the event as a calendar.
func (s *Server) brokerageAgenda(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.brokerageEvent(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	meetings, err := s.store.Meetings(r.Context(), e.ID, rq.actor.ID)
	if err != nil {
		return err
	}
	slots := e.Slots()
	var entries []ical.Event
	for _, m := range meetings {
		if m.Status != app.MeetingAccepted || m.Slot >= len(slots) {
			continue
		}
		other := m.Requester.Name
		if m.Requester.ID == rq.actor.ID {
			other = m.Invitee.Name
		}
		entries = append(entries, ical.Event{UID: fmt.Sprintf("meeting-%d@%s", m.ID, s.baseURL.Host),
			Summary: i18n.T(rq.lang, "brokerage.meeting_with", other, m.Table), Location: s.eventEntry(e).Location,
			URL: s.link("events", e.ID) + "/brokerage", Start: slots[m.Slot].Start, End: slots[m.Slot].End, Zone: e.TimeZone, Updated: m.CreatedAt})
	}
	return s.writeCalendar(w, fmt.Sprintf("mote-%d.ics", e.ID), i18n.T(rq.lang, "brokerage.agenda_name", e.Title), entries)
}
