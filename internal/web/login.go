package web

import (
	"fmt"
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/httpx"
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.withFlash(w, r, s.view(r, rq, "login.title"))
	v.Form.Set("next", r.URL.Query().Get("next"))
	s.render(w, http.StatusOK, "login", v)
	return nil
}

// login takes email and password; automated clients post exactly these two fields.
func (s *Server) login(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.view(r, rq, "login.title")
	v.Form = r.PostForm
	_, secret, err := s.accounts.SignIn(r.Context(), r.PostForm.Get("email"), r.PostForm.Get("password"), httpx.ClientIP(r, s.trustProxy))
	if err != nil {
		e := app.AsError(err)
		if e.RetryAfter > 0 {
			w.Header().Set("Retry-After", fmt.Sprint(int(e.RetryAfter.Seconds())+1))
		}
		if err := formError(v, err); err != nil {
			return err
		}
		s.render(w, StatusOf(e.Code), "login", v)
		return nil
	}
	if rq.session != "" {
		if err := s.accounts.SignOut(r.Context(), rq.session); err != nil {
			return err
		}
	}
	s.setSessionCookie(w, secret)
	return s.redirect(w, r, safeNext(r.PostForm.Get("next")), "")
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.session != "" {
		if err := s.accounts.SignOut(r.Context(), rq.session); err != nil {
			return err
		}
	}
	s.setSessionCookie(w, "")
	return s.redirect(w, r, "/", "login.signed_out")
}
