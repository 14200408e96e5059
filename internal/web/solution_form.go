package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

type solutionFormData struct {
	Action                                            string
	Creating                                          bool
	Orgs, Types, Settings, TRLs, Deployments          []option
	MDRClasses, DataLocations, Identities, Secretable []option
	Chosen                                            map[string]bool // checked care settings, identities and secret fields
}

func (s *Server) renderSolutionForm(w http.ResponseWriter, r *http.Request, rq *request, v *view, status int, action string, creating bool) error {
	d := solutionFormData{Action: action, Creating: creating, Chosen: map[string]bool{}}
	orgs, err := s.solutionOrganisations(r, rq)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		d.Orgs = append(d.Orgs, option{Value: itoa(o.ID), Label: o.Name})
	}
	d.Types, d.Settings, d.TRLs = solutionTypeOptions(v), careSettingOptions(v), trlOptions()
	for _, x := range app.DeploymentStages {
		d.Deployments = append(d.Deployments, option{Value: x, Label: v.T("deployment." + x)})
	}
	for _, x := range app.MDRClasses {
		label := x
		if x == "none" {
			label = v.T("solution.mdr_none")
		}
		d.MDRClasses = append(d.MDRClasses, option{Value: x, Label: label})
	}
	for _, x := range app.DataLocations {
		d.DataLocations = append(d.DataLocations, option{Value: x, Label: v.T("location." + x)})
	}
	d.DataLocations = withBlank(v, d.DataLocations, "form.choose")
	for _, x := range app.IdentityProviders {
		d.Identities = append(d.Identities, option{Value: x, Label: v.T("identity." + x)})
	}
	for _, x := range app.SecretableFields {
		d.Secretable = append(d.Secretable, option{Value: x, Label: v.T("field." + x)})
	}
	for _, k := range v.Form["care_settings"] {
		d.Chosen["care:"+k] = true
	}
	for _, k := range v.Form["identity_support"] {
		d.Chosen["id:"+k] = true
	}
	for _, k := range v.Form["secret_fields"] {
		d.Chosen["secret:"+k] = true
	}
	v.Data = d
	s.render(w, status, "solution_form", v)
	return nil
}

// solutionInputFromForm reads the form; a TRL that does not parse becomes -1 so that
// validation names the field.
func solutionInputFromForm(f url.Values) app.SolutionInput {
	in := app.SolutionInput{Title: f.Get("title"), Description: f.Get("description"), Type: f.Get("type"), Tags: app.SplitTags(f.Get("tags")),
		TargetGroups: app.SplitTags(f.Get("target_groups")), CareSettings: f["care_settings"], TRL: formNumber(f.Get("trl")),
		Deployment: f.Get("deployment"), MedicalDevice: f.Get("medical_device") == "on", MDRClass: f.Get("mdr_class"),
		CEMarked: f.Get("ce_marked") == "on", Interoperability: app.SplitTags(f.Get("interoperability")), Hosting: f.Get("hosting"),
		DataLocation: f.Get("data_location"), Accessibility: f.Get("accessibility"), IdentitySupport: f["identity_support"],
		Evidence: f.Get("evidence"), References: f.Get("references"), SecretFields: f["secret_fields"]}
	if ref := f.Get("ref"); ref != "" {
		in.Ref = &ref
	}
	return in
}

func solutionFormValues(x app.Solution) url.Values {
	f := url.Values{}
	for k, val := range map[string]string{"title": x.Title, "description": x.Description, "type": x.Type, "tags": strings.Join(x.Tags, ", "),
		"target_groups": strings.Join(x.TargetGroups, ", "), "trl": strconv.Itoa(x.TRL), "deployment": x.Deployment, "mdr_class": x.MDRClass,
		"interoperability": strings.Join(x.Interoperability, ", "), "hosting": x.Hosting, "data_location": x.DataLocation,
		"accessibility": x.Accessibility, "evidence": x.Evidence, "references": x.References} {
		f.Set(k, val)
	}
	if x.Ref != nil {
		f.Set("ref", *x.Ref)
	}
	if x.MedicalDevice {
		f.Set("medical_device", "on")
	}
	if x.CEMarked {
		f.Set("ce_marked", "on")
	}
	f["care_settings"], f["identity_support"], f["secret_fields"] = x.CareSettings, x.IdentitySupport, x.SecretFields
	return f
}

func (s *Server) solutionNew(w http.ResponseWriter, r *http.Request, rq *request) error {
	orgs, err := s.solutionOrganisations(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(len(orgs) > 0); err != nil {
		return err
	}
	v := s.view(r, rq, "solution.create_title")
	v.Form.Set("type", "software")
	v.Form.Set("trl", "1")
	v.Form.Set("deployment", "concept")
	v.Form.Set("mdr_class", "none")
	return s.renderSolutionForm(w, r, rq, v, http.StatusOK, "/solutions/new", true)
}

func (s *Server) solutionCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	orgs, err := s.solutionOrganisations(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(len(orgs) > 0); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.view(r, rq, "solution.create_title")
	v.Form = r.PostForm
	in := solutionInputFromForm(r.PostForm)
	orgID, _ := strconv.ParseInt(r.PostForm.Get("organisation_id"), 10, 64)
	err = in.Normalise()
	allowed := false
	for _, o := range orgs {
		allowed = allowed || o.ID == orgID
	}
	if !allowed {
		f := app.FieldErrors{"organisation_id": "err.solution_org"}
		if e := app.AsError(err); err != nil {
			for k, val := range e.Fields {
				f.Add(k, val)
			}
		}
		err = f.Err()
	}
	var x app.Solution
	if err == nil {
		x, err = s.store.CreateSolution(r.Context(), orgID, rq.actor.ID, in)
	}
	if err != nil {
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderSolutionForm(w, r, rq, v, StatusOf(app.ErrorCode(err)), "/solutions/new", true)
	}
	return s.redirect(w, r, solutionPath(x), "form.saved")
}

func (s *Server) solutionEdit(w http.ResponseWriter, r *http.Request, rq *request) error {
	x, err := s.solutionFromPath(r)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanManageSolution(x.Organisation.ID)); err != nil {
		return err
	}
	v := s.view(r, rq, "solution.edit_title")
	v.Heading = x.Title
	v.Form = solutionFormValues(x)
	return s.renderSolutionForm(w, r, rq, v, http.StatusOK, r.URL.Path, false)
}

func (s *Server) solutionUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	x, err := s.solutionFromPath(r)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanManageSolution(x.Organisation.ID)); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := solutionInputFromForm(r.PostForm)
	err = in.Normalise()
	if err == nil {
		_, err = s.store.UpdateSolution(r.Context(), x.ID, in)
	}
	if err != nil {
		v := s.view(r, rq, "solution.edit_title")
		v.Heading = x.Title
		v.Form = r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderSolutionForm(w, r, rq, v, StatusOf(app.ErrorCode(err)), r.URL.Path, false)
	}
	return s.redirect(w, r, solutionPath(x), "form.saved")
}
