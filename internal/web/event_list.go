package web

import (
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// eventList lists the upcoming events the person may see, soonest first.
func (s *Server) eventList(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.withFlash(w, r, s.view(r, rq, "event.list_title"))
	list, err := s.store.ListEvents(r.Context(), rq.actor.Viewer(), app.EventFilter{From: time.Now(), Page: app.Page{Cursor: r.URL.Query().Get("cursor")}})
	if err != nil {
		if err := formError(v, err); err != nil {
			return err
		}
	}
	orgs, err := s.eventOrganisations(r, rq)
	if err != nil {
		return err
	}
	v.Data = struct {
		List      app.List[app.Event]
		CanCreate bool
	}{list, len(orgs) > 0}
	s.render(w, http.StatusOK, "event_list", v)
	return nil
}
