package web

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

// organisationList is public: who takes part is no secret.
func (s *Server) organisationList(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.withFlash(w, r, s.view(r, rq, "org.list_title"))
	q := r.URL.Query()
	v.Form = q
	f := app.OrganisationFilter{Query: q.Get("q"), Kind: app.OrgKind(q.Get("kind")), Country: q.Get("country"), Page: app.Page{Cursor: q.Get("cursor")}}
	list, err := s.store.ListOrganisations(r.Context(), f)
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
