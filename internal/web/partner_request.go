package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// partnerRequestCreate: the lead of an application seeks a partner for it.
func (s *Server) partnerRequestCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	a, _, err := s.applicationFromPath(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditApplication(a)); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	in := app.PartnerRequestInput{Role: f.Get("role"), Competence: f.Get("competence"), Country: f.Get("country"), Deadline: f.Get("deadline"),
		Description: f.Get("description")}
	err = in.Normalise()
	var p app.PartnerRequest
	if err == nil {
		p, err = s.store.CreatePartnerRequest(r.Context(), a.ID, rq.actor.ID, in)
	}
	if err != nil {
		v := s.view(r, rq, "application.detail_title")
		v.Heading, v.Form = a.Title, f
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderApplication(w, r, rq, v, StatusOf(app.ErrorCode(err)))
	}
	return s.redirect(w, r, partnerRequestPath(p), "partner_request.created")
}

// partnerRequestDetail shows a partner request to everyone signed in, with the offers the
// person may see: all for the seeking organisation, their own for the others.
func (s *Server) partnerRequestDetail(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.partnerRequestFromPath(r, rq)
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "partner_request.detail_title"))
	return s.renderPartnerRequest(w, r, rq, v, p, http.StatusOK)
}

func (s *Server) renderPartnerRequest(w http.ResponseWriter, r *http.Request, rq *request, v *view, p app.PartnerRequest, status int) error {
	all, orgIDs := rq.actor.OfferScope(p)
	offers, err := s.store.PartnerOffers(r.Context(), p.ID, all, orgIDs)
	if err != nil {
		return err
	}
	var orgs []option
	for _, o := range rq.actor.OfferOrganisations(p) {
		orgs = append(orgs, option{Value: itoa(o.ID), Label: o.Name})
	}
	v.Heading = v.T("partner_request.heading", p.Organisation.Name)
	v.Data = struct {
		Request   app.PartnerRequest
		Offers    []app.PartnerOffer
		Orgs      []option
		Open      bool
		CanAccept bool
	}{p, offers, orgs, p.Open(time.Now()), rq.actor.CanAcceptOffers(p)}
	s.render(w, status, "partner_request", v)
	return nil
}

// partnerRequestAction runs a form posted from a partner request's page.
func (s *Server) partnerRequestAction(act func(r *http.Request, rq *request, p app.PartnerRequest) (flash string, err error)) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
			return err
		}
		p, err := s.partnerRequestFromPath(r, rq)
		if err != nil {
			return err
		}
		if err := r.ParseForm(); err != nil {
			return err
		}
		flash, err := act(r, rq, p)
		if code := app.ErrorCode(err); err != nil {
			if code != app.Invalid && code != app.Conflict {
				return err
			}
			v := s.view(r, rq, "partner_request.detail_title")
			v.Form = r.PostForm
			formError(v, err)
			return s.renderPartnerRequest(w, r, rq, v, p, StatusOf(code))
		}
		return s.redirect(w, r, partnerRequestPath(p), flash)
	}
}

// partnerOffer: someone of another organisation offers to take part, before the request closes.
func (s *Server) partnerOffer(r *http.Request, rq *request, p app.PartnerRequest) (string, error) {
	orgID, _ := strconv.ParseInt(r.PostForm.Get("organisation_id"), 10, 64)
	allowed := false
	for _, o := range rq.actor.OfferOrganisations(p) {
		allowed = allowed || o.ID == orgID
	}
	if err := rq.actor.Require(allowed); err != nil {
		return "", err
	}
	if !p.Open(time.Now()) {
		return "", app.Errorf(app.Conflict, "err.partner_request_closed")
	}
	in := app.PartnerOfferInput{OrganisationID: orgID, Message: r.PostForm.Get("message")}
	if err := in.Normalise(); err != nil {
		return "", err
	}
	_, err := s.store.OfferPartnership(r.Context(), p.ID, rq.actor.ID, in)
	return "partner_request.offered", err
}

// partnerAccept: the seeking organisation takes an offer into its application.
func (s *Server) partnerAccept(r *http.Request, rq *request, p app.PartnerRequest) (string, error) {
	if err := rq.actor.Require(rq.actor.CanAcceptOffers(p)); err != nil {
		return "", err
	}
	offerID, err := pathID(r, "offer")
	if err != nil {
		return "", app.Errorf(app.NotFound, "err.offer_not_found")
	}
	_, err = s.store.AcceptOffer(r.Context(), p.ID, offerID)
	return "partner_request.accepted", err
}

func (s *Server) partnerRequestFromPath(r *http.Request, rq *request) (app.PartnerRequest, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return app.PartnerRequest{}, app.Errorf(app.NotFound, "err.partner_request_not_found")
	}
	return s.store.PartnerRequest(r.Context(), rq.actor.Viewer(), id)
}

func partnerRequestPath(p app.PartnerRequest) string {
	return fmt.Sprintf("/partner-requests/%d", p.ID)
}
