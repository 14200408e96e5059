package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// needList lists the needs the person may see, with filters and sorting.
func (s *Server) needList(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.withFlash(w, r, s.view(r, rq, "need.list_title"))
	v.Feed = &feedLink{"/feeds/needs.atom", "need.feed_title"}
	v.Form = r.URL.Query()
	list, err := s.store.ListNeeds(r.Context(), rq.actor.Viewer(), needFilter(v.Form))
	if err != nil {
		if err := formError(v, err); err != nil {
			return err
		}
	}
	orgs, err := s.store.OrganisationRefs(r.Context(), app.PublicKinds...)
	if err != nil {
		return err
	}
	orgOpts := []option{}
	for _, o := range orgs {
		orgOpts = append(orgOpts, option{Value: strconv.FormatInt(o.ID, 10), Label: o.Name})
	}
	v.Data = struct {
		List                                     app.List[app.Need]
		States, Settings, Urgencies, Orgs, Sorts []option
		CanCreate                                bool
	}{list, withBlank(v, stateOptions(v, app.NeedStates), "need.any_state"), withBlank(v, careSettingOptions(v), "need.any_setting"),
		withBlank(v, urgencyOptions(v), "need.any_urgency"), withBlank(v, orgOpts, "need.any_org"), sortOptions(v), len(rq.actor.NeedOrganisations()) > 0}
	s.render(w, http.StatusOK, "need_list", v)
	return nil
}

// needFilter reads the list's filters from the query, for the page and its CSV file.
func needFilter(q url.Values) app.NeedFilter {
	f := app.NeedFilter{CareSetting: q.Get("care_setting"), Tag: q.Get("tag"), Urgency: app.Urgency(q.Get("urgency")),
		Sort: q.Get("sort"), Page: app.Page{Cursor: q.Get("cursor")}}
	if st := app.NeedState(q.Get("state")); st != "" {
		f.States = []app.NeedState{st}
	}
	if id, err := strconv.ParseInt(q.Get("organisation"), 10, 64); err == nil {
		f.OrgID = id
	}
	return f
}

// needListCSV is the list as a spreadsheet: every need of the filter that the person may
// see, read through the same query and viewer as the page.
func (s *Server) needListCSV(w http.ResponseWriter, r *http.Request, rq *request) error {
	f, viewer := needFilter(r.URL.Query()), rq.actor.Viewer()
	f.Limit = app.MaxLimit
	t := func(k string) string { return i18n.T(rq.lang, k) }
	header := []string{t("field.title"), t("field.organisation"), t("field.state"), t("field.urgency"), t("field.visibility"),
		t("field.care_settings"), t("field.tags"), t("field.volume_people"), t("list.created_at"), t("list.submitted_at"),
		t("field.ref"), t("list.link")}
	return listCSV(s, w, r, "behov.csv", header, func(cursor string) (app.List[app.Need], error) {
		f.Cursor = cursor
		return s.store.ListNeeds(r.Context(), viewer, f)
	}, func(n app.Need) []string {
		return []string{n.Title, n.Organisation.Name, t("state." + string(n.State)), t("urgency." + string(n.Urgency)),
			t("visibility." + string(n.Visibility)), labels(rq.lang, "setting.", n.CareSettings), strings.Join(n.Tags, ", "),
			strconv.Itoa(n.VolumePeople), csvDate(&n.CreatedAt), csvDate(n.SubmittedAt), deref(n.Ref), s.link("needs", n.ID)}
	})
}

func stateOptions(v *view, states []app.NeedState) []option {
	out := make([]option, len(states))
	for i, st := range states {
		out[i] = option{Value: string(st), Label: v.T("state." + string(st))}
	}
	return out
}

func careSettingOptions(v *view) []option {
	out := make([]option, len(app.CareSettings))
	for i, c := range app.CareSettings {
		out[i] = option{Value: c, Label: v.T("setting." + c)}
	}
	return out
}

func urgencyOptions(v *view) []option {
	out := make([]option, len(app.Urgencies))
	for i, u := range app.Urgencies {
		out[i] = option{Value: string(u), Label: v.T("urgency." + string(u))}
	}
	return out
}

func sortOptions(v *view) []option {
	out := make([]option, len(app.NeedSorts))
	for i, s := range app.NeedSorts {
		out[i] = option{Value: s, Label: v.T("sort." + s)}
	}
	return out
}
