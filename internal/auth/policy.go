package auth

import (
	"slices"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Actor is who is asking: a signed-in user with their memberships, or nobody (ID 0).
type Actor struct {
	app.User
	Memberships []app.Membership
	// AdminWaits: a platform administrator whose powers wait until they turn on
	// two-step verification (IsAdmin is false until then).
	AdminWaits bool
}

// NewActor is a person as the policy sees them: a platform administrator without two-step
// verification acts as anyone else until they turn it on.
func NewActor(u app.User, ms []app.Membership) Actor {
	a := Actor{User: u, Memberships: ms}
	if u.IsAdmin && !u.TwoFactor {
		a.IsAdmin, a.AdminWaits = false, true
	}
	return a
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

// CanManageWebhooks: register and delete an organisation's webhooks and see what was
// sent to them; its org_admins and platform admins.
func (a Actor) CanManageWebhooks(orgID int64) bool { return a.CanManageOrganisation(orgID) }

// CanSeeMembers: who works where is for signed-in people only.
func (a Actor) CanSeeMembers() bool { return a.SignedIn() }

// CanKeepRecords: read the audit log of an organisation's objects and export them for
// diarieföring; its registrars and platform admins.
func (a Actor) CanKeepRecords(orgID int64) bool {
	return a.IsAdmin || a.HasRole(orgID, app.RoleRegistrar)
}

// RecordScope is whose objects the actor exports as records: every organisation's for a
// platform admin, else those where they are registrar.
func (a Actor) RecordScope() (all bool, orgIDs []int64) {
	for _, m := range a.Memberships {
		if slices.Contains(m.Roles, app.RoleRegistrar) {
			orgIDs = append(orgIDs, m.Organisation.ID)
		}
	}
	return a.IsAdmin, orgIDs
}

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

// Viewer is what the store filters needs by.
func (a Actor) Viewer() app.Viewer {
	v := app.Viewer{UserID: a.ID, Admin: a.IsAdmin}
	for _, m := range a.Memberships {
		v.OrgIDs = append(v.OrgIDs, m.Organisation.ID)
	}
	return v
}

// NeedRelations says how the actor stands to a need, in the words of the transition table.
func (a Actor) NeedRelations(n app.Need) []app.NeedRelation {
	var rels []app.NeedRelation
	org := n.Organisation.ID
	if (n.Owner != nil && n.Owner.ID == a.ID) || a.HasRole(org, app.RoleNeedSubmitter) || (a.ID != 0 && n.CreatedBy.ID == a.ID && a.IsMember(org)) {
		rels = append(rels, app.RelOwner)
	}
	if a.HasRole(org, app.RoleCoordinator) {
		rels = append(rels, app.RelCoordinator)
	}
	if a.HasRole(org, app.RoleProcurementOfficer) {
		rels = append(rels, app.RelProcurement)
	}
	if a.IsAdmin {
		rels = append(rels, app.RelAdmin)
	}
	return rels
}

// CanMoveNeed: those the transition table knows (owner, coordinator, procurement officer,
// admin) may try to move a need; the table says which moves.
func (a Actor) CanMoveNeed(n app.Need) bool { return len(a.NeedRelations(n)) > 0 }

// NeedOrganisations are the public organisations in which the actor may register needs:
// where they submit needs or coordinate innovation.
func (a Actor) NeedOrganisations() []app.OrgRef {
	var out []app.OrgRef
	for _, m := range a.Memberships {
		if m.Organisation.Kind.IsPublic() && (slices.Contains(m.Roles, app.RoleNeedSubmitter) || slices.Contains(m.Roles, app.RoleCoordinator)) {
			out = append(out, m.Organisation)
		}
	}
	return out
}

// CanCreateNeedIn: need submitters and coordinators of a public organisation.
func (a Actor) CanCreateNeedIn(orgID int64) bool {
	return slices.ContainsFunc(a.NeedOrganisations(), func(o app.OrgRef) bool { return o.ID == orgID })
}

// IsNeedInsider: the owning and co-owning organisations (and platform admins) see internal
// comments, every question and the whole contact log.
func (a Actor) IsNeedInsider(n app.Need) bool {
	if a.IsAdmin || a.IsMember(n.Organisation.ID) {
		return true
	}
	return slices.ContainsFunc(n.CoOwners, func(c app.CoOwner) bool { return a.IsMember(c.Organisation.ID) })
}

// CanEditNeed: its owner, submitters and coordinators of the owning organisation, admins;
// a merged need is frozen.
func (a Actor) CanEditNeed(n app.Need) bool {
	rels := a.NeedRelations(n)
	return n.State != app.StateMerged && (slices.Contains(rels, app.RelOwner) || slices.Contains(rels, app.RelCoordinator) || slices.Contains(rels, app.RelAdmin))
}

// CanAsk: a supplier outside the owning side may ask, unless the procurement lock is on.
func (a Actor) CanAsk(n app.Need) bool {
	return a.IsSupplier() && !a.IsNeedInsider(n) && !n.ProcurementLocked() && n.State.Open()
}

// IsSupplier reports whether the actor holds the supplier role anywhere.
func (a Actor) IsSupplier() bool {
	return slices.ContainsFunc(a.Memberships, func(m app.Membership) bool { return slices.Contains(m.Roles, app.RoleSupplier) })
}

// SupplierOrg is the organisation a question is asked for: the first where the actor is a supplier.
func (a Actor) SupplierOrg() int64 {
	for _, m := range a.Memberships {
		if slices.Contains(m.Roles, app.RoleSupplier) {
			return m.Organisation.ID
		}
	}
	return 0
}

// CanCoordinateNeed: answer questions, keep the contact log and the dialogue summary.
func (a Actor) CanCoordinateNeed(n app.Need) bool {
	return a.IsAdmin || a.HasRole(n.Organisation.ID, app.RoleCoordinator) || a.HasRole(n.Organisation.ID, app.RoleProcurementOfficer)
}

// CanSeeContacts: insiders see the whole log; others the published entries, but no
// supplier sees any while the procurement lock is on.
func (a Actor) CanSeeContacts(n app.Need) (all, published bool) {
	if a.IsNeedInsider(n) {
		return true, true
	}
	return false, !n.ProcurementLocked()
}

// JoinableOrganisations are the public organisations in which the actor may say "we have
// this need too": not the owner, not yet a co-owner.
func (a Actor) JoinableOrganisations(n app.Need) []app.OrgRef {
	var out []app.OrgRef
	if !n.State.Open() {
		return nil
	}
	for _, o := range a.NeedOrganisations() {
		if o.ID != n.Organisation.ID && !slices.ContainsFunc(n.CoOwners, func(c app.CoOwner) bool { return c.Organisation.ID == o.ID }) {
			out = append(out, o)
		}
	}
	return out
}

// CanManageSolution: create, edit and delete the solutions of a supplier organisation.
func (a Actor) CanManageSolution(orgID int64) bool {
	return a.IsAdmin || a.HasRole(orgID, app.RoleOrgAdmin) || a.HasRole(orgID, app.RoleSupplier)
}

// SolutionView is a solution as the actor may see it: the fields the supplier marks as
// business secret only for members of the supplier organisation and platform admins.
func (a Actor) SolutionView(s app.Solution) app.Solution {
	if !a.IsAdmin && !a.IsMember(s.Organisation.ID) {
		s.HideSecrets()
	}
	return s
}

// CanPropose: those who manage a supplier's solutions may propose one for a need they see
// from outside, while the need is open and not under the procurement lock (equal
// treatment: no lobbying during a procurement).
func (a Actor) CanPropose(n app.Need, supplierOrg int64) bool {
	return a.CanManageSolution(supplierOrg) && !a.IsNeedInsider(n) && n.State.Open() && !n.ProcurementLocked()
}

// CheckPropose says why the actor may not propose the solution for the need, or nil.
func (a Actor) CheckPropose(n app.Need, sol app.Solution) error {
	switch {
	case a.CanPropose(n, sol.Organisation.ID):
		return nil
	case !a.SignedIn():
		return a.Require(false)
	case !a.CanManageSolution(sol.Organisation.ID) || a.IsNeedInsider(n):
		return app.Errorf(app.Forbidden, "err.propose_forbidden")
	case n.ProcurementLocked():
		return app.Errorf(app.Conflict, "err.proposals_locked", n.ProcurementContact)
	}
	return app.Errorf(app.Conflict, "err.proposals_closed")
}

// ProposalOrgs are the supplier organisations whose solutions the actor may propose.
func (a Actor) ProposalOrgs() []int64 {
	var out []int64
	for _, m := range a.Memberships {
		if a.CanManageSolution(m.Organisation.ID) && m.Organisation.Kind == app.KindCompany {
			out = append(out, m.Organisation.ID)
		}
	}
	return out
}

// CanDecideProposals: the need's owner, coordinators and admins shortlist, decline or
// pilot solutions.
func (a Actor) CanDecideProposals(n app.Need) bool {
	return a.CanEditNeed(n) || a.CanCoordinateNeed(n)
}

// ProposalScope says which of a need's proposals the actor sees: all (the owning side),
// or those of the actor's own organisations' solutions, never a competitor's.
func (a Actor) ProposalScope(n app.Need) (all bool, orgIDs []int64) {
	if a.IsNeedInsider(n) {
		return true, nil
	}
	for _, m := range a.Memberships {
		orgIDs = append(orgIDs, m.Organisation.ID)
	}
	return false, orgIDs
}

// ProjectOrganisations are the organisations in which the actor may start projects: where
// they coordinate innovation or administer the organisation.
func (a Actor) ProjectOrganisations() []app.OrgRef {
	var out []app.OrgRef
	for _, m := range a.Memberships {
		if slices.Contains(m.Roles, app.RoleCoordinator) || slices.Contains(m.Roles, app.RoleOrgAdmin) {
			out = append(out, m.Organisation)
		}
	}
	return out
}

// CanCreateProjectIn: coordinators and org_admins of the owning organisation, and admins.
func (a Actor) CanCreateProjectIn(orgID int64) bool {
	return a.IsAdmin || a.HasRole(orgID, app.RoleCoordinator) || a.HasRole(orgID, app.RoleOrgAdmin)
}

// IsProjectMember: members of the owner and of every partner (and platform admins) read
// and write the project's internal space and record measurements.
func (a Actor) IsProjectMember(p app.Project) bool {
	return a.IsAdmin || slices.ContainsFunc(p.OrgIDs(), a.IsMember)
}

// CanEditProject: its manager, the owner's coordinators and org_admins, and admins change
// the project, its KPIs and its go/no-go.
func (a Actor) CanEditProject(p app.Project) bool {
	return a.SignedIn() && (p.Manager != nil && p.Manager.ID == a.ID || a.CanCreateProjectIn(p.Organisation.ID))
}

// CanManageCalls: calls are public records that innovation coordinators and admins keep.
func (a Actor) CanManageCalls() bool {
	return a.IsAdmin || slices.ContainsFunc(a.Memberships, func(m app.Membership) bool { return slices.Contains(m.Roles, app.RoleCoordinator) })
}

// CanLeadApplication: a member of the lead applicant's organisation (or an admin) writes an
// application for it.
func (a Actor) CanLeadApplication(leadOrgID int64) bool {
	return a.IsAdmin || a.IsMember(leadOrgID)
}

// CanEditApplication: the members of its lead applicant, and admins; the other partners read it.
func (a Actor) CanEditApplication(x app.Application) bool {
	lead := x.Lead()
	return lead != nil && a.CanLeadApplication(lead.Organisation.ID)
}

// OfferOrganisations are the actor's organisations that may offer to join the application
// of a partner request: any but the one that seeks.
func (a Actor) OfferOrganisations(r app.PartnerRequest) []app.OrgRef {
	var out []app.OrgRef
	for _, m := range a.Memberships {
		if m.Organisation.ID != r.Organisation.ID {
			out = append(out, m.Organisation)
		}
	}
	return out
}

// OfferScope says which offers to a partner request the actor sees: all (the seeking
// organisation and admins), or those of the actor's own organisations, never a
// competitor's.
func (a Actor) OfferScope(r app.PartnerRequest) (all bool, orgIDs []int64) {
	if a.CanAcceptOffers(r) {
		return true, nil
	}
	for _, m := range a.Memberships {
		orgIDs = append(orgIDs, m.Organisation.ID)
	}
	return false, orgIDs
}

// CanAcceptOffers: the seeking organisation, which leads the application, takes partners in.
func (a Actor) CanAcceptOffers(r app.PartnerRequest) bool {
	return a.CanLeadApplication(r.Organisation.ID)
}

// CanManageEvent: edit an organisation's events, see and export their attendees and check
// people in: its event organisers and org_admins, and platform admins.
func (a Actor) CanManageEvent(orgID int64) bool {
	return a.IsAdmin || a.HasRole(orgID, app.RoleEventOrganiser) || a.HasRole(orgID, app.RoleOrgAdmin)
}

// EventOrganisations are the organisations whose events the actor may run.
func (a Actor) EventOrganisations() []app.OrgRef {
	var out []app.OrgRef
	for _, m := range a.Memberships {
		if a.CanManageEvent(m.Organisation.ID) {
			out = append(out, m.Organisation)
		}
	}
	return out
}

// CanBookRooms: people who work in a member organisation book the hub's rooms and desks,
// and platform admins.
func (a Actor) CanBookRooms() bool { return a.IsAdmin || len(a.Memberships) > 0 }

// CanCancelBooking: one's own bookings; platform admins any. An event's booking goes with
// the event's room.
func (a Actor) CanCancelBooking(b app.Booking) bool {
	return b.EventID == nil && a.SignedIn() && (a.IsAdmin || b.User.ID == a.ID)
}

// CanCancelVisit: a visit's host, and the hub's staff (platform admins), who also see every
// visit; the store's Visitors query holds the same rule.
func (a Actor) CanCancelVisit(v app.Visitor) bool {
	return a.SignedIn() && (a.IsAdmin || v.Host.ID == a.ID)
}

// CanManageRooms: set up the hub's rooms and desks; platform admins, until the hub has a
// manager role of its own.
func (a Actor) CanManageRooms() bool { return a.IsAdmin }
