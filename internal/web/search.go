package web

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tillsammans/tillsammans/internal/app"
)

// searchParams are the query parameters of the search page that narrow it, in the order
// the facets show them; each facet sets one.
var searchParams = []struct{ facet, param string }{
	{app.FacetKind, "type"},
	{app.FacetCareSetting, "care_setting"},
	{app.FacetSolutionType, "solution_type"},
	{app.FacetTRL, "trl_min"},
	{app.FacetOrgKind, "org_kind"},
	{app.FacetTag, "tag"},
}

type (
	searchHit struct {
		app.SearchHit
		Href string
	}
	facetItem struct {
		Label  string
		Count  int
		Href   string
		Active bool
	}
	facetGroup struct {
		Name  string
		Clear string // the search without this facet, when it narrows
		Items []facetItem
	}
)

// search finds needs, solutions, organisations and people, with facets to narrow by.
func (s *Server) search(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.view(r, rq, "search.title")
	v.Form = r.URL.Query()
	return s.renderSearch(w, r, rq, v, http.StatusOK)
}

// renderSearch shows the search of v.Form; a search that cannot be run shows why.
func (s *Server) renderSearch(w http.ResponseWriter, r *http.Request, rq *request, v *view, status int) error {
	q := v.Form
	sq := app.ParseSearchQuery(q)
	var res app.SearchResult
	if err := sq.Check(); err != nil {
		if err := formError(v, err); err != nil {
			return err
		}
		status = http.StatusBadRequest
	} else if sq.Q != "" {
		if res, err = s.store.Search(r.Context(), rq.actor.Viewer(), sq); err != nil {
			return err
		}
	}
	hits := make([]searchHit, len(res.Items))
	for i, h := range res.Items {
		hits[i] = searchHit{h, hitPath(h)}
	}
	v.Data = struct {
		Query  string
		Hits   []searchHit
		Facets []facetGroup
	}{sq.Q, hits, facetGroups(v, q, res.Facets)}
	s.render(w, status, "search", v)
	return nil
}

func hitPath(h app.SearchHit) string {
	switch h.Kind {
	case app.KindNeed:
		return fmt.Sprintf("/needs/%d", h.ID)
	case app.KindSolution:
		return fmt.Sprintf("/solutions/%d", h.ID)
	case app.KindOrganisation:
		return fmt.Sprintf("/organisations/%d", h.ID)
	}
	return "" // people have no page of their own yet
}

// facetGroups turns the counted facets into links that narrow the search (or widen it
// again); TRL counts what reaches each level.
func facetGroups(v *view, q url.Values, facets map[string][]app.FacetCount) []facetGroup {
	with := func(param, value string) string {
		next := url.Values{}
		for k, vs := range q {
			next[k] = vs
		}
		if value == "" {
			next.Del(param)
		} else {
			next.Set(param, value)
		}
		return "/search?" + next.Encode()
	}
	var out []facetGroup
	for _, p := range searchParams {
		counts := facets[p.facet]
		if len(counts) == 0 && q.Get(p.param) == "" {
			continue
		}
		g := facetGroup{Name: v.T("facet." + p.facet)}
		if q.Get(p.param) != "" {
			g.Clear = with(p.param, "")
		}
		if p.facet == app.FacetTRL {
			counts = reaching(counts)
		}
		for _, c := range counts {
			g.Items = append(g.Items, facetItem{Label: facetLabel(v, p.facet, c.Value), Count: c.Count,
				Href: with(p.param, c.Value), Active: q.Get(p.param) == c.Value})
		}
		out = append(out, g)
	}
	return out
}

// reaching turns counts per TRL into counts of solutions at that level or above, highest
// level first.
func reaching(counts []app.FacetCount) []app.FacetCount {
	per := map[int]int{}
	for _, c := range counts {
		n, _ := strconv.Atoi(c.Value)
		per[n] += c.Count
	}
	var out []app.FacetCount
	sum := 0
	for level := 9; level >= 1; level-- {
		if per[level] == 0 {
			continue
		}
		sum += per[level]
		out = append(out, app.FacetCount{Value: strconv.Itoa(level), Count: sum})
	}
	return out
}

func facetLabel(v *view, facet, value string) string {
	switch facet {
	case app.FacetKind:
		return v.T("search.kind." + value)
	case app.FacetCareSetting:
		return v.T("setting." + value)
	case app.FacetOrgKind:
		return v.T("kind." + value)
	case app.FacetSolutionType:
		return v.T("solution_type." + value)
	case app.FacetTRL:
		return v.T("search.trl_at_least", value)
	}
	return cmp.Or(value, "–")
}
