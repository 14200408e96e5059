package store_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/search"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// evalDir is the development collection of ../shared/eval, read when it is present.
const evalDir = "../../../shared/eval/dev"

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
