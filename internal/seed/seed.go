// Package seed makes synthetic but realistic data in proportion, for benchmarks, load
// tests and the seed command: public organisations with staff, needs in every state with
// their histories and comments, companies with solutions, projects with partners,
// milestones and KPIs, funding calls, and events with registrations. Texts mix the
// field's subjects with words drawn from a large vocabulary by Zipf's law, so that the
// search index meets the spread of terms real text has.
package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Store is what seeding writes through.
type Store interface {
	CreateOrganisation(ctx context.Context, in app.OrganisationInput, creatorID int64) (app.Organisation, error)
	CreateUser(ctx context.Context, u app.NewUser, passwordHash string) (app.User, error)
	AddRole(ctx context.Context, orgID, userID int64, role app.Role) error
	SeedNeeds(ctx context.Context, needs []app.SeedNeed) error
	SeedSolutions(ctx context.Context, sols []app.SeedSolution) error
	ListNeeds(ctx context.Context, v app.Viewer, f app.NeedFilter) (app.List[app.Need], error)
	AddComment(ctx context.Context, needID, userID int64, body string) (app.Comment, error)
	CreateEvent(ctx context.Context, orgID, creatorID int64, in app.EventInput) (app.Event, error)
	Register(ctx context.Context, v app.Viewer, eventID int64, in app.RegistrationInput, now time.Time) (app.Registration, error)
	CreateProject(ctx context.Context, orgID, creatorID int64, in app.ProjectInput) (app.Project, error)
	AddKPI(ctx context.Context, projectID int64, in app.KPIInput) (app.KPI, error)
	AddMeasurement(ctx context.Context, projectID, kpiID, userID int64, in app.MeasurementInput) (app.Measurement, error)
	CreateCall(ctx context.Context, creatorID int64, in app.CallInput) (app.Call, error)
	Analyze(ctx context.Context) error
}

// Org is a seeded public organisation with the people who own its needs.
type Org struct {
	ID     int64
	People []int64
}

var places = []string{"Östersund", "Funäsdalen", "Sveg", "Strömsund", "Krokom", "Åre", "Järpen", "Hammarstrand", "Bräcke", "Berg",
	"Hede", "Lillhärdal", "Gäddede", "Hammerdal", "Svenstavik", "Levanger", "Verdal", "Stjørdal", "Namsos", "Steinkjer"}

var subjects = []struct{ title, hmw string }{
	{"Virtuellt akutrum", "ge akut bedömning utan lång resa"},
	{"Egenmonitorering vid hjärtsvikt", "låta patienter mäta vikt och blodtryck hemma"},
	{"Egenmonitorering vid KOL", "fånga försämring av KOL innan det blir akut"},
	{"Digital nattillsyn", "ge trygg tillsyn på natten utan att väcka de boende"},
	{"Läkemedelsautomater i hemtjänsten", "minska missade läkemedelsdoser i hemmet"},
	{"Videobesök i hemsjukvården", "ersätta en del hembesök med video"},
	{"Fallupptäckt på särskilt boende", "upptäcka fall snabbare"},
	{"Digital rehabilitering efter stroke", "ge rehabilitering på distans"},
	{"Trygghetslarm med digital teknik", "få larmen att fungera i hela länet"},
	{"Tolkbokning", "boka tolk snabbare inför besök"},
	{"Beslutsstöd i ambulansen", "ge ambulanspersonal stöd i bedömningen"},
	{"Psykiatrisk uppföljning via video", "följa upp patienter i psykiatrin på distans"},
	{"Digital tandvårdstriage", "bedöma tandvärk utan resa"},
	{"Information på samiska", "ge vårdinformation på sydsamiska"},
	{"Gränsöverskridande vård med Norge", "dela vårdplatser över gränsen"},
}

var tagPool = []string{"distansvård", "välfärdsteknik", "egenvård", "KOL", "hjärtsvikt", "glesbygd", "AI", "FHIR", "trygghet", "nattillsyn",
	"läkemedel", "video", "sensorer", "rehabilitering", "äldreomsorg", "psykisk hälsa", "samiska", "gränsregional samverkan"}

// Organisations makes n public organisations (regions and municipalities), each with three
// people: a coordinator, a need submitter and a procurement officer. Numbers are kept
// valid and unique from offset on.
func Organisations(ctx context.Context, s Store, n, offset int, passwordHash string) ([]Org, error) {
	var out []Org
	for i := range n {
		kind := app.KindMunicipality
		if i%5 == 0 {
			kind = app.KindRegion
		}
		in := app.OrganisationInput{Name: fmt.Sprintf("%s %s %d", places[i%len(places)], map[app.OrgKind]string{app.KindRegion: "region", app.KindMunicipality: "kommun"}[kind], offset+i),
			Kind: kind, Country: "SE", OrgNumber: OrgNumber(offset + i)}
		if err := in.Normalise(); err != nil {
			return nil, fmt.Errorf("seed: %s: %w", in.Name, err)
		}
		o, err := s.CreateOrganisation(ctx, in, 0)
		if err != nil {
			return nil, err
		}
		org := Org{ID: o.ID}
		for j, role := range []app.Role{app.RoleCoordinator, app.RoleNeedSubmitter, app.RoleProcurementOfficer} {
			u, err := s.CreateUser(ctx, app.NewUser{Email: fmt.Sprintf("person%d.%d@seed.example", offset+i, j), Name: fmt.Sprintf("Person %d-%d", offset+i, j), Lang: "sv"}, passwordHash)
			if err != nil {
				return nil, err
			}
			if err := s.AddRole(ctx, o.ID, u.ID, role); err != nil {
				return nil, err
			}
			org.People = append(org.People, u.ID)
		}
		out = append(out, org)
	}
	return out, nil
}

// OrgNumber returns the n-th valid Swedish organisation number of the seed series.
func OrgNumber(n int) string {
	base := fmt.Sprintf("8%08d", n)
	for c := range 10 {
		if num, ok := app.NormaliseOrgNumber("SE", base+fmt.Sprint(c)); ok {
			return num
		}
	}
	panic("seed: no check digit")
}

// Needs writes n needs spread over orgs in batches, calling progress after each batch,
// and refreshes the planner's figures.
func Needs(ctx context.Context, s Store, rng *rand.Rand, orgs []Org, n int, now time.Time, progress func(done int)) error {
	const batch = 1000
	for done := 0; done < n; {
		size := min(batch, n-done)
		needs := make([]app.SeedNeed, size)
		for i := range needs {
			needs[i] = Need(rng, orgs[rng.IntN(len(orgs))], now)
		}
		if err := s.SeedNeeds(ctx, needs); err != nil {
			return err
		}
		done += size
		if progress != nil {
			progress(done)
		}
	}
	return s.Analyze(ctx)
}

// Need makes one need of org with a believable history ending before now.
func Need(rng *rand.Rand, org Org, now time.Time) app.SeedNeed {
	sub := subjects[rng.IntN(len(subjects))]
	place := places[rng.IntN(len(places))]
	owner := org.People[rng.IntN(len(org.People))]
	in := app.NeedInput{
		Title:      sub.title + " i " + place,
		HowMightWe: "Hur kan vi " + sub.hmw + " i " + place + "?",
		Problem: "I " + place + " är avstånden långa och personalen få. Så som vi arbetar i dag räcker det inte när behoven växer. " +
			words(rng, swedish, 30+rng.IntN(40)),
		CareSettings: pick(rng, app.CareSettings, 1+rng.IntN(2)),
		Tags:         pick(rng, tagPool, 2+rng.IntN(2)),
		VolumePeople: 50 + rng.IntN(5000),
		VolumeEvents: rng.IntN(20000),
		Urgency:      app.Urgencies[rng.IntN(len(app.Urgencies))],
		Visibility:   []app.Visibility{app.VisiblePublic, app.VisiblePublic, app.VisibleSignedIn, app.VisibleSignedIn, app.VisiblePartners, app.VisibleOrganisation}[rng.IntN(6)],
		Benefits:     []app.Benefit{{KPI: "Resor", Unit: "resor/år", Baseline: "800", Target: "400"}},
		BenefitPlan:  "Mät varje kvartal i ett år efter införandet.",
		OwnerID:      &owner,
	}
	// Walk the main path to a random depth, sometimes leaving it for a side state.
	path := app.NeedStates[:12]
	depth := rng.IntN(len(path))
	states := append([]app.NeedState(nil), path[:depth+1]...)
	if depth > 0 && rng.IntN(6) == 0 {
		side := []app.NeedState{app.StateOnHold, app.StateClosed, app.StateRejected, app.StateWithdrawn}[rng.IntN(4)]
		if app.CheckTransition(states[len(states)-1], side, []app.NeedRelation{app.RelAdmin}) == nil {
			states = append(states, side)
		}
	}
	span := time.Duration(rng.IntN(540)+1) * 24 * time.Hour
	at := now.Add(-span)
	step := span / time.Duration(len(states)+1)
	h := make([]app.NeedTransition, len(states))
	for i, st := range states {
		h[i] = app.NeedTransition{To: st, At: at, Actor: app.UserRef{ID: owner}}
		if i > 0 {
			h[i].From = states[i-1]
		}
		at = at.Add(step/2 + time.Duration(rng.Int64N(int64(step/2)+1)))
	}
	return app.SeedNeed{OrgID: org.ID, CreatedBy: owner, Input: in, History: h}
}

func pick(rng *rand.Rand, from []string, n int) []string {
	idx := rng.Perm(len(from))[:n]
	out := make([]string, n)
	for i, j := range idx {
		out[i] = from[j]
	}
	return out
}
