package auth

import (
	"slices"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Actor is who is asking: a signed-in user with their memberships, or nobody (ID 0).
type Actor struct {
	app.User
	Memberships []app.Membership
}

// SignedIn reports whether the actor is a person rather than a visitor.
func (a Actor) SignedIn() bool { return a.ID != 0 }

// HasRole reports whether the actor holds role in organisation orgID.
func (a Actor) HasRole(orgID int64, role app.Role) bool {
	for _, m := range a.Memberships {
		if m.Organisation.ID == orgID && slices.Contains(m.Roles, role) {
			return true
		}
	}
	return false
}

// IsMember reports whether the actor holds any role in orgID.
func (a Actor) IsMember(orgID int64) bool {
	for _, m := range a.Memberships {
		if m.Organisation.ID == orgID {
			return true
		}
	}
	return false
}

// CanCreateOrganisation: any signed-in person may register an organisation and becomes
// its first administrator.
func (a Actor) CanCreateOrganisation() bool { return a.SignedIn() }

// CanManageOrganisation: edit its details, invite people and change their roles.
func (a Actor) CanManageOrganisation(orgID int64) bool {
	return a.IsAdmin || a.HasRole(orgID, app.RoleOrgAdmin)
}

// CanSeeMembers: who works where is for signed-in people only.
func (a Actor) CanSeeMembers() bool { return a.SignedIn() }

// CanAdminister: organisations and users across the platform.
func (a Actor) CanAdminister() bool { return a.IsAdmin }

// Require returns a Forbidden error (or Unauthenticated for a visitor) unless ok.
func (a Actor) Require(ok bool) error {
	switch {
	case ok:
		return nil
	case !a.SignedIn():
		return app.Errorf(app.Unauthenticated, "err.sign_in_required")
	default:
		return app.Errorf(app.Forbidden, "err.forbidden")
	}
}
