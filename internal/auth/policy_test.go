package auth

import (
	"slices"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

func member(orgID int64, kind app.OrgKind, roles ...app.Role) app.Membership {
	return app.Membership{Organisation: app.OrgRef{ID: orgID, Kind: kind}, Roles: roles}
}

func TestNeedPolicy(t *testing.T) {
	const region, kommun, company = 1, 2, 3
	need := app.Need{ID: 7, Organisation: app.OrgRef{ID: region, Kind: app.KindRegion}, State: app.StateMarketScan,
		Owner: &app.UserRef{ID: 10}, CreatedBy: app.UserRef{ID: 10}, CoOwners: []app.CoOwner{{Organisation: app.OrgRef{ID: kommun}}}}
	actors := map[string]Actor{
		"visitor":      {},
		"owner":        {User: app.User{ID: 10}, Memberships: []app.Membership{member(region, app.KindRegion, app.RoleMember)}},
		"submitter":    {User: app.User{ID: 11}, Memberships: []app.Membership{member(region, app.KindRegion, app.RoleNeedSubmitter)}},
		"coordinator":  {User: app.User{ID: 12}, Memberships: []app.Membership{member(region, app.KindRegion, app.RoleCoordinator)}},
		"procurement":  {User: app.User{ID: 13}, Memberships: []app.Membership{member(region, app.KindRegion, app.RoleProcurementOfficer)}},
		"coowner":      {User: app.User{ID: 14}, Memberships: []app.Membership{member(kommun, app.KindMunicipality, app.RoleCoordinator)}},
		"supplier":     {User: app.User{ID: 15}, Memberships: []app.Membership{member(company, app.KindCompany, app.RoleSupplier)}},
		"admin":        {User: app.User{ID: 16, IsAdmin: true}},
		"companyadmin": {User: app.User{ID: 17}, Memberships: []app.Membership{member(company, app.KindCompany, app.RoleOrgAdmin, app.RoleNeedSubmitter)}},
	}
	tests := []struct {
		actor                                  string
		rels                                   []app.NeedRelation
		insider, edit, ask, coordinate, create bool
	}{
		{"visitor", nil, false, false, false, false, false},
		{"owner", []app.NeedRelation{app.RelOwner}, true, true, false, false, false},
		{"submitter", []app.NeedRelation{app.RelOwner}, true, true, false, false, true},
		{"coordinator", []app.NeedRelation{app.RelCoordinator}, true, true, false, true, true},
		{"procurement", []app.NeedRelation{app.RelProcurement}, true, false, false, true, false},
		{"coowner", nil, true, false, false, false, true},
		{"supplier", nil, false, false, true, false, false},
		{"admin", []app.NeedRelation{app.RelAdmin}, true, true, false, true, false},
		{"companyadmin", nil, false, false, false, false, false}, // companies register solutions, not needs
	}
	for _, tt := range tests {
		a := actors[tt.actor]
		if got := a.NeedRelations(need); !slices.Equal(got, tt.rels) {
			t.Errorf("%s: relations %v, want %v", tt.actor, got, tt.rels)
		}
		checks := map[string][2]bool{
			"insider":    {a.IsNeedInsider(need), tt.insider},
			"edit":       {a.CanEditNeed(need), tt.edit},
			"ask":        {a.CanAsk(need), tt.ask},
			"coordinate": {a.CanCoordinateNeed(need), tt.coordinate},
			"create":     {len(a.NeedOrganisations()) > 0, tt.create},
		}
		for what, c := range checks {
			if c[0] != c[1] {
				t.Errorf("%s may %s: %v, want %v", tt.actor, what, c[0], c[1])
			}
		}
	}
	// The procurement lock closes questions and hides the contact log from suppliers.
	locked := need
	locked.State = app.StateProcurement
	s := actors["supplier"]
	if s.CanAsk(locked) {
		t.Error("a supplier may ask during procurement")
	}
	if all, pub := s.CanSeeContacts(locked); all || pub {
		t.Error("a supplier sees contacts during procurement")
	}
	if all, pub := s.CanSeeContacts(need); all || !pub {
		t.Error("a supplier should see the published contacts during the market scan")
	}
	if all, _ := actors["coowner"].CanSeeContacts(locked); !all {
		t.Error("a co-owner should see the whole log")
	}
	if j := actors["coowner"].JoinableOrganisations(need); len(j) != 0 {
		t.Errorf("a co-owner may join again: %v", j)
	}
}

func TestWebhookPolicy(t *testing.T) {
	const region, kommun = 1, 2
	for name, tt := range map[string]struct {
		actor Actor
		may   bool
	}{
		"visitor":            {Actor{}, false},
		"org admin":          {Actor{User: app.User{ID: 1}, Memberships: []app.Membership{member(region, app.KindRegion, app.RoleOrgAdmin)}}, true},
		"coordinator":        {Actor{User: app.User{ID: 2}, Memberships: []app.Membership{member(region, app.KindRegion, app.RoleCoordinator, app.RoleNeedSubmitter)}}, false},
		"admin of another":   {Actor{User: app.User{ID: 3}, Memberships: []app.Membership{member(kommun, app.KindMunicipality, app.RoleOrgAdmin)}}, false},
		"platform admin":     {Actor{User: app.User{ID: 4, IsAdmin: true}}, true},
		"member and admin 2": {Actor{User: app.User{ID: 5}, Memberships: []app.Membership{member(region, app.KindRegion, app.RoleMember), member(kommun, app.KindMunicipality, app.RoleOrgAdmin)}}, false},
	} {
		if got := tt.actor.CanManageWebhooks(region); got != tt.may {
			t.Errorf("%s may manage the region's webhooks: %v, want %v", name, got, tt.may)
		}
	}
}
