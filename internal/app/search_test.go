package app

import (
	"net/url"
	"strings"
	"testing"
)

func TestParseSearchQuery(t *testing.T) {
	for raw, want := range map[string]SearchQuery{
		"q=larm&type=need&trl_min=7&limit=5":    {Q: "larm", Kind: KindNeed, TRLMin: 7, Limit: 5},
		"q=larm&limit=0":                        {Q: "larm", Limit: -1},
		"q=larm&trl_min=x":                      {Q: "larm", TRLMin: -1},
		"tag=+glesbygd+&care_setting=hemtjanst": {Tag: "glesbygd", CareSetting: "hemtjanst"},
	} {
		v, _ := url.ParseQuery(raw)
		if got := ParseSearchQuery(v); got != want {
			t.Errorf("%s: %+v, want %+v", raw, got, want)
		}
	}
	q := SearchQuery{Q: "trygghetslarm", Kind: KindSolution, TRLMin: 7, Tag: "larm"}
	if back := ParseSearchQuery(q.Values()); back != q {
		t.Errorf("round trip %+v, want %+v", back, q)
	}
}

// FuzzParseSearchQuery: any query string parses without panic, and a search that passes
// its check survives writing it back as parameters.
func FuzzParseSearchQuery(f *testing.F) {
	for _, s := range []string{"q=trygghetslarm+glesbygd&type=solution&limit=10", "q=KOL&care_setting=hemsjukvard&trl_min=5",
		"tag=FHIR&org_kind=company", "limit=0", "trl_min=x", "q=%C3%A5%C3%A4%C3%B6&type=nope"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q := ParseSearchQuery(v)
		if q.Check() != nil {
			return
		}
		again := ParseSearchQuery(q.Values())
		if err := again.Check(); err != nil {
			t.Fatalf("%+v written as %q does not pass: %v", q, q.Values().Encode(), err)
		}
		again.Limit = q.Limit
		if strings.TrimSpace(again.Q) != q.Q {
			t.Fatalf("words %q came back as %q", q.Q, again.Q)
		}
		again.Q = q.Q
		if again != q {
			t.Fatalf("%+v came back as %+v", q, again)
		}
	})
}
