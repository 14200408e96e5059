package web

import (
	"net/http"
	"strconv"

	"github.com/tillsammans/tillsammans/internal/app"
)

// needList lists the needs the person may see, with filters and sorting.
func (s *Server) needList(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.withFlash(w, r, s.view(r, rq, "need.list_title"))
	q := r.URL.Query()
	v.Form = q
	f := app.NeedFilter{CareSetting: q.Get("care_setting"), Tag: q.Get("tag"), Urgency: app.Urgency(q.Get("urgency")),
		Sort: q.Get("sort"), Page: app.Page{Cursor: q.Get("cursor")}}
	if st := app.NeedState(q.Get("state")); st != "" {
		f.States = []app.NeedState{st}
	}
	if id, err := strconv.ParseInt(q.Get("organisation"), 10, 64); err == nil {
		f.OrgID = id
	}
	list, err := s.store.ListNeeds(r.Context(), rq.actor.Viewer(), f)
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
