package app

import (
	"testing"
	"unicode"
)

func TestNormaliseOrgNumber(t *testing.T) {
	tests := []struct {
		country, in, want string
		ok                bool
	}{
		{"SE", "212000-2411", "212000-2411", true},   // Östersunds kommun
		{"SE", "2120002411", "212000-2411", true},    // without hyphen
		{"SE", "16212000-2411", "212000-2411", true}, // with the 16 prefix
		{"SE", " 232100-0214 ", "232100-0214", true}, // Region Jämtland Härjedalen
		{"SE", "212000-2412", "", false},             // wrong check digit
		{"SE", "21200024", "", false},                // too short
		{"SE", "21200024110", "", false},             // too long
		{"SE", "212000–2411", "", false},             // en dash is not a hyphen
		{"SE", "", "", false},
		{"NO", "974760673", "974760673", true}, // Brønnøysundregistrene
		{"NO", "974 760 673", "974760673", true},
		{"NO", "974760674", "", false},
		{"NO", "212000-2411", "", false}, // a Swedish number in Norway
		{"DK", "212000-2411", "", false},
	}
	for _, tt := range tests {
		got, ok := NormaliseOrgNumber(tt.country, tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormaliseOrgNumber(%q, %q) = %q, %v; want %q, %v", tt.country, tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzNormaliseOrgNumber(f *testing.F) {
	for _, s := range []string{"212000-2411", "974760673", "16212000-2411", "", "---", "٣٤٥"} {
		f.Add("SE", s)
		f.Add("NO", s)
	}
	f.Fuzz(func(t *testing.T, country, s string) {
		got, ok := NormaliseOrgNumber(country, s)
		if !ok {
			if got != "" {
				t.Fatalf("refused %q but returned %q", s, got)
			}
			return
		}
		// A canonical number is accepted again unchanged, and holds only ASCII digits and one hyphen.
		again, ok2 := NormaliseOrgNumber(country, got)
		if !ok2 || again != got {
			t.Fatalf("canonical %q of %q not stable: %q %v", got, s, again, ok2)
		}
		for _, r := range got {
			if r != '-' && (r > unicode.MaxASCII || !unicode.IsDigit(r)) {
				t.Fatalf("canonical %q has %q", got, r)
			}
		}
	})
}

func TestOrganisationInputNormalise(t *testing.T) {
	valid := func() OrganisationInput {
		return OrganisationInput{Name: "  Östersunds   kommun ", Kind: KindMunicipality, Country: "se", OrgNumber: "2120002411", County: "Jämtland", Capabilities: []string{"E-hälsa", " e-hälsa", ""}}
	}
	in := valid()
	if err := in.Normalise(); err != nil {
		t.Fatalf("valid input refused: %v", err)
	}
	if in.Name != "Östersunds kommun" || in.Country != "SE" || in.OrgNumber != "212000-2411" || len(in.Capabilities) != 1 || in.Capabilities[0] != "E-hälsa" {
		t.Errorf("normalised = %+v", in)
	}
	tests := []struct {
		name   string
		change func(*OrganisationInput)
		field  string
	}{
		{"no name", func(in *OrganisationInput) { in.Name = " " }, "name"},
		{"unknown kind", func(in *OrganisationInput) { in.Kind = "church" }, "kind"},
		{"unknown country", func(in *OrganisationInput) { in.Country = "DK" }, "country"},
		{"bad number", func(in *OrganisationInput) { in.OrgNumber = "212000-2412" }, "org_number"},
		{"no number", func(in *OrganisationInput) { in.OrgNumber = "" }, "org_number"},
		{"company without size", func(in *OrganisationInput) { in.Kind = KindCompany }, "size"},
		{"size on a kommun", func(in *OrganisationInput) { in.Size = SizeSME }, "size"},
		{"health trust in Sweden", func(in *OrganisationInput) { in.Kind = KindHealthTrust }, "kind"},
		{"county of the other country", func(in *OrganisationInput) { in.County = "Trøndelag" }, "county"},
	}
	for _, tt := range tests {
		in := valid()
		tt.change(&in)
		e := AsError(in.Normalise())
		if e.Code != Invalid || e.Fields[tt.field] == "" {
			t.Errorf("%s: error = %v, want a problem with %s", tt.name, e, tt.field)
		}
	}
}
