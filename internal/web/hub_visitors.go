package web

import (
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// visitorsAhead is how far ahead the visitors page lists visits.
const visitorsAhead = 30

type visitorsPage struct {
	Today, Coming []app.Visitor
	Staff         bool
}

// hubVisitors shows today's and coming visitors: every one to the hub's staff, their own to a
// host; and the form to register one.
func (s *Server) hubVisitors(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanBookRooms()); err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "hub.visitors_title"))
	v.Form.Set("date", app.HubDay(time.Now()))
	return s.renderVisitors(w, r, rq, v, http.StatusOK)
}

func (s *Server) renderVisitors(w http.ResponseWriter, r *http.Request, rq *request, v *view, status int) error {
	now := time.Now()
	today := app.HubDay(now)
	list, err := s.store.Visitors(r.Context(), rq.actor.Viewer(), today, app.HubDay(now.AddDate(0, 0, visitorsAhead)))
	if err != nil {
		return err
	}
	p := visitorsPage{Staff: rq.actor.IsAdmin}
	for _, x := range list {
		if x.Date == today {
			p.Today = append(p.Today, x)
		} else {
			p.Coming = append(p.Coming, x)
		}
	}
	v.Data = p
	s.render(w, status, "hub_visitors", v)
	return nil
}

func (s *Server) hubVisitorCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanBookRooms()); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := app.VisitorInput{Name: r.PostForm.Get("name"), Organisation: r.PostForm.Get("organisation"), Date: r.PostForm.Get("date")}
	err := in.Normalise(time.Now())
	if err == nil {
		_, err = s.store.RegisterVisitor(r.Context(), rq.actor.ID, in, time.Now())
	}
	if err != nil {
		v := s.view(r, rq, "hub.visitors_title")
		v.Form = r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderVisitors(w, r, rq, v, StatusOf(app.ErrorCode(err)))
	}
	return s.redirect(w, r, "/hub/visitors", "hub.visitor_registered")
}

func (s *Server) hubVisitorDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return app.Errorf(app.NotFound, "err.visitor_not_found")
	}
	x, err := s.store.Visitor(r.Context(), id)
	if err != nil {
		return err
	}
	if !rq.actor.CanCancelVisit(x) {
		// Someone else's visitor is not theirs to know of.
		return app.Errorf(app.NotFound, "err.visitor_not_found")
	}
	if err := s.store.DeleteVisitor(r.Context(), id); err != nil {
		return err
	}
	return s.redirect(w, r, "/hub/visitors", "hub.visitor_deleted")
}
