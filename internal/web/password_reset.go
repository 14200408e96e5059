package web

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// passwordForgotForm asks for the e-mail address of a forgotten password.
func (s *Server) passwordForgotForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, http.StatusOK, "password_forgot", s.view(r, rq, "reset.title"))
	return nil
}

// passwordForgot mails a reset link when the address has an account, and answers the
// same either way, so that nobody learns who has an account here.
func (s *Server) passwordForgot(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.view(r, rq, "reset.title")
	v.Form = r.PostForm
	secret, u, err := s.accounts.RequestPasswordReset(r.Context(), r.PostForm.Get("email"))
	if err != nil {
		if err := formError(v, err); err != nil {
			return err
		}
		s.render(w, http.StatusUnprocessableEntity, "password_forgot", v)
		return nil
	}
	if secret != "" {
		lang := u.Lang
		if lang == "" {
			lang = rq.lang
		}
		link := s.baseURL.JoinPath("password", "reset", secret).String()
		if err := s.mail.Send(r.Context(), app.Mail{To: u.Email, Subject: i18n.T(lang, "mail.reset_subject"),
			Body: i18n.T(lang, "mail.reset_body", u.Name, link, int(auth.ResetLinkLifetime.Minutes()))}); err != nil {
			return err
		}
	}
	v.Flash = "reset.sent"
	v.Form = nil
	s.render(w, http.StatusOK, "password_forgot", v)
	return nil
}

// passwordResetForm asks for the new password of a reset link.
func (s *Server) passwordResetForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.view(r, rq, "reset.new_title")
	v.Data = r.PathValue("token")
	s.render(w, http.StatusOK, "password_reset", v)
	return nil
}

// passwordReset sets the new password, ends every session and sends the person to sign in.
func (s *Server) passwordReset(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.view(r, rq, "reset.new_title")
	v.Data = r.PathValue("token")
	_, err := s.accounts.ResetPassword(r.Context(), r.PathValue("token"), r.PostForm.Get("password"))
	if err == nil {
		// Every session has ended, this browser's too.
		s.setSessionCookie(w, "")
		return s.redirect(w, r, "/login", "reset.done")
	}
	if app.ErrorCode(err) == app.NotFound {
		v.Errors["_form"] = "err.reset_invalid"
		s.render(w, http.StatusGone, "password_reset", v)
		return nil
	}
	if err := formError(v, err); err != nil {
		return err
	}
	s.render(w, http.StatusUnprocessableEntity, "password_reset", v)
	return nil
}
