// Package demo loads a realistic Swedish dataset modelled on the e-health hub in
// Östersund: the region, the municipality, a Norwegian neighbour, a handful of fictional
// companies and people in every role, and needs in every state of their lifecycle with
// histories over the last year and a half (needs.go, needs_data.go). Later capabilities
// add their own records here.
package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
)

// Password is shared by every demo account; it is printed at start-up.
const Password = "Tillsammans-demo-2026"

// Account is a demo person, printed so that a newcomer can sign in as any role.
type Account struct {
	Email, Name, Organisation string
	Roles                     []app.Role
	Admin                     bool
}

var organisations = []app.OrganisationInput{
	{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, OrgNumber: "232100-0214", Country: "SE", County: "Jämtland",
		Description:  "Hälso- och sjukvård för länets 130 000 invånare över ett av Sveriges glesaste områden. Driver E-hälsocentrum i Östersund tillsammans med kommunen.",
		Capabilities: []string{"primärvård", "sjukhusvård", "distansvård", "e-hälsa"}},
	{Name: "Östersunds kommun", Kind: app.KindMunicipality, OrgNumber: "212000-2411", Country: "SE", County: "Jämtland",
		Description:  "Kommunal hemsjukvård, hemtjänst och särskilt boende. Arbetar med välfärdsteknik och digital tillsyn.",
		Capabilities: []string{"hemtjänst", "särskilt boende", "välfärdsteknik"}},
	{Name: "Levanger kommune", Kind: app.KindMunicipality, OrgNumber: "938587418", Country: "NO", County: "Trøndelag",
		Description:  "Norsk kommune i Trøndelag med erfaring av velferdsteknologi og samarbeid over grensen.",
		Capabilities: []string{"velferdsteknologi", "hjemmetjenester"}},
	{Name: "Helse Nord-Trøndelag HF", Kind: app.KindHealthTrust, OrgNumber: "983974791", Country: "NO", County: "Trøndelag",
		Description:  "Helseforetak med sykehusene i Levanger og Namsos.",
		Capabilities: []string{"sjukhusvård", "akutmedicin"}},
	{Name: "Mittuniversitetet", Kind: app.KindAcademia, OrgNumber: "202100-2783", Country: "SE", County: "Västernorrland",
		Description:  "Forskning om e-hälsa, digitalisering och hållbar välfärd i glesbygd.",
		Capabilities: []string{"forskning", "utvärdering", "e-hälsa"}},
	{Name: "Fjällvård Digital AB", Kind: app.KindCompany, Size: app.SizeSME, OrgNumber: "556812-3409", Country: "SE", County: "Jämtland",
		Description:  "Videobesök och virtuella akutrum för vård på långa avstånd.",
		Capabilities: []string{"videomöten", "virtuellt akutrum", "distansvård"}},
	{Name: "Norrsken Sensorik AB", Kind: app.KindCompany, Size: app.SizeSME, OrgNumber: "559034-5673", Country: "SE", County: "Västerbotten",
		Description:  "Sensorer och kameror för digital nattillsyn och fallupptäckt i hemmet och på boenden.",
		Capabilities: []string{"digital nattillsyn", "sensorer", "trygghetslarm"}},
	{Name: "Dosera Hälsa AB", Kind: app.KindCompany, Size: app.SizeSME, OrgNumber: "556745-1231", Country: "SE", County: "Stockholm",
		Description:  "Läkemedelsautomater med påminnelser för äldre som bor hemma.",
		Capabilities: []string{"läkemedelsautomat", "egenvård"}},
	{Name: "Storsjö Hälsodata AB", Kind: app.KindCompany, Size: app.SizeLarge, OrgNumber: "556690-0121", Country: "SE", County: "Jämtland",
		Description:  "Plattform för egenmonitorering: blodtryck, vikt och syremättnad mäts hemma och följs av vården.",
		Capabilities: []string{"egenmonitorering", "FHIR", "KOL", "hjärtsvikt"}},
}

var people = []struct {
	email, name string
	org         int // index in organisations, -1 for none
	roles       []app.Role
	admin       bool
}{
	{"admin@tillsammans.example", "Alva Admin", -1, nil, true},
	{"karin.lindqvist@regionjh.example", "Karin Lindqvist", 0, []app.Role{app.RoleCoordinator, app.RoleOrgAdmin}, false},
	{"erik.sundberg@regionjh.example", "Erik Sundberg", 0, []app.Role{app.RoleNeedSubmitter}, false},
	{"maria.holm@regionjh.example", "Maria Holm", 0, []app.Role{app.RoleProcurementOfficer}, false},
	{"sara.nilsson@ostersund.example", "Sara Nilsson", 1, []app.Role{app.RoleCoordinator, app.RoleNeedSubmitter, app.RoleOrgAdmin}, false},
	{"lars.persson@ostersund.example", "Lars Persson", 1, []app.Role{app.RoleEventOrganiser, app.RoleMember}, false},
	{"ingrid.haugen@levanger.example", "Ingrid Haugen", 2, []app.Role{app.RoleCoordinator, app.RoleOrgAdmin}, false},
	{"ola.berg@hnt.example", "Ola Berg", 3, []app.Role{app.RoleNeedSubmitter}, false},
	{"linnea.forsberg@miun.example", "Linnea Forsberg", 4, []app.Role{app.RoleMember, app.RoleOrgAdmin}, false},
	{"anna.ek@fjallvard.example", "Anna Ek", 5, []app.Role{app.RoleSupplier, app.RoleOrgAdmin}, false},
	{"oskar.strand@norrsken.example", "Oskar Strand", 6, []app.Role{app.RoleSupplier, app.RoleOrgAdmin}, false},
	{"leila.haddad@dosera.example", "Leila Haddad", 7, []app.Role{app.RoleSupplier, app.RoleOrgAdmin}, false},
	{"per.olsson@storsjohalsodata.example", "Per Olsson", 8, []app.Role{app.RoleSupplier, app.RoleOrgAdmin}, false},
}

// Load fills an empty database and returns the accounts it made. A database that already
// has people is left alone (loaded false). Times in the demo are relative to now.
func Load(ctx context.Context, s app.Store) (accounts []Account, loaded bool, err error) {
	existing, err := s.ListUsers(ctx, app.UserFilter{Page: app.Page{Limit: 1}})
	if err != nil {
		return nil, false, err
	}
	if len(existing.Items) > 0 {
		return nil, false, nil
	}
	orgIDs := make([]int64, len(organisations))
	for i, in := range organisations {
		if err := in.Normalise(); err != nil {
			return nil, false, fmt.Errorf("demo: %s: %w", in.Name, err)
		}
		o, err := s.CreateOrganisation(ctx, in, 0)
		if err != nil {
			return nil, false, fmt.Errorf("demo: %s: %w", in.Name, err)
		}
		orgIDs[i] = o.ID
	}
	hash := auth.HashPassword(Password)
	userIDs := map[string]int64{} // by the first part of the e-mail address
	for _, p := range people {
		u, err := s.CreateUser(ctx, app.NewUser{Email: p.email, Name: p.name, IsAdmin: p.admin, Lang: "sv"}, hash)
		if err != nil {
			return nil, false, fmt.Errorf("demo: %s: %w", p.email, err)
		}
		userIDs[personKey(p.email)] = u.ID
		a := Account{Email: p.email, Name: p.name, Roles: p.roles, Admin: p.admin}
		if p.org >= 0 {
			a.Organisation = organisations[p.org].Name
			for _, r := range p.roles {
				if err := s.AddRole(ctx, orgIDs[p.org], u.ID, r); err != nil {
					return nil, false, fmt.Errorf("demo: %s: %w", p.email, err)
				}
			}
		}
		accounts = append(accounts, a)
	}
	orgsByName := make(map[string]int64, len(organisations))
	for i, o := range organisations {
		orgsByName[o.Name] = orgIDs[i]
	}
	if err := loadNeeds(ctx, s, orgsByName, userIDs, time.Now()); err != nil {
		return nil, false, err
	}
	if err := loadSolutions(ctx, s, orgsByName, userIDs); err != nil {
		return nil, false, err
	}
	if err := loadProposals(ctx, s, userIDs); err != nil {
		return nil, false, err
	}
	if err := loadProjects(ctx, s, orgsByName, userIDs, time.Now()); err != nil {
		return nil, false, err
	}
	if err := loadFunding(ctx, s, orgsByName, userIDs, time.Now()); err != nil {
		return nil, false, err
	}
	if err := loadHub(ctx, s, orgsByName, userIDs, time.Now()); err != nil {
		return nil, false, err
	}
	return accounts, true, nil
}

// personKey names a demo person in the need specs: "karin" for karin.lindqvist@….
func personKey(email string) string {
	local, _, _ := strings.Cut(email, "@")
	first, _, _ := strings.Cut(local, ".")
	return first
}
