package web

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestBarChart(t *testing.T) {
	got, err := barChart("c1", `Behov & "lägen"`, []bar{
		{Label: "Inskickat", Value: 4, Text: "4"},
		{Label: "<script>alert(1)</script>", Value: 2, Text: "2 <b>"},
		{Label: "Stängt", Value: 0, Text: "0"},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	for _, want := range []string{
		`<svg class="chart" role="img" aria-labelledby="c1-title"`,
		`<title id="c1-title">Behov &amp; &#34;lägen&#34;</title>`,
		`>Inskickat</text>`, `width="70.00%"`, `width="35.00%"`, `width="0.00%"`,
		`&lt;script&gt;alert(1)&lt;/script&gt;`, `>2 &lt;b&gt;</text>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("chart lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "<script") || strings.Contains(s, "<b>") {
		t.Errorf("a label came out unescaped:\n%s", s)
	}
	// Well-formed XML, so that it stands on its own as an SVG file too.
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Errorf("not well-formed: %v\n%s", err, s)
			}
			break
		}
	}
	if n := strings.Count(s, "<rect"); n != 3 {
		t.Errorf("%d bars, want 3", n)
	}
}
