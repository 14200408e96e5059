package web

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

// adminWebhooks lists the webhooks of every organisation; each is managed on its
// organisation's page.
func (s *Server) adminWebhooks(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	list, err := s.store.ListWebhooks(r.Context(), app.WebhookFilter{AllOrgs: true, Page: app.Page{Cursor: r.URL.Query().Get("cursor")}})
	if err != nil {
		return err
	}
	v := s.view(r, rq, "admin.webhooks_title")
	v.Data = struct {
		List   app.List[app.Webhook]
		Labels map[app.WebhookEvent]string
	}{list, eventLabels}
	s.render(w, http.StatusOK, "admin_webhooks", v)
	return nil
}
