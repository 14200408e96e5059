package store_test

import (
	"slices"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

func mustProject(t *testing.T, s *store.Store, org, creator int64, in app.ProjectInput) app.Project {
	t.Helper()
	if err := in.Normalise(); err != nil {
		t.Fatalf("project input: %v", err)
	}
	p, err := s.CreateProject(ctx, org, creator, in)
	if err != nil {
		t.Fatalf("create project: %v", err)
	}
	return p
}

func projectIDs(t *testing.T, s *store.Store, v app.Viewer) []int64 {
	t.Helper()
	l, err := s.ListProjects(ctx, v, app.ProjectFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, p := range l.Items {
		ids = append(ids, p.ID)
	}
	return ids
}

func TestProjectCreateAndVisibility(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		pelle := mustCreateUser(t, s, "pelle@kommun.example", "Pelle")
		olle := mustCreateUser(t, s, "olle@annan.example", "Olle")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		kommun := mustCreateOrg(t, s, "Härjedalens kommun", "212000-2395", pelle.ID)
		other := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", olle.ID)
		secret := mustNeed(t, s, region.ID, karin.ID, needInput("Internt behov", app.VisibleOrganisation))

		in := app.ProjectInput{Title: "Virtuellt akutrum i Härjedalen", Type: "pilot", TestSite: "Funäsdalens hälsocentral",
			StartDate: "2026-01-15", EndDate: "2027-06-30", ManagerID: &pelle.ID, NeedIDs: []int64{secret.ID},
			Partners:   []app.ProjectPartnerInput{{OrganisationID: kommun.ID, Role: "Testbädd", Contribution: "Lokaler", Budget: app.Money{Amount: 45_000_000, Currency: "SEK"}}},
			Milestones: []app.Milestone{{Title: "Driftstart", Due: "2026-03-01", Status: "done"}, {Title: "Utvärdering", Due: "2027-05-01"}}}
		p := mustProject(t, s, region.ID, karin.ID, in)
		if p.Manager == nil || p.Manager.ID != pelle.ID || len(p.Partners) != 1 || p.Partners[0].Budget != (app.Money{Amount: 45_000_000, Currency: "SEK"}) ||
			len(p.Milestones) != 2 || p.Milestones[1].Status != "planned" || p.Public || len(p.Needs) != 1 {
			t.Fatalf("created = %+v", p)
		}

		// Members of the owner and partners see it; others get not found, in a read and in the list.
		for _, c := range []struct {
			name string
			v    app.Viewer
			sees bool
		}{
			{"owner", app.Viewer{UserID: karin.ID, OrgIDs: []int64{region.ID}}, true},
			{"partner", app.Viewer{UserID: pelle.ID, OrgIDs: []int64{kommun.ID}}, true},
			{"admin", app.Viewer{UserID: 99, Admin: true}, true},
			{"other organisation", app.Viewer{UserID: olle.ID, OrgIDs: []int64{other.ID}}, false},
			{"visitor", app.Viewer{}, false},
		} {
			_, err := s.Project(ctx, c.v, p.ID)
			if c.sees && err != nil || !c.sees && app.ErrorCode(err) != app.NotFound {
				t.Errorf("%s: read = %v", c.name, err)
			}
			if got := slices.Contains(projectIDs(t, s, c.v), p.ID); got != c.sees {
				t.Errorf("%s: in the list = %v", c.name, got)
			}
		}
		// Public, everyone sees it, but not the organisation-only need it is linked to.
		in.Public = true
		if _, err := s.UpdateProject(ctx, p.ID, in); err != nil {
			t.Fatal(err)
		}
		got, err := s.Project(ctx, app.Viewer{}, p.ID)
		if err != nil || len(got.Needs) != 0 || !got.Public {
			t.Fatalf("public project for a visitor = %+v, %v", got, err)
		}
		if got, _ := s.Project(ctx, app.Viewer{UserID: karin.ID, OrgIDs: []int64{region.ID}}, p.ID); len(got.Needs) != 1 {
			t.Errorf("the owner sees needs %v", got.Needs)
		}

		// A manager from outside, a partner twice and the owner as partner are refused, and nothing changes.
		bad := in
		bad.ManagerID = &olle.ID
		_, err = s.UpdateProject(ctx, p.ID, bad)
		wantCode(t, err, app.Invalid)
		bad = in
		bad.Partners = append(slices.Clone(in.Partners), app.ProjectPartnerInput{OrganisationID: region.ID, Budget: app.Money{Currency: "SEK"}})
		_, err = s.UpdateProject(ctx, p.ID, bad)
		wantCode(t, err, app.Invalid)
		bad.Partners = append(slices.Clone(in.Partners), in.Partners[0])
		wantCode(t, bad.Normalise(), app.Invalid)
		if got, _ := s.Project(ctx, app.Viewer{Admin: true}, p.ID); got.Manager.ID != pelle.ID || len(got.Partners) != 1 {
			t.Errorf("a refused update changed the project: %+v", got)
		}
	})
}

// TestPilotingCreatesProject: moving a need to piloting starts a pilot for it in the same
// transaction, or joins the project named, and never a second one for the same need.
func TestPilotingCreatesProject(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		company := mustCreateOrg(t, s, "Fjällvård Digital AB", "556812-3409", 0)
		sol := mustSolution(t, s, company.ID, 0, app.SolutionInput{Title: "Akutrummet", Type: "service", TRL: 7, Deployment: "pilot"})
		toRoute := func(title string) app.Need {
			in := needInput(title, app.VisibleOrganisation)
			in.OwnerID = &karin.ID
			n := mustNeed(t, s, region.ID, karin.ID, in)
			return move(t, s, n, karin.ID, app.StateSubmitted, app.StateBeingAnalysed, app.StateValidated, app.StateRouteDecided)
		}
		n := toRoute("Virtuellt akutrum")
		if _, err := s.DecideProposal(ctx, n.ID, sol.ID, karin.ID, app.ProposalDecision{Status: app.ProposalShortlisted}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideProposal(ctx, n.ID, sol.ID, karin.ID, app.ProposalDecision{Status: app.ProposalPiloted}); err != nil {
			t.Fatal(err)
		}
		n = move(t, s, n, karin.ID, app.StatePiloting)
		admin := app.Viewer{Admin: true}
		refs, err := s.NeedProjects(ctx, admin, n.ID)
		if err != nil || len(refs) != 1 {
			t.Fatalf("projects of the piloting need = %v, %v", refs, err)
		}
		p, _ := s.Project(ctx, admin, refs[0].ID)
		if p.Title != n.Title || p.Type != "pilot" || p.Organisation.ID != region.ID || p.Manager == nil || p.Manager.ID != karin.ID ||
			len(p.Solutions) != 1 || p.Solutions[0].ID != sol.ID {
			t.Errorf("pilot = %+v", p)
		}
		// Back through analysis to piloting again: still the one project.
		n = move(t, s, n, karin.ID, app.StateOnHold, app.StateBeingAnalysed, app.StateValidated, app.StateRouteDecided, app.StatePiloting)
		if refs, _ := s.NeedProjects(ctx, admin, n.ID); len(refs) != 1 {
			t.Errorf("after piloting again: %v", refs)
		}
		if ids := projectIDs(t, s, admin); len(ids) != 1 {
			t.Errorf("projects = %v", ids)
		}

		// A second need joins the existing project when it is named.
		n2 := toRoute("Akutrum i Sveg")
		if _, err := s.TransitionNeed(ctx, n2.ID, n2.State, karin.ID, app.TransitionInput{To: app.StatePiloting, ProjectID: p.ID}); err != nil {
			t.Fatal(err)
		}
		if p, _ = s.Project(ctx, admin, p.ID); len(p.Needs) != 2 {
			t.Errorf("needs of the project = %v", p.Needs)
		}
		// A project that does not exist refuses the move, which is not made.
		n3 := toRoute("Akutrum i Lofsdalen")
		_, err = s.TransitionNeed(ctx, n3.ID, n3.State, karin.ID, app.TransitionInput{To: app.StatePiloting, ProjectID: 424242})
		wantCode(t, err, app.Invalid)
		if got, _ := s.Need(ctx, admin, n3.ID); got.State != app.StateRouteDecided {
			t.Errorf("state after a refused move = %s", got.State)
		}
	})
}

func TestKPIsAndPosts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		p := mustProject(t, s, region.ID, karin.ID, app.ProjectInput{Title: "Virtuellt akutrum"})
		other := mustProject(t, s, region.ID, karin.ID, app.ProjectInput{Title: "Egenmonitorering"})
		in := app.KPIInput{Name: "Tid till läkare", Unit: "minuter", Direction: app.LowerIsBetter, Baseline: 180, BaselineDate: "2025-12-01", Target: 45, Source: "Journalsystemet"}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		k, err := s.AddKPI(ctx, p.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		// Recorded out of order, read back by date.
		for _, m := range []app.MeasurementInput{{Date: "2026-06-01", Value: 60}, {Date: "2026-03-01", Value: 120, Note: "Första kvartalet"}} {
			if _, err := s.AddMeasurement(ctx, p.ID, k.ID, karin.ID, m); err != nil {
				t.Fatal(err)
			}
		}
		_, err = s.AddMeasurement(ctx, other.ID, k.ID, karin.ID, app.MeasurementInput{Date: "2026-06-02", Value: 1})
		wantCode(t, err, app.NotFound)
		kpis, err := s.KPIs(ctx, p.ID)
		if err != nil || len(kpis) != 1 {
			t.Fatalf("kpis = %v, %v", kpis, err)
		}
		got := kpis[0]
		if len(got.Measurements) != 2 || got.Measurements[0].Date != "2026-03-01" || got.Measurements[0].Note != "Första kvartalet" ||
			got.Measurements[1].Value != 60 || got.Measurements[1].RecordedBy.Name != "Karin" || got.Baseline != 180 || got.Target != 45 {
			t.Fatalf("kpi = %+v", got)
		}
		// From 180 towards 45, now at 60: (60-180)/(45-180) = 88.9 %.
		if pr := got.Progress(); pr == nil || *pr < 88.8 || *pr > 88.9 {
			t.Errorf("progress = %v", pr)
		}
		if kpis, _ := s.KPIs(ctx, other.ID); len(kpis) != 0 {
			t.Errorf("the other project has %v", kpis)
		}

		if _, err := s.AddProjectPost(ctx, p.ID, karin.ID, "Piloten startar måndag."); err != nil {
			t.Fatal(err)
		}
		_, err = s.AddProjectPost(ctx, 424242, karin.ID, "Ingenstans")
		wantCode(t, err, app.NotFound)
		posts, err := s.ProjectPosts(ctx, p.ID)
		if err != nil || len(posts) != 1 || posts[0].Author.Name != "Karin" {
			t.Errorf("posts = %+v, %v", posts, err)
		}
		d := app.ProjectDecision{Decision: "go", Rationale: "Målen nås; vi inför i hela länet."}
		if err := d.Normalise(); err != nil {
			t.Fatal(err)
		}
		if p, err = s.DecideProject(ctx, p.ID, karin.ID, d); err != nil || p.Decision != "go" || p.DecidedBy == nil || p.DecidedAt == nil {
			t.Errorf("decided = %+v, %v", p, err)
		}
	})
}

// TestLessonsLearnedSearch: lessons learned are found across the closed projects one may
// see, regardless of case, every word of the search in them.
func TestLessonsLearnedSearch(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		other := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", 0)
		decided := mustProject(t, s, region.ID, karin.ID, app.ProjectInput{Title: "Akutrum", Public: true, Lessons: "Ljuset vid britsen betydde mest."})
		if _, err := s.DecideProject(ctx, decided.ID, karin.ID, app.ProjectDecision{Decision: "go", Rationale: "Bra."}); err != nil {
			t.Fatal(err)
		}
		ended := mustProject(t, s, region.ID, karin.ID, app.ProjectInput{Title: "Nattillsyn", Public: true, EndDate: "2025-12-31", Lessons: "LJUS och ljud störde."})
		mustProject(t, s, region.ID, karin.ID, app.ProjectInput{Title: "Pågår", Public: true, EndDate: "2099-12-31", Lessons: "Ljuset är viktigt."})
		hidden := mustProject(t, s, other.ID, 0, app.ProjectInput{Title: "Internt", EndDate: "2025-01-01", Lessons: "Ljus i korridoren."})
		find := func(v app.Viewer, q string) []int64 {
			t.Helper()
			l, err := s.ListProjects(ctx, v, app.ProjectFilter{Lessons: q, Today: "2026-11-26"})
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, p := range l.Items {
				ids = append(ids, p.ID)
			}
			return ids
		}
		if got := find(app.Viewer{}, "ljus"); !slices.Equal(got, []int64{ended.ID, decided.ID}) {
			t.Errorf("ljus = %v, want the ended and the decided project", got)
		}
		if got := find(app.Viewer{}, "Ljuset britsen"); !slices.Equal(got, []int64{decided.ID}) {
			t.Errorf("ljuset britsen = %v", got)
		}
		if got := find(app.Viewer{OrgIDs: []int64{other.ID}, UserID: 9}, "korridoren"); !slices.Equal(got, []int64{hidden.ID}) {
			t.Errorf("its own organisation's internal project = %v", got)
		}
		if got := find(app.Viewer{}, "korridoren"); len(got) != 0 {
			t.Errorf("an internal project's lessons found by a visitor: %v", got)
		}
		if got := find(app.Viewer{}, "100%_"); len(got) != 0 {
			t.Errorf("LIKE's wildcards matched: %v", got)
		}
	})
}
