package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/tillsammans/tillsammans/internal/app"
)

type projectFormData struct {
	Action                       string
	Creating                     bool
	Orgs, Types, Managers        []option
	Partners, Milestones         []row
	AllOrgs, Currencies          []option
	Statuses                     []option
	Needs, Solutions             []option
	ChosenNeeds, ChosenSolutions map[string]bool
}

// projectFormValues puts a project into the form's fields and rows.
func projectFormValues(lang string, p app.Project) (url.Values, []row, []row) {
	f := url.Values{}
	for k, val := range map[string]string{"title": p.Title, "description": p.Description, "type": string(p.Type), "test_site": p.TestSite,
		"start_date": p.StartDate, "end_date": p.EndDate, "lessons_learned": p.Lessons} {
		f.Set(k, val)
	}
	if p.Public {
		f.Set("public", "on")
	}
	if p.Manager != nil {
		f.Set("manager_id", itoa(p.Manager.ID))
	}
	for _, n := range p.Needs {
		f.Add("need_ids", itoa(n.ID))
	}
	for _, x := range p.Solutions {
		f.Add("solution_ids", itoa(x.ID))
	}
	var partners, milestones []row
	for _, x := range p.Partners {
		partners = append(partners, row{"org": itoa(x.Organisation.ID), "role": x.Role, "contribution": x.Contribution,
			"budget": amountValue(lang, x.Budget.Amount), "currency": x.Budget.Currency})
	}
	for _, m := range p.Milestones {
		milestones = append(milestones, row{"title": m.Title, "due": m.Due, "status": m.Status})
	}
	return f, partners, milestones
}

var (
	partnerColumns   = []string{"org", "role", "contribution", "budget", "currency"}
	milestoneColumns = []string{"title", "due", "status"}
)

// projectInputFromForm reads the form; what does not parse is left for validation to name.
func projectInputFromForm(f url.Values) app.ProjectInput {
	in := app.ProjectInput{Title: f.Get("title"), Description: f.Get("description"), Type: app.ProjectType(f.Get("type")),
		TestSite: f.Get("test_site"), StartDate: f.Get("start_date"), EndDate: f.Get("end_date"), Public: f.Get("public") == "on",
		Lessons: f.Get("lessons_learned"), NeedIDs: formIDs(f["need_ids"]), SolutionIDs: formIDs(f["solution_ids"])}
	if id, err := strconv.ParseInt(f.Get("manager_id"), 10, 64); err == nil {
		in.ManagerID = &id
	}
	for _, r := range formRows(f, "partner_", partnerColumns...) {
		id, _ := strconv.ParseInt(r["org"], 10, 64)
		in.Partners = append(in.Partners, app.ProjectPartnerInput{OrganisationID: id, Role: r["role"], Contribution: r["contribution"],
			Budget: app.Money{Amount: formAmount(r["budget"]), Currency: r["currency"]}})
	}
	for _, r := range formRows(f, "milestone_", milestoneColumns...) {
		in.Milestones = append(in.Milestones, app.Milestone{Title: r["title"], Due: r["due"], Status: r["status"]})
	}
	return in
}

func formIDs(vs []string) []int64 {
	var out []int64
	for _, x := range vs {
		if id, err := strconv.ParseInt(x, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

func (s *Server) renderProjectForm(w http.ResponseWriter, r *http.Request, rq *request, v *view, status int, action string, p *app.Project, partners, milestones []row) error {
	ctx := r.Context()
	d := projectFormData{Action: action, Creating: p == nil, Types: projectTypeOptions(v), Currencies: currencyOptions(),
		Partners: withExtraRows(partners), Milestones: withExtraRows(milestones), ChosenNeeds: map[string]bool{}, ChosenSolutions: map[string]bool{}}
	for _, o := range rq.actor.ProjectOrganisations() {
		d.Orgs = append(d.Orgs, option{Value: itoa(o.ID), Label: o.Name})
	}
	orgs, err := s.store.OrganisationRefs(ctx)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		d.AllOrgs = append(d.AllOrgs, option{Value: itoa(o.ID), Label: o.Name})
	}
	d.AllOrgs = withBlank(v, d.AllOrgs, "form.choose")
	for _, st := range app.MilestoneStatuses {
		d.Statuses = append(d.Statuses, option{Value: st, Label: v.T("milestone." + st)})
	}
	if p != nil {
		// The manager is someone of the owner or a partner; the needs are the owner's.
		for _, orgID := range p.OrgIDs() {
			members, err := s.store.Members(ctx, orgID)
			if err != nil {
				return err
			}
			for _, m := range members {
				if !slices.ContainsFunc(d.Managers, func(o option) bool { return o.Value == itoa(m.User.ID) }) {
					d.Managers = append(d.Managers, option{Value: itoa(m.User.ID), Label: m.User.Name + " (" + m.Organisation.Name + ")"})
				}
			}
		}
		d.Managers = withBlank(v, d.Managers, "project.no_manager")
		needs, err := s.store.ListNeeds(ctx, rq.actor.Viewer(), app.NeedFilter{OrgID: p.Organisation.ID, Page: app.Page{Limit: app.MaxLimit}})
		if err != nil {
			return err
		}
		for _, n := range needs.Items {
			d.Needs = append(d.Needs, option{Value: itoa(n.ID), Label: n.Title})
		}
		sols, err := s.store.ListSolutions(ctx, app.SolutionFilter{Page: app.Page{Limit: app.MaxLimit}})
		if err != nil {
			return err
		}
		for _, x := range sols.Items {
			d.Solutions = append(d.Solutions, option{Value: itoa(x.ID), Label: x.Title + " (" + x.Organisation.Name + ")"})
		}
	}
	for _, id := range v.Form["need_ids"] {
		d.ChosenNeeds[id] = true
	}
	for _, id := range v.Form["solution_ids"] {
		d.ChosenSolutions[id] = true
	}
	v.Data = d
	s.render(w, status, "project_form", v)
	return nil
}

func (s *Server) projectNew(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(len(rq.actor.ProjectOrganisations()) > 0); err != nil {
		return err
	}
	v := s.view(r, rq, "project.create_title")
	v.Form.Set("type", "pilot")
	return s.renderProjectForm(w, r, rq, v, http.StatusOK, "/projects/new", nil, nil, nil)
}

func (s *Server) projectCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(len(rq.actor.ProjectOrganisations()) > 0); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := projectInputFromForm(r.PostForm)
	orgID, _ := strconv.ParseInt(r.PostForm.Get("organisation_id"), 10, 64)
	in.ManagerID = &rq.actor.ID // who starts a project manages it until someone else is named
	f := app.FieldErrors{}
	err := in.Normalise()
	if e := app.AsError(err); err != nil && e.Code == app.Invalid {
		for k, val := range e.Fields {
			f.Add(k, val)
		}
	}
	if !slices.ContainsFunc(rq.actor.ProjectOrganisations(), func(o app.OrgRef) bool { return o.ID == orgID }) {
		f.Add("organisation_id", "err.project_org")
	}
	var p app.Project
	if err = f.Err(); err == nil {
		p, err = s.store.CreateProject(r.Context(), orgID, rq.actor.ID, in)
	}
	if err != nil {
		v := s.view(r, rq, "project.create_title")
		v.Form = r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderProjectForm(w, r, rq, v, StatusOf(app.ErrorCode(err)), "/projects/new", nil,
			formRows(r.PostForm, "partner_", partnerColumns...), formRows(r.PostForm, "milestone_", milestoneColumns...))
	}
	return s.redirect(w, r, projectPath(p), "form.saved")
}

func (s *Server) projectEdit(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.projectFromPath(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditProject(p)); err != nil {
		return err
	}
	v := s.view(r, rq, "project.edit_title")
	v.Heading = p.Title
	var partners, milestones []row
	v.Form, partners, milestones = projectFormValues(v.Lang, p)
	return s.renderProjectForm(w, r, rq, v, http.StatusOK, r.URL.Path, &p, partners, milestones)
}

func (s *Server) projectUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.projectFromPath(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditProject(p)); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := projectInputFromForm(r.PostForm)
	err = in.Normalise()
	if err == nil {
		_, err = s.store.UpdateProject(r.Context(), p.ID, in)
	}
	if err != nil {
		v := s.view(r, rq, "project.edit_title")
		v.Heading, v.Form = p.Title, r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderProjectForm(w, r, rq, v, StatusOf(app.ErrorCode(err)), r.URL.Path, &p,
			formRows(r.PostForm, "partner_", partnerColumns...), formRows(r.PostForm, "milestone_", milestoneColumns...))
	}
	return s.redirect(w, r, projectPath(p), "form.saved")
}

// projectFromPath is the project of the path if the person may see it; otherwise not found.
func (s *Server) projectFromPath(r *http.Request, rq *request) (app.Project, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return app.Project{}, app.Errorf(app.NotFound, "err.project_not_found")
	}
	return s.store.Project(r.Context(), rq.actor.Viewer(), id)
}

func projectPath(p app.Project) string { return fmt.Sprintf("/projects/%d", p.ID) }
