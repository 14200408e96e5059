package web

import "net/http"

// home says what the platform is for.
func (s *Server) home(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, http.StatusOK, "home", s.withFlash(w, r, s.view(r, rq, "home.title")))
	return nil
}
