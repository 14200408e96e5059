package web

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

// The admin pages are for platform admins only.

func (s *Server) adminUsers(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	q := r.URL.Query()
	list, err := s.store.ListUsers(r.Context(), app.UserFilter{Query: q.Get("q"), Page: app.Page{Cursor: q.Get("cursor")}})
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "admin.users_title"))
	v.Form = q
	v.Data = struct{ List app.List[app.User] }{list}
	s.render(w, http.StatusOK, "admin_users", v)
	return nil
}

func (s *Server) adminSetAdmin(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return app.Errorf(app.NotFound, "err.user_not_found")
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	admin := r.PostForm.Get("admin") == "true"
	if id == rq.actor.ID && !admin {
		return app.Errorf(app.Conflict, "err.admin_self")
	}
	if err := s.store.SetAdmin(r.Context(), id, admin); err != nil {
		return err
	}
	return s.redirect(w, r, "/admin/users", "form.saved")
}

func (s *Server) adminOrganisations(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	list, err := s.store.ListOrganisations(r.Context(), app.OrganisationFilter{Page: app.Page{Cursor: r.URL.Query().Get("cursor")}})
	if err != nil {
		return err
	}
	v := s.view(r, rq, "admin.organisations_title")
	v.Data = struct{ List app.List[app.Organisation] }{list}
	s.render(w, http.StatusOK, "admin_organisations", v)
	return nil
}

// adminOutbox shows the mail the platform would have sent, until SMTP is configured.
func (s *Server) adminOutbox(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	list, err := s.store.ListMail(r.Context(), app.Page{Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		return err
	}
	v := s.view(r, rq, "admin.outbox_title")
	v.Data = struct{ List app.List[app.Mail] }{list}
	s.render(w, http.StatusOK, "admin_outbox", v)
	return nil
}
