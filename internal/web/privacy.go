package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// privacy says what the platform keeps about people, why, for how long, and their rights.
func (s *Server) privacy(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, http.StatusOK, "privacy", s.view(r, rq, "privacy.title"))
	return nil
}

// accessibility is the accessibility statement that public bodies must publish, with a
// form for reporting what does not work.
func (s *Server) accessibility(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, http.StatusOK, "accessibility", s.withFlash(w, r, s.view(r, rq, "a11y.title")))
	return nil
}

// maxFeedback is how long a feedback message may be, in characters.
const maxFeedback = 4000

// accessibilityFeedback mails a report about accessibility to the platform's administrators.
func (s *Server) accessibilityFeedback(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.view(r, rq, "a11y.title")
	v.Form = r.PostForm
	message := strings.TrimSpace(r.PostForm.Get("message"))
	switch {
	case message == "":
		v.Errors["message"] = "err.required"
	case len([]rune(message)) > maxFeedback:
		v.Errors["message"] = "err.too_long"
	}
	reply := strings.TrimSpace(r.PostForm.Get("email"))
	if reply != "" {
		if _, ok := app.NormaliseEmail(reply); !ok {
			v.Errors["email"] = "err.email"
		}
	}
	if len(v.Errors) > 0 {
		s.render(w, http.StatusUnprocessableEntity, "accessibility", v)
		return nil
	}
	admins, err := s.store.PlatformAdmins(r.Context())
	if err != nil {
		return err
	}
	if reply == "" {
		reply = "–"
	}
	for _, a := range admins {
		err := s.mail.Send(r.Context(), app.Mail{To: a.Email, Subject: i18n.T(a.Lang, "mail.a11y_subject"),
			Body: i18n.T(a.Lang, "mail.a11y_body", message, reply, r.Referer())})
		if err != nil {
			return err
		}
	}
	return s.redirect(w, r, "/accessibility", "a11y.thanks")
}

// profileData hands the signed-in person everything kept about them, as JSON.
func (s *Server) profileData(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	d, err := s.store.PersonalData(r.Context(), rq.actor.ID, time.Now())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="tillsammans-mina-uppgifter.json"`)
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// profileDelete deletes the signed-in person's account once they confirm with their password.
func (s *Server) profileDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	if err := s.accounts.DeleteAccount(r.Context(), rq.actor.User, r.PostForm.Get("delete_password")); err != nil {
		v := s.profileView(r, rq)
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderProfile(w, r, rq, v, StatusOf(app.ErrorCode(err)), "")
	}
	s.setSessionCookie(w, "")
	return s.redirect(w, r, "/", "profile.deleted")
}
