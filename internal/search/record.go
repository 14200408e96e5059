package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tillsammans/tillsammans/internal/app"
)

// careSettingNames are the care settings' Swedish names, which the analyser understands.
var careSettingNames = map[string]string{
	"primarvard":           "primärvård",
	"sjukhusvard":          "sjukhusvård",
	"kommunal_hemsjukvard": "kommunal hemsjukvård",
	"hemtjanst":            "hemtjänst",
	"sarskilt_boende":      "särskilt boende",
	"egenvard":             "egenvård",
	"ambulans":             "ambulanssjukvård",
	"tandvard":             "tandvård",
	"psykiatri":            "psykiatri",
	"rehabilitering":       "rehabilitering",
}

// Record is what the index keeps of a need, solution, organisation or person.
type Record struct {
	Text         string
	Tags         []string
	CareSettings []string // codes of app.CareSettings
	TRL          int
}

// Entry is a record analysed for the index.
type Entry struct {
	Terms string // see Encode
	Len   int
	Tags  string // concepts, space-separated
	Care  string // concepts, space-separated
	TRL   int
}

// Index analyses a record; its tags count as text too.
func (a *Analyser) Index(r Record) Entry {
	toks := a.Analyse(r.Text + "\n" + strings.Join(r.Tags, ", "))
	d := NewDoc(0, toks)
	return Entry{
		Terms: Encode(toks),
		Len:   d.Len,
		Tags:  strings.Join(a.Concepts(r.Tags), " "),
		Care:  strings.Join(a.CareConcepts(r.CareSettings), " "),
		TRL:   r.TRL,
	}
}

// Profile reads an entry back as what is matched: a document, without its query.
func (e Entry) Profile(id int64) Profile {
	return Profile{Doc: NewDoc(id, Decode(e.Terms)), TRL: e.TRL, Tags: strings.Fields(e.Tags), CareSettings: strings.Fields(e.Care)}
}

// ProfileFor reads an entry back as a document for the query profile q alone: it counts
// only the terms q asks for and its care settings (all the ranking reads), and the
// document's length.
func (e Entry) ProfileFor(id int64, q Profile) Profile {
	d := Doc{ID: id, Terms: map[string]int{}}
	for t := range strings.FieldsSeq(e.Terms) {
		term, derived := strings.CutPrefix(t, "+")
		if !derived {
			d.Len++
		}
		if _, ok := q.Query[term]; ok || slices.Contains(q.CareSettings, term) {
			d.Terms[term]++
		}
	}
	return Profile{Doc: d, TRL: e.TRL, Tags: strings.Fields(e.Tags), CareSettings: strings.Fields(e.Care)}
}

// Asking reads an entry back as the record a match is sought for, with its query.
func (e Entry) Asking(id int64) Profile {
	p := e.Profile(id)
	p.Query = NewQuery(Decode(e.Terms))
	return p
}

// CareConcepts analyses care setting codes.
func (a *Analyser) CareConcepts(codes []string) []string {
	names := make([]string, 0, len(codes))
	for _, c := range codes {
		if n, ok := careSettingNames[c]; ok {
			names = append(names, n)
		}
	}
	return a.Concepts(names)
}

// CareCodes names care-setting concepts by their codes, in the order of app.CareSettings.
func (a *Analyser) CareCodes(concepts []string) []string {
	var out []string
	for _, code := range app.CareSettings {
		for _, c := range a.CareConcepts([]string{code}) {
			if slices.Contains(concepts, c) && !slices.Contains(out, code) {
				out = append(out, code)
			}
		}
	}
	return out
}

// CareSetting finds the code of a care setting written in words ("särskilt boende",
// "SÄBO", "kommunal hemsjukvård").
func (a *Analyser) CareSetting(label string) (string, bool) {
	want := strings.Join(a.Concepts([]string{label}), " ")
	for _, code := range app.CareSettings {
		if strings.Join(a.CareConcepts([]string{code}), " ") == want {
			return code, true
		}
	}
	return "", false
}

// Words returns the surface word behind each term of text, for naming reasons: the first
// word (or phrase) that gave the term.
func (a *Analyser) Words(text string) map[string]string {
	out := map[string]string{}
	for _, t := range a.Analyse(text) {
		if _, ok := out[t.Term]; !ok {
			out[t.Term] = t.Word
		}
	}
	return out
}

// snippetWords is how many words a snippet shows.
const snippetWords = 28

// Snippet cuts from text the stretch of words with the most terms of q and marks them.
func (a *Analyser) Snippet(text string, q Query) []app.Snippet {
	type word struct {
		start, end int
		hit        bool
	}
	lang := Detect(words(text))
	var ws []word
	seen := map[string]bool{} // whether a word matched, for words said again
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			j += size
		}
		w := strings.ToLower(text[i:j])
		hit, known := seen[w]
		if !known {
			for _, t := range a.wordTerms(w, lang) {
				if _, ok := q[t]; ok {
					hit = true
					break
				}
			}
			seen[w] = hit
		}
		ws = append(ws, word{i, j, hit})
		i = j
	}
	if len(ws) == 0 {
		return nil
	}
	// The window with the most hits; the earliest wins a tie.
	best, bestHits, hits := 0, -1, 0
	for i := range ws {
		if ws[i].hit {
			hits++
		}
		if i >= snippetWords && ws[i-snippetWords].hit {
			hits--
		}
		if start := max(0, i-snippetWords+1); hits > bestHits {
			best, bestHits = start, hits
		}
	}
	end := min(len(ws), best+snippetWords)
	var out []app.Snippet
	add := func(s string, mark bool) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Mark == mark {
			out[n-1].Text += s
			return
		}
		out = append(out, app.Snippet{Text: s, Mark: mark})
	}
	if best > 0 {
		add("… ", false)
	}
	pos := ws[best].start
	for _, w := range ws[best:end] {
		add(text[pos:w.start], false)
		add(text[w.start:w.end], w.hit)
		pos = w.end
	}
	if end < len(ws) {
		add(text[pos:ws[end-1].end]+" …", false)
	} else {
		add(text[pos:], false)
	}
	return out
}

// Requirement is what one word of a saved search asks of a record: any of these terms.
type Requirement []string

// Requirements turns saved-search words into one requirement per word: its stem, its
// compound parts and translations, and the concepts of phrases it is part of, so that
// "särskilt boende" is met by a record that says SÄBO.
func (a *Analyser) Requirements(q string) []Requirement {
	toks := a.Analyse(q)
	var words []string
	for _, t := range toks {
		if !t.Derived && !slices.Contains(words, t.Word) {
			words = append(words, t.Word)
		}
	}
	out := make([]Requirement, 0, len(words))
	for _, w := range words {
		var r Requirement
		for _, t := range toks {
			if t.Word == w || slices.Contains(strings.Fields(t.Word), w) {
				if !slices.Contains(r, t.Term) {
					r = append(r, t.Term)
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// Meets reports whether terms meet every requirement.
func Meets(reqs []Requirement, terms map[string]bool) bool {
	for _, r := range reqs {
		if !slices.ContainsFunc(r, func(t string) bool { return terms[t] }) {
			return false
		}
	}
	return true
}
