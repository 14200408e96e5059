package web

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

func (s *Server) signupForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.view(r, rq, "signup.title")
	v.Form.Set("next", r.URL.Query().Get("next"))
	s.render(w, http.StatusOK, "signup", v)
	return nil
}

// signup creates the account and signs the person in.
func (s *Server) signup(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.view(r, rq, "signup.title")
	v.Form = r.PostForm
	u, err := s.accounts.SignUp(r.Context(), app.NewUser{
		Email: r.PostForm.Get("email"), Name: r.PostForm.Get("name"), Password: r.PostForm.Get("password"), Lang: rq.lang,
	})
	if err != nil {
		if err := formError(v, err); err != nil {
			return err
		}
		s.render(w, StatusOf(app.ErrorCode(err)), "signup", v)
		return nil
	}
	if err := s.startSession(w, r, rq, u.ID); err != nil {
		return err
	}
	return s.redirect(w, r, safeNext(r.PostForm.Get("next")), "signup.welcome")
}

// startSession replaces any session the browser had (a fresh id at every sign-in).
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, rq *request, userID int64) error {
	if rq.session != "" {
		if err := s.accounts.SignOut(r.Context(), rq.session); err != nil {
			return err
		}
	}
	secret, err := s.accounts.StartSession(r.Context(), userID)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, secret)
	return nil
}
