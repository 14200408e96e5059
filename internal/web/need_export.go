package web

import (
	"net/http"
	"time"
)

// needExport is a printable record of a need with its whole history, decisions, questions,
// answers and contacts, for registration as an official document (diarieföring).
func (s *Server) needExport(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.needFromPath(r, rq)
	if err != nil {
		return err
	}
	p, err := s.loadNeedPage(r, rq.actor, n)
	if err != nil {
		return err
	}
	v := s.view(r, rq, "need.export_title")
	v.Heading = n.Title
	v.Data = struct {
		*needPage
		ExportedAt time.Time
	}{p, time.Now()}
	s.render(w, http.StatusOK, "need_export", v)
	return nil
}
