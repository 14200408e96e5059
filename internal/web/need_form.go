package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

// benefitRows is how many expected benefits the form offers beyond those already written.
const benefitRows = 2

type needFormData struct {
	Action                                  string
	Creating                                bool
	Orgs, Settings, Urgencies, Visibilities []option
	Partners, Owners                        []option
	Benefits                                []app.Benefit
	Chosen                                  map[string]bool // checked care settings and chosen partners
	Tags                                    []string        // the curated tags, suggested while typing
	Similar                                 similarNeeds
}

// similarNeeds are the needs that resemble one being written, and the need itself (0 for
// a new one).
type similarNeeds struct {
	View    *view
	NeedID  int64
	Matches []app.Match
}

// similarCount is how many similar needs the form shows.
const similarCount = 5

// similar finds the needs that resemble what the form holds.
func (s *Server) similar(r *http.Request, rq *request, v *view, f url.Values, needID int64) (similarNeeds, error) {
	text := strings.Join([]string{f.Get("title"), f.Get("how_might_we"), f.Get("problem")}, "\n")
	ms, err := s.store.SimilarNeeds(r.Context(), rq.actor.Viewer(), text, needID, similarCount)
	return similarNeeds{View: v, NeedID: needID, Matches: ms}, err
}

// needSimilar answers the form's script with the similar needs as a piece of HTML.
func (s *Server) needSimilar(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	exclude, _ := strconv.ParseInt(r.URL.Query().Get("exclude"), 10, 64)
	d, err := s.similar(r, rq, s.view(r, rq, "need.create_title"), r.URL.Query(), exclude)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return s.pages["need_form"].ExecuteTemplate(w, "similar", d)
}

func (s *Server) renderNeedForm(w http.ResponseWriter, r *http.Request, rq *request, v *view, status int, action string, orgID, needID int64, benefits []app.Benefit) error {
	d := needFormData{Action: action, Creating: orgID == 0, Chosen: map[string]bool{}}
	var err error
	if d.Similar, err = s.similar(r, rq, v, v.Form, needID); err != nil {
		return err
	}
	for _, o := range rq.actor.NeedOrganisations() {
		d.Orgs = append(d.Orgs, option{Value: itoa(o.ID), Label: o.Name})
	}
	d.Settings, d.Urgencies = careSettingOptions(v), urgencyOptions(v)
	for _, vis := range app.Visibilities {
		d.Visibilities = append(d.Visibilities, option{Value: string(vis), Label: v.T("visibility." + string(vis))})
	}
	orgs, err := s.store.OrganisationRefs(r.Context())
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if o.ID != orgID {
			d.Partners = append(d.Partners, option{Value: itoa(o.ID), Label: o.Name})
		}
	}
	if orgID != 0 {
		members, err := s.store.Members(r.Context(), orgID)
		if err != nil {
			return err
		}
		for _, m := range members {
			d.Owners = append(d.Owners, option{Value: itoa(m.User.ID), Label: m.User.Name})
		}
		d.Owners = withBlank(v, d.Owners, "need.no_owner")
	}
	for _, k := range append(v.Form["care_settings"], v.Form["partner_ids"]...) {
		d.Chosen[k] = true
	}
	d.Benefits = append(slices.Clone(benefits), make([]app.Benefit, benefitRows)...)
	tags, err := s.store.CuratedTags(r.Context())
	if err != nil {
		return err
	}
	for _, t := range tags {
		d.Tags = append(d.Tags, t.Name)
	}
	v.Data = d
	s.render(w, status, "need_form", v)
	return nil
}

// needInputFromForm reads the form; numbers that do not parse become -1 so that
// validation names the field.
func needInputFromForm(f url.Values) app.NeedInput {
	number := func(name string) int { return formNumber(f.Get(name)) }
	in := app.NeedInput{
		Title: f.Get("title"), HowMightWe: f.Get("how_might_we"), Problem: f.Get("problem"), CurrentPractice: f.Get("current_practice"),
		Consequence: f.Get("consequence"), TargetGroups: f.Get("target_groups"), Constraints: f.Get("constraints"),
		CareSettings: f["care_settings"], Tags: app.SplitTags(f.Get("tags")), VolumePeople: number("volume_people"),
		VolumeEvents: number("volume_events"), Urgency: app.Urgency(f.Get("urgency")), BenefitPlan: f.Get("benefit_plan"),
		Visibility: app.Visibility(f.Get("visibility")),
	}
	kpis, units, bases, targets := f["benefit_kpi"], f["benefit_unit"], f["benefit_baseline"], f["benefit_target"]
	for i := range kpis {
		b := app.Benefit{KPI: kpis[i]}
		if i < len(units) {
			b.Unit = units[i]
		}
		if i < len(bases) {
			b.Baseline = bases[i]
		}
		if i < len(targets) {
			b.Target = targets[i]
		}
		in.Benefits = append(in.Benefits, b)
	}
	for _, p := range f["partner_ids"] {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			in.PartnerIDs = append(in.PartnerIDs, id)
		}
	}
	if id, err := strconv.ParseInt(f.Get("owner_id"), 10, 64); err == nil {
		in.OwnerID = &id
	}
	return in
}

// formNumber reads a whole number as people type it ("1 200"); empty is 0, and what does
// not parse is -1, which validation refuses by name.
func formNumber(s string) int {
	s = strings.Join(strings.Fields(s), "")
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func needFormValues(n app.Need) url.Values {
	f := url.Values{}
	for k, val := range map[string]string{"title": n.Title, "how_might_we": n.HowMightWe, "problem": n.Problem, "current_practice": n.CurrentPractice,
		"consequence": n.Consequence, "target_groups": n.TargetGroups, "constraints": n.Constraints, "tags": strings.Join(n.Tags, ", "),
		"volume_people": itoa(int64(n.VolumePeople)), "volume_events": itoa(int64(n.VolumeEvents)), "urgency": string(n.Urgency),
		"benefit_plan": n.BenefitPlan, "visibility": string(n.Visibility)} {
		f.Set(k, val)
	}
	f["care_settings"] = n.CareSettings
	for _, p := range n.Partners {
		f.Add("partner_ids", itoa(p.ID))
	}
	if n.Owner != nil {
		f.Set("owner_id", itoa(n.Owner.ID))
	}
	return f
}

func (s *Server) needNew(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(len(rq.actor.NeedOrganisations()) > 0); err != nil {
		return err
	}
	v := s.view(r, rq, "need.create_title")
	v.Form.Set("urgency", "medium")
	v.Form.Set("visibility", string(app.VisibleSignedIn))
	return s.renderNeedForm(w, r, rq, v, http.StatusOK, "/needs/new", 0, 0, nil)
}

// needCreate saves a draft, and submits it at once when the person chose to.
func (s *Server) needCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(len(rq.actor.NeedOrganisations()) > 0); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.view(r, rq, "need.create_title")
	v.Form = r.PostForm
	in := needInputFromForm(r.PostForm)
	if r.PostForm.Get("action") == "similar" {
		return s.renderNeedForm(w, r, rq, v, http.StatusOK, "/needs/new", 0, 0, in.Benefits)
	}
	orgID, _ := strconv.ParseInt(r.PostForm.Get("organisation_id"), 10, 64)
	err := in.Normalise()
	if !rq.actor.CanCreateNeedIn(orgID) {
		f := app.FieldErrors{"organisation_id": "err.need_org"}
		if e := app.AsError(err); err != nil {
			for k, val := range e.Fields {
				f.Add(k, val)
			}
		}
		err = f.Err()
	}
	var n app.Need
	if err == nil {
		in.OwnerID = &rq.actor.ID
		n, err = s.store.CreateNeed(r.Context(), orgID, rq.actor.ID, in)
	}
	if err != nil {
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderNeedForm(w, r, rq, v, StatusOf(app.ErrorCode(err)), "/needs/new", 0, 0, in.Benefits)
	}
	flash := "need.draft_saved"
	if r.PostForm.Get("action") == "submit" {
		if _, err := s.store.TransitionNeed(r.Context(), n.ID, n.State, rq.actor.ID, app.TransitionInput{To: app.StateSubmitted}); err != nil {
			// Saved, but not complete enough to submit: the need page says what is missing.
			v := s.withFlash(w, r, s.view(r, rq, "need.detail_title"))
			v.Heading, v.Flash = n.Title, "need.draft_saved"
			if err := formError(v, err); err != nil {
				return err
			}
			return s.renderNeed(w, r, rq, v, n, http.StatusConflict)
		}
		flash = "need.submitted"
	}
	return s.redirect(w, r, fmt.Sprintf("/needs/%d", n.ID), flash)
}

func (s *Server) needEdit(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.needFromPath(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditNeed(n)); err != nil {
		return err
	}
	v := s.view(r, rq, "need.edit_title")
	v.Heading = n.Title
	v.Form = needFormValues(n)
	return s.renderNeedForm(w, r, rq, v, http.StatusOK, r.URL.Path, n.Organisation.ID, n.ID, n.Benefits)
}

func (s *Server) needUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.needFromPath(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditNeed(n)); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := needInputFromForm(r.PostForm)
	err = in.Normalise()
	if err == nil {
		_, err = s.store.UpdateNeed(r.Context(), n.ID, in)
	}
	if err != nil {
		v := s.view(r, rq, "need.edit_title")
		v.Form = r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderNeedForm(w, r, rq, v, StatusOf(app.ErrorCode(err)), r.URL.Path, n.Organisation.ID, n.ID, in.Benefits)
	}
	return s.redirect(w, r, fmt.Sprintf("/needs/%d", n.ID), "form.saved")
}
