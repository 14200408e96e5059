package api

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

type watchList struct {
	Items []app.Watch `json:"items"`
}

// watchList: the caller's saved searches and followed tags.
func (s *Server) watchList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	ws, err := s.store.Watches(r.Context(), rq.actor.ID)
	if err != nil {
		return err
	}
	if ws == nil {
		ws = []app.Watch{}
	}
	writeJSON(w, http.StatusOK, watchList{ws})
	return nil
}

// watchCreate keeps a search (words and facets) or a followed tag.
func (s *Server) watchCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	var q app.SearchQuery
	if err := decode(r, &q); err != nil {
		return err
	}
	if err := app.CheckWatch(&q); err != nil {
		return err
	}
	x, err := s.store.CreateWatch(r.Context(), rq.actor.ID, q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, x)
	return nil
}

func (s *Server) watchDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	id, err := pathID(r, "id", "err.watch_not_found")
	if err != nil {
		return err
	}
	if err := s.store.DeleteWatch(r.Context(), rq.actor.ID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
