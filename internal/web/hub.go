package web

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

// hub lists the hub's rooms and desks.
func (s *Server) hub(w http.ResponseWriter, r *http.Request, rq *request) error {
	rooms, err := s.store.ListRooms(r.Context())
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "hub.title"))
	v.Data = struct{ Rooms []app.Room }{rooms}
	s.render(w, http.StatusOK, "hub", v)
	return nil
}
