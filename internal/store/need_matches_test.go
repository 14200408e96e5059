package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestKeptMatches: a need's matches are found once and then read as kept, the same as
// found anew, until a change that can move them: to the need's text, to a solution, to an
// organisation's profile, to the tag vocabulary. Then the next view finds them again.
func TestKeptMatches(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		anna := mustCreateUser(t, s, "anna@norrsken.example", "Anna")
		companyIn := app.OrganisationInput{Name: "Norrsken Sensorik AB", Kind: app.KindCompany, Size: "sme", Country: "SE", OrgNumber: "559034-5673",
			Description: "Vi gör rörelsesensorer för hemtjänsten.", Capabilities: []string{"sensorer"}}
		if err := companyIn.Normalise(); err != nil {
			t.Fatal(err)
		}
		company, err := s.CreateOrganisation(ctx, companyIn, anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := viewerOf(karin, region.ID)
		nIn := needInput("Nattillsyn i glesbygd", app.VisiblePublic)
		nIn.Problem = "Hemtjänsten åker långt på natten för att titta till äldre som sover."
		n := mustNeed(t, s, region.ID, karin.ID, nIn)
		for _, title := range []string{"Digital nattillsyn med kamera", "Rörelsesensor för natten", "Läkemedelsrobot", "Trygghetslarm i hemmet"} {
			mustSolution(t, s, company.ID, anna.ID, app.SolutionInput{Title: title, Description: title + " för hemtjänsten i glesbygd.", Tags: []string{"glesbygd"}})
		}
		titles := func(ms []app.Match) []string {
			var out []string
			for _, m := range ms {
				if m.Solution != nil {
					out = append(out, m.Solution.Title)
				} else {
					out = append(out, m.Organisation.Name)
				}
			}
			return out
		}
		// matches reads the need's solutions and organisations and says whether they were
		// found anew: whether the index was asked.
		matches := func(limit int) (sols, orgs []string, found bool) {
			t.Helper()
			var log store.QueryLog
			c := store.WithQueryLog(ctx, &log)
			ms, err := s.NeedMatches(c, v, n.ID, limit)
			if err != nil {
				t.Fatal(err)
			}
			os, err := s.OrganisationMatches(c, v, n.ID, limit)
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range log.Statements() {
				found = found || strings.Contains(st.SQL, "search_docs")
			}
			return titles(ms), titles(os), found
		}
		first, firstOrgs, found := matches(3)
		if !found || len(first) < 2 || len(firstOrgs) != 1 {
			t.Fatalf("first view: solutions %q, organisations %q, found anew %v", first, firstOrgs, found)
		}
		again, againOrgs, found := matches(3)
		if found || !slices.Equal(again, first) || !slices.Equal(againOrgs, firstOrgs) {
			t.Errorf("second view: solutions %q, organisations %q, found anew %v; want the kept %q, %q", again, againOrgs, found, first, firstOrgs)
		}
		// Fewer are the beginning of the kept; more than are kept are found anew, and the
		// same.
		if one, _, found := matches(1); found || !slices.Equal(one, first[:1]) {
			t.Errorf("1 match: %q (found anew %v), want %q", one, found, first[:1])
		}
		if all, _, found := matches(25); !found || !slices.Equal(all, first) {
			t.Errorf("25 matches: %q (found anew %v), want %q", all, found, first)
		}

		for _, change := range []struct {
			name string
			do   func() error
		}{
			{"a new solution", func() error {
				_, err := s.CreateSolution(ctx, company.ID, anna.ID, app.SolutionInput{Title: "Nattillsyn i glesbygd på distans",
					Description: "Nattillsyn för hemtjänsten i glesbygd: äldre som sover tittas till utan resa.", Tags: []string{"glesbygd"}})
				return err
			}},
			{"the need's text", func() error {
				nIn.Title = "Nattillsyn med sensorer"
				_, err := s.UpdateNeed(ctx, n.ID, nIn)
				return err
			}},
			{"an organisation's profile", func() error {
				companyIn.Description = "Rörelsesensorer och nattillsyn."
				_, err := s.UpdateOrganisation(ctx, company.ID, companyIn)
				return err
			}},
			{"the tag vocabulary", func() error { _, err := s.RenameTag(ctx, "glesbygd", "Glesbygd"); return err }},
		} {
			if err := change.do(); err != nil {
				t.Fatalf("%s: %v", change.name, err)
			}
			if _, _, found := matches(3); !found {
				t.Errorf("after %s the kept matches were read: they may be stale", change.name)
			}
			if _, _, found := matches(3); found {
				t.Errorf("after %s the matches were not kept", change.name)
			}
		}
		if sols, _, _ := matches(1); len(sols) != 1 || sols[0] != "Nattillsyn i glesbygd på distans" {
			t.Errorf("after the changes the best match is %q, want the new solution", sols)
		}
		// A need the viewer may not see has no matches for them, kept or not.
		if _, err := s.NeedMatches(ctx, app.Viewer{}, mustNeed(t, s, region.ID, karin.ID, needInput("Internt", app.VisibleOrganisation)).ID, 3); err == nil {
			t.Error("a visitor read the matches of an organisation's own need")
		}
	})
}

// TestMatchReasonsNameWords: a reason names the words two texts share, never a single
// letter left of a compound ("e" of "e-post").
func TestMatchReasonsNameWords(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		anna := mustCreateUser(t, s, "anna@dermavision.example", "Anna")
		companyIn := app.OrganisationInput{Name: "Dermavision Nord AB", Kind: app.KindCompany, Size: "sme", Country: "SE", OrgNumber: "559034-5673"}
		if err := companyIn.Normalise(); err != nil {
			t.Fatal(err)
		}
		company, err := s.CreateOrganisation(ctx, companyIn, anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		nIn := needInput("Hudbilder till hudmottagningen", app.VisiblePublic)
		nIn.Problem = "Bilder på hudförändringar skickas med e-post till hudmottagningen, vilket inte är tillåtet. Vi vill ha distansvård, vård på distans."
		n := mustNeed(t, s, region.ID, karin.ID, nIn)
		mustSolution(t, s, company.ID, anna.ID, app.SolutionInput{Title: "Säker bildöverföring till hudmottagningen",
			Description: "Ersätter e-post för hudbilder mellan hälsocentral och hudmottagningen, för distansvård och vård på distans."})
		// A solution that shares only the letter is given no reason of shared concepts.
		mustSolution(t, s, company.ID, anna.ID, app.SolutionInput{Title: "E-recept", Description: "Förskrivning med e-recept."})
		ms, err := s.NeedMatches(ctx, viewerOf(karin, region.ID), n.ID, 5)
		if err != nil || len(ms) == 0 {
			t.Fatalf("matches = %+v, %v", ms, err)
		}
		var named []string
		for i, m := range ms {
			for _, r := range m.Reasons {
				if r.Kind == "concepts" && len(r.Terms) == 0 {
					t.Errorf("match %d gives shared concepts without naming one: %+v", i, m.Reasons)
				}
				for _, w := range r.Terms {
					if len([]rune(w)) < 2 {
						t.Errorf("match %d names %q: %+v", i, w, m.Reasons)
					}
				}
				if i == 0 && r.Kind == "concepts" {
					named = append(named, r.Terms...)
				}
			}
		}
		if !slices.Contains(named, "hudmottagningen") || !slices.Contains(named, "distansvård") {
			t.Errorf("shared concepts %v, want hudmottagningen and distansvård among them", named)
		}
	})
}
