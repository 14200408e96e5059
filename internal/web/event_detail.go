package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

type eventPage struct {
	Event app.Event
	// Mine is the person's registration, nil when they have none.
	Mine      *app.Registration
	Open      bool
	CanManage bool
	// MinutesDue: a dialogue meeting that is over, without minutes yet.
	MinutesDue bool
}

// eventDetail shows an event to those in its audience, with the person's registration.
func (s *Server) eventDetail(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventFromPath(r, rq)
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "event.detail_title"))
	return s.renderEvent(w, r, rq, v, e, http.StatusOK)
}

func (s *Server) renderEvent(w http.ResponseWriter, r *http.Request, rq *request, v *view, e app.Event, status int) error {
	now := time.Now()
	p := eventPage{Event: e, Open: e.RegistrationOpen(now), CanManage: rq.actor.CanManageEvent(e.Organisation.ID), MinutesDue: e.MinutesDue(now)}
	if rq.actor.SignedIn() {
		mine, err := s.store.Registration(r.Context(), e.ID, rq.actor.ID)
		if err == nil {
			p.Mine = &mine
		} else if app.ErrorCode(err) != app.NotFound {
			return err
		}
	}
	v.Heading, v.Data = e.Title, p
	s.render(w, status, "event_detail", v)
	return nil
}

// eventRegister gives the person a seat, or a place on the waiting list.
func (s *Server) eventRegister(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventFromPath(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := app.RegistrationInput{Dietary: r.PostForm.Get("dietary"), AccessNeeds: r.PostForm.Get("access_needs")}
	err = in.Normalise()
	var reg app.Registration
	if err == nil {
		reg, err = s.store.Register(r.Context(), rq.actor.Viewer(), e.ID, in, time.Now())
	}
	flash := "event.registered"
	if err == nil && reg.Status == app.StatusWaiting {
		flash = "event.waiting"
	}
	return s.afterEventForm(w, r, rq, e, err, flash, nil)
}

// eventCancel gives up the person's place; the first waiting gets a seat that comes free.
func (s *Server) eventCancel(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventFromPath(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	if err := s.store.CancelRegistration(r.Context(), e.ID, rq.actor.ID, time.Now()); err != nil {
		return err
	}
	return s.redirect(w, r, eventPath(e.ID), "event.cancelled")
}

// eventMinutes publishes a dialogue meeting's minutes, for its organisers.
func (s *Server) eventMinutes(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventManaged(r, rq)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	minutes, err := app.CheckText("minutes", r.PostForm.Get("minutes"), true)
	if err == nil {
		err = s.store.PublishMinutes(r.Context(), e.ID, rq.actor.ID, minutes, time.Now())
	}
	return s.afterEventForm(w, r, rq, e, err, "dialogue.minutes_published", nil)
}

// eventFromPath loads the event of the path as the person may see it: one outside its
// audience is not found, like one that does not exist.
func (s *Server) eventFromPath(r *http.Request, rq *request) (app.Event, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return app.Event{}, app.Errorf(app.NotFound, "err.event_not_found")
	}
	return s.store.Event(r.Context(), rq.actor.Viewer(), id)
}

func eventPath(id int64) string { return fmt.Sprintf("/events/%d", id) }
