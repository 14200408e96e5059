package store_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/search"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// evalDir is the development collection of ../shared/eval (or where TILLSAMMANS_EVAL_DIR
// says), read when it is present.
var evalDir = cmp.Or(os.Getenv("TILLSAMMANS_EVAL_DIR"), "../../../shared/eval/dev")

// TestMatchingQuality loads the evaluation collection into each database, ranks solutions
// for every need through the store and prints nDCG@10, Recall@5 and MRR. Both databases
// must give the same top ten.
func TestMatchingQuality(t *testing.T) {
	c, err := search.ReadCollection(evalDir)
	if os.IsNotExist(err) {
		t.Skip("no evaluation collection at " + evalDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	tops := map[string]map[string][]string{}
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		runs := loadCollection(t, s, c)
		sc := c.Score(runs)
		t.Logf("%s: nDCG@10 %.3f  Recall@5 %.3f  MRR %.3f", s.Dialect(), sc.NDCG10, sc.Recall5, sc.MRR)
		if sc.NDCG10 < 0.75 || sc.Recall5 < 0.75 {
			t.Errorf("nDCG@10 %.3f, Recall@5 %.3f: want both ≥ 0.75", sc.NDCG10, sc.Recall5)
		}
		tops[s.Dialect()] = runs
		// TILLSAMMANS_EVAL_RUN=DIR writes the run for ../shared/eval/score to cross-check.
		if dir := os.Getenv("TILLSAMMANS_EVAL_RUN"); dir != "" {
			var b strings.Builder
			for _, n := range c.Needs {
				for i, id := range runs[n.ID] {
					fmt.Fprintf(&b, "%s\t%s\t%d\n", n.ID, id, i+1)
				}
			}
			if err := os.WriteFile(filepath.Join(dir, s.Dialect()+".tsv"), []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
	if a, b := tops["sqlite"], tops["postgres"]; a != nil && b != nil {
		for id, run := range a {
			if !slices.Equal(run, b[id]) {
				t.Errorf("%s: SQLite ranks %v, PostgreSQL %v", id, run, b[id])
			}
		}
	}
}

// loadCollection writes the collection's needs (public, in market scan) and solutions and
// returns each need's ten best solutions by the matcher.
func loadCollection(t *testing.T, s *store.Store, c search.Collection) map[string][]string {
	t.Helper()
	u := mustCreateUser(t, s, "samordnare@region.example", "Samordnare")
	region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
	supplier := mustCreateOrg(t, s, "Leverantörerna", "556677-8899", u.ID)
	refs := map[int64]string{}
	for _, x := range c.Solutions {
		sol := mustSolution(t, s, supplier.ID, u.ID, app.SolutionInput{Title: x.Title, Description: x.Description,
			Type: "software", Tags: x.Tags, TRL: x.TRL, Deployment: "in_use"})
		refs[sol.ID] = x.ID
	}
	runs := map[string][]string{}
	for _, x := range c.Needs {
		var care []string
		for _, l := range x.CareSetting {
			code, ok := search.Default().CareSetting(l)
			if !ok {
				t.Fatalf("%s: care setting %q not known", x.ID, l)
			}
			care = append(care, code)
		}
		n := mustNeed(t, s, region.ID, u.ID, app.NeedInput{Title: x.Title, Problem: x.Description, Tags: x.Tags,
			CareSettings: care, Urgency: "medium", Visibility: app.VisiblePublic})
		ms, err := s.NeedMatches(ctx, app.Viewer{Admin: true}, n.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			runs[x.ID] = append(runs[x.ID], refs[m.Solution.ID])
		}
		if testing.Verbose() && os.Getenv("EVAL_VERBOSE") != "" {
			var b strings.Builder
			for _, m := range ms[:min(3, len(ms))] {
				fmt.Fprintf(&b, " %s %.2f %v;", refs[m.Solution.ID], m.Score, m.Reasons)
			}
			t.Logf("%s%s", x.ID, b.String())
		}
	}
	return runs
}

// TestSearchVisibility: search and matching find exactly the needs the lists show each
// viewer (every visibility, drafts and submitted needs, seven kinds of viewer), and people
// only for those signed in.
func TestSearchVisibility(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		owner := mustCreateUser(t, s, "owner@region.example", "Greta Trygghetslarmsson")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", owner.ID)
		partner := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", 0)
		coowner := mustCreateOrg(t, s, "Krokoms kommun", "212000-2395", 0)
		other := mustCreateOrg(t, s, "Bergs kommun", "212000-2387", 0)
		viewers := map[string]app.Viewer{
			"visitor":  {},
			"signedin": {UserID: 99},
			"owning":   {UserID: 98, OrgIDs: []int64{region.ID}},
			"partner":  {UserID: 97, OrgIDs: []int64{partner.ID}},
			"coowner":  {UserID: 96, OrgIDs: []int64{coowner.ID}},
			"other":    {UserID: 95, OrgIDs: []int64{other.ID}},
			"admin":    {UserID: 94, Admin: true},
		}
		for _, vis := range app.Visibilities {
			for _, submit := range []bool{false, true} {
				in := needInput("Trygghetslarm i glesbygd "+string(vis), vis)
				in.PartnerIDs = []int64{partner.ID}
				n := mustNeed(t, s, region.ID, owner.ID, in)
				if submit {
					n = move(t, s, n, owner.ID, app.StateSubmitted)
					if err := s.JoinNeed(ctx, n.ID, coowner.ID, owner.ID, 300, 0); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		sol := mustSolution(t, s, partner.ID, owner.ID, app.SolutionInput{Title: "Trygghetslarm för glesbygden",
			Description: "Social alarm that roams between mobile networks.", Type: "device", TRL: 9, Deployment: "in_use",
			CareSettings: []string{"hemtjanst"}})
		for name, v := range viewers {
			l, err := s.ListNeeds(ctx, v, app.NeedFilter{Page: app.Page{Limit: 100}})
			if err != nil {
				t.Fatal(err)
			}
			var want []int64
			for _, n := range l.Items {
				want = append(want, n.ID)
			}
			slices.Sort(want)
			q := app.SearchQuery{Q: "trygghetslarm", Kind: app.KindNeed}
			if err := q.Check(); err != nil {
				t.Fatal(err)
			}
			res, err := s.Search(ctx, v, q)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, h := range res.Items {
				got = append(got, h.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: search finds needs %v, the list shows %v", name, got, want)
			}
			ms, err := s.SolutionMatches(ctx, v, sol.ID, 50)
			if err != nil {
				t.Fatal(err)
			}
			got = nil
			for _, m := range ms {
				got = append(got, m.Need.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: matches name needs %v, the list shows %v", name, got, want)
			}
			people, err := s.Search(ctx, v, app.SearchQuery{Q: "Greta", Kind: app.KindPerson, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if found := len(people.Items) == 1; found != v.SignedIn() {
				t.Errorf("%s: people found %v", name, people.Items)
			}
		}
		// A need that may not be seen has no matches either.
		hidden := mustNeed(t, s, region.ID, owner.ID, needInput("Trygghetslarm internt", app.VisibleOrganisation))
		if _, err := s.NeedMatches(ctx, viewers["other"], hidden.ID, 5); err == nil {
			t.Error("matches of a hidden need answered")
		} else {
			wantCode(t, err, app.NotFound)
		}
	})
}

// TestSearchFacetsAndSnippets: facets count the candidates; snippets mark the words that
// matched; a facet narrows.
func TestSearchFacetsAndSnippets(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "anna@bolag.example", "Anna")
		org := mustCreateOrg(t, s, "Vårdbolaget AB", "556677-8899", u.ID)
		mustSolution(t, s, org.ID, u.ID, app.SolutionInput{Title: "Nattkamera", Description: "Digital tillsyn nattetid på särskilt boende.",
			Type: "device", TRL: 9, Deployment: "in_use", CareSettings: []string{"sarskilt_boende"}, Tags: []string{"tillsyn"}})
		mustSolution(t, s, org.ID, u.ID, app.SolutionInput{Title: "Tillsynsappen", Description: "Remote supervision for home care at night.",
			Type: "software", TRL: 6, Deployment: "pilot", CareSettings: []string{"hemtjanst"}, Tags: []string{"tillsyn"}})
		mustSolution(t, s, org.ID, u.ID, app.SolutionInput{Title: "Bokningen", Description: "Tidbokning för tandvården.",
			Type: "software", TRL: 9, Deployment: "in_use"})
		q := app.SearchQuery{Q: "nattlig tillsyn", Kind: app.KindSolution}
		if err := q.Check(); err != nil {
			t.Fatal(err)
		}
		res, err := s.Search(ctx, app.Viewer{}, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Items) != 2 {
			t.Fatalf("found %+v, want the two tillsyn solutions", res.Items)
		}
		var marked []string
		for _, sn := range res.Items[0].Snippet {
			if sn.Mark {
				marked = append(marked, strings.ToLower(sn.Text))
			}
		}
		if len(marked) == 0 {
			t.Errorf("snippet %+v marks nothing", res.Items[0].Snippet)
		}
		if got := res.Facets[app.FacetSolutionType]; !slices.Equal(got, []app.FacetCount{{Value: "device", Count: 1}, {Value: "software", Count: 1}}) {
			t.Errorf("type facet %+v", got)
		}
		if got := res.Facets[app.FacetKind]; !slices.Equal(got, []app.FacetCount{{Value: app.KindSolution, Count: 2}}) {
			t.Errorf("kind facet %+v", got)
		}
		q.TRLMin = 8
		res, err = s.Search(ctx, app.Viewer{}, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Items) != 1 || res.Items[0].Title != "Nattkamera" {
			t.Errorf("TRL ≥ 8 found %+v", res.Items)
		}
		// A description marked as a business secret is not indexed, nor shown in a snippet.
		mustSolution(t, s, org.ID, u.ID, app.SolutionInput{Title: "Tillsynsboxen", Description: "Hemlig tillsyn med radar.",
			Type: "device", TRL: 5, Deployment: "pilot", SecretFields: []string{"description"}})
		for _, v := range []app.Viewer{{}, {UserID: u.ID, OrgIDs: []int64{org.ID}}} {
			res, err := s.Search(ctx, v, app.SearchQuery{Q: "tillsynsboxen", Limit: 5})
			if err != nil || len(res.Items) != 1 {
				t.Fatalf("tillsynsboxen: %+v, %v", res.Items, err)
			}
			if outsider := v.UserID == 0; outsider == (len(res.Items[0].Snippet) > 0) {
				t.Errorf("viewer %+v: snippet %+v (only the supplier sees its secret description)", v, res.Items[0].Snippet)
			}
			if res, _ := s.Search(ctx, v, app.SearchQuery{Q: "radar", Limit: 5}); len(res.Items) != 0 {
				t.Errorf("a secret description was indexed: %+v", res.Items)
			}
		}
		q = app.SearchQuery{Q: "tillsyn", CareSetting: "hemtjanst"}
		if err := q.Check(); err != nil {
			t.Fatal(err)
		}
		if res, err = s.Search(ctx, app.Viewer{}, q); err != nil || len(res.Items) != 1 || res.Items[0].Title != "Tillsynsappen" {
			t.Errorf("care setting hemtjänst found %+v, %v", res.Items, err)
		}
	})
}

// TestReindex: rebuilding the index gives the same entries and figures as writing them
// one by one.
func TestReindex(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "anna@bolag.example", "Anna")
		org := mustCreateOrg(t, s, "Vårdbolaget AB", "556677-8899", u.ID)
		mustSolution(t, s, org.ID, u.ID, app.SolutionInput{Title: "Trygghetslarm", Description: "Social alarm for rural areas.",
			Type: "device", TRL: 9, Deployment: "in_use", Tags: []string{"larm"}, CareSettings: []string{"hemtjanst"},
			Evidence: "Hemlig studie", SecretFields: []string{"evidence"}})
		n := mustNeed(t, s, org.ID, u.ID, needInput("Larm i glesbygd", app.VisiblePublic))
		before, err := s.Search(ctx, app.Viewer{Admin: true}, app.SearchQuery{Q: "larm glesbygd hemlig", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		matches, err := s.NeedMatches(ctx, app.Viewer{Admin: true}, n.ID, 5)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := s.Reindex(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if docs != 4 { // a need, a solution, an organisation, a person
			t.Errorf("reindexed %d documents", docs)
		}
		after, err := s.Search(ctx, app.Viewer{Admin: true}, app.SearchQuery{Q: "larm glesbygd hemlig", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		again, err := s.NeedMatches(ctx, app.Viewer{Admin: true}, n.ID, 5)
		if err != nil {
			t.Fatal(err)
		}
		js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
		if js(before.Items) != js(after.Items) || js(matches) != js(again) {
			t.Errorf("before %+v %+v\nafter %+v %+v", before.Items, matches, after.Items, again)
		}
		for _, h := range after.Items {
			for _, sn := range h.Snippet {
				if strings.Contains(sn.Text, "Hemlig") {
					t.Error("a business secret was indexed")
				}
			}
		}
	})
}

// TestSearchOfManyMatches: a search that matches more records than are ranked takes the
// newest the viewer may see (on PostgreSQL through a window of the newest records, which
// is widened when too few of those may be seen), and both databases take the same.
func TestSearchOfManyMatches(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		owner := mustCreateUser(t, s, "owner@region.example", "Greta Nattsson")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", owner.ID)
		const n = 2600
		start := time.Now().Add(-time.Hour)
		needs := make([]app.SeedNeed, n)
		sols := make([]app.SeedSolution, n)
		for i := range n {
			// Every tenth need was submitted; the others are drafts that only the region sees.
			h := []app.NeedTransition{{To: app.StateDraft, At: start, Actor: app.UserRef{ID: owner.ID}}}
			if i%10 == 0 {
				h = append(h, app.NeedTransition{From: app.StateDraft, To: app.StateSubmitted, At: start.Add(time.Minute), Actor: app.UserRef{ID: owner.ID}})
			}
			needs[i] = app.SeedNeed{OrgID: region.ID, CreatedBy: owner.ID, Input: needInput(fmt.Sprint("Nattillsyn ", i), app.VisiblePublic), History: h}
			sols[i] = app.SeedSolution{OrgID: region.ID, CreatedBy: owner.ID, Input: app.SolutionInput{Title: fmt.Sprint("Trygghetslarm ", i),
				Type: app.SolutionTypes[0], TRL: 5, Deployment: app.DeploymentStages[0]}}
		}
		if err := s.SeedNeeds(ctx, needs); err != nil {
			t.Fatal(err)
		}
		if err := s.SeedSolutions(ctx, sols); err != nil {
			t.Fatal(err)
		}
		if err := s.Analyze(ctx); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name, q, kind string
			v             app.Viewer
			newest        func(i int) bool // the records that may be among the hits
		}{
			{"every solution is seen", "trygghetslarm", app.KindSolution, app.Viewer{}, func(i int) bool { return i >= n-100 }},
			{"the region sees every need", "nattillsyn", app.KindNeed, app.Viewer{UserID: owner.ID, OrgIDs: []int64{region.ID}},
				func(i int) bool { return i >= n-100 }},
			{"a visitor sees every tenth need", "nattillsyn", app.KindNeed, app.Viewer{}, func(i int) bool { return i%10 == 0 && i >= n-1000 }},
		} {
			t.Run(c.name, func(t *testing.T) {
				res, err := s.Search(ctx, c.v, app.SearchQuery{Q: c.q, Kind: c.kind, Limit: 20})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Items) != 20 {
					t.Fatalf("%d hits, want 20", len(res.Items))
				}
				for _, h := range res.Items {
					var i int
					if _, err := fmt.Sscanf(h.Title[strings.LastIndex(h.Title, " ")+1:], "%d", &i); err != nil || !c.newest(i) {
						t.Errorf("hit %q is not among the newest the viewer may see", h.Title)
					}
				}
			})
		}
	})
}
