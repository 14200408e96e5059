package web

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

func TestKPIChart(t *testing.T) {
	k := app.KPI{Name: `Resor <till> "akuten"`, Direction: app.HigherIsBetter, Baseline: 0, BaselineDate: "2026-01-01", Target: 20000,
		Measurements: []app.Measurement{{Date: "2026-01-08", Value: 6200.5}, {Date: "2026-06-01", Value: 19800}}}
	got, err := kpiChart(&view{Lang: "sv"}, "k1", k)
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	for _, want := range []string{`role="img"`, `aria-labelledby="k1-title"`, `Resor &lt;till&gt; &#34;akuten&#34; över tid`,
		">6\u00a0200,5<", ">19\u00a0800<", ">20\u00a0000<", ">2026-01-01<", ">2026-06-01<", `class="baseline"`, `class="target"`} {
		if !strings.Contains(s, want) {
			t.Errorf("chart lacks %q:\n%s", want, s)
		}
	}
	// A week after the baseline is too near to write its date too; the table has it.
	if strings.Contains(s, ">2026-01-08<") {
		t.Errorf("overlapping dates written:\n%s", s)
	}
	if n := strings.Count(s, "<circle"); n != 3 {
		t.Errorf("%d points, want 3", n)
	}
	if err := xml.Unmarshal([]byte(s), new(struct{})); err != nil {
		t.Errorf("not well-formed: %v", err)
	}
	for in, want := range map[float64]string{-1234.5: "−1\u00a0234,5", 0.126: "0,13", 1e6: "1\u00a0000\u00a0000"} {
		if got := formatNumber("sv", in); got != want {
			t.Errorf("formatNumber(sv, %v) = %q, want %q", in, got, want)
		}
	}
	if got := formatNumber("en", -1234.5); got != "-1,234.5" {
		t.Errorf("formatNumber(en) = %q", got)
	}
}
