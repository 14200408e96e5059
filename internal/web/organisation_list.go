package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// organisationList is public: who takes part is no secret.
func (s *Server) organisationList(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.withFlash(w, r, s.view(r, rq, "org.list_title"))
	v.Form = r.URL.Query()
	list, err := s.store.ListOrganisations(r.Context(), organisationFilter(v.Form))
	if err != nil {
		return err
	}
	v.Data = struct {
		List             app.List[app.Organisation]
		Kinds, Countries []option
	}{list, withBlank(v, kindOptions(v), "org.any_kind"), withBlank(v, countryOptions(v), "org.any_country")}
	s.render(w, http.StatusOK, "org_list", v)
	return nil
}

// organisationFilter reads the list's filters from the query, for the page and its CSV file.
func organisationFilter(q url.Values) app.OrganisationFilter {
	return app.OrganisationFilter{Query: q.Get("q"), Kind: app.OrgKind(q.Get("kind")), Country: q.Get("country"), Page: app.Page{Cursor: q.Get("cursor")}}
}

// organisationListCSV is the list as a spreadsheet, through the same query as the page.
func (s *Server) organisationListCSV(w http.ResponseWriter, r *http.Request, rq *request) error {
	f := organisationFilter(r.URL.Query())
	f.Limit = app.MaxLimit
	t := func(k string) string { return i18n.T(rq.lang, k) }
	header := []string{t("field.name"), t("field.kind"), t("field.size"), t("field.org_number"), t("field.country"), t("field.county"),
		t("org.members"), t("field.capabilities"), t("list.link")}
	return listCSV(s, w, r, "organisationer.csv", header, func(cursor string) (app.List[app.Organisation], error) {
		f.Cursor = cursor
		return s.store.ListOrganisations(r.Context(), f)
	}, func(o app.Organisation) []string {
		size := ""
		if o.Size != "" {
			size = t("size_short." + string(o.Size))
		}
		return []string{o.Name, t("kind." + string(o.Kind)), size, o.OrgNumber, t("country." + o.Country), o.County,
			strconv.Itoa(o.MemberCount), strings.Join(o.Capabilities, ", "), s.link("organisations", o.ID)}
	})
}

func kindOptions(v *view) []option {
	out := make([]option, len(app.OrgKinds))
	for i, k := range app.OrgKinds {
		out[i] = option{Value: string(k), Label: v.T("kind." + string(k))}
	}
	return out
}

func countryOptions(v *view) []option {
	out := make([]option, len(app.Countries))
	for i, c := range app.Countries {
		out[i] = option{Value: c, Label: v.T("country." + c)}
	}
	return out
}

// withBlank puts an empty choice first, labelled by key.
func withBlank(v *view, opts []option, key string) []option {
	return append([]option{{Value: "", Label: v.T(key)}}, opts...)
}
