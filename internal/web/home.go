package web

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

// home says what the platform is for.
func (s *Server) home(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, http.StatusOK, "home", s.withFlash(w, r, s.view(r, rq, "home.title")))
	return nil
}

// notFound answers every path no other route claims with a page in the user's language.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, rq *request) error {
	return app.Errorf(app.NotFound, "err.page_not_found")
}
