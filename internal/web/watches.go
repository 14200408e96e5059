package web

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

// watchList shows a person's saved searches and followed tags (bevakningar).
func (s *Server) watchList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	ws, err := s.store.Watches(r.Context(), rq.actor.ID)
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "watch.title"))
	type row struct {
		app.Watch
		Href    string
		Narrows []string
	}
	rows := make([]row, len(ws))
	for i, x := range ws {
		rows[i] = row{Watch: x, Href: "/search?" + x.Query.Values().Encode(), Narrows: narrows(v, x.Query)}
	}
	v.Data = struct{ Watches []row }{rows}
	s.render(w, http.StatusOK, "watches", v)
	return nil
}

// watchCreate keeps the search of the form (the search page's query, or one tag).
func (s *Server) watchCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	q := app.ParseSearchQuery(r.PostForm)
	err := app.CheckWatch(&q)
	if err == nil {
		_, err = s.store.CreateWatch(r.Context(), rq.actor.ID, q)
	}
	if err != nil {
		v := s.view(r, rq, "search.title")
		v.Form = r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderSearch(w, r, rq, v, StatusOf(app.ErrorCode(err)))
	}
	return s.redirect(w, r, "/watches", "watch.saved")
}

func (s *Server) watchDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return app.Errorf(app.NotFound, "err.watch_not_found")
	}
	if err := s.store.DeleteWatch(r.Context(), rq.actor.ID, id); err != nil {
		return err
	}
	return s.redirect(w, r, "/watches", "watch.deleted")
}

// narrows names the facets of a search in the page's language.
func narrows(v *view, q app.SearchQuery) []string {
	var out []string
	for _, p := range searchParams {
		if val := q.Values().Get(p.param); val != "" {
			out = append(out, v.T("facet."+p.facet)+": "+facetLabel(v, p.facet, val))
		}
	}
	return out
}
