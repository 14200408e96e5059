package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Projects and calls in proportion: the seed command makes one project for every ten needs
// and one call for every ten projects, as a hub of 100,000 needs would have about 10,000
// projects and 1,000 funding calls over the years.

// ProjectsPerNeed and CallsPerProject are those proportions.
const (
	ProjectsPerNeed = 0.1
	CallsPerProject = 0.1
)

// Projects makes n projects spread over orgs: each linked to one or two needs of its owner
// (whose tags the calls radar reads), with one to three partners among the other
// organisations, a manager, a period and milestones; one in four has two KPIs measured three
// times. It returns their ids.
func Projects(ctx context.Context, s Store, rng *rand.Rand, orgs []Org, n int, now time.Time, progress func(done int)) ([]int64, error) {
	needs := map[int64][]int64{} // the needs of each organisation, looked up once
	ids := make([]int64, 0, n)
	for i := range n {
		org := orgs[rng.IntN(len(orgs))]
		if _, ok := needs[org.ID]; !ok {
			l, err := s.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{OrgID: org.ID, Page: app.Page{Limit: app.MaxLimit}})
			if err != nil {
				return nil, err
			}
			for _, x := range l.Items {
				needs[org.ID] = append(needs[org.ID], x.ID)
			}
		}
		in := Project(rng, org, orgs, needs[org.ID], now)
		if err := in.Normalise(); err != nil {
			return nil, fmt.Errorf("seed: project: %w", err)
		}
		p, err := s.CreateProject(ctx, org.ID, org.People[0], in)
		if err != nil {
			return nil, err
		}
		ids = append(ids, p.ID)
		if i%4 == 0 {
			if err := kpis(ctx, s, rng, p.ID, org.People[0], now); err != nil {
				return nil, err
			}
		}
		if progress != nil && ((i+1)%100 == 0 || i+1 == n) {
			progress(i + 1)
		}
	}
	return ids, s.Analyze(ctx)
}

// Project is one project of org on some of its needs, with partners among orgs.
func Project(rng *rand.Rand, org Org, orgs []Org, needIDs []int64, now time.Time) app.ProjectInput {
	sub := subjects[rng.IntN(len(subjects))]
	place := places[rng.IntN(len(places))]
	start := now.AddDate(0, 0, -rng.IntN(900))
	manager := org.People[0]
	in := app.ProjectInput{Title: sub.title + " – " + []string{"förstudie", "pilot", "införande"}[rng.IntN(3)] + " i " + place,
		Description: "Projektet prövar hur vi kan " + sub.hmw + " i " + place + ". " + words(rng, swedish, 20+rng.IntN(30)),
		Type:        app.ProjectTypes[rng.IntN(len(app.ProjectTypes))], ManagerID: &manager, TestSite: "Hälsocentralen i " + place,
		StartDate: start.Format(time.DateOnly), EndDate: start.AddDate(0, 6+rng.IntN(24), 0).Format(time.DateOnly), Public: rng.IntN(3) > 0}
	for _, j := range rng.Perm(len(orgs))[:min(len(orgs), 1+rng.IntN(3))] {
		if orgs[j].ID != org.ID {
			in.Partners = append(in.Partners, app.ProjectPartnerInput{OrganisationID: orgs[j].ID, Role: "Testbädd",
				Budget: app.Money{Amount: int64(50_000+rng.IntN(950_000)) * 100, Currency: app.Currencies[rng.IntN(len(app.Currencies))]}})
		}
	}
	if len(needIDs) > 0 {
		in.NeedIDs = []int64{needIDs[rng.IntN(len(needIDs))], needIDs[rng.IntN(len(needIDs))]}
	}
	for k, title := range []string{"Projektplan klar", "Driftstart", "Halvtidsuppföljning", "Slutrapport"} {
		in.Milestones = append(in.Milestones, app.Milestone{Title: title, Due: start.AddDate(0, 3*k, 0).Format(time.DateOnly),
			Status: app.MilestoneStatuses[rng.IntN(3)]})
	}
	return in
}

// kpis gives a project two KPIs with a baseline before its start and three measurements.
func kpis(ctx context.Context, s Store, rng *rand.Rand, projectID, userID int64, now time.Time) error {
	for _, k := range []app.KPIInput{
		{Name: "Tid till läkare", Unit: "minuter", Direction: app.LowerIsBetter, Baseline: 180, Target: 45},
		{Name: "Undvikna resor", Unit: "resor/månad", Direction: app.HigherIsBetter, Baseline: 0, Target: 120},
	} {
		k.BaselineDate = now.AddDate(-1, 0, 0).Format(time.DateOnly)
		kpi, err := s.AddKPI(ctx, projectID, k)
		if err != nil {
			return err
		}
		for m := range 3 {
			value := k.Baseline + (k.Target-k.Baseline)*float64(m+1)/4*(0.5+rng.Float64())
			in := app.MeasurementInput{Date: now.AddDate(0, -9+3*m, 0).Format(time.DateOnly), Value: float64(int(value))}
			if _, err := s.AddMeasurement(ctx, projectID, kpi.ID, userID, in); err != nil {
				return err
			}
		}
	}
	return nil
}

var programmes = []struct{ programme, funder, currency string }{
	{"Interreg Aurora", "Europeiska unionen", "EUR"},
	{"Interreg Sverige–Norge", "Europeiska unionen", "EUR"},
	{"Northern Periphery and Arctic", "Europeiska unionen", "EUR"},
	{"Vinnova Innovationsprojekt", "Vinnova", "SEK"},
	{"Horizon Europe", "Europeiska kommissionen", "EUR"},
	{"EU4Health", "Europeiska kommissionen", "EUR"},
	{"Regionalt utvecklingsmedel", "Region Jämtland Härjedalen", "SEK"},
	{"Forskningsrådet Helse", "Norges forskningsråd", "NOK"},
}

// Calls makes n funding calls with tags from the needs' vocabulary, consortium rules and one
// or two deadlines in their own zones: four in five still open at now.
func Calls(ctx context.Context, s Store, rng *rand.Rand, n int, now time.Time, progress func(done int)) error {
	for i := range n {
		in := Call(rng, i, now)
		if err := in.Normalise(); err != nil {
			return fmt.Errorf("seed: call: %w", err)
		}
		if _, err := s.CreateCall(ctx, 0, in); err != nil {
			return err
		}
		if progress != nil && ((i+1)%100 == 0 || i+1 == n) {
			progress(i + 1)
		}
	}
	return s.Analyze(ctx)
}

// Call is the i-th call of the seed.
func Call(rng *rand.Rand, i int, now time.Time) app.CallInput {
	p := programmes[rng.IntN(len(programmes))]
	sub := subjects[rng.IntN(len(subjects))]
	due := now.AddDate(0, 0, rng.IntN(400)-80)
	zone := []string{"Europe/Stockholm", "Europe/Stockholm", "Europe/Oslo", "Europe/Brussels"}[rng.IntN(4)]
	in := app.CallInput{Programme: p.programme, Funder: p.funder, Identifier: fmt.Sprintf("SEED-%05d", i), Title: sub.title + " – utlysning " + fmt.Sprint(i),
		Description: "Utlysningen stöder projekt som " + sub.hmw + ". " + words(rng, swedish, 20),
		OpensOn:     due.AddDate(0, -3, 0).Format(time.DateOnly), Tags: pick(rng, tagPool, 2+rng.IntN(2)),
		Deadlines: []app.Deadline{{Stage: "Ansökan", Local: due.Format(time.DateOnly) + "T17:00", TimeZone: zone}},
		CallRules: app.CallRules{Currency: p.currency, EligibleCountries: []string{"SE", "NO"}, MinPartners: 1 + rng.IntN(3),
			Rates: []app.Rate{{Percent: 50 + 10*rng.IntN(4)}}}}
	if rng.IntN(2) == 0 {
		in.Deadlines = append([]app.Deadline{{Stage: "Idéskiss", Local: due.AddDate(0, -1, 0).Format(time.DateOnly) + "T12:00", TimeZone: zone}}, in.Deadlines...)
	}
	if p.programme == "Interreg Sverige–Norge" || p.programme == "Interreg Aurora" {
		in.RequiredCountries = []string{"SE", "NO"}
	}
	return in
}
