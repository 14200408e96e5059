package app

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kinds of record that search finds.
const (
	KindNeed         = "need"
	KindSolution     = "solution"
	KindOrganisation = "organisation"
	KindPerson       = "person"
)

// SearchKinds is every kind, in the order results show them.
var SearchKinds = []string{KindNeed, KindSolution, KindOrganisation, KindPerson}

// SearchQuery is a search: words and the facets to narrow by.
type SearchQuery struct {
	Q           string `json:"q"`
	Kind        string `json:"type,omitempty"`
	CareSetting string `json:"care_setting,omitempty"`
	Tag         string `json:"tag,omitempty"`
	OrgKind     string `json:"org_kind,omitempty"`
	// SolutionType narrows solutions by their type (software, device, …).
	SolutionType string `json:"solution_type,omitempty"`
	TRLMin       int    `json:"trl_min,omitempty"`
	Limit        int    `json:"limit,omitempty"`
}

// SearchHit is one record found: its kind, title and a snippet whose marked parts are the
// words that matched.
type SearchHit struct {
	Kind    string    `json:"type"`
	ID      int64     `json:"id"`
	Title   string    `json:"title"`
	Snippet []Snippet `json:"snippet"`
	Score   float64   `json:"score"`
}

// Snippet is a piece of text; Mark says it matched the search.
type Snippet struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// FacetCount is how many hits have a value of a facet.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// SearchResult is the hits, best first, and the facets of the candidates.
type SearchResult struct {
	Items  []SearchHit             `json:"items"`
	Facets map[string][]FacetCount `json:"facets"`
}

// Facet names.
const (
	FacetKind         = "type"
	FacetCareSetting  = "care_setting"
	FacetTag          = "tag"
	FacetOrgKind      = "org_kind"
	FacetSolutionType = "solution_type"
	FacetTRL          = "trl"
)

// MatchReason is one ground for a suggested match: shared concepts or tags (with the
// words), a shared care setting, or a mature solution (its TRL).
type MatchReason struct {
	Kind  string   `json:"kind"`
	Terms []string `json:"terms,omitempty"`
	TRL   int      `json:"trl,omitempty"`
}

// Match is a suggestion with its score and reasons; one of Solution, Need and
// Organisation is set.
type Match struct {
	Solution     *SolutionRef  `json:"solution,omitempty"`
	Need         *MatchedNeed  `json:"need,omitempty"`
	Organisation *OrgRef       `json:"organisation,omitempty"`
	Score        float64       `json:"score"`
	Reasons      []MatchReason `json:"reasons"`
}

// SolutionRef names a solution.
type SolutionRef struct {
	ID           int64   `json:"id"`
	Ref          *string `json:"ref"`
	Title        string  `json:"title"`
	Organisation OrgRef  `json:"organisation"`
}

// MatchedNeed names a need and its state.
type MatchedNeed struct {
	ID           int64     `json:"id"`
	Ref          *string   `json:"ref"`
	Title        string    `json:"title"`
	State        NeedState `json:"state"`
	Organisation OrgRef    `json:"organisation"`
}

// Search limits.
const (
	DefaultSearchLimit = 20
	MaxSearchLimit     = 100
	maxQuery           = 200
)

// Check trims the words, sets the default limit and refuses facets no record can have.
func (q *SearchQuery) Check() error {
	e := FieldErrors{}
	q.Q = strings.TrimSpace(q.Q)
	if utf8.RuneCountInString(q.Q) > maxQuery {
		e.Add("q", "err.query_long")
	}
	if q.Kind != "" && !slices.Contains(SearchKinds, q.Kind) {
		e.Add("type", "err.search_type")
	}
	if q.CareSetting != "" && !slices.Contains(CareSettings, q.CareSetting) {
		e.Add("care_setting", "err.care_setting")
	}
	if q.OrgKind != "" && !slices.Contains(OrgKinds, OrgKind(q.OrgKind)) {
		e.Add("org_kind", "err.org_kind")
	}
	if q.SolutionType != "" && !slices.Contains(SolutionTypes, q.SolutionType) {
		e.Add("solution_type", "err.solution_type")
	}
	if q.TRLMin < 0 || q.TRLMin > 9 {
		e.Add("trl_min", "err.trl")
	}
	switch {
	case q.Limit == 0:
		q.Limit = DefaultSearchLimit
	case q.Limit < 0 || q.Limit > MaxSearchLimit:
		e.Add("limit", "err.search_limit")
	}
	return e.Err()
}

// ParseSearchQuery reads a search from query parameters (q, type, care_setting, tag,
// org_kind, solution_type, trl_min, limit), as the search page and the API take them. A
// number that does not parse, or a limit given as 0, becomes -1, so that Check names it.
func ParseSearchQuery(v url.Values) SearchQuery {
	number := func(name string) int {
		s := v.Get(name)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n == 0 {
			return -1
		}
		return n
	}
	return SearchQuery{Q: v.Get("q"), Kind: strings.TrimSpace(v.Get("type")), CareSetting: strings.TrimSpace(v.Get("care_setting")),
		Tag: strings.TrimSpace(v.Get("tag")), OrgKind: strings.TrimSpace(v.Get("org_kind")),
		SolutionType: strings.TrimSpace(v.Get("solution_type")), TRLMin: number("trl_min"), Limit: number("limit")}
}

// Values writes a search as the query parameters ParseSearchQuery reads; the limit is left
// out.
func (q SearchQuery) Values() url.Values {
	v := url.Values{}
	for k, val := range map[string]string{"q": q.Q, "type": q.Kind, "care_setting": q.CareSetting, "tag": q.Tag,
		"org_kind": q.OrgKind, "solution_type": q.SolutionType} {
		if val != "" {
			v.Set(k, val)
		}
	}
	if q.TRLMin > 0 {
		v.Set("trl_min", strconv.Itoa(q.TRLMin))
	}
	return v
}
