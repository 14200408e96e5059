package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
)

// invitation shows who invites to what; anyone holding the link may see it.
func (s *Server) invitation(w http.ResponseWriter, r *http.Request, rq *request) error {
	inv, err := s.store.Invitation(r.Context(), auth.HashSecret(r.PathValue("token")))
	if err != nil {
		return err
	}
	if inv.AcceptedAt != nil {
		return app.Errorf(app.Conflict, "err.invitation_used")
	}
	if !time.Now().Before(inv.ExpiresAt) {
		return app.Errorf(app.Conflict, "err.invitation_expired")
	}
	v := s.view(r, rq, "invitation.title")
	v.Data = struct{ Invitation app.Invitation }{inv}
	s.render(w, http.StatusOK, "invitation", v)
	return nil
}

// invitationAccept gives the signed-in person the invited role.
func (s *Server) invitationAccept(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	inv, err := s.store.AcceptInvitation(r.Context(), auth.HashSecret(r.PathValue("token")), rq.actor.ID, time.Now())
	if err != nil {
		return err
	}
	return s.redirect(w, r, fmt.Sprintf("/organisations/%d", inv.Organisation.ID), "invitation.accepted")
}
