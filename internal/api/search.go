package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/tillsammans/tillsammans/internal/app"
)

// search: needs, solutions, organisations and people the caller may see.
func (s *Server) search(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := app.ParseSearchQuery(r.URL.Query())
	if err := q.Check(); err != nil {
		return badRequest{app.AsError(err)}
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
