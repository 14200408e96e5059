package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/search"
)

// kindSearch says how one kind of record is searched: the join from search_docs (as d) to
// its table, the condition that keeps what the viewer may see and what the facets narrow
// to, and its arguments.
type kindSearch struct {
	kind, join, cond string
	args             []any
}

// searchKinds builds the search of every kind that q asks for and v may see.
func searchKinds(v app.Viewer, q app.SearchQuery) []kindSearch {
	var out []kindSearch
	want := func(kind string) bool { return q.Kind == "" || q.Kind == kind }
	byCare := func(table, col string) (string, []any) {
		if q.CareSetting == "" {
			return "", nil
		}
		return " AND EXISTS (SELECT 1 FROM " + table + " x WHERE x." + col + " = d.id AND x.setting = ?)", []any{q.CareSetting}
	}
	byTag := func(table, col string) (string, []any) {
		if q.Tag == "" {
			return "", nil
		}
		return " AND EXISTS (SELECT 1 FROM " + table + " x WHERE x." + col + " = d.id AND x.tag_fold = ?)", []any{fold(q.Tag)}
	}
	byOrgKind := func(col string) (string, []any) {
		if q.OrgKind == "" {
			return "", nil
		}
		return " AND " + col + " IN (SELECT id FROM organisations WHERE kind = ?)", []any{q.OrgKind}
	}
	narrowed := q.CareSetting != "" || q.Tag != "" || q.SolutionType != "" || q.TRLMin > 0
	if want(app.KindNeed) && q.SolutionType == "" && q.TRLMin == 0 {
		cond, args := visibleNeeds(v)
		for _, f := range []func() (string, []any){
			func() (string, []any) { return byCare("need_care_settings", "need_id") },
			func() (string, []any) { return byTag("need_tags", "need_id") },
			func() (string, []any) { return byOrgKind("n.org_id") },
		} {
			c, a := f()
			cond, args = cond+c, append(args, a...)
		}
		out = append(out, kindSearch{app.KindNeed, "JOIN needs n ON n.id = d.id", cond, args})
	}
	if want(app.KindSolution) {
		cond, args := "1 = 1", []any{}
		for _, f := range []func() (string, []any){
			func() (string, []any) { return byCare("solution_care_settings", "solution_id") },
			func() (string, []any) { return byTag("solution_tags", "solution_id") },
			func() (string, []any) { return byOrgKind("s.org_id") },
		} {
			c, a := f()
			cond, args = cond+c, append(args, a...)
		}
		if q.SolutionType != "" {
			cond, args = cond+" AND s.type = ?", append(args, q.SolutionType)
		}
		if q.TRLMin > 0 {
			cond, args = cond+" AND s.trl >= ?", append(args, q.TRLMin)
		}
		out = append(out, kindSearch{app.KindSolution, "JOIN solutions s ON s.id = d.id", cond, args})
	}
	if want(app.KindOrganisation) && !narrowed {
		cond, args := byOrgKind("o.id")
		out = append(out, kindSearch{app.KindOrganisation, "JOIN organisations o ON o.id = d.id", "1 = 1" + cond, args})
	}
	// People are found by those signed in only.
	if want(app.KindPerson) && !narrowed && q.OrgKind == "" && v.SignedIn() {
		out = append(out, kindSearch{app.KindPerson, "JOIN users u ON u.id = d.id", "1 = 1", nil})
	}
	return out
}

// Search finds needs, solutions, organisations and people the viewer may see, best first,
// with facets counted over the candidates.
func (s *Store) Search(ctx context.Context, v app.Viewer, q app.SearchQuery) (app.SearchResult, error) {
	res := app.SearchResult{Items: []app.SearchHit{}, Facets: map[string][]app.FacetCount{}}
	query := search.NewQuery(search.Default().Analyse(q.Q))
	if len(query) == 0 {
		return res, nil
	}
	groups := search.Default().Requirements(q.Q)
	type hit struct {
		kind string
		search.Suggestion
	}
	// The kinds are searched at once, each on its own connection: a search waits for the
	// slowest kind rather than for all of them in turn.
	kinds := searchKinds(v, q)
	found := make([][]search.Suggestion, len(kinds))
	errs := make([]error, len(kinds))
	var wg sync.WaitGroup
	for i, k := range kinds {
		wg.Go(func() {
			found[i], errs[i] = s.rank(ctx, k.kind, search.Profile{Query: query}, groups, k.join, k.cond, k.args, candidates)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return res, err
	}
	var hits []hit
	ids := map[string][]int64{}
	for i, k := range kinds {
		for _, sg := range found[i] {
			hits = append(hits, hit{k.kind, sg})
			ids[k.kind] = append(ids[k.kind], sg.ID)
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := strings.Compare(a.kind, b.kind); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	top := hits[:min(q.Limit, len(hits))]
	byKind := map[string][]int64{}
	for _, h := range top {
		byKind[h.kind] = append(byKind[h.kind], h.ID)
	}
	// The facets and the hits' texts at once, too.
	var texts map[string]map[int64]hitText
	var facetErr, textErr error
	wg.Go(func() { facetErr = s.facets(ctx, ids, res.Facets) })
	wg.Go(func() { texts, textErr = s.hitTexts(ctx, v, byKind) })
	wg.Wait()
	if err := errors.Join(facetErr, textErr); err != nil {
		return res, err
	}
	for _, h := range top {
		t := texts[h.kind][h.ID]
		res.Items = append(res.Items, app.SearchHit{Kind: h.kind, ID: h.ID, Title: t.title,
			Snippet: search.Default().Snippet(t.body, query), Score: round(h.Score)})
	}
	return res, nil
}

type hitText struct{ title, body string }

// hitTexts reads, one query per kind, the titles of the hits and the text their snippets
// are cut from: never a solution's description that its supplier marked as a business
// secret, unless the viewer belongs to the supplier.
func (s *Store) hitTexts(ctx context.Context, v app.Viewer, ids map[string][]int64) (map[string]map[int64]hitText, error) {
	queries := map[string]string{
		app.KindNeed:         `SELECT id, title, how_might_we || ' ' || problem || ' ' || current_practice || ' ' || consequence, 0, '[]' FROM needs`,
		app.KindSolution:     `SELECT id, title, description, org_id, secret_fields FROM solutions`,
		app.KindOrganisation: `SELECT id, name, description, 0, '[]' FROM organisations`,
		app.KindPerson:       `SELECT id, name, '', 0, '[]' FROM users`,
	}
	out := map[string]map[int64]hitText{}
	for kind, list := range ids {
		args := make([]any, len(list))
		for i, id := range list {
			args[i] = id
		}
		rows, err := s.r().query(ctx, queries[kind]+` WHERE id IN (`+placeholders(len(list))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: hits: %w", err)
		}
		out[kind] = map[int64]hitText{}
		for rows.Next() {
			var id, org int64
			var t hitText
			var secret string
			if err := rows.Scan(&id, &t.title, &t.body, &org, &secret); err != nil {
				rows.Close()
				return nil, err
			}
			if strings.Contains(secret, `"description"`) && !v.Admin && !slices.Contains(v.OrgIDs, org) {
				t.body = ""
			}
			out[kind][id] = t
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// facetIDs is how many ids a facet query takes; fewer are padded with 0 so that each
// statement is prepared once.
const facetIDs = searchCandidates

// facets counts the candidates' kinds, care settings, tags, organisation kinds, solution
// types and maturity.
func (s *Store) facets(ctx context.Context, ids map[string][]int64, out map[string][]app.FacetCount) error {
	for _, kind := range app.SearchKinds {
		if n := len(ids[kind]); n > 0 {
			out[app.FacetKind] = append(out[app.FacetKind], app.FacetCount{Value: kind, Count: n})
		}
	}
	in := func(kind string) (string, []any) {
		args := make([]any, facetIDs)
		for i := range args {
			args[i] = int64(0)
			if i < len(ids[kind]) {
				args[i] = ids[kind][i]
			}
		}
		return "(" + placeholders(facetIDs) + ")", args
	}
	needs, needArgs := in(app.KindNeed)
	sols, solArgs := in(app.KindSolution)
	orgs, orgArgs := in(app.KindOrganisation)
	both := append(append([]any{}, needArgs...), solArgs...)
	for _, f := range []struct {
		name, query string
		args        []any
	}{
		{app.FacetCareSetting, `SELECT setting, count(*) FROM (
			SELECT setting FROM need_care_settings WHERE need_id IN ` + needs + `
			UNION ALL SELECT setting FROM solution_care_settings WHERE solution_id IN ` + sols + `) x GROUP BY setting`, both},
		{app.FacetTag, `SELECT min(tag), count(*) FROM (
			SELECT tag, tag_fold FROM need_tags WHERE need_id IN ` + needs + `
			UNION ALL SELECT tag, tag_fold FROM solution_tags WHERE solution_id IN ` + sols + `) x GROUP BY tag_fold`, both},
		{app.FacetOrgKind, `SELECT o.kind, count(*) FROM (
			SELECT org_id FROM needs WHERE id IN ` + needs + `
			UNION ALL SELECT org_id FROM solutions WHERE id IN ` + sols + `
			UNION ALL SELECT id FROM organisations WHERE id IN ` + orgs + `) x JOIN organisations o ON o.id = x.org_id GROUP BY o.kind`,
			append(append([]any{}, both...), orgArgs...)},
		{app.FacetSolutionType, `SELECT type, count(*) FROM solutions WHERE id IN ` + sols + ` GROUP BY type`, solArgs},
		{app.FacetTRL, `SELECT CAST(trl AS TEXT), count(*) FROM solutions WHERE id IN ` + sols + ` GROUP BY trl`, solArgs},
	} {
		counts, err := s.counts(ctx, f.query, f.args)
		if err != nil {
			return fmt.Errorf("store: facet %s: %w", f.name, err)
		}
		if f.name == app.FacetTag && len(counts) > maxTagFacets {
			counts = counts[:maxTagFacets]
		}
		if len(counts) > 0 {
			out[f.name] = counts
		}
	}
	return nil
}

// maxTagFacets is how many tags the facets name.
const maxTagFacets = 12

// counts runs a value–count query; the most frequent come first, then by value.
func (s *Store) counts(ctx context.Context, query string, args []any) ([]app.FacetCount, error) {
	rows, err := s.r().query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []app.FacetCount
	for rows.Next() {
		var c app.FacetCount
		if err := rows.Scan(&c.Value, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b app.FacetCount) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out, rows.Err()
}
