//go:build ignore

// Gen rebuilds sv_en.tsv and sv_words.txt from Debian's packages.
//
// Install the sources first (Debian bookworm; the versions used are in LICENSE.md):
//
//	apt-get install dict-freedict-swe-eng dict-freedict-eng-swe hunspell-sv
//
// then, in this folder:
//
//	go run gen.go
//
// sv_en.tsv merges both FreeDict directions into "swedish<TAB>english" lines;
// sv_words.txt holds the stems of the Swedish Hunspell dictionary. Both are
// lower-cased, deduplicated and sorted by byte value.
package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	dictDir     = "/usr/share/dictd/"
	hunspellDic = "/usr/share/hunspell/sv_SE.dic"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	pairs := map[string]bool{}
	add := func(sv, en string) {
		sv = cleanTerm(sv, "att")
		en = cleanTerm(en, "to", "a", "an", "the")
		if sv != "" && en != "" {
			pairs[sv+"\t"+en] = true
		}
	}

	sweEng, err := readDict(dictDir + "freedict-swe-eng")
	if err != nil {
		return err
	}
	for _, e := range sweEng {
		for _, en := range e.translations {
			add(e.head, en)
		}
	}

	engSwe, err := readDict(dictDir + "freedict-eng-swe")
	if err != nil {
		return err
	}
	for _, e := range dropCutPhrases(engSwe) {
		for _, sv := range e.translations {
			add(sv, e.head)
		}
	}

	if err := writeLines("sv_en.tsv", pairs); err != nil {
		return err
	}

	words, err := readHunspellStems(hunspellDic)
	if err != nil {
		return err
	}
	return writeLines("sv_words.txt", words)
}

type entry struct {
	head          string // as printed in the entry, which keeps the case the index lost
	pronunciation string
	translations  []string
}

// readDict reads a dictd dictionary: base.index lists headword, offset and
// length (in dictd's base64) of each entry in base.dict.dz, a dictzip file
// that gzip reads as one stream.
func readDict(base string) ([]entry, error) {
	f, err := os.Open(base + ".dict.dz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s.dict.dz: %w", base, err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s.dict.dz: %w", base, err)
	}

	index, err := os.ReadFile(base + ".index")
	if err != nil {
		return nil, err
	}
	var entries []entry
	for line := range strings.Lines(string(index)) {
		fields := strings.Split(strings.TrimRight(line, "\n"), "\t")
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s.index: bad line %q", base, line)
		}
		// The database's own description: name, URL, licence, alphabet.
		if strings.HasPrefix(fields[0], "00database") || strings.HasPrefix(fields[0], "00-database-") {
			continue
		}
		off, size := decodeBase64(fields[1]), decodeBase64(fields[2])
		if off < 0 || size < 0 || off+size > len(text) {
			return nil, fmt.Errorf("%s.index: bad offset in %q", base, line)
		}
		entries = append(entries, parseEntry(string(text[off:off+size])))
	}
	return entries, nil
}

// decodeBase64 reads dictd's numbers: base64 digits, most significant first,
// without padding. It returns -1 for a character outside the alphabet.
func decodeBase64(s string) int {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	n := 0
	for _, c := range s {
		d := strings.IndexRune(digits, c)
		if d < 0 {
			return -1
		}
		n = n*64 + d
	}
	return n
}

var (
	headLine  = regexp.MustCompile(`^(.*?)\s*/([^/]*)/\s*$`)
	numbering = regexp.MustCompile(`^\d+\.\s*`)
	note      = regexp.MustCompile(`\([^)]*\)`)
)

// parseEntry reads "headword /pronunciation/" and then lines of translations,
// some numbered "1. …", separated by commas or semicolons.
func parseEntry(text string) entry {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	var e entry
	if m := headLine.FindStringSubmatch(lines[0]); m != nil {
		e.head, e.pronunciation = m[1], m[2]
	} else {
		e.head = lines[0]
	}
	for _, line := range lines[1:] {
		line = numbering.ReplaceAllString(strings.TrimSpace(line), "")
		line = note.ReplaceAllString(line, "")
		e.translations = append(e.translations, strings.FieldsFunc(line, func(r rune) bool {
			return r == ',' || r == ';'
		})...)
	}
	return e
}

// dropCutPhrases leaves out the entries of freedict-eng-swe whose headword was
// cut to its first word while the pronunciation still spells the whole phrase:
// "accelerator /əkseləreitərpedəl/ gastrampa" is "accelerator pedal", "apple
// /ˈapəl/ äppelmos" is "apple sauce". Kept, they would pair "accelerator" with
// "gastrampa". Such an entry has one of:
//   - a pronunciation with stress marks: the entries added later with a
//     generated pronunciation are nearly all cut phrases;
//   - a longer pronunciation than another entry of the same headword;
//   - a pronunciation three or more sounds longer than the headword's letters.
func dropCutPhrases(entries []entry) []entry {
	length := func(e entry) int {
		return utf8.RuneCountInString(strings.ReplaceAll(e.pronunciation, "ː", ""))
	}
	shortest := map[string]int{}
	for _, e := range entries {
		if strings.ContainsAny(e.pronunciation, "ˈˌ") {
			continue
		}
		head := strings.ToLower(e.head)
		if n, ok := shortest[head]; !ok || length(e) < n {
			shortest[head] = length(e)
		}
	}
	var kept []entry
	for _, e := range entries {
		if strings.ContainsAny(e.pronunciation, "ˈˌ") ||
			length(e) > shortest[strings.ToLower(e.head)] ||
			length(e)-utf8.RuneCountInString(e.head) >= 3 {
			continue
		}
		kept = append(kept, e)
	}
	return kept
}

// word is a word of letters, possibly joined by hyphens ("aide-de-camp") or
// with an apostrophe ("chemist's", "saints'").
var word = regexp.MustCompile(`^\p{L}+(['-]\p{L}+)*'?$`)

var punctuation = strings.NewReplacer("\u2010", "-", "\u2011", "-", "\u2019", "'")

// cleanTerm lower-cases a headword or translation and strips the given
// leading words ("to" of English verbs, articles, "att" of Swedish verbs).
// It returns "" for a term that is nothing but such words (the cut headword
// "the" of "the Ukraine"), has more than three words, or has a digit or other
// punctuation, such as the affixes "‐able" and "o‐" or "lika...som".
func cleanTerm(s string, strip ...string) string {
	words := strings.Fields(punctuation.Replace(strings.ToLower(s)))
	for len(words) > 0 && slices.Contains(strip, words[0]) {
		words = words[1:]
	}
	if len(words) == 0 || len(words) > 3 {
		return ""
	}
	for _, w := range words {
		if !word.MatchString(w) {
			return ""
		}
	}
	return strings.Join(words, " ")
}

// readHunspellStems returns the stems of a Hunspell dictionary, one word of
// two or more letters each. Names and abbreviations (capitalised), forms
// marked forbidden (flag %) and stems that occur only inside compounds
// (flag Z, such as "abborr") are left out.
func readHunspellStems(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	words := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Scan() // the first line is the number of entries
	for sc.Scan() {
		stem, flags, _ := strings.Cut(strings.TrimSpace(sc.Text()), "/")
		r, _ := utf8.DecodeRuneInString(stem)
		if unicode.IsUpper(r) || strings.ContainsAny(flags, "%Z") ||
			utf8.RuneCountInString(stem) < 2 || strings.IndexFunc(stem, notLetter) >= 0 {
			continue
		}
		words[strings.ToLower(stem)] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return words, nil
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

func writeLines(path string, set map[string]bool) error {
	lines := make([]string, 0, len(set))
	for l := range set {
		lines = append(lines, l)
	}
	slices.Sort(lines)
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
}
