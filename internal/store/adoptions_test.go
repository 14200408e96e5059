package store_test

import (
	"fmt"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestAdoptionsFeedSpread: adoptions are recorded once per organisation, never by the
// owner itself, counted on the project; and a need linked to the project moves to Spread
// only once an organisation other than its own adopted, the move refused (and not made)
// before.
func TestAdoptionsFeedSpread(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", 0)
		krokom := mustCreateOrg(t, s, "Krokoms kommun", "212000-2445", 0)
		in := needInput("Digital nattillsyn", app.VisibleOrganisation)
		in.OwnerID, in.BenefitPlan = &karin.ID, "Följs upp kvartalsvis."
		n := mustNeed(t, s, region.ID, karin.ID, in)
		n = move(t, s, n, karin.ID, app.StateSubmitted, app.StateBeingAnalysed, app.StateValidated, app.StateRouteDecided, app.StatePiloting,
			app.StateImplementation, app.StateBenefitFollowUp)
		refs, err := s.NeedProjects(ctx, app.Viewer{Admin: true}, n.ID)
		if err != nil || len(refs) != 1 {
			t.Fatalf("the need's pilot: %v, %v", refs, err)
		}
		pilot := refs[0].ID

		spread := func() error {
			_, err := s.TransitionNeed(ctx, n.ID, app.StateBenefitFollowUp, karin.ID, app.TransitionInput{To: app.StateSpread})
			return err
		}
		if err := spread(); app.ErrorCode(err) != app.Conflict || app.AsError(err).Fields["adoptions"] != "err.spread_needs_adoption" {
			t.Fatalf("spread without an adoption: %v", err)
		}
		add := func(org int64, date string) (app.Adoption, error) {
			in := app.AdoptionInput{OrganisationID: org, Date: date, Scope: "Alla hemtjänstområden"}
			if err := in.Normalise("2026-11-26"); err != nil {
				t.Fatal(err)
			}
			return s.AddAdoption(ctx, pilot, karin.ID, in)
		}
		// The owner does not adopt its own project; an unknown organisation, or project, is refused.
		_, err = add(region.ID, "2026-10-01")
		wantCode(t, err, app.Invalid)
		_, err = add(424242, "2026-10-01")
		wantCode(t, err, app.Invalid)
		_, err = s.AddAdoption(ctx, 424242, karin.ID, app.AdoptionInput{OrganisationID: kommun.ID, Date: "2026-10-01"})
		wantCode(t, err, app.NotFound)
		if err := spread(); app.ErrorCode(err) != app.Conflict {
			t.Fatalf("spread after refused adoptions: %v", err)
		}

		a, err := add(kommun.ID, "2026-10-01")
		if err != nil {
			t.Fatal(err)
		}
		if a.Organisation.Name != "Östersunds kommun" || a.Date != "2026-10-01" || a.Scope != "Alla hemtjänstområden" || a.RecordedBy.Name != "Karin" || a.ProjectID != pilot {
			t.Errorf("adoption = %+v", a)
		}
		_, err = add(kommun.ID, "2026-11-01")
		wantCode(t, err, app.Conflict)
		if _, err := add(krokom.ID, "2026-09-15"); err != nil {
			t.Fatal(err)
		}
		list, err := s.Adoptions(ctx, pilot)
		if err != nil || len(list) != 2 || list[0].Organisation.ID != krokom.ID || list[1].ID != a.ID {
			t.Errorf("adoptions, earliest first = %+v, %v", list, err)
		}
		p, _ := s.Project(ctx, app.Viewer{Admin: true}, pilot)
		l, _ := s.ListProjects(ctx, app.Viewer{Admin: true}, app.ProjectFilter{})
		if p.Adoptions != 2 || len(l.Items) != 1 || l.Items[0].Adoptions != 2 {
			t.Errorf("adoptions counted %d on the project, %v in the list", p.Adoptions, l.Items)
		}
		if err := spread(); err != nil {
			t.Fatalf("spread after an adoption: %v", err)
		}
	})
}

// TestAdoptionOnlyByOthersCounts: an adoption by the need's own organisation, in a project
// another organisation owns, does not let the need spread.
func TestAdoptionOnlyByOthersCounts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", 0)
		in := needInput("Egenmonitorering", app.VisibleOrganisation)
		in.OwnerID, in.BenefitPlan = &karin.ID, "Mäts."
		n := mustNeed(t, s, region.ID, karin.ID, in)
		n = move(t, s, n, karin.ID, app.StateSubmitted, app.StateBeingAnalysed, app.StateValidated, app.StateRouteDecided,
			app.StateImplementation, app.StateBenefitFollowUp)
		p := mustProject(t, s, kommun.ID, 0, app.ProjectInput{Title: "Kommunens egenmonitorering", NeedIDs: []int64{n.ID}})
		if _, err := s.AddAdoption(ctx, p.ID, karin.ID, app.AdoptionInput{OrganisationID: region.ID, Date: "2026-10-01"}); err != nil {
			t.Fatal(err)
		}
		_, err := s.TransitionNeed(ctx, n.ID, n.State, karin.ID, app.TransitionInput{To: app.StateSpread})
		wantCode(t, err, app.Conflict)
	})
}

// TestPersonalCalendarSources: the milestones of the projects a person's organisations own
// or take part in (from a day on, not cancelled), and the calls of the applications they
// are partners in; nothing of others'.
func TestPersonalCalendarSources(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", 0)
		other := mustCreateOrg(t, s, "Krokoms kommun", "212000-2445", 0)
		milestones := []app.Milestone{{Title: "Start", Due: "2026-01-10", Status: "done"}, {Title: "Utvärdering", Due: "2027-03-15"},
			{Title: "Inställd", Due: "2027-04-01", Status: "cancelled"}}
		own := mustProject(t, s, region.ID, karin.ID, app.ProjectInput{Title: "Regionens pilot", Milestones: milestones})
		partnered := mustProject(t, s, kommun.ID, 0, app.ProjectInput{Title: "Kommunens pilot", Public: true,
			Partners: []app.ProjectPartnerInput{{OrganisationID: region.ID}}, Milestones: []app.Milestone{{Title: "Driftstart", Due: "2027-02-01"}}})
		mustProject(t, s, other.ID, 0, app.ProjectInput{Title: "Annans", Public: true, Milestones: []app.Milestone{{Title: "Annans", Due: "2027-02-02"}}})
		v := app.Viewer{UserID: karin.ID, OrgIDs: []int64{region.ID}}
		got, err := s.MemberMilestones(ctx, v, "2026-11-01")
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, m := range got {
			names = append(names, fmt.Sprintf("%d:%d:%s:%s", m.Project.ID, m.Position, m.Milestone.Title, m.Milestone.Due))
		}
		want := []string{fmt.Sprintf("%d:0:Driftstart:2027-02-01", partnered.ID), fmt.Sprintf("%d:1:Utvärdering:2027-03-15", own.ID)}
		if fmt.Sprint(names) != fmt.Sprint(want) {
			t.Errorf("milestones = %v, want %v", names, want)
		}
		if m, _ := s.MemberMilestones(ctx, app.Viewer{}, "2026-01-01"); len(m) != 0 {
			t.Errorf("a visitor's milestones: %v", m)
		}

		newCall := func(title string) app.Call {
			in := app.CallInput{Programme: "Interreg Aurora", Title: title, CallRules: app.CallRules{Currency: "EUR"},
				Deadlines: []app.Deadline{{Stage: "Ansökan", Local: "2099-02-15T17:00", TimeZone: "Europe/Stockholm"}}}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			c, err := s.CreateCall(ctx, 0, in)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		mine, theirs := newCall("Hälsa över gränsen"), newCall("Annan utlysning")
		eur := app.Money{Currency: "EUR"}
		for _, a := range []struct {
			call app.Call
			orgs []int64
		}{{mine, []int64{kommun.ID, region.ID}}, {mine, []int64{region.ID}}, {theirs, []int64{other.ID}}} {
			in := app.ApplicationInput{CallID: a.call.ID, Title: "Ansökan", Status: "drafting"}
			for i, o := range a.orgs {
				role := "beneficiary"
				if i == 0 {
					role = "lead"
				}
				in.Partners = append(in.Partners, app.ApplicationPartnerInput{OrganisationID: o, Role: role, Budget: eur, Grant: eur, CoFinancing: eur})
			}
			if _, err := s.CreateApplication(ctx, karin.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		calls, err := s.ApplicationCalls(ctx, v)
		if err != nil || len(calls) != 1 || calls[0].ID != mine.ID || len(calls[0].Deadlines) != 1 {
			t.Errorf("calls of the applications = %+v, %v", calls, err)
		}
		if calls, _ := s.ApplicationCalls(ctx, app.Viewer{}); len(calls) != 0 {
			t.Errorf("a visitor's calls: %v", calls)
		}
	})
}
