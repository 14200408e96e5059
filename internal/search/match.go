package search

import (
	"cmp"
	"slices"
)

// Matching ranks candidates for a need (solutions) or for a solution (needs) by the text
// they share, and raises those that also share the care setting or are mature. Every
// suggestion says why it was made.

// Profile is one side of a match: its analysed text, as a document and as a query, and
// its structured fields.
type Profile struct {
	Doc
	Query Query
	// Tags and CareSettings hold analysed terms.
	Tags, CareSettings []string
	// TRL is the technology readiness level 1–9 of a solution, 0 when unknown.
	TRL int
}

// Reason kinds.
const (
	ReasonConcepts    = "concepts"
	ReasonTags        = "tags"
	ReasonCareSetting = "care_setting"
	ReasonMaturity    = "maturity"
)

// Reason is one ground for a suggestion: its kind and the terms behind it.
type Reason struct {
	Kind  string
	Terms []string
	TRL   int
}

// Suggestion is a ranked candidate.
type Suggestion struct {
	ID      int64
	Score   float64
	Reasons []Reason
}

// Signal weights: a shared care setting raises a score by careBoost, and each TRL step
// above 5 by trlStep (a finished product fits a need better than a prototype).
const (
	careBoost = 0.15
	trlStep   = 0.02
	// minShare is the least share of the best score a suggestion must reach.
	minShare = 0.2
	// reasonTerms is how many shared terms a suggestion names.
	reasonTerms = 5
)

// Rank scores candidates against the query profile q and returns the best limit, best
// first; ties go to the lower id so both databases answer alike.
func Rank(q Profile, cands []Profile, st Stats, limit int) []Suggestion {
	out := make([]Suggestion, 0, len(cands))
	for _, c := range cands {
		score, hits := BM25(q.Query, c.Doc, st)
		if score <= 0 {
			continue
		}
		var reasons []Reason
		var shared []string
		for _, h := range hits[:min(reasonTerms, len(hits))] {
			shared = append(shared, h.Term)
		}
		reasons = append(reasons, Reason{Kind: ReasonConcepts, Terms: shared})
		if tags := intersect(q.Tags, c.Tags); len(tags) > 0 {
			reasons = append(reasons, Reason{Kind: ReasonTags, Terms: tags})
		}
		care := intersect(q.CareSettings, c.CareSettings)
		if len(care) == 0 && len(c.CareSettings) == 0 {
			// A record without care settings may name them in its text.
			for _, t := range q.CareSettings {
				if c.Terms[t] > 0 {
					care = append(care, t)
				}
			}
		}
		if len(care) > 0 {
			score *= 1 + careBoost
			reasons = append(reasons, Reason{Kind: ReasonCareSetting, Terms: care})
		}
		if trl := max(q.TRL, c.TRL); trl > 0 {
			score *= 1 + trlStep*float64(trl-5)
			if trl >= 7 {
				reasons = append(reasons, Reason{Kind: ReasonMaturity, TRL: trl})
			}
		}
		out = append(out, Suggestion{ID: c.ID, Score: score, Reasons: reasons})
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	// What scores far below the best shares a word or two by chance.
	for i, s := range out {
		if s.Score < minShare*out[0].Score {
			out = out[:i]
			break
		}
	}
	return out[:min(limit, len(out))]
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// NewProfile analyses a record's text, tags and care settings.
func (a *Analyser) NewProfile(id int64, tokens []Token, tags, careSettings []string, trl int) Profile {
	return Profile{
		Doc:          NewDoc(id, tokens),
		Query:        NewQuery(tokens),
		Tags:         a.Concepts(tags),
		CareSettings: a.Concepts(careSettings),
		TRL:          trl,
	}
}

// Concepts analyses short labels such as tags and care settings into one term each where
// the field's terms name them ("särskilt boende" and "SÄBO" alike), else into their stems.
func (a *Analyser) Concepts(labels []string) []string {
	var out []string
	for _, l := range labels {
		toks := a.Analyse(l)
		var concept, stems []string
		for _, t := range toks {
			if _, ok := a.labels[t.Term]; ok {
				concept = append(concept, t.Term)
			} else if !t.Derived {
				stems = append(stems, t.Term)
			}
		}
		if len(concept) == 0 {
			concept = stems
		}
		for _, c := range concept {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}
