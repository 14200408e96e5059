package api

import (
	"net/http"
	"slices"

	"github.com/tillsammans/tillsammans/internal/app"
)

// memberList shows who belongs to an organisation to signed-in people; e-mail addresses
// only to those who manage it.
func (s *Server) memberList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanSeeMembers()); err != nil {
		return err
	}
	id, err := pathID(r, "id", "err.organisation_not_found")
	if err != nil {
		return err
	}
	if _, err := s.store.Organisation(r.Context(), id); err != nil {
		return err
	}
	ms, err := s.store.Members(r.Context(), id)
	if err != nil {
		return err
	}
	if !rq.actor.CanManageOrganisation(id) {
		for i := range ms {
			ms[i].User.Email = ""
		}
	}
	writeJSON(w, http.StatusOK, app.List[app.Membership]{Items: ms})
	return nil
}

// rolesBody must name the roles; an empty list removes the person, a missing one is an error.
type rolesBody struct {
	Roles *[]app.Role `json:"roles"`
}

// memberSetRoles replaces a person's roles; an empty list removes them. An organisation's
// administrators change the roles of its members; platform admins may add anyone.
func (s *Server) memberSetRoles(w http.ResponseWriter, r *http.Request, rq *request) error {
	orgID, err := pathID(r, "id", "err.organisation_not_found")
	if err != nil {
		return err
	}
	userID, err := pathID(r, "user", "err.user_not_found")
	if err != nil {
		return err
	}
	if _, err := s.store.Organisation(r.Context(), orgID); err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanManageOrganisation(orgID)); err != nil {
		return err
	}
	var body rolesBody
	if err := decode(r, &body); err != nil {
		return err
	}
	if body.Roles == nil {
		return &app.Error{Code: app.Invalid, Message: "err.invalid_input", Fields: map[string]string{"roles": "err.required"}}
	}
	for _, role := range *body.Roles {
		if !role.Valid() {
			return &app.Error{Code: app.Invalid, Message: "err.invalid_input", Fields: map[string]string{"roles": "err.role"}}
		}
	}
	members, err := s.store.Members(r.Context(), orgID)
	if err != nil {
		return err
	}
	isMember := slices.ContainsFunc(members, func(m app.Membership) bool { return m.User.ID == userID })
	if !isMember && !rq.actor.IsAdmin {
		return app.Errorf(app.NotFound, "err.user_not_found")
	}
	if _, err := s.store.User(r.Context(), userID); err != nil {
		return err
	}
	roles := slices.Compact(slices.Sorted(slices.Values(*body.Roles)))
	if err := s.store.SetRoles(r.Context(), orgID, userID, roles); err != nil {
		return err
	}
	ms, err := s.store.Members(r.Context(), orgID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, app.List[app.Membership]{Items: ms})
	return nil
}
