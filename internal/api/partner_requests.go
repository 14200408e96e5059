package api

import (
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// callPartnerRequests: the partner requests of a call, for people signed in.
func (s *Server) callPartnerRequests(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	c, err := s.loadCall(r)
	if err != nil {
		return err
	}
	list, err := s.store.PartnerRequests(r.Context(), rq.actor.Viewer(), c.ID, 0)
	if err != nil {
		return err
	}
	if list == nil {
		list = []app.PartnerRequest{}
	}
	writeJSON(w, http.StatusOK, app.List[app.PartnerRequest]{Items: list})
	return nil
}

// partnerRequestCreate: the lead applicant's members seek a partner for the application.
func (s *Server) partnerRequestCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	a, err := s.loadApplication(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditApplication(a)); err != nil {
		return err
	}
	var in app.PartnerRequestInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	p, err := s.store.CreatePartnerRequest(r.Context(), a.ID, rq.actor.ID, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

func (s *Server) loadPartnerRequest(r *http.Request, rq *request) (app.PartnerRequest, error) {
	if err := requireSignedIn(rq); err != nil {
		return app.PartnerRequest{}, err
	}
	id, err := pathID(r, "id", "err.partner_request_not_found")
	if err != nil {
		return app.PartnerRequest{}, err
	}
	return s.store.PartnerRequest(r.Context(), rq.actor.Viewer(), id)
}

func (s *Server) partnerRequestGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadPartnerRequest(r, rq)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

// partnerOfferList: the seeking organisation sees every offer, others their own.
func (s *Server) partnerOfferList(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadPartnerRequest(r, rq)
	if err != nil {
		return err
	}
	all, orgIDs := rq.actor.OfferScope(p)
	offers, err := s.store.PartnerOffers(r.Context(), p.ID, all, orgIDs)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, app.List[app.PartnerOffer]{Items: offers})
	return nil
}

// partnerOfferCreate: a member of another organisation offers it as a partner, until the
// request's last day.
func (s *Server) partnerOfferCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadPartnerRequest(r, rq)
	if err != nil {
		return err
	}
	var in app.PartnerOfferInput
	if err := decode(r, &in); err != nil {
		return err
	}
	allowed := false
	for _, o := range rq.actor.OfferOrganisations(p) {
		allowed = allowed || o.ID == in.OrganisationID
	}
	if !allowed {
		return app.Errorf(app.Forbidden, "err.forbidden")
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	if !p.Open(time.Now()) {
		return app.Errorf(app.Conflict, "err.partner_request_closed")
	}
	o, err := s.store.OfferPartnership(r.Context(), p.ID, rq.actor.ID, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, o)
	return nil
}

// partnerOfferAccept: the seeking organisation takes the offering one into its application.
func (s *Server) partnerOfferAccept(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadPartnerRequest(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanAcceptOffers(p)); err != nil {
		return err
	}
	offerID, err := pathID(r, "offer", "err.offer_not_found")
	if err != nil {
		return err
	}
	o, err := s.store.AcceptOffer(r.Context(), p.ID, offerID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, o)
	return nil
}
