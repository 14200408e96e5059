package app

import "testing"

func TestContainsPersonalNumber(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Patienten 19121212-1212 har KOL", true}, // Skatteverket's test number
		{"pnr 121212-1212.", true},
		{"1212121212", true},
		{"191212121212", true},
		{"samordningsnummer 701063-2391 finns", true}, // day 63 = 3 + 60
		{"121212+1212", true},                         // over 100 years old
		{"121212-1213", false},                        // wrong check digit
		{"Vi har 1 200 brukare och 35 000 larm per år", false},
		{"organisationsnummer 212000-2411", false}, // month 20 does not exist
		{"telefon 063-14 30 00", false},
		{"12121212121212", false}, // a longer number
		{"datum 2026-11-25", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ContainsPersonalNumber(tt.text); got != tt.want {
			t.Errorf("ContainsPersonalNumber(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func FuzzContainsPersonalNumber(f *testing.F) {
	for _, s := range []string{"19121212-1212", "121212-1212", "701063-2391", "212000-2411", "åäö 1212121212"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Wrapping text in letters never changes the verdict.
		if ContainsPersonalNumber(s) != ContainsPersonalNumber("x "+s+" y") {
			t.Fatalf("verdict depends on surrounding letters: %q", s)
		}
	})
}
