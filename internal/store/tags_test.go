package store_test

import (
	"slices"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// tagsOf reads the tags of a need as it has them, in order.
func tagsOf(t *testing.T, s *store.Store, id int64) []string {
	t.Helper()
	n, err := s.Need(ctx, app.Viewer{Admin: true}, id)
	if err != nil {
		t.Fatal(err)
	}
	return n.Tags
}

// tagTable is every tag by name.
func tagTable(t *testing.T, s *store.Store) map[string]app.Tag {
	t.Helper()
	tags, err := s.ListTags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]app.Tag{}
	for _, tg := range tags {
		if _, dup := out[tg.Name]; dup {
			t.Fatalf("%q listed twice: %+v", tg.Name, tags)
		}
		out[tg.Name] = tg
	}
	return out
}

func mustCurate(t *testing.T, s *store.Store, name, description string) app.Tag {
	t.Helper()
	in := app.TagInput{Name: name, Description: description}
	if err := in.Normalise(); err != nil {
		t.Fatal(err)
	}
	tg, err := s.CreateTag(ctx, in)
	if err != nil {
		t.Fatalf("curate %s: %v", name, err)
	}
	return tg
}

func TestTagTaxonomy(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
		tagged := func(title string, tags ...string) app.Need {
			in := needInput(title, app.VisibleOrganisation)
			in.Tags = tags
			return mustNeed(t, s, region.ID, u.ID, in)
		}

		// Nothing yet: empty lists, not nil.
		if tags, err := s.CuratedTags(ctx); err != nil || tags == nil || len(tags) != 0 {
			t.Fatalf("curated tags of an empty platform = %#v, %v", tags, err)
		}

		tg := mustCurate(t, s, "distansvård", "Vård och bedömning på distans.")
		if tg.ID == 0 || !tg.Curated || tg.Uses != 0 || tg.CreatedAt == nil || tg.Description != "Vård och bedömning på distans." {
			t.Fatalf("curated = %+v", tg)
		}
		_, err := s.CreateTag(ctx, app.TagInput{Name: "Distansvård"})
		wantCode(t, err, app.Conflict)
		mustCurate(t, s, "ögonsjukvård", "")
		mustCurate(t, s, "ätstörningar", "")
		mustCurate(t, s, "KOL", "")

		a := tagged("Virtuellt akutrum", "Distansvård", "glesbygd", "egenvård")
		b := tagged("Nattillsyn", "distansvard", "nattillsyn")
		c := tagged("Egenmonitorering", "egenvård", "DISTANSVARD", "distansvård")
		tagged("Läkemedelsautomater", "Egenvård")
		e := tagged("Hemmonitorering", "distansvard")

		// Curated tags with no uses show too; free tags show in the spelling most needs use.
		tbl := tagTable(t, s)
		want := map[string]struct {
			curated bool
			uses    int
		}{"distansvård": {true, 2}, "ögonsjukvård": {true, 0}, "ätstörningar": {true, 0}, "KOL": {true, 0},
			"glesbygd": {false, 1}, "egenvård": {false, 3}, "distansvard": {false, 3}, "nattillsyn": {false, 1}}
		if len(tbl) != len(want) {
			t.Fatalf("tags = %+v", tbl)
		}
		for name, w := range want {
			if got, ok := tbl[name]; !ok || got.Curated != w.curated || got.Uses != w.uses || (got.ID != 0) != w.curated {
				t.Errorf("%s = %+v, want %+v", name, got, w)
			}
		}
		// Swedish order, case aside: å, ä, ö after z.
		list, _ := s.ListTags(ctx)
		var names []string
		for _, tg := range list {
			names = append(names, tg.Name)
		}
		if want := []string{"distansvard", "distansvård", "egenvård", "glesbygd", "KOL", "nattillsyn", "ätstörningar", "ögonsjukvård"}; !slices.Equal(names, want) {
			t.Errorf("order = %q, want %q", names, want)
		}
		curated, err := s.CuratedTags(ctx)
		if err != nil || len(curated) != 4 || curated[0].Name != "distansvård" || curated[3].Name != "ögonsjukvård" {
			t.Fatalf("curated = %+v, %v", curated, err)
		}

		// Merge the misspelling, named in another case, into the curated tag. A need with
		// both keeps one, in the place it had; the others get the curated spelling in the
		// place the misspelling had.
		merged, err := s.MergeTags(ctx, "DistansVard", "Distansvård")
		if err != nil {
			t.Fatal(err)
		}
		if merged.Name != "distansvård" || !merged.Curated || merged.Uses != 4 {
			t.Errorf("merged = %+v", merged)
		}
		check := func(t *testing.T) {
			t.Helper()
			if got := tagsOf(t, s, a.ID); !slices.Equal(got, []string{"Distansvård", "glesbygd", "egenvård"}) {
				t.Errorf("a = %q", got)
			}
			if got := tagsOf(t, s, b.ID); !slices.Equal(got, []string{"distansvård", "nattillsyn"}) {
				t.Errorf("b = %q", got)
			}
			if got := tagsOf(t, s, c.ID); !slices.Equal(got, []string{"egenvård", "distansvård"}) {
				t.Errorf("c = %q", got)
			}
			tbl := tagTable(t, s)
			if _, ok := tbl["distansvard"]; ok {
				t.Errorf("the merged tag is still listed: %+v", tbl)
			}
			if got := tagsOf(t, s, e.ID); !slices.Equal(got, []string{"distansvård"}) {
				t.Errorf("e = %q", got)
			}
			if got := tbl["distansvård"]; got.Uses != 4 || !got.Curated {
				t.Errorf("distansvård = %+v", got)
			}
			l, err := s.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{Tag: "DISTANSVÅRD"})
			if err != nil || len(l.Items) != 4 {
				t.Errorf("needs tagged distansvård = %d, %v", len(l.Items), err)
			}
			if l, _ := s.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{Tag: "distansvard"}); len(l.Items) != 0 {
				t.Errorf("needs still tagged distansvard: %d", len(l.Items))
			}
		}
		check(t)
		// Merging again changes nothing.
		again, err := s.MergeTags(ctx, "distansvard", "distansvård")
		if err != nil || again.Uses != 4 {
			t.Fatalf("merge again = %+v, %v", again, err)
		}
		check(t)

		// A curated tag merged into a free one: the vocabulary keeps the concept.
		mustCurate(t, s, "Nattlig tillsyn", "Tillsyn på natten.")
		tagged("Digital nattillsyn", "nattlig tillsyn")
		tg, err = s.MergeTags(ctx, "nattlig tillsyn", "nattillsyn")
		if err != nil || tg.Name != "nattillsyn" || !tg.Curated || tg.Uses != 2 || tg.Description != "Tillsyn på natten." {
			t.Fatalf("merge curated into free = %+v, %v", tg, err)
		}
		if tbl := tagTable(t, s); tbl["Nattlig tillsyn"].Name != "" || !tbl["nattillsyn"].Curated {
			t.Errorf("after merging a curated tag away: %+v", tbl)
		}
		// Two free tags merged: the one that remains stays free.
		tg, err = s.MergeTags(ctx, "glesbygd", "Egenvård")
		if err != nil || tg.Curated || tg.Uses != 3 {
			t.Fatalf("merge free into free = %+v, %v", tg, err)
		}
		if got := tagsOf(t, s, a.ID); !slices.Equal(got, []string{"Distansvård", "egenvård"}) {
			t.Errorf("a after the free merge = %q", got)
		}

		_, err = s.MergeTags(ctx, "finns inte", "finns inte heller")
		wantCode(t, err, app.NotFound)
		_, err = s.MergeTags(ctx, "KOL", "kol")
		wantCode(t, err, app.Invalid)
	})
}

func TestTagRename(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
		in := needInput("Virtuellt akutrum", app.VisibleOrganisation)
		in.Tags = []string{"kol", "Distansvard"}
		n := mustNeed(t, s, region.ID, u.ID, in)
		mustCurate(t, s, "kol", "Kroniskt obstruktiv lungsjukdom.")

		// A curated tag respelled keeps its description and changes on the needs too.
		tg, err := s.RenameTag(ctx, "KOL", "KOL")
		if err != nil || tg.Name != "KOL" || !tg.Curated || tg.Uses != 1 || tg.Description == "" {
			t.Fatalf("rename = %+v, %v", tg, err)
		}
		// A free tag renamed stays free.
		tg, err = s.RenameTag(ctx, "distansvard", "distansvård")
		if err != nil || tg.Name != "distansvård" || tg.Curated || tg.Uses != 1 {
			t.Fatalf("rename free = %+v, %v", tg, err)
		}
		if got := tagsOf(t, s, n.ID); !slices.Equal(got, []string{"KOL", "distansvård"}) {
			t.Errorf("need tags = %q", got)
		}
		// Renaming onto another tag is a merge, and refused as a rename.
		_, err = s.RenameTag(ctx, "KOL", "Distansvård")
		wantCode(t, err, app.Conflict)
		_, err = s.RenameTag(ctx, "saknas", "finns")
		wantCode(t, err, app.NotFound)
		if got := tagsOf(t, s, n.ID); !slices.Equal(got, []string{"KOL", "distansvård"}) {
			t.Errorf("need tags after refused renames = %q", got)
		}
	})
}
