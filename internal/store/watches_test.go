package store_test

import (
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestWatches: a saved search tells its owner once of each new matching need or solution
// the owner may see, never of one the owner may not; facets and followed tags narrow.
func TestWatches(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		owner := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", owner.ID)
		supplier := mustCreateUser(t, s, "anna@bolag.example", "Anna")
		company := mustCreateOrg(t, s, "Vårdbolaget AB", "556677-8899", supplier.ID)
		words, err := s.CreateWatch(ctx, supplier.ID, app.SearchQuery{Q: "trygghetslarm glesbygd"})
		if err != nil {
			t.Fatal(err)
		}
		onlySolutions, _ := s.CreateWatch(ctx, supplier.ID, app.SearchQuery{Q: "trygghetslarm", Kind: app.KindSolution})
		tag, _ := s.CreateWatch(ctx, supplier.ID, app.SearchQuery{Tag: "Fjällen"})
		told := func(kind string, id int64) int {
			t.Helper()
			n, err := s.MatchWatches(ctx, kind, id)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		for _, tc := range []struct {
			vis    app.Visibility
			submit bool
			want   int
		}{
			{app.VisibleOrganisation, true, 0},
			{app.VisiblePartners, true, 0},
			{app.VisiblePublic, false, 0}, // a draft
			{app.VisibleSignedIn, true, 2},
			{app.VisiblePublic, true, 2},
		} {
			in := needInput("Trygghetslarm i glesbygden", tc.vis)
			in.Tags = []string{"fjällen"}
			n := mustNeed(t, s, region.ID, owner.ID, in)
			if tc.submit {
				move(t, s, n, owner.ID, app.StateSubmitted)
			}
			if got := told(app.KindNeed, n.ID); got != tc.want {
				t.Errorf("%s need (submitted %v): told %d, want %d", tc.vis, tc.submit, got, tc.want)
			}
			if got := told(app.KindNeed, n.ID); got != 0 {
				t.Errorf("%s need told again: %d", tc.vis, got)
			}
		}
		sol := mustSolution(t, s, company.ID, supplier.ID, app.SolutionInput{Title: "Social alarm for rural areas",
			Description: "Works where coverage is weak.", Type: "device", TRL: 9, Deployment: "in_use"})
		if got := told(app.KindSolution, sol.ID); got != 2 {
			t.Errorf("solution: told %d, want 2 (the words and the solutions-only watch)", got)
		}
		other := mustNeed(t, s, region.ID, owner.ID, needInput("Tandvård på boenden", app.VisiblePublic))
		move(t, s, other, owner.ID, app.StateSubmitted)
		if got := told(app.KindNeed, other.ID); got != 0 {
			t.Errorf("an unrelated need told %d", got)
		}
		notes, err := s.Notifications(ctx, supplier.ID, app.Page{Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		if len(notes.Items) != 6 || notes.Items[0].Kind != "watch" || notes.Items[0].Solution == nil || notes.Items[0].Solution.ID != sol.ID {
			t.Errorf("notifications %+v", notes.Items)
		}
		hits, err := s.UnmailedWatchHits(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits[supplier.ID]) != 6 || len(hits[owner.ID]) != 0 {
			t.Errorf("unmailed hits %+v", hits)
		}
		if err := s.MarkWatchHitsMailed(ctx, supplier.ID, time.Now(), time.Now()); err != nil {
			t.Fatal(err)
		}
		if hits, _ := s.UnmailedWatchHits(ctx); len(hits[supplier.ID]) != 0 {
			t.Errorf("hits still unmailed: %+v", hits[supplier.ID])
		}
		ws, err := s.Watches(ctx, supplier.ID)
		if err != nil || len(ws) != 3 || ws[0].ID != words.ID || ws[1].ID != onlySolutions.ID || ws[2].Query.Tag != "Fjällen" {
			t.Fatalf("watches %+v, %v", ws, err)
		}
		if err := s.DeleteWatch(ctx, owner.ID, tag.ID); err == nil {
			t.Error("someone else deleted the watch")
		}
		if err := s.DeleteWatch(ctx, supplier.ID, tag.ID); err != nil {
			t.Error(err)
		}
	})
}
