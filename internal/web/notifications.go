package web

import (
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// notificationList shows a person's notifications; opening it marks them read.
func (s *Server) notificationList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	list, err := s.store.Notifications(r.Context(), rq.actor.ID, app.Page{Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		return err
	}
	v := s.view(r, rq, "notifications.title")
	v.Data = struct{ List app.List[app.Notification] }{list}
	s.render(w, http.StatusOK, "notifications", v)
	return s.store.MarkNotificationsRead(r.Context(), rq.actor.ID, time.Now())
}
