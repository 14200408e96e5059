package api

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

// meBody is the signed-in person with the organisations they belong to.
type meBody struct {
	app.User
	Memberships []app.Membership `json:"memberships"`
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	ms := make([]app.Membership, len(rq.actor.Memberships))
	for i, m := range rq.actor.Memberships {
		m.User = app.UserRef{} // it is the caller
		ms[i] = m
	}
	writeJSON(w, http.StatusOK, meBody{rq.actor.User, ms})
	return nil
}
