package web

import (
	"fmt"
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/httpx"
)

// loginView is the sign-in page, with a button for each identity provider.
func (s *Server) loginView(r *http.Request, rq *request) *view {
	v := s.view(r, rq, "login.title")
	v.Data = s.sso.Providers()
	return v
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.withFlash(w, r, s.loginView(r, rq))
	v.Form.Set("next", r.URL.Query().Get("next"))
	s.render(w, http.StatusOK, "login", v)
	return nil
}

// login takes email and password; automated clients post exactly these two fields.
func (s *Server) login(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.loginView(r, rq)
	v.Form = r.PostForm
	_, secret, err := s.accounts.SignIn(r.Context(), r.PostForm.Get("email"), r.PostForm.Get("password"), httpx.ClientIP(r, s.trustProxy))
	if s.secondFactor(w, r, err, r.PostForm.Get("next")) {
		return nil
	}
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
	return s.signedIn(w, r, rq, secret, r.PostForm.Get("next"))
}

// signedIn ends the browser's old session, if any, sets the new one and goes on to next.
func (s *Server) signedIn(w http.ResponseWriter, r *http.Request, rq *request, secret, next string) error {
	if rq.session != "" {
		if err := s.accounts.SignOut(r.Context(), rq.session); err != nil {
			return err
		}
	}
	s.setSessionCookie(w, secret)
	return s.redirect(w, r, safeNext(next), "")
}

// ssoStart sends the browser to an identity provider to sign in.
func (s *Server) ssoStart(w http.ResponseWriter, r *http.Request, rq *request) error {
	to, err := s.sso.Start(r.Context(), r.PathValue("provider"), safeNext(r.URL.Query().Get("next")))
	if err != nil {
		return err
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// ssoCallback finishes a sign-in when the identity provider sends the browser back.
func (s *Server) ssoCallback(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := r.URL.Query()
	u, next, err := s.sso.Finish(r.Context(), r.PathValue("provider"), q.Get("state"), q.Get("code"))
	if err == nil {
		var secret string
		if secret, err = s.accounts.StartSession(r.Context(), u.ID); err == nil {
			return s.signedIn(w, r, rq, secret, next)
		}
	}
	if code := app.ErrorCode(err); code != app.Unauthenticated && code != app.NotFound {
		return err
	}
	// The provider said no, the sign-in took too long, or was not started here.
	s.log.Info("web: single sign-on refused", "provider", r.PathValue("provider"), "err", err, "provider_error", q.Get("error"))
	v := s.loginView(r, rq)
	v.Errors["_form"] = app.AsError(err).Message
	s.render(w, http.StatusUnauthorized, "login", v)
	return nil
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
