package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func terms(toks []Token) []string {
	var out []string
	for _, t := range toks {
		out = append(out, t.Term)
	}
	return out
}

func TestAnalyse(t *testing.T) {
	a := Default()
	for _, tc := range []struct {
		text     string
		want     []string // terms that must be there
		wantNot  []string // terms that must not
		wantLang Lang
	}{
		{"Hemsjukvårdens sjuksköterskor", []string{"hemsjukvård", "hem", "sjukvård", "sjukskötersk"}, nil, Swedish},
		{"ÅLDERSHEM och Äldre", []string{"äldr"}, []string{"aldr"}, Swedish},
		{"Nattillsyn på SÄBO", []string{"natt", "tillsyn", "särskiltboend"}, nil, Swedish},
		{"läkemedelsgenomgång för personer", []string{"läkemedel", "genomgång", "person"}, []string{"per", "son"}, Swedish},
		{"Särskilt boende för äldre", []string{"särskiltboend"}, []string{"kilt"}, Swedish},
		{"Daily COPD follow-up at home for the patients", []string{"copd", "kol", "hem"}, nil, English},
		{"Social alarm with a fall detector", []string{"trygghetslarm", "falldetektion"}, nil, English},
		{"personer med KOL", []string{"kol"}, nil, Swedish},
	} {
		ws := words(tc.text)
		if got := Detect(ws); got != tc.wantLang {
			t.Errorf("%q: language %s, want %s", tc.text, got, tc.wantLang)
		}
		got := terms(a.Analyse(tc.text))
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: no %q in %v", tc.text, w, got)
			}
		}
		for _, w := range tc.wantNot {
			if slices.Contains(got, w) {
				t.Errorf("%q: %q in %v", tc.text, w, got)
			}
		}
	}
}

func TestEncodeDecode(t *testing.T) {
	toks := Default().Analyse("Hemsjukvård i glesbygd")
	back := Decode(Encode(toks))
	if len(back) != len(toks) {
		t.Fatalf("decoded %d tokens, want %d", len(back), len(toks))
	}
	for i := range toks {
		if back[i].Term != toks[i].Term || back[i].Derived != toks[i].Derived {
			t.Errorf("token %d: %+v, want %+v", i, back[i], toks[i])
		}
	}
}

func TestCareSetting(t *testing.T) {
	a := Default()
	for label, want := range map[string]string{
		"särskilt boende": "sarskilt_boende", "SÄBO": "sarskilt_boende", "kommunal hemsjukvård": "kommunal_hemsjukvard",
		"primärvård": "primarvard", "ambulans/prehospital": "ambulans", "tandvård": "tandvard",
	} {
		if got, ok := a.CareSetting(label); !ok || got != want {
			t.Errorf("CareSetting(%q) = %q, %v; want %q", label, got, ok, want)
		}
	}
	if got, ok := a.CareSetting("rymdfart"); ok {
		t.Errorf("CareSetting(rymdfart) = %q", got)
	}
}

func TestSnippet(t *testing.T) {
	a := Default()
	q := NewQuery(a.Analyse("trygghetslarm glesbygd"))
	text := "Inledning om ingenting. Kommunen behöver trygghetslarm som fungerar i glesbygden där täckningen är dålig."
	sn := a.Snippet(text, q)
	var marked []string
	whole := ""
	for _, s := range sn {
		whole += s.Text
		if s.Mark {
			marked = append(marked, s.Text)
		}
	}
	if !slices.Equal(marked, []string{"trygghetslarm", "glesbygden"}) {
		t.Errorf("marked %v in %q", marked, whole)
	}
}

func TestRankTies(t *testing.T) {
	a := Default()
	q := a.NewProfile(0, a.Analyse("trygghetslarm"), nil, nil, 0)
	var cands []Profile
	for id := int64(3); id >= 1; id-- {
		cands = append(cands, a.NewProfile(id, a.Analyse("trygghetslarm"), nil, nil, 0))
	}
	st := Stats{Docs: 3, AvgLen: 1, DF: map[string]int{"trygghetslarm": 3}}
	got := Rank(q, cands, st, 2)
	if len(got) != 2 || got[0].ID != 1 || got[1].ID != 2 {
		t.Errorf("ties ranked %+v, want ids 1, 2", got)
	}
}

func TestRequirements(t *testing.T) {
	a := Default()
	set := func(text string) map[string]bool {
		m := map[string]bool{}
		for _, t := range a.Analyse(text) {
			m[t.Term] = true
		}
		return m
	}
	for _, tc := range []struct {
		query, text string
		want        bool
	}{
		{"särskilt boende", "Nattillsyn på SÄBO", true},
		{"trygghetslarm glesbygd", "Trygghetslarmen i glesbygden tappar kontakten", true},
		{"trygghetslarm glesbygd", "Trygghetslarm i staden", false},
		{"KOL", "Patients with COPD at home", true},
		{"hemsjukvård", "Kommunal hemsjukvården", true},
		{"tandvård", "Hemtjänst och läkemedel", false},
	} {
		if got := Meets(a.Requirements(tc.query), set(tc.text)); got != tc.want {
			t.Errorf("%q in %q = %v, want %v (%v)", tc.query, tc.text, got, tc.want, a.Requirements(tc.query))
		}
	}
}

func TestOneWordOfTheOtherLanguage(t *testing.T) {
	a := Default()
	for text, concept := range map[string]string{"COPD": "kol", "patienter med COPD": "kol", "KOL": "kol"} {
		if got := terms(a.Analyse(text)); !slices.Contains(got, concept) {
			t.Errorf("%q: no %q in %v", text, concept, got)
		}
	}
}

// FuzzAnalyse: any text analyses without panic into terms that the full-text indexes can
// take as they are: not empty, valid UTF-8, letters and digits only.
func FuzzAnalyse(f *testing.F) {
	for _, s := range []string{"Hemsjukvården i Härjedalen", "KOL/COPD-patienter", "trygghetslarm ''\"; DROP TABLE", "Säbo 24/7 ÅÄÖ", "\xff\xfe", "e-hälsa & AI | fall"} {
		f.Add(s)
	}
	a := Default()
	f.Fuzz(func(t *testing.T, text string) {
		for _, tok := range a.Analyse(text) {
			if tok.Term == "" || !utf8.ValidString(tok.Term) || strings.IndexFunc(tok.Term, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
				t.Fatalf("%q gave the term %q", text, tok.Term)
			}
		}
		for _, g := range a.Requirements(text) {
			if len(g) == 0 {
				t.Fatalf("%q gave an empty group", text)
			}
		}
	})
}
