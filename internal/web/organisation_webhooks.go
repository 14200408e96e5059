package web

import (
	"fmt"
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
)

// The webhooks of an organisation: its org_admins (and platform admins) register URLs
// that hear of needs, solutions and moves, delete them, and see what was sent lately.

// recentDeliveries is how many deliveries the page shows.
const recentDeliveries = 20

type orgWebhooksData struct {
	Org        app.Organisation
	Webhooks   []app.Webhook
	Deliveries []deliveryRow
	Events     []option // the choices of the form
	Chosen     map[string]bool
	Labels     map[app.WebhookEvent]string
	// NewSecret is shown once, on the page that answers the form that made the webhook.
	NewSecret string
}

func (s *Server) organisationWebhooks(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.webhookOrganisation(r, rq)
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "webhook.page"))
	v.Heading = v.T("webhook.title", o.Name)
	return s.renderWebhooks(w, r, v, o, http.StatusOK, "")
}

// webhookOrganisation is the organisation of the path, for those who may manage its webhooks.
func (s *Server) webhookOrganisation(r *http.Request, rq *request) (app.Organisation, error) {
	o, err := s.organisationFromPath(r)
	if err != nil {
		return o, err
	}
	return o, rq.actor.Require(rq.actor.CanManageWebhooks(o.ID))
}

func (s *Server) renderWebhooks(w http.ResponseWriter, r *http.Request, v *view, o app.Organisation, status int, secret string) error {
	hooks, err := s.store.ListWebhooks(r.Context(), app.WebhookFilter{OrgIDs: []int64{o.ID}, Page: app.Page{Limit: app.MaxWebhooks}})
	if err != nil {
		return err
	}
	ds, err := s.store.WebhookDeliveries(r.Context(), o.ID, recentDeliveries)
	if err != nil {
		return err
	}
	d := orgWebhooksData{Org: o, Webhooks: hooks.Items, NewSecret: secret, Chosen: map[string]bool{}, Labels: eventLabels}
	for _, e := range app.WebhookEvents {
		d.Events = append(d.Events, option{Value: string(e), Label: v.T(eventLabels[e])})
	}
	for _, x := range ds {
		row := deliveryRow{WebhookDelivery: x, EventKey: eventLabels[x.Event], StateKey: stateLabels[x.State]}
		if len(x.Attempts) > 0 {
			row.Last = &x.Attempts[len(x.Attempts)-1]
		}
		d.Deliveries = append(d.Deliveries, row)
	}
	for _, e := range v.Form["events"] {
		d.Chosen[e] = true
	}
	v.Data = d
	s.render(w, status, "org_webhooks", v)
	return nil
}

// deliveryRow is a delivery as the page lists it: its last attempt, and names for its
// event and state.
type deliveryRow struct {
	app.WebhookDelivery
	EventKey, StateKey string
	Last               *app.WebhookAttempt
}

var eventLabels = map[app.WebhookEvent]string{
	app.EventNeedPublished:    "webhook.event_need_published",
	app.EventNeedTransitioned: "webhook.event_need_transitioned",
	app.EventSolutionCreated:  "webhook.event_solution_created",
}

var stateLabels = map[app.DeliveryState]string{
	app.DeliveryPending:   "webhook.state_pending",
	app.DeliveryDelivered: "webhook.state_delivered",
	app.DeliveryFailed:    "webhook.state_failed",
	app.DeliveryWithheld:  "webhook.state_withheld",
}

// webhookCreate registers a webhook and shows its secret, once.
func (s *Server) webhookCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.webhookOrganisation(r, rq)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.view(r, rq, "webhook.page")
	v.Heading = v.T("webhook.title", o.Name)
	in := app.WebhookInput{URL: r.PostForm.Get("url")}
	for _, e := range r.PostForm["events"] {
		in.Events = append(in.Events, app.WebhookEvent(e))
	}
	secret := auth.NewWebhookSecret()
	err = in.Normalise(s.loopbackWebhooks)
	if err == nil {
		_, err = s.store.CreateWebhook(r.Context(), o.ID, rq.actor.ID, in, secret)
	}
	if err != nil {
		v.Form = r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderWebhooks(w, r, v, o, StatusOf(app.ErrorCode(err)), "")
	}
	v.Flash = "webhook.created"
	return s.renderWebhooks(w, r, v, o, http.StatusOK, secret)
}

func (s *Server) webhookDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.webhookOrganisation(r, rq)
	if err != nil {
		return err
	}
	id, err := pathID(r, "webhook")
	if err != nil {
		return app.Errorf(app.NotFound, "err.webhook_not_found")
	}
	hook, err := s.store.Webhook(r.Context(), id)
	if err != nil {
		return err
	}
	if hook.Organisation.ID != o.ID {
		return app.Errorf(app.NotFound, "err.webhook_not_found")
	}
	if err := s.store.DeleteWebhook(r.Context(), id); err != nil {
		return err
	}
	return s.redirect(w, r, fmt.Sprintf("/organisations/%d/webhooks", o.ID), "webhook.deleted")
}
