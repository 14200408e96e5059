package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

// solutionFilter reads the list's filters from the query; a value no solution can have is
// a query that could not be read (400).
func solutionFilter(r *http.Request) (app.SolutionFilter, error) {
	p, err := page(r)
	if err != nil {
		return app.SolutionFilter{}, err
	}
	q := r.URL.Query()
	f := app.SolutionFilter{Page: p, Type: strings.TrimSpace(q.Get("type")), CareSetting: strings.TrimSpace(q.Get("care_setting")),
		Tag: strings.TrimSpace(q.Get("tag")), Ref: strings.TrimSpace(q.Get("ref"))}
	bad := app.FieldErrors{}
	if f.Type != "" && !slices.Contains(app.SolutionTypes, f.Type) {
		bad.Add("type", "err.solution_type")
	}
	if f.CareSetting != "" && !slices.Contains(app.CareSettings, f.CareSetting) {
		bad.Add("care_setting", "err.care_setting")
	}
	if v := q.Get("trl_min"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 9 {
			bad.Add("trl_min", "err.trl")
		}
		f.TRLMin = n
	}
	if v := q.Get("organisation_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			bad.Add("organisation_id", "err.id")
		}
		f.OrgID = id
	}
	if err := bad.Err(); err != nil {
		return f, badRequest{app.AsError(err)}
	}
	return f, nil
}

// solutionList: solutions are public; fields marked secret are hidden from outsiders.
func (s *Server) solutionList(w http.ResponseWriter, r *http.Request, rq *request) error {
	f, err := solutionFilter(r)
	if err != nil {
		return err
	}
	list, err := s.store.ListSolutions(r.Context(), f)
	if err != nil {
		return listError(err)
	}
	for i, x := range list.Items {
		list.Items[i] = rq.actor.SolutionView(x)
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

func (s *Server) loadSolution(r *http.Request) (app.Solution, error) {
	id, err := pathID(r, "id", "err.solution_not_found")
	if err != nil {
		return app.Solution{}, err
	}
	return s.store.Solution(r.Context(), id)
}

func (s *Server) solutionGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	x, err := s.loadSolution(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rq.actor.SolutionView(x))
	return nil
}

type solutionCreateBody struct {
	OrganisationID int64 `json:"organisation_id"`
	app.SolutionInput
}

// solutionCreate: a solution belongs to a company whose org_admin or supplier the caller is.
func (s *Server) solutionCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	var in solutionCreateBody
	if err := decode(r, &in); err != nil {
		return err
	}
	f, err := newInOrganisation(in.OrganisationID, rq.actor.CanManageSolution(in.OrganisationID), "err.solution_forbidden", in.Normalise())
	if err != nil {
		return err
	}
	if in.OrganisationID != 0 {
		// A solution's supplier is a company.
		switch org, err := s.store.Organisation(r.Context(), in.OrganisationID); {
		case app.ErrorCode(err) == app.NotFound:
			f.Add("organisation_id", "err.organisation_not_found")
		case err != nil:
			return err
		case org.Kind != app.KindCompany:
			f.Add("organisation_id", "err.supplier_not_company")
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	x, err := s.store.CreateSolution(r.Context(), in.OrganisationID, rq.actor.ID, in.SolutionInput)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/solutions/"+itoa(x.ID))
	writeJSON(w, http.StatusCreated, rq.actor.SolutionView(x))
	return nil
}

// solutionPatch holds the fields a PATCH may change; absent ones stay as they are.
type solutionPatch struct {
	Ref              *string   `json:"ref"`
	Title            *string   `json:"title"`
	Description      *string   `json:"description"`
	Type             *string   `json:"type"`
	Tags             *[]string `json:"tags"`
	TargetGroups     *[]string `json:"target_groups"`
	CareSettings     *[]string `json:"care_settings"`
	TRL              *int      `json:"trl"`
	Deployment       *string   `json:"deployment"`
	MedicalDevice    *bool     `json:"medical_device"`
	MDRClass         *string   `json:"mdr_class"`
	CEMarked         *bool     `json:"ce_marked"`
	Interoperability *[]string `json:"interoperability"`
	Hosting          *string   `json:"hosting"`
	DataLocation     *string   `json:"data_location"`
	Accessibility    *string   `json:"accessibility"`
	IdentitySupport  *[]string `json:"identity_support"`
	Evidence         *string   `json:"evidence"`
	References       *string   `json:"references"`
	SecretFields     *[]string `json:"secret_fields"`
}

func (p solutionPatch) apply(in *app.SolutionInput) {
	if p.Ref != nil {
		in.Ref = p.Ref
	}
	set(&in.Title, p.Title)
	set(&in.Description, p.Description)
	set(&in.Type, p.Type)
	set(&in.Tags, p.Tags)
	set(&in.TargetGroups, p.TargetGroups)
	set(&in.CareSettings, p.CareSettings)
	set(&in.TRL, p.TRL)
	set(&in.Deployment, p.Deployment)
	set(&in.MedicalDevice, p.MedicalDevice)
	set(&in.MDRClass, p.MDRClass)
	set(&in.CEMarked, p.CEMarked)
	set(&in.Interoperability, p.Interoperability)
	set(&in.Hosting, p.Hosting)
	set(&in.DataLocation, p.DataLocation)
	set(&in.Accessibility, p.Accessibility)
	set(&in.IdentitySupport, p.IdentitySupport)
	set(&in.Evidence, p.Evidence)
	set(&in.References, p.References)
	set(&in.SecretFields, p.SecretFields)
}

func (s *Server) solutionUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	x, err := s.loadSolution(r)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanManageSolution(x.Organisation.ID)); err != nil {
		return err
	}
	var p solutionPatch
	if err := decode(r, &p); err != nil {
		return err
	}
	in := x.Input()
	p.apply(&in)
	if err := in.Normalise(); err != nil {
		return err
	}
	if x, err = s.store.UpdateSolution(r.Context(), x.ID, in); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rq.actor.SolutionView(x))
	return nil
}

func (s *Server) solutionDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	x, err := s.loadSolution(r)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanManageSolution(x.Organisation.ID)); err != nil {
		return err
	}
	if err := s.store.DeleteSolution(r.Context(), x.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
