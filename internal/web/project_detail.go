package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// projectPage is what the project page shows; the internal space only to members.
type projectPage struct {
	Project  app.Project
	Budget   []string // the partners' budgets added up per currency
	KPIs     []kpiView
	Posts    []app.ProjectPost
	Files    []app.Attachment
	Member   bool
	CanEdit  bool
	Decision []option
	// Radar are the open calls that fit the project.
	Radar []app.CallMatch
	// Adoptions are the organisations that took the solution into use; AdoptionOrgs those
	// an editor may record (every organisation but the owner).
	Adoptions    []app.Adoption
	AdoptionOrgs []option
}

// kpiView is a KPI with its chart and its numbers written in the page's language.
type kpiView struct {
	app.KPI
	Chart            template.HTML
	Baseline, Target string
	Latest, Progress string
	Rows             []kpiRow
}

type kpiRow struct{ Date, Value, Note string }

// projectDetail shows a project: its plan, partners and budget, the KPIs with a chart and
// a table each, the go/no-go and the lessons learned; for members also the internal space.
// A public project is read by anyone, in Swedish or English.
func (s *Server) projectDetail(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.projectFromPath(r, rq)
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "project.detail_title"))
	v.Heading = p.Title
	return s.renderProject(w, r, rq, v, p, http.StatusOK)
}

func (s *Server) renderProject(w http.ResponseWriter, r *http.Request, rq *request, v *view, p app.Project, status int) error {
	d := &projectPage{Project: p, Member: rq.actor.IsProjectMember(p), CanEdit: rq.actor.CanEditProject(p)}
	for _, m := range p.TotalBudget() {
		d.Budget = append(d.Budget, formatMoney(v.Lang, m))
	}
	kpis, err := s.store.KPIs(r.Context(), p.ID)
	if err != nil {
		return err
	}
	for _, k := range kpis {
		kv := kpiView{KPI: k, Baseline: formatNumber(v.Lang, k.Baseline), Target: formatNumber(v.Lang, k.Target)}
		if kv.Chart, err = kpiChart(v, fmt.Sprintf("kpi-chart-%d", k.ID), k); err != nil {
			return err
		}
		if m := k.Latest(); m != nil {
			kv.Latest = formatNumber(v.Lang, m.Value)
		}
		if pr := k.Progress(); pr != nil {
			kv.Progress = v.T("kpi.progress_value", strings.TrimSuffix(decimal(v.Lang, *pr), map[string]string{"sv": ",0", "en": ".0"}[v.Lang]))
		}
		for _, m := range k.Measurements {
			kv.Rows = append(kv.Rows, kpiRow{m.Date, formatNumber(v.Lang, m.Value), m.Note})
		}
		d.KPIs = append(d.KPIs, kv)
	}
	if d.Radar, err = s.store.CallRadar(r.Context(), "project", p.ID, time.Now(), suggestions); err != nil {
		return err
	}
	if d.Adoptions, err = s.store.Adoptions(r.Context(), p.ID); err != nil {
		return err
	}
	if d.CanEdit {
		orgs, err := s.store.OrganisationRefs(r.Context())
		if err != nil {
			return err
		}
		for _, o := range orgs {
			if o.ID != p.Organisation.ID {
				d.AdoptionOrgs = append(d.AdoptionOrgs, option{Value: itoa(o.ID), Label: o.Name})
			}
		}
		d.AdoptionOrgs = withBlank(v, d.AdoptionOrgs, "form.choose")
	}
	if d.Member {
		if d.Posts, err = s.store.ProjectPosts(r.Context(), p.ID); err != nil {
			return err
		}
		if d.Files, err = s.store.ProjectFiles(r.Context(), p.ID); err != nil {
			return err
		}
	}
	for _, x := range app.Decisions {
		d.Decision = append(d.Decision, option{Value: x, Label: v.T("decision." + x)})
	}
	d.Decision = withBlank(v, d.Decision, "form.choose")
	v.Data = d
	s.render(w, status, "project_detail", v)
	return nil
}

// projectAction runs a form posted from the project page: on success back to the page
// with a message; on bad input the page again with the problems shown.
func (s *Server) projectAction(act func(r *http.Request, rq *request, p app.Project) (flash string, err error)) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
			return err
		}
		p, err := s.projectFromPath(r, rq)
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
			v := s.view(r, rq, "project.detail_title")
			v.Heading, v.Form = p.Title, r.PostForm
			formError(v, err)
			return s.renderProject(w, r, rq, v, p, StatusOf(code))
		}
		return s.redirect(w, r, projectPath(p), flash)
	}
}

func (s *Server) projectKPI(r *http.Request, rq *request, p app.Project) (string, error) {
	if err := rq.actor.Require(rq.actor.CanEditProject(p)); err != nil {
		return "", err
	}
	f := r.PostForm
	in := app.KPIInput{Name: f.Get("name"), Unit: f.Get("unit"), Direction: f.Get("direction"), Baseline: formFloat(f.Get("baseline")),
		BaselineDate: f.Get("baseline_date"), Target: formFloat(f.Get("target")), Source: f.Get("source")}
	if err := in.Normalise(); err != nil {
		return "", err
	}
	_, err := s.store.AddKPI(r.Context(), p.ID, in)
	return "kpi.added", err
}

func (s *Server) projectMeasurement(r *http.Request, rq *request, p app.Project) (string, error) {
	if err := rq.actor.Require(rq.actor.IsProjectMember(p)); err != nil {
		return "", err
	}
	kpiID, err := pathID(r, "kpi")
	if err != nil {
		return "", app.Errorf(app.NotFound, "err.kpi_not_found")
	}
	f := r.PostForm
	in := app.MeasurementInput{Date: f.Get("date"), Value: formFloat(f.Get("value")), Note: f.Get("note")}
	if err := in.Normalise(); err != nil {
		return "", err
	}
	_, err = s.store.AddMeasurement(r.Context(), p.ID, kpiID, rq.actor.ID, in)
	return "kpi.measured", err
}

func (s *Server) projectDecision(r *http.Request, rq *request, p app.Project) (string, error) {
	if err := rq.actor.Require(rq.actor.CanEditProject(p)); err != nil {
		return "", err
	}
	d := app.ProjectDecision{Decision: r.PostForm.Get("decision"), Rationale: r.PostForm.Get("rationale")}
	if err := d.Normalise(); err != nil {
		return "", err
	}
	_, err := s.store.DecideProject(r.Context(), p.ID, rq.actor.ID, d)
	return "project.decided", err
}

// projectAdoption records that another organisation took the project's solution into use.
func (s *Server) projectAdoption(r *http.Request, rq *request, p app.Project) (string, error) {
	if err := rq.actor.Require(rq.actor.CanEditProject(p)); err != nil {
		return "", err
	}
	f := r.PostForm
	orgID, _ := strconv.ParseInt(f.Get("organisation_id"), 10, 64)
	in := app.AdoptionInput{OrganisationID: orgID, Date: f.Get("date"), Scope: f.Get("scope")}
	if err := in.Normalise(Today()); err != nil {
		return "", err
	}
	_, err := s.store.AddAdoption(r.Context(), p.ID, rq.actor.ID, in)
	return "project.adoption_added", err
}

func (s *Server) projectPost(r *http.Request, rq *request, p app.Project) (string, error) {
	if err := rq.actor.Require(rq.actor.IsProjectMember(p)); err != nil {
		return "", err
	}
	text, err := app.CheckText("body", r.PostForm.Get("body"), true)
	if err != nil {
		return "", err
	}
	_, err = s.store.AddProjectPost(r.Context(), p.ID, rq.actor.ID, text)
	return "project.posted", err
}
