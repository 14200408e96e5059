package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

// projectList lists the projects the person may see, newest first: the public ones, and
// those of their organisations.
func (s *Server) projectList(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.withFlash(w, r, s.view(r, rq, "project.list_title"))
	v.Form = r.URL.Query()
	f := app.ProjectFilter{Type: app.ProjectType(v.Form.Get("type")), Lessons: strings.TrimSpace(v.Form.Get("lessons")),
		Today: Today(), Page: app.Page{Cursor: v.Form.Get("cursor")}}
	if f.Type != "" && !slices.Contains(app.ProjectTypes, f.Type) {
		f.Type = ""
	}
	list, err := s.store.ListProjects(r.Context(), rq.actor.Viewer(), f)
	if err != nil {
		if err := formError(v, err); err != nil {
			return err
		}
	}
	v.Data = struct {
		List      app.List[app.Project]
		Types     []option
		CanCreate bool
	}{list, withBlank(v, projectTypeOptions(v), "project.any_type"), len(rq.actor.ProjectOrganisations()) > 0}
	s.render(w, http.StatusOK, "project_list", v)
	return nil
}

func projectTypeOptions(v *view) []option {
	out := make([]option, len(app.ProjectTypes))
	for i, t := range app.ProjectTypes {
		out[i] = option{Value: string(t), Label: v.T("project_type." + string(t))}
	}
	return out
}
