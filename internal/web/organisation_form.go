package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

type orgFormData struct {
	Action                            string
	Kinds, Sizes, Countries, Counties []option
}

func (s *Server) renderOrgForm(w http.ResponseWriter, v *view, status int, action string) {
	var counties []option
	for _, c := range app.Countries {
		for _, name := range app.Counties[c] {
			counties = append(counties, option{Value: name, Label: name + " (" + c + ")"})
		}
	}
	v.Data = orgFormData{
		Action:    action,
		Kinds:     withBlank(v, kindOptions(v), "form.choose"),
		Sizes:     withBlank(v, []option{{Value: "sme", Label: v.T("size.sme")}, {Value: "large", Label: v.T("size.large")}}, "size.none"),
		Countries: countryOptions(v),
		Counties:  withBlank(v, counties, "form.choose"),
	}
	s.render(w, status, "org_form", v)
}

func orgInputFromForm(r *http.Request) app.OrganisationInput {
	f := r.PostForm
	return app.OrganisationInput{
		Name: f.Get("name"), Kind: app.OrgKind(f.Get("kind")), Size: app.OrgSize(f.Get("size")), OrgNumber: f.Get("org_number"),
		Country: f.Get("country"), County: f.Get("county"), Description: f.Get("description"), Capabilities: app.SplitTags(f.Get("capabilities")),
	}
}

func (s *Server) organisationNew(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanCreateOrganisation()); err != nil {
		return err
	}
	v := s.view(r, rq, "org.create_title")
	v.Form.Set("country", "SE")
	s.renderOrgForm(w, v, http.StatusOK, "/organisations/new")
	return nil
}

// organisationCreate registers an organisation; its creator becomes its first administrator.
func (s *Server) organisationCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanCreateOrganisation()); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := orgInputFromForm(r)
	err := in.Normalise()
	var o app.Organisation
	if err == nil {
		o, err = s.store.CreateOrganisation(r.Context(), in, rq.actor.ID)
	}
	if err != nil {
		v := s.view(r, rq, "org.create_title")
		v.Form = r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		s.renderOrgForm(w, v, StatusOf(app.ErrorCode(err)), "/organisations/new")
		return nil
	}
	return s.redirect(w, r, fmt.Sprintf("/organisations/%d", o.ID), "org.created")
}

func (s *Server) organisationEdit(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.managedOrganisation(r, rq)
	if err != nil {
		return err
	}
	v := s.view(r, rq, "org.edit_title")
	for k, val := range map[string]string{"name": o.Name, "kind": string(o.Kind), "size": string(o.Size), "org_number": o.OrgNumber,
		"country": o.Country, "county": o.County, "description": o.Description, "capabilities": strings.Join(o.Capabilities, ", ")} {
		v.Form.Set(k, val)
	}
	s.renderOrgForm(w, v, http.StatusOK, r.URL.Path)
	return nil
}

func (s *Server) organisationUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.managedOrganisation(r, rq)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := orgInputFromForm(r)
	err = in.Normalise()
	if err == nil {
		_, err = s.store.UpdateOrganisation(r.Context(), o.ID, in)
	}
	if err != nil {
		v := s.view(r, rq, "org.edit_title")
		v.Form = r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		s.renderOrgForm(w, v, StatusOf(app.ErrorCode(err)), r.URL.Path)
		return nil
	}
	return s.redirect(w, r, fmt.Sprintf("/organisations/%d", o.ID), "form.saved")
}

// rolesFromForm keeps the known roles among the checked boxes.
func rolesFromForm(values []string) ([]app.Role, bool) {
	var roles []app.Role
	for _, v := range values {
		r := app.Role(v)
		if !r.Valid() {
			return nil, false
		}
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	return roles, true
}
