package app

import (
	"net/url"
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
