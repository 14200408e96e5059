package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// solutionList lists every solution, in Swedish order of title, with filters.
func (s *Server) solutionList(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.withFlash(w, r, s.view(r, rq, "solution.list_title"))
	v.Feed = &feedLink{"/feeds/solutions.atom", "solution.feed_title"}
	v.Form = r.URL.Query()
	list, err := s.store.ListSolutions(r.Context(), solutionFilter(v.Form))
	if err != nil {
		if err := formError(v, err); err != nil {
			return err
		}
	}
	for i, x := range list.Items {
		list.Items[i] = rq.actor.SolutionView(x)
	}
	orgs, err := s.solutionOrganisations(r, rq)
	if err != nil {
		return err
	}
	v.Data = struct {
		List                  app.List[app.Solution]
		Types, Settings, TRLs []option
		CanCreate             bool
	}{list, withBlank(v, solutionTypeOptions(v), "solution.any_type"), withBlank(v, careSettingOptions(v), "need.any_setting"),
		withBlank(v, trlOptions(), "solution.any_trl"), len(orgs) > 0}
	s.render(w, http.StatusOK, "solution_list", v)
	return nil
}

// solutionFilter reads the list's filters from the query, for the page and its CSV file.
func solutionFilter(q url.Values) app.SolutionFilter {
	f := app.SolutionFilter{Type: q.Get("type"), CareSetting: q.Get("care_setting"), Tag: q.Get("tag"), Page: app.Page{Cursor: q.Get("cursor")}}
	if n, err := strconv.Atoi(q.Get("trl_min")); err == nil && n >= 1 && n <= 9 {
		f.TRLMin = n
	}
	return f
}

// solutionListCSV is the list as a spreadsheet: every solution of the filter, through the
// same query as the page and with the business secrets hidden as the page hides them.
func (s *Server) solutionListCSV(w http.ResponseWriter, r *http.Request, rq *request) error {
	f := solutionFilter(r.URL.Query())
	f.Limit = app.MaxLimit
	t := func(k string) string { return i18n.T(rq.lang, k) }
	header := []string{t("field.title"), t("field.organisation"), t("field.type"), "TRL", t("field.deployment"),
		t("field.care_settings"), t("field.tags"), t("field.description"), t("field.ref"), t("list.link")}
	return listCSV(s, w, r, "losningar.csv", header, func(cursor string) (app.List[app.Solution], error) {
		f.Cursor = cursor
		return s.store.ListSolutions(r.Context(), f)
	}, func(x app.Solution) []string {
		x = rq.actor.SolutionView(x)
		return []string{x.Title, x.Organisation.Name, t("solution_type." + x.Type), strconv.Itoa(x.TRL), t("deployment." + x.Deployment),
			labels(rq.lang, "setting.", x.CareSettings), strings.Join(x.Tags, ", "), x.Description, deref(x.Ref), s.link("solutions", x.ID)}
	})
}

func solutionTypeOptions(v *view) []option {
	out := make([]option, len(app.SolutionTypes))
	for i, t := range app.SolutionTypes {
		out[i] = option{Value: t, Label: v.T("solution_type." + t)}
	}
	return out
}

func trlOptions() []option {
	out := make([]option, 9)
	for i := range out {
		out[i] = option{Value: strconv.Itoa(i + 1), Label: "TRL " + strconv.Itoa(i+1)}
	}
	return out
}

// solutionOrganisations are the companies whose solutions the person may manage.
func (s *Server) solutionOrganisations(r *http.Request, rq *request) ([]app.OrgRef, error) {
	var out []app.OrgRef
	if rq.actor.IsAdmin {
		return s.store.OrganisationRefs(r.Context(), app.KindCompany)
	}
	for _, m := range rq.actor.Memberships {
		if m.Organisation.Kind == app.KindCompany && rq.actor.CanManageSolution(m.Organisation.ID) {
			out = append(out, m.Organisation)
		}
	}
	return out, nil
}
