package api

import (
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// At the hub today and its visitors: for signed-in people, never anonymous.

const visitorsAhead = 30 * 24 * time.Hour

// presenceList is who is at the hub now, in the order they came.
func (s *Server) presenceList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	here, err := s.store.AtTheHub(r.Context(), rq.actor.Viewer(), time.Now())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Items []app.Presence `json:"items"`
	}{here})
	return nil
}

type presenceBody struct {
	OrganisationID int64 `json:"organisation_id"`
}

// presenceSet checks the caller in for today, shown for one of their organisations or none.
func (s *Server) presenceSet(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanBookRooms()); err != nil {
		return err
	}
	var in presenceBody
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.OrganisationID != 0 && !rq.actor.IsMember(in.OrganisationID) {
		return app.FieldErrors{"organisation_id": "err.organisation_not_found"}.Err()
	}
	if err := s.store.HubCheckIn(r.Context(), rq.actor.ID, in.OrganisationID, time.Now()); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) presenceDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	if err := s.store.HubCheckOut(r.Context(), rq.actor.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// visitorList: the visits of today and the next 30 days the caller may see (every one for
// the hub's staff, their own for a host).
func (s *Server) visitorList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	now := time.Now()
	list, err := s.store.Visitors(r.Context(), rq.actor.Viewer(), app.HubDay(now), app.HubDay(now.Add(visitorsAhead)))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Items []app.Visitor `json:"items"`
	}{list})
	return nil
}

func (s *Server) visitorCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanBookRooms()); err != nil {
		return err
	}
	var in app.VisitorInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(time.Now()); err != nil {
		return err
	}
	x, err := s.store.RegisterVisitor(r.Context(), rq.actor.ID, in, time.Now())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, x)
	return nil
}

// visitorDelete: the host's own visit, any for the hub's staff; another's is not found.
func (s *Server) visitorDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	id, err := pathID(r, "id", "err.visitor_not_found")
	if err != nil {
		return err
	}
	x, err := s.store.Visitor(r.Context(), id)
	if err != nil {
		return err
	}
	if !rq.actor.CanCancelVisit(x) {
		return app.Errorf(app.NotFound, "err.visitor_not_found")
	}
	if err := s.store.DeleteVisitor(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
