package search

import (
	"math"
	"slices"
	"strings"
)

// BM25 parameters (Robertson and Zaragoza's usual values).
const (
	k1 = 1.2
	b  = 0.75
)

// Doc is an indexed document as the ranking sees it: its terms with their frequencies.
type Doc struct {
	ID    int64
	Terms map[string]int
	Len   int
}

// NewDoc counts the terms of tokens.
func NewDoc(id int64, tokens []Token) Doc {
	d := Doc{ID: id, Terms: make(map[string]int, len(tokens))}
	for _, t := range tokens {
		d.Terms[t.Term]++
		if !t.Derived {
			d.Len++
		}
	}
	return d
}

// Stats are the collection figures BM25 needs.
type Stats struct {
	Docs   int
	AvgLen float64
	DF     map[string]int
}

// IDF is the BM25 inverse document frequency of a term, never negative.
func (s Stats) IDF(term string) float64 {
	n := float64(s.Docs)
	df := float64(s.DF[term])
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// Query is the weighted terms to look for.
type Query map[string]float64

// Encode writes tokens as the text the databases index: terms separated by spaces, a
// derived term marked by a leading "+" that both full-text tokenisers drop.
func Encode(tokens []Token) string {
	var sb strings.Builder
	for i, t := range tokens {
		if i > 0 {
			sb.WriteByte(' ')
		}
		if t.Derived {
			sb.WriteByte('+')
		}
		sb.WriteString(t.Term)
	}
	return sb.String()
}

// Decode reads what Encode wrote.
func Decode(s string) []Token {
	f := strings.Fields(s)
	out := make([]Token, len(f))
	for i, t := range f {
		term, derived := strings.CutPrefix(t, "+")
		out[i] = Token{Term: term, Derived: derived}
	}
	return out
}

// NewQuery weighs the terms of tokens: a term that comes from a word itself weighs more
// than one the analyser derived, and a repeated term more than one said once.
func NewQuery(tokens []Token) Query {
	q := Query{}
	n := map[string]int{}
	for _, t := range tokens {
		w := 1.0
		if t.Derived {
			w = derivedWeight
		}
		q[t.Term] = max(q[t.Term], w)
		n[t.Term]++
	}
	for term, c := range n {
		q[term] *= 1 + math.Log(float64(c))
	}
	return q
}

// derivedWeight is the weight of compound parts, concepts and translations in a query.
const derivedWeight = 0.7

// Hit is one term's share of a score.
type Hit struct {
	Term  string
	Score float64
}

// BM25 scores d for q and returns the terms that contributed, largest first.
func BM25(q Query, d Doc, s Stats) (float64, []Hit) {
	var total float64
	var hits []Hit
	norm := k1 * (1 - b + b*float64(d.Len)/max(s.AvgLen, 1))
	for term, w := range q {
		tf := float64(d.Terms[term])
		if tf == 0 {
			continue
		}
		sc := w * s.IDF(term) * tf * (k1 + 1) / (tf + norm)
		total += sc
		hits = append(hits, Hit{term, sc})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		if a.Term < b.Term {
			return -1
		}
		return 1
	})
	return total, hits
}
