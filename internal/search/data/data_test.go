package data

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestSvEn(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(SvEn, "\n"), "\n")
	if len(lines) < 5000 {
		t.Fatalf("sv_en.tsv has %d lines, want thousands", len(lines))
	}
	pairs := map[string]bool{}
	for i, line := range lines {
		fields := strings.Split(line, "\t")
		if len(fields) != 2 || fields[0] == "" || fields[1] == "" {
			t.Fatalf("sv_en.tsv line %d: %q, want two non-empty fields", i+1, line)
		}
		if line != strings.ToLower(line) {
			t.Errorf("sv_en.tsv line %d: %q is not lower-cased", i+1, line)
		}
		pairs[line] = true
	}
	if !slices.IsSorted(lines) || len(pairs) != len(lines) {
		t.Error("sv_en.tsv is not sorted and deduplicated")
	}
	for _, p := range []string{
		"sjukhus\thospital",
		"läkare\tdoctor",
		"sjuksköterska\tnurse",
		"hälsa\thealth",
		"medicin\tmedicine",
		"vara rädd\tbe afraid of", // phrases of up to three words
	} {
		if !pairs[p] {
			t.Errorf("sv_en.tsv lacks %q", p)
		}
	}
}

func TestSvWords(t *testing.T) {
	words := strings.Split(strings.TrimSuffix(SvWords, "\n"), "\n")
	if len(words) < 100000 {
		t.Fatalf("sv_words.txt has %d words, want over 100 000", len(words))
	}
	for i, w := range words {
		if w == "" || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLower(r) }) >= 0 {
			t.Fatalf("sv_words.txt line %d: %q, want a lower-cased word of letters", i+1, w)
		}
	}
	if !slices.IsSorted(words) || len(slices.Compact(slices.Clone(words))) != len(words) {
		t.Error("sv_words.txt is not sorted and deduplicated")
	}
	for _, w := range []string{"sjukvård", "vård", "sjukhus", "äldreomsorg", "hemtjänst"} {
		if _, found := slices.BinarySearch(words, w); !found {
			t.Errorf("sv_words.txt lacks %q", w)
		}
	}
}
