package api

import (
	"net/http"
	"strconv"

	"github.com/tillsammans/tillsammans/internal/app"
)

// The users endpoints are for platform admins.

func (s *Server) userList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	p, err := page(r)
	if err != nil {
		return err
	}
	list, err := s.store.ListUsers(r.Context(), app.UserFilter{Query: r.URL.Query().Get("q"), Page: p})
	if err != nil {
		return listError(err)
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

func (s *Server) userGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	id, err := pathID(r, "id", "err.user_not_found")
	if err != nil {
		return err
	}
	u, err := s.store.User(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

type newUserBody struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Password string `json:"password"`
	IsAdmin  bool   `json:"is_admin"`
	Lang     string `json:"lang"`
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	var b newUserBody
	if err := decode(r, &b); err != nil {
		return err
	}
	if b.Lang != "" && b.Lang != "sv" && b.Lang != "en" {
		return &app.Error{Code: app.Invalid, Message: "err.invalid_input", Fields: map[string]string{"lang": "err.lang"}}
	}
	u, err := s.accounts.SignUp(r.Context(), app.NewUser{Email: b.Email, Name: b.Name, Password: b.Password, IsAdmin: b.IsAdmin, Lang: b.Lang})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/users/"+itoa(u.ID))
	writeJSON(w, http.StatusCreated, u)
	return nil
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
