package api

import (
	"net/http"
	"strconv"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
)

// Webhooks of organisations, for their org_admins and platform admins. A webhook someone
// may not manage answers 404, like one that does not exist: its URL is the organisation's.

// webhookCreateBody is what POST /webhooks takes.
type webhookCreateBody struct {
	OrganisationID int64 `json:"organisation_id"`
	app.WebhookInput
}

// webhookCreated is a new webhook with the secret its deliveries are signed with, shown
// this once.
type webhookCreated struct {
	app.Webhook
	Secret string `json:"secret"`
}

// webhookList lists the webhooks of the organisation asked for, or of every organisation
// the caller manages (every organisation, for platform admins).
func (s *Server) webhookList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	p, err := page(r)
	if err != nil {
		return err
	}
	f := app.WebhookFilter{Page: p}
	switch v := r.URL.Query().Get("organisation_id"); {
	case v != "":
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			return badRequest{&app.Error{Code: app.Invalid, Message: "err.invalid_input", Fields: map[string]string{"organisation_id": "err.id"}}}
		}
		if err := rq.actor.Require(rq.actor.CanManageWebhooks(id)); err != nil {
			return err
		}
		f.OrgIDs = []int64{id}
	case rq.actor.IsAdmin:
		f.AllOrgs = true
	default:
		f.OrgIDs = managedOrganisations(rq.actor)
	}
	list, err := s.store.ListWebhooks(r.Context(), f)
	if err != nil {
		return listError(err)
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

// managedOrganisations are the organisations whose webhooks the actor manages.
func managedOrganisations(a auth.Actor) []int64 {
	var ids []int64
	for _, m := range a.Memberships {
		if a.CanManageWebhooks(m.Organisation.ID) {
			ids = append(ids, m.Organisation.ID)
		}
	}
	return ids
}

func (s *Server) webhookCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	var in webhookCreateBody
	if err := decode(r, &in); err != nil {
		return err
	}
	f, err := newInOrganisation(in.OrganisationID, rq.actor.CanManageWebhooks(in.OrganisationID), "err.forbidden", in.Normalise(s.loopbackWebhooks))
	if err != nil {
		return err
	}
	if err := f.Err(); err != nil {
		return err
	}
	secret := auth.NewWebhookSecret()
	hook, err := s.store.CreateWebhook(r.Context(), in.OrganisationID, rq.actor.ID, in.WebhookInput, secret)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/webhooks/"+itoa(hook.ID))
	writeJSON(w, http.StatusCreated, webhookCreated{hook, secret})
	return nil
}

// loadWebhook is the webhook of the path, for those who may manage it.
func (s *Server) loadWebhook(r *http.Request, rq *request) (app.Webhook, error) {
	if err := requireSignedIn(rq); err != nil {
		return app.Webhook{}, err
	}
	id, err := pathID(r, "id", "err.webhook_not_found")
	if err != nil {
		return app.Webhook{}, err
	}
	hook, err := s.store.Webhook(r.Context(), id)
	if err == nil && !rq.actor.CanManageWebhooks(hook.Organisation.ID) {
		err = app.Errorf(app.NotFound, "err.webhook_not_found")
	}
	return hook, err
}

func (s *Server) webhookGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	hook, err := s.loadWebhook(r, rq)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, hook)
	return nil
}

func (s *Server) webhookDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	hook, err := s.loadWebhook(r, rq)
	if err != nil {
		return err
	}
	if err := s.store.DeleteWebhook(r.Context(), hook.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
