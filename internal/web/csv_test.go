package web

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestWriteCSVDefusesFormulas(t *testing.T) {
	var b strings.Builder
	if err := writeCSV(&b, [][]string{{"=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "vanlig; text", "rad\nbrytning"}}); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{"\ufeff", "'=HYPERLINK", "'+1", "'-2", "'@SUM", `"vanlig; text"`, "\"rad\nbrytning\""} {
		if !strings.Contains(got, want) {
			t.Errorf("CSV %q lacks %q", got, want)
		}
	}
}

func FuzzWriteCSV(f *testing.F) {
	f.Add("=cmd|' /C calc'!A0", "åäö;\"x\"")
	f.Fuzz(func(t *testing.T, a, b string) {
		var out strings.Builder
		if err := writeCSV(&out, [][]string{{a, b}}); err != nil {
			return
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.String(), "\ufeff")))
		r.Comma = ';'
		records, err := r.ReadAll()
		if err != nil {
			t.Fatalf("cannot read back %q: %v", out.String(), err)
		}
		for _, rec := range records {
			for _, cell := range rec {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Fatalf("a cell starts with a formula character: %q", cell)
				}
			}
		}
	})
}
