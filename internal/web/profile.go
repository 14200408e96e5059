package web

import (
	"net/http"
	"strconv"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

type profileData struct {
	Languages []option
	Tokens    []app.Token
	NewToken  string
	TwoFactor *twoFactorData
	// NewCalendar is the address of the person's calendar feed, shown once when made.
	NewCalendar string
}

// profile shows the person's details, organisations, password form and API tokens.
func (s *Server) profile(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderProfile(w, r, rq, s.withFlash(w, r, s.profileView(r, rq)), http.StatusOK, "")
}

// profileView is the profile page with the person's name and language in its form.
func (s *Server) profileView(r *http.Request, rq *request) *view {
	v := s.view(r, rq, "profile.title")
	v.Form.Set("name", rq.actor.Name)
	v.Form.Set("lang", rq.actor.Lang)
	return v
}

func (s *Server) renderProfile(w http.ResponseWriter, r *http.Request, rq *request, v *view, status int, newToken string) error {
	return s.renderProfileWith(w, r, rq, v, status, profileData{NewToken: newToken})
}

func (s *Server) renderProfileWith(w http.ResponseWriter, r *http.Request, rq *request, v *view, status int, d profileData) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	tokens, err := s.store.ListTokens(r.Context(), rq.actor.ID)
	if err != nil {
		return err
	}
	langs := make([]option, len(i18n.Languages))
	for i, l := range i18n.Languages {
		langs[i] = option{Value: l, Label: i18n.T(l, "lang.name")}
	}
	d.Languages, d.Tokens = langs, tokens
	v.Data = d
	s.render(w, status, "profile", v)
	return nil
}

func (s *Server) profileSave(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.view(r, rq, "profile.title")
	v.Form = r.PostForm
	name, k := app.NormaliseName(r.PostForm.Get("name"))
	if k != "" {
		v.Errors["name"] = k
	}
	lang := r.PostForm.Get("lang")
	if !i18n.Supported(lang) {
		v.Errors["lang"] = "err.lang"
	}
	if len(v.Errors) > 0 {
		return s.renderProfile(w, r, rq, v, http.StatusUnprocessableEntity, "")
	}
	if err := s.store.UpdateUser(r.Context(), rq.actor.ID, name, lang); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: i18n.CookieName, Path: "/", MaxAge: -1})
	return s.redirect(w, r, "/profile", "form.saved")
}

func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	err := s.accounts.ChangePassword(r.Context(), rq.actor.User, r.PostForm.Get("current_password"), r.PostForm.Get("new_password"), rq.session)
	if err != nil {
		v := s.profileView(r, rq)
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderProfile(w, r, rq, v, StatusOf(app.ErrorCode(err)), "")
	}
	return s.redirect(w, r, "/profile", "profile.password_changed")
}

// tokenCreate shows the new token once, on the page that answers the form.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.profileView(r, rq)
	secret, _, err := s.accounts.CreateToken(r.Context(), rq.actor.ID, r.PostForm.Get("token_name"))
	if err != nil {
		v.Form.Set("token_name", r.PostForm.Get("token_name"))
		e := app.AsError(err)
		if e.Code != app.Invalid {
			return err
		}
		v.Errors["token_name"] = e.Fields["name"]
		return s.renderProfile(w, r, rq, v, http.StatusUnprocessableEntity, "")
	}
	return s.renderProfile(w, r, rq, v, http.StatusOK, secret)
}

func (s *Server) tokenDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return app.Errorf(app.NotFound, "err.token_not_found")
	}
	if err := s.store.DeleteToken(r.Context(), rq.actor.ID, id); err != nil {
		return err
	}
	return s.redirect(w, r, "/profile", "profile.token_revoked")
}
