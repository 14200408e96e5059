package api

import (
	"net/http"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

// organisationList is public, like the page.
func (s *Server) organisationList(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := page(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := app.OrganisationFilter{Query: q.Get("q"), Kind: app.OrgKind(q.Get("kind")), Country: strings.ToUpper(strings.TrimSpace(q.Get("country"))), Page: p}
	if err := f.Check(); err != nil {
		return badRequest{app.AsError(err)}
	}
	list, err := s.store.ListOrganisations(r.Context(), f)
	if err != nil {
		return listError(err)
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

func (s *Server) organisationGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id", "err.organisation_not_found")
	if err != nil {
		return err
	}
	o, err := s.store.Organisation(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, o)
	return nil
}

// organisationCreate takes at least name, kind, org_number and country; the caller becomes
// the organisation's first administrator.
func (s *Server) organisationCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanCreateOrganisation()); err != nil {
		return err
	}
	var in app.OrganisationInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	o, err := s.store.CreateOrganisation(r.Context(), in, rq.actor.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/organisations/"+itoa(o.ID))
	writeJSON(w, http.StatusCreated, o)
	return nil
}

// organisationPatch holds the fields a PATCH may change; absent ones stay as they are.
type organisationPatch struct {
	Name         *string      `json:"name"`
	Kind         *app.OrgKind `json:"kind"`
	Size         *app.OrgSize `json:"size"`
	OrgNumber    *string      `json:"org_number"`
	Country      *string      `json:"country"`
	County       *string      `json:"county"`
	Description  *string      `json:"description"`
	Capabilities *[]string    `json:"capabilities"`
}

func (p organisationPatch) apply(in *app.OrganisationInput) {
	set(&in.Name, p.Name)
	set(&in.Kind, p.Kind)
	set(&in.Size, p.Size)
	set(&in.OrgNumber, p.OrgNumber)
	set(&in.Country, p.Country)
	set(&in.County, p.County)
	set(&in.Description, p.Description)
	set(&in.Capabilities, p.Capabilities)
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

func (s *Server) organisationUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id", "err.organisation_not_found")
	if err != nil {
		return err
	}
	o, err := s.store.Organisation(r.Context(), id)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanManageOrganisation(o.ID)); err != nil {
		return err
	}
	var p organisationPatch
	if err := decode(r, &p); err != nil {
		return err
	}
	in := app.OrganisationInput{Name: o.Name, Kind: o.Kind, Size: o.Size, OrgNumber: o.OrgNumber, Country: o.Country,
		County: o.County, Description: o.Description, Capabilities: o.Capabilities}
	p.apply(&in)
	if err := in.Normalise(); err != nil {
		return err
	}
	if o, err = s.store.UpdateOrganisation(r.Context(), id, in); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, o)
	return nil
}
