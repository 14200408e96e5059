package web

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

type hubPage struct {
	Rooms []app.Room
	// Here is who is at the hub today, for signed-in people; Me is the person's own entry.
	Here     []app.Presence
	Me       *app.Presence
	CanCheck bool
	Orgs     []option
}

// hub lists the hub's rooms and desks and, to those signed in, who is here today.
func (s *Server) hub(w http.ResponseWriter, r *http.Request, rq *request) error {
	rooms, err := s.store.ListRooms(r.Context())
	if err != nil {
		return err
	}
	here, err := s.store.AtTheHub(r.Context(), rq.actor.Viewer(), time.Now())
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "hub.title"))
	p := hubPage{Rooms: rooms, Here: here, CanCheck: rq.actor.CanBookRooms(), Orgs: []option{{Value: "", Label: v.T("hub.no_org")}}}
	if i := slices.IndexFunc(here, func(x app.Presence) bool { return x.User.ID == rq.actor.ID }); i >= 0 {
		p.Me = &here[i]
		if p.Me.Organisation != nil {
			v.Form.Set("organisation_id", itoa(p.Me.Organisation.ID))
		}
	}
	for _, m := range rq.actor.Memberships {
		p.Orgs = append(p.Orgs, option{Value: itoa(m.Organisation.ID), Label: m.Organisation.Name})
	}
	v.Data = p
	s.render(w, http.StatusOK, "hub", v)
	return nil
}

// hubCheckIn lists the person as at the hub today, for one of their organisations or none.
func (s *Server) hubCheckIn(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanBookRooms()); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	orgID, _ := strconv.ParseInt(r.PostForm.Get("organisation_id"), 10, 64)
	if orgID != 0 && !rq.actor.IsMember(orgID) {
		return app.FieldErrors{"organisation_id": "err.organisation_not_found"}.Err()
	}
	if err := s.store.HubCheckIn(r.Context(), rq.actor.ID, orgID, time.Now()); err != nil {
		return err
	}
	return s.redirect(w, r, "/hub", "hub.checked_in")
}

func (s *Server) hubCheckOut(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	if err := s.store.HubCheckOut(r.Context(), rq.actor.ID); err != nil {
		return err
	}
	return s.redirect(w, r, "/hub", "hub.checked_out")
}
