package web

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

// The tag taxonomy page: platform admins see every tag with the number of needs using it,
// curate free tags, rename tags and merge one into another.

type adminTagsData struct {
	Tags []app.Tag
	// Options are every tag for the rename and merge choices, after a blank.
	Options []option
}

func (s *Server) adminTags(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	return s.renderAdminTags(w, r, s.withFlash(w, r, s.view(r, rq, "admin.tags_title")), http.StatusOK)
}

func (s *Server) renderAdminTags(w http.ResponseWriter, r *http.Request, v *view, status int) error {
	tags, err := s.store.ListTags(r.Context())
	if err != nil {
		return err
	}
	d := adminTagsData{Tags: tags}
	for _, t := range tags {
		d.Options = append(d.Options, option{Value: t.Name, Label: t.Name})
	}
	d.Options = withBlank(v, d.Options, "form.choose")
	v.Data = d
	s.render(w, status, "admin_tags", v)
	return nil
}

// adminTagForm checks the admin and reads the posted form.
func (s *Server) adminTagForm(r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	return r.ParseForm()
}

// adminTagFailed shows the page again with the problems on the form's own fields, named
// as the page names them (the store names them as the API does).
func (s *Server) adminTagFailed(w http.ResponseWriter, r *http.Request, rq *request, err error, fields map[string]string) error {
	v := s.view(r, rq, "admin.tags_title")
	v.Form = r.PostForm
	if e := app.AsError(err); e.Code == app.NotFound {
		// A tag that went away meanwhile is a problem of the form, not a missing page.
		err = &app.Error{Code: app.Invalid, Message: e.Message, Fields: e.Fields}
	}
	if err := formError(v, err); err != nil {
		return err
	}
	for from, to := range fields {
		if k, ok := v.Errors[from]; ok {
			delete(v.Errors, from)
			v.Errors[to] = k
		}
	}
	status := StatusOf(app.ErrorCode(err))
	return s.renderAdminTags(w, r, v, status)
}

// adminTagCreate curates a tag: a new one, or a free tag from the table.
func (s *Server) adminTagCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.adminTagForm(r, rq); err != nil {
		return err
	}
	in := app.TagInput{Name: r.PostForm.Get("name"), Description: r.PostForm.Get("description")}
	err := in.Normalise()
	if err == nil {
		_, err = s.store.CreateTag(r.Context(), in)
	}
	if err != nil {
		return s.adminTagFailed(w, r, rq, err, nil)
	}
	return s.redirect(w, r, "/admin/tags", "admin.tag_created")
}

func (s *Server) adminTagRename(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.adminTagForm(r, rq); err != nil {
		return err
	}
	in := app.TagRename{From: r.PostForm.Get("rename_from"), To: r.PostForm.Get("rename_to")}
	err := in.Normalise()
	if err == nil {
		_, err = s.store.RenameTag(r.Context(), in.From, in.To)
	}
	if err != nil {
		return s.adminTagFailed(w, r, rq, err, map[string]string{"from": "rename_from", "to": "rename_to"})
	}
	return s.redirect(w, r, "/admin/tags", "admin.tag_renamed")
}

func (s *Server) adminTagMerge(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.adminTagForm(r, rq); err != nil {
		return err
	}
	in := app.TagMerge{From: r.PostForm.Get("merge_from"), Into: r.PostForm.Get("merge_into")}
	err := in.Normalise()
	if err == nil {
		_, err = s.store.MergeTags(r.Context(), in.From, in.Into)
	}
	if err != nil {
		return s.adminTagFailed(w, r, rq, err, map[string]string{"from": "merge_from", "into": "merge_into"})
	}
	return s.redirect(w, r, "/admin/tags", "admin.tags_merged")
}
