package web

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

// adminJobs shows the background work still to run, or the jobs that gave up and why, so
// that an operator sees mail or webhooks that never went out.
func (s *Server) adminJobs(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	q := r.URL.Query()
	dead := q.Get("dead") == "true"
	list, err := s.store.ListJobs(r.Context(), app.JobFilter{Dead: dead, Page: app.Page{Cursor: q.Get("cursor")}})
	if err != nil {
		return err
	}
	v := s.view(r, rq, "admin.jobs_title")
	v.Data = struct {
		Dead bool
		List app.List[app.Job]
	}{dead, list}
	s.render(w, http.StatusOK, "admin_jobs", v)
	return nil
}
