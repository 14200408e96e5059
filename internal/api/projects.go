package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/web"
)

// projectList: the projects the caller sees, newest first.
func (s *Server) projectList(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := page(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := app.ProjectFilter{Page: p, Type: app.ProjectType(q.Get("type")), Lessons: strings.TrimSpace(q.Get("lessons")),
		Today: web.Today()}
	bad := app.FieldErrors{}
	if f.Type != "" && !slices.Contains(app.ProjectTypes, f.Type) {
		bad.Add("type", "err.project_type")
	}
	if v := q.Get("organisation_id"); v != "" {
		if f.OrgID, err = strconv.ParseInt(v, 10, 64); err != nil || f.OrgID < 1 {
			bad.Add("organisation_id", "err.id")
		}
	}
	if err := bad.Err(); err != nil {
		return badRequest{app.AsError(err)}
	}
	list, err := s.store.ListProjects(r.Context(), rq.actor.Viewer(), f)
	if err != nil {
		return listError(err)
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

func (s *Server) loadProject(r *http.Request, rq *request) (app.Project, error) {
	id, err := pathID(r, "id", "err.project_not_found")
	if err != nil {
		return app.Project{}, err
	}
	return s.store.Project(r.Context(), rq.actor.Viewer(), id)
}

func (s *Server) projectGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadProject(r, rq)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

type projectCreateBody struct {
	OrganisationID int64 `json:"organisation_id"`
	app.ProjectInput
}

// projectCreate: coordinators and org_admins start projects of their organisation.
func (s *Server) projectCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	var in projectCreateBody
	if err := decode(r, &in); err != nil {
		return err
	}
	f, err := newInOrganisation(in.OrganisationID, rq.actor.CanCreateProjectIn(in.OrganisationID), "err.project_org", in.Normalise())
	if err != nil {
		return err
	}
	if err := f.Err(); err != nil {
		return err
	}
	p, err := s.store.CreateProject(r.Context(), in.OrganisationID, rq.actor.ID, in.ProjectInput)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

// projectReplace: the manager, the owner's coordinators and org_admins, and admins write
// the whole project anew.
func (s *Server) projectReplace(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadProject(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditProject(p)); err != nil {
		return err
	}
	var in app.ProjectInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	if p, err = s.store.UpdateProject(r.Context(), p.ID, in); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (s *Server) projectDecide(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadProject(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditProject(p)); err != nil {
		return err
	}
	var d app.ProjectDecision
	if err := decode(r, &d); err != nil {
		return err
	}
	if err := d.Normalise(); err != nil {
		return err
	}
	if p, err = s.store.DecideProject(r.Context(), p.ID, rq.actor.ID, d); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

// kpiJSON is a KPI with its progress towards the target.
type kpiJSON struct {
	app.KPI
	Progress *float64 `json:"progress"`
}

func (s *Server) kpiList(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadProject(r, rq)
	if err != nil {
		return err
	}
	kpis, err := s.store.KPIs(r.Context(), p.ID)
	if err != nil {
		return err
	}
	out := make([]kpiJSON, len(kpis))
	for i, k := range kpis {
		out[i] = kpiJSON{k, k.Progress()}
	}
	writeJSON(w, http.StatusOK, app.List[kpiJSON]{Items: out})
	return nil
}

func (s *Server) kpiCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadProject(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditProject(p)); err != nil {
		return err
	}
	var in app.KPIInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	k, err := s.store.AddKPI(r.Context(), p.ID, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, kpiJSON{k, nil})
	return nil
}

// measurementCreate: members of the owner and partners record what they measured.
func (s *Server) measurementCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadProject(r, rq)
	if err != nil {
		return err
	}
	kpiID, err := pathID(r, "kpi", "err.kpi_not_found")
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.IsProjectMember(p)); err != nil {
		return err
	}
	var in app.MeasurementInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	m, err := s.store.AddMeasurement(r.Context(), p.ID, kpiID, rq.actor.ID, in)
	if err != nil {
		return err
	}
	m.RecordedBy = app.UserRef{ID: rq.actor.ID, Name: rq.actor.Name}
	writeJSON(w, http.StatusCreated, m)
	return nil
}

// The project space is for the members of the owner and partners only.
func (s *Server) projectPostList(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadProject(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.IsProjectMember(p)); err != nil {
		return err
	}
	posts, err := s.store.ProjectPosts(r.Context(), p.ID)
	if err != nil {
		return err
	}
	if posts == nil {
		posts = []app.ProjectPost{}
	}
	writeJSON(w, http.StatusOK, app.List[app.ProjectPost]{Items: posts})
	return nil
}

func (s *Server) projectPostCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadProject(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.IsProjectMember(p)); err != nil {
		return err
	}
	var in struct {
		Body string `json:"body"`
	}
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.Body, err = app.CheckText("body", in.Body, true); err != nil {
		return err
	}
	post, err := s.store.AddProjectPost(r.Context(), p.ID, rq.actor.ID, in.Body)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, post)
	return nil
}
