package api

import (
	"net/http"
	"slices"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Brokerage (1:1 meetings at an event) through the API: the published profiles for those
// who may see the event, one's own profile, and one's own meetings (the agenda).

// brokerageEvent is the event of the path as the caller may see it, if it holds 1:1 meetings.
func (s *Server) brokerageEvent(r *http.Request, rq *request) (app.Event, error) {
	e, err := s.loadEvent(r, rq)
	if err == nil && len(e.Slots()) == 0 {
		err = app.Errorf(app.NotFound, "err.brokerage_none")
	}
	return e, err
}

func (s *Server) brokerageProfiles(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.brokerageEvent(r, rq)
	if err != nil {
		return err
	}
	profiles, err := s.store.BrokerageProfiles(r.Context(), e.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Items []app.BrokerageProfile `json:"items"`
	}{profiles})
	return nil
}

// brokerageProfileSet publishes what the caller offers and seeks; they need a seat.
func (s *Server) brokerageProfileSet(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.brokerageEvent(r, rq)
	if err != nil {
		return err
	}
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	var in app.BrokerageProfileInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	if err := s.store.SetBrokerageProfile(r.Context(), e.ID, rq.actor.ID, in); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// meetingList is the caller's agenda at the event: the meetings they asked for or were
// asked to, in order of slot.
func (s *Server) meetingList(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.brokerageEvent(r, rq)
	if err != nil {
		return err
	}
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	meetings, err := s.store.Meetings(r.Context(), e.ID, rq.actor.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Items []app.Meeting `json:"items"`
	}{meetings})
	return nil
}

type meetingRequestBody struct {
	Slot      *int  `json:"slot"`
	InviteeID int64 `json:"invitee_id"`
}

func (s *Server) meetingRequest(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.brokerageEvent(r, rq)
	if err != nil {
		return err
	}
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	var in meetingRequestBody
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.Slot == nil || *in.Slot < 0 || *in.Slot >= len(e.Slots()) {
		return app.FieldErrors{"slot": "err.meeting_slot"}.Err()
	}
	m, err := s.store.RequestMeeting(r.Context(), e.ID, *in.Slot, rq.actor.ID, in.InviteeID, time.Now())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, m)
	return nil
}

type meetingDecisionBody struct {
	Accept *bool `json:"accept"`
}

// meetingDecide: the invitee accepts (a table is given) or declines.
func (s *Server) meetingDecide(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.brokerageEvent(r, rq)
	if err != nil {
		return err
	}
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	id, err := pathID(r, "mid", "err.meeting_not_found")
	if err != nil {
		return err
	}
	// A meeting the caller was not asked to is not found, whatever the body says.
	mine, err := s.store.Meetings(r.Context(), e.ID, rq.actor.ID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(mine, func(m app.Meeting) bool { return m.ID == id && m.Invitee.ID == rq.actor.ID }) {
		return app.Errorf(app.NotFound, "err.meeting_not_found")
	}
	var in meetingDecisionBody
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.Accept == nil {
		return app.FieldErrors{"accept": "err.required"}.Err()
	}
	m, err := s.store.DecideMeeting(r.Context(), e.ID, id, rq.actor.ID, *in.Accept, time.Now())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}
