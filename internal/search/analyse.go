// Package search holds the platform's text analysis, ranking and matching. One analyser in
// Go turns Swedish and English text into index terms: lower-cased words (å, ä and ö kept),
// Snowball stems, the parts of Swedish compounds, the field's concepts (KOL = COPD, SÄBO =
// särskilt boende) and Swedish translations of English words. Both databases index the
// same terms, and the ranking is computed here, so SQLite and PostgreSQL rank alike.
package search

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/swedish"

	"github.com/tillsammans/tillsammans/internal/search/data"
)

//go:embed terms.txt
var fieldTerms string

// Lang is the language of a text.
type Lang string

const (
	Swedish Lang = "sv"
	English Lang = "en"
)

// Token is one index term and the word of the text it came from.
type Token struct {
	Term string
	Word string
	// Derived marks a term the analyser added (a compound part, a concept or a
	// translation) rather than the stem of the word itself.
	Derived bool
}

// Analyser turns text into index terms. It is safe for concurrent use.
type Analyser struct {
	words    map[string]bool     // Swedish words and stems, for compound splitting
	lexicon  map[string][]string // English stem → Swedish stems
	concepts map[string]string   // "sv:" or "en:" + stems joined by space → concept term
	labels   map[string][2]string
	longest  int // words in the longest concept phrase
	memo     wordMemo
}

// wordMemo remembers the terms of single words: snippets analyse the words of the same
// records again and again. It is emptied when it holds memoWords, so that it stays small.
type wordMemo struct {
	mu sync.Mutex
	m  map[memoKey][]string
}

type memoKey struct {
	word string
	lang Lang
}

const memoWords = 50_000

// wordTerms returns the terms of one lower-cased word.
func (a *Analyser) wordTerms(w string, lang Lang) []string {
	k := memoKey{w, lang}
	a.memo.mu.Lock()
	terms, ok := a.memo.m[k]
	a.memo.mu.Unlock()
	if ok {
		return terms
	}
	for _, t := range a.AnalyseWords([]string{w}, lang) {
		terms = append(terms, t.Term)
	}
	a.memo.mu.Lock()
	if len(a.memo.m) >= memoWords || a.memo.m == nil {
		a.memo.m = make(map[memoKey][]string, memoWords)
	}
	a.memo.m[k] = terms
	a.memo.mu.Unlock()
	return terms
}

// Default is the analyser built from the embedded language data.
var Default = sync.OnceValue(func() *Analyser {
	return New(data.SvWords, data.SvEn, fieldTerms)
})

// New builds an analyser from a Swedish word list (one word a line), a bilingual lexicon
// (swedish TAB english a line) and the field's terms (see terms.txt).
func New(svWords, svEn, terms string) *Analyser {
	a := &Analyser{
		words:    map[string]bool{},
		lexicon:  map[string][]string{},
		concepts: map[string]string{},
		labels:   map[string][2]string{},
	}
	for w := range strings.Lines(svWords) {
		w = strings.TrimSpace(w)
		if len([]rune(w)) >= minPart {
			a.words[w] = true
			a.words[swedish.Stem(w, true)] = true
		}
	}
	a.addTerms(terms)
	// An English stem takes the translations of the words closest to it: "care" those
	// of care, not of careful.
	distance := map[string]int{}
	for line := range strings.Lines(svEn) {
		sv, en, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok || strings.Contains(sv, " ") || strings.Contains(en, " ") || swedish.IsStopWord(sv) {
			continue
		}
		key, to := english.Stem(en, true), swedish.Stem(sv, true)
		if len([]rune(to)) < minPart {
			continue
		}
		d, seen := distance[key]
		switch dist := len(en) - len(key); {
		case !seen || dist < d:
			distance[key] = dist
			a.lexicon[key] = []string{to}
		case dist == d && !slices.Contains(a.lexicon[key], to):
			a.lexicon[key] = append(a.lexicon[key], to)
		}
	}
	return a
}

// addTerms reads the field's terms: "sv term, sv term = en term, en term".
func (a *Analyser) addTerms(terms string) {
	for line := range strings.Lines(terms) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		svSide, enSide, _ := strings.Cut(line, "=")
		var concept string
		var label [2]string
		for i, side := range []struct {
			lang  Lang
			terms string
		}{{Swedish, svSide}, {English, enSide}} {
			for t := range strings.SplitSeq(side.terms, ",") {
				t = strings.TrimSpace(t)
				stems := a.stems(words(t), side.lang)
				if len(stems) == 0 {
					continue
				}
				if concept == "" {
					concept = strings.Join(stems, "")
				}
				if label[i] == "" {
					label[i] = t
				}
				a.concepts[string(side.lang)+":"+strings.Join(stems, " ")] = concept
				a.longest = max(a.longest, len(stems))
				if side.lang == Swedish && len(stems) == 1 {
					a.words[stems[0]] = true
				}
			}
		}
		if concept != "" {
			a.labels[concept] = label
		}
	}
}

// Label names a term for people: a concept by its first Swedish or English term,
// anything else by itself.
func (a *Analyser) Label(term string, lang Lang) string {
	l, ok := a.labels[term]
	if !ok {
		return term
	}
	if lang == English && l[1] != "" {
		return l[1]
	}
	if l[0] != "" {
		return l[0]
	}
	return l[1]
}

// words splits text into lower-cased words of letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Detect tells Swedish from English by their most common words; Swedish wins a tie.
func Detect(ws []string) Lang {
	sv, en := 0, 0
	for _, w := range ws {
		if swedish.IsStopWord(w) {
			sv++
		}
		if english.IsStopWord(w) {
			en++
		}
	}
	if en > sv {
		return English
	}
	return Swedish
}

func stem(w string, lang Lang) string {
	if lang == English {
		return english.Stem(w, true)
	}
	return swedish.Stem(w, true)
}

func stopWord(w string, lang Lang) bool {
	if lang == English {
		return english.IsStopWord(w) || moreStopWords[w]
	}
	return swedish.IsStopWord(w) || moreStopWords[w]
}

// moreStopWords are common words that Snowball's lists leave out (numbers, auxiliaries,
// adverbs) and that say nothing about what a text is about.
var moreStopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		bara också även redan ofta alltid aldrig ibland samt både varje annan annat andra enligt genom
		två tre fyra fem sex sju åtta nio tio många mycket flera fler få finns fanns kunna ska skulle
		behöver behövs göra gör gjort gjorde blir bli blev sätt idag dag dagar år vill kan kunde måste
		also can could may might must shall one two three four five six many much well via per etc
		use used uses using make makes made get gets without within across`) {
		moreStopWords[w] = true
	}
}

// stems stems the words that are not stop words.
func (a *Analyser) stems(ws []string, lang Lang) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if !stopWord(w, lang) {
			out = append(out, stem(w, lang))
		}
	}
	return out
}

// Analyse returns the index terms of text in its detected language.
func (a *Analyser) Analyse(text string) []Token {
	ws := words(text)
	return a.AnalyseWords(ws, Detect(ws))
}

// AnalyseWords returns the index terms of words in lang.
func (a *Analyser) AnalyseWords(ws []string, lang Lang) []Token {
	type word struct{ surface, stem string }
	kept := make([]word, 0, len(ws))
	for _, w := range ws {
		if !stopWord(w, lang) {
			kept = append(kept, word{w, stem(w, lang)})
		}
	}
	var out []Token
	for i, w := range kept {
		out = append(out, Token{Term: w.stem, Word: w.surface})
		if lang == English {
			for _, sv := range a.lexicon[w.stem] {
				if sv != w.stem {
					out = append(out, Token{Term: sv, Word: w.surface, Derived: true})
				}
			}
		} else {
			for _, part := range a.split(w.stem) {
				out = append(out, Token{Term: part, Word: w.surface, Derived: true})
				if c, ok := a.concepts["sv:"+part]; ok && c != part {
					out = append(out, Token{Term: c, Word: w.surface, Derived: true})
				}
			}
		}
		// Concepts: the longest phrase of the field's terms that starts here.
		for n := min(a.longest, len(kept)-i); n >= 1; n-- {
			key := make([]string, n)
			surface := make([]string, n)
			for j := range n {
				key[j], surface[j] = kept[i+j].stem, kept[i+j].surface
			}
			c, ok := a.concepts[string(lang)+":"+strings.Join(key, " ")]
			if !ok && n == 1 {
				// A single word of the other language (COPD in a Swedish text, or a search
				// of one word whose language cannot be told) names its concept too.
				other := English
				if lang == English {
					other = Swedish
				}
				c, ok = a.concepts[string(other)+":"+stem(w.surface, other)]
			}
			if ok {
				if n > 1 || c != w.stem {
					out = append(out, Token{Term: c, Word: strings.Join(surface, " "), Derived: true})
				}
				break
			}
		}
	}
	return out
}

// minPart is the shortest part a compound is split into, minHead the shortest last part
// (no -ing or -opp left over), minCompound the shortest word that is split at all (person
// is not per + son).
const (
	minPart     = 3
	minHead     = 4 // the last part, which carries the meaning (vård in hemsjukvård)
	minCompound = 7
	maxParts    = 4
)

// split returns the parts of a Swedish compound (hemsjukvård → hem, sjukvård) or nothing.
// It prefers the split into the fewest known parts (at most maxParts), then the longest
// first part, and allows the linking s (läkemedelsgenomgång) and a consonant dropped before
// the same consonant (nattillsyn → natt + tillsyn). Dynamic programming over the rune
// boundaries: best[k] is the best split of what follows boundary k.
func (a *Analyser) split(w string) []string {
	if utf8.RuneCountInString(w) < minCompound {
		return nil
	}
	at := make([]int, 0, len(w)+1) // byte offset of each rune boundary
	for i := range w {
		at = append(at, i)
	}
	at = append(at, len(w))
	n := len(at) - 1
	type cell struct {
		parts    int    // 0: no split of the rest into known parts
		shortest int    // runes in the shortest part
		left     string // the first part, as the word list knows it
		next     int    // the boundary the rest starts at
	}
	// better prefers fewer parts, then the split whose shortest part is longest, so that
	// skuldbelopp is skuld + belopp, not skuldbel + opp.
	better := func(a, b cell) bool {
		return b.parts == 0 || a.parts < b.parts || a.parts == b.parts && a.shortest > b.shortest
	}
	best := make([]cell, n+1)
	for k := n - minHead; k >= 0; k-- {
		if k > 0 && a.words[w[at[k]:]] {
			best[k] = cell{parts: 1, shortest: n - k, left: w[at[k]:], next: n}
		}
		for e := n - minHead; e >= k+minPart; e-- {
			rest := best[e]
			if rest.parts == 0 || rest.parts+1 > maxParts {
				continue
			}
			left := w[at[k]:at[e]]
			var first string
			switch {
			case a.words[left]:
				first = left
			case w[at[e]-1] == 's' && e-1-k > minPart && a.words[w[at[k]:at[e]-1]]:
				first = w[at[k] : at[e]-1]
			default:
				r, _ := utf8.DecodeRuneInString(w[at[e]:])
				prev, _ := utf8.DecodeLastRuneInString(left)
				if prev == r && isConsonant(r) && a.words[left+string(r)] {
					first = left + string(r)
				}
			}
			if first == "" {
				continue
			}
			c := cell{parts: rest.parts + 1, shortest: min(rest.shortest, utf8.RuneCountInString(first)), left: first, next: e}
			if better(c, best[k]) {
				best[k] = c
			}
		}
	}
	if best[0].parts < 2 {
		return nil
	}
	var parts []string
	for k := 0; k < n; k = best[k].next {
		parts = append(parts, best[k].left)
	}
	return parts
}

func isConsonant(r rune) bool {
	return unicode.IsLetter(r) && !strings.ContainsRune("aeiouyåäö", r)
}
