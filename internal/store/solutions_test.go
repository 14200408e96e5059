package store_test

import (
	"slices"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

func mustSolution(t *testing.T, s *store.Store, org, creator int64, in app.SolutionInput) app.Solution {
	t.Helper()
	if err := in.Normalise(); err != nil {
		t.Fatalf("solution input: %v", err)
	}
	x, err := s.CreateSolution(ctx, org, creator, in)
	if err != nil {
		t.Fatalf("create solution: %v", err)
	}
	return x
}

func TestSolutions(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "anna@bolag.example", "Anna")
		org := mustCreateOrg(t, s, "Vårdbolaget AB", "556677-8899", u.ID)
		ref := "ext-1"
		in := app.SolutionInput{Ref: &ref, Title: "Ögonblick", Description: "**Digital** tillsyn", Type: "software", Tags: []string{"Tillsyn", "natt"},
			TargetGroups: []string{"äldre"}, CareSettings: []string{"sarskilt_boende", "hemtjanst"}, TRL: 8, Deployment: "in_use",
			MedicalDevice: true, MDRClass: "IIa", CEMarked: true, Interoperability: []string{"FHIR", "HL7"}, Hosting: "Svensk molntjänst",
			DataLocation: "sweden", IdentitySupport: []string{"siths", "bankid"}, SecretFields: []string{"evidence"}, Evidence: "Studie 2024"}
		a := mustSolution(t, s, org.ID, u.ID, in)
		if a.Organisation.Name != org.Name || a.CreatedBy.Name != "Anna" || a.Ref == nil || *a.Ref != "ext-1" || a.MDRClass != "IIa" ||
			!slices.Equal(a.CareSettings, []string{"hemtjanst", "sarskilt_boende"}) || !slices.Equal(a.Tags, []string{"Tillsyn", "natt"}) ||
			!slices.Equal(a.Interoperability, []string{"FHIR", "HL7"}) || !slices.Equal(a.SecretFields, []string{"evidence"}) || a.TRL != 8 {
			t.Fatalf("created = %+v", a)
		}
		b := mustSolution(t, s, org.ID, u.ID, app.SolutionInput{Title: "Armband", Type: "device", TRL: 5, Tags: []string{"larm"}})
		c := mustSolution(t, s, org.ID, u.ID, app.SolutionInput{Title: "Zebra", Type: "software", TRL: 9, CareSettings: []string{"hemtjanst"}})
		// The same ref again is a conflict, and writes nothing.
		dup := app.SolutionInput{Ref: &ref, Title: "Kopia"}
		if err := dup.Normalise(); err != nil {
			t.Fatal(err)
		}
		_, err := s.CreateSolution(ctx, org.ID, u.ID, dup)
		wantCode(t, err, app.Conflict)
		titles := func(f app.SolutionFilter) []string {
			t.Helper()
			var out []string
			for {
				l, err := s.ListSolutions(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, x := range l.Items {
					out = append(out, x.Title)
				}
				if l.NextCursor == nil {
					return out
				}
				f.Cursor = *l.NextCursor
			}
		}
		// Swedish order: Ö after Z; one per page walks the cursor.
		if got := titles(app.SolutionFilter{Page: app.Page{Limit: 1}}); !slices.Equal(got, []string{"Armband", "Zebra", "Ögonblick"}) {
			t.Fatalf("list = %v", got)
		}
		if got := titles(app.SolutionFilter{Sort: "newest", Page: app.Page{Limit: 2}}); !slices.Equal(got, []string{"Zebra", "Armband", "Ögonblick"}) {
			t.Fatalf("newest first = %v", got)
		}
		_, err = s.ListSolutions(ctx, app.SolutionFilter{Sort: "price"})
		wantCode(t, err, app.Invalid)
		for _, tc := range []struct {
			f    app.SolutionFilter
			want []string
		}{
			{app.SolutionFilter{Type: "software"}, []string{"Zebra", "Ögonblick"}},
			{app.SolutionFilter{CareSetting: "hemtjanst"}, []string{"Zebra", "Ögonblick"}},
			{app.SolutionFilter{TRLMin: 8}, []string{"Zebra", "Ögonblick"}},
			{app.SolutionFilter{Tag: "LARM"}, []string{"Armband"}},
			{app.SolutionFilter{Ref: "ext-1"}, []string{"Ögonblick"}},
		} {
			if got := titles(tc.f); !slices.Equal(got, tc.want) {
				t.Errorf("%+v: %v, want %v", tc.f, got, tc.want)
			}
		}
		up := a.Input()
		up.Title = "Ögonblick 2"
		up.Tags = []string{"larm"}
		a2, err := s.UpdateSolution(ctx, a.ID, up)
		if err != nil || a2.Title != "Ögonblick 2" || !slices.Equal(a2.Tags, []string{"larm"}) || a2.Evidence != "Studie 2024" {
			t.Fatalf("update = %+v, %v", a2, err)
		}
		_, err = s.UpdateSolution(ctx, 424242, up)
		wantCode(t, err, app.NotFound)
		if err := s.DeleteSolution(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.DeleteSolution(ctx, b.ID), app.NotFound)
		_, err = s.Solution(ctx, b.ID)
		wantCode(t, err, app.NotFound)
		if got := titles(app.SolutionFilter{Tag: "larm"}); !slices.Equal(got, []string{"Ögonblick 2"}) {
			t.Fatalf("after delete = %v", got)
		}
		_ = c
	})
}

func TestSolutionNormalise(t *testing.T) {
	in := app.SolutionInput{Title: " ", Type: "gadget", TRL: 10, Deployment: "x", MDRClass: "IV", DataLocation: "mars",
		IdentitySupport: []string{"passport"}, SecretFields: []string{"title"}, Description: "Patient 19121212-1212", CareSettings: []string{"x"}}
	err := in.Normalise()
	e := app.AsError(err)
	for _, f := range []string{"title", "type", "trl", "deployment", "mdr_class", "data_location", "identity_support", "secret_fields", "description", "care_settings"} {
		if e == nil || e.Fields[f] == "" {
			t.Errorf("field %s not refused: %v", f, err)
		}
	}
	dev := app.SolutionInput{Title: "X", MedicalDevice: true}
	if e := app.AsError(dev.Normalise()); e == nil || e.Fields["mdr_class"] == "" {
		t.Errorf("a medical device without a class: %v", e)
	}
}
