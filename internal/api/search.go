package api

import (
	"cmp"
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

// searchQuery reads a search from the query string; what cannot be read answers 400.
func searchQuery(r *http.Request) (app.SearchQuery, error) {
	v := r.URL.Query()
	q := app.SearchQuery{Q: v.Get("q"), Kind: strings.TrimSpace(v.Get("type")), CareSetting: strings.TrimSpace(v.Get("care_setting")),
		Tag: strings.TrimSpace(v.Get("tag")), OrgKind: strings.TrimSpace(v.Get("org_kind")), SolutionType: strings.TrimSpace(v.Get("solution_type"))}
	bad := app.FieldErrors{}
	number := func(name string, dst *int) {
		if s := v.Get(name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				bad.Add(name, "err.number")
			}
			// Given, 0 is out of range rather than the default.
			*dst = cmp.Or(n, -1)
		}
	}
	number("limit", &q.Limit)
	number("trl_min", &q.TRLMin)
	if err := q.Check(); err != nil {
		for f, m := range app.AsError(err).Fields {
			bad.Add(f, m)
		}
	}
	if err := bad.Err(); err != nil {
		return q, badRequest{app.AsError(err)}
	}
	return q, nil
}

// search: needs, solutions, organisations and people the caller may see.
func (s *Server) search(w http.ResponseWriter, r *http.Request, rq *request) error {
	q, err := searchQuery(r)
	if err != nil {
		return err
	}
	res, err := s.store.Search(r.Context(), rq.actor.Viewer(), q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// matchLimit reads ?limit= of a match list: 1 to 50, 10 when not given.
func matchLimit(r *http.Request) (int, error) {
	s := r.URL.Query().Get("limit")
	if s == "" {
		return 10, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 50 {
		return 0, badRequest{&app.Error{Code: app.Invalid, Message: "err.invalid_input", Fields: map[string]string{"limit": "err.match_limit"}}}
	}
	return n, nil
}

type matchList struct {
	Items []app.Match `json:"items"`
}

// matches answers the suggestions find gives for the record with the path's id.
func (s *Server) matches(notFound string, find func(ctx context.Context, v app.Viewer, id int64, limit int) ([]app.Match, error)) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		id, err := pathID(r, "id", notFound)
		if err != nil {
			return err
		}
		limit, err := matchLimit(r)
		if err != nil {
			return err
		}
		ms, err := find(r.Context(), rq.actor.Viewer(), id, limit)
		if err != nil {
			return err
		}
		if ms == nil {
			ms = []app.Match{}
		}
		writeJSON(w, http.StatusOK, matchList{ms})
		return nil
	}
}
