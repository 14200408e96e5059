package auth

import (
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

func TestSolutionPolicy(t *testing.T) {
	const company, other = 3, 4
	sol := app.Solution{ID: 1, Organisation: app.OrgRef{ID: company, Kind: app.KindCompany}, Description: "Hemligt", Hosting: "Azure",
		Evidence: "Studie", Interoperability: []string{"FHIR"}, SecretFields: []string{"hosting", "interoperability"}}
	tests := []struct {
		name          string
		actor         Actor
		manage, shows bool
	}{
		{"visitor", Actor{}, false, false},
		{"member", Actor{User: app.User{ID: 2}, Memberships: []app.Membership{member(company, app.KindCompany, app.RoleMember)}}, false, true},
		{"supplier", Actor{User: app.User{ID: 3}, Memberships: []app.Membership{member(company, app.KindCompany, app.RoleSupplier)}}, true, true},
		{"orgadmin", Actor{User: app.User{ID: 4}, Memberships: []app.Membership{member(company, app.KindCompany, app.RoleOrgAdmin)}}, true, true},
		{"other supplier", Actor{User: app.User{ID: 5}, Memberships: []app.Membership{member(other, app.KindCompany, app.RoleSupplier, app.RoleOrgAdmin)}}, false, false},
		{"admin", Actor{User: app.User{ID: 6, IsAdmin: true}}, true, true},
	}
	for _, tt := range tests {
		if got := tt.actor.CanManageSolution(company); got != tt.manage {
			t.Errorf("%s: CanManageSolution = %v, want %v", tt.name, got, tt.manage)
		}
		v := tt.actor.SolutionView(sol)
		shown := v.Hosting == "Azure" && len(v.Interoperability) == 1
		if shown != tt.shows {
			t.Errorf("%s: secrets shown = %v, want %v (%+v)", tt.name, shown, tt.shows, v)
		}
		if v.Description != "Hemligt" || v.Evidence != "Studie" {
			t.Errorf("%s: a field not marked secret was hidden: %+v", tt.name, v)
		}
	}
	if sol.Hosting != "Azure" {
		t.Fatal("SolutionView changed the original")
	}
}
