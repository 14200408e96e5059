package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/files"
)

// An event's materials (links, and files checked by their content like a need's
// attachments) are added by its organisers and shown on its page to everyone who may see it.

// eventMaterialLink adds a link.
func (s *Server) eventMaterialLink(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventManaged(r, rq)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := app.MaterialInput{Title: r.PostForm.Get("material_title"), URL: r.PostForm.Get("material_url")}
	err = in.Normalise()
	if err == nil {
		_, err = s.store.AddMaterial(r.Context(), app.Material{EventID: e.ID, Title: in.Title, URL: in.URL, AddedBy: app.UserRef{ID: rq.actor.ID}})
	}
	return s.afterEventForm(w, r, rq, e, err, "event.material_added", map[string]string{"title": "material_title", "url": "material_url"})
}

// eventMaterialFile adds an uploaded file, titled by its name.
func (s *Server) eventMaterialFile(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventManaged(r, rq)
	if err != nil {
		return err
	}
	_, err = files.Upload(r, s.files, s.log, fmt.Sprintf("events/%d", e.ID), func(a app.Attachment) (app.Attachment, error) {
		_, err := s.store.AddMaterial(r.Context(), app.Material{EventID: e.ID, Title: a.Name, FileName: a.Name, ContentType: a.ContentType,
			Size: a.Size, BlobKey: a.BlobKey, AddedBy: app.UserRef{ID: rq.actor.ID}})
		return a, err
	})
	return s.afterEventForm(w, r, rq, e, err, "event.material_added", nil)
}

// eventMaterialDownload sends a material's file to anyone who may see the event.
func (s *Server) eventMaterialDownload(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventFromPath(r, rq)
	if err != nil {
		return err
	}
	m, err := s.materialFromPath(r, e)
	if err != nil {
		return err
	}
	if !m.IsFile() {
		return app.Errorf(app.NotFound, "err.material_not_found")
	}
	return files.Serve(w, r, s.files, s.log, app.Attachment{Name: m.FileName, ContentType: m.ContentType, Size: m.Size, BlobKey: m.BlobKey})
}

func (s *Server) eventMaterialDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventManaged(r, rq)
	if err != nil {
		return err
	}
	m, err := s.materialFromPath(r, e)
	if err != nil {
		return err
	}
	if m, err = s.store.DeleteMaterial(r.Context(), e.ID, m.ID); err != nil {
		return err
	}
	if m.IsFile() {
		if err := s.files.Delete(context.WithoutCancel(r.Context()), m.BlobKey); err != nil {
			s.log.Warn("material content left behind", "key", m.BlobKey, "err", err)
		}
	}
	return s.redirect(w, r, eventPath(e.ID), "event.material_deleted")
}

func (s *Server) materialFromPath(r *http.Request, e app.Event) (app.Material, error) {
	id, err := pathID(r, "material")
	if err != nil {
		return app.Material{}, app.Errorf(app.NotFound, "err.material_not_found")
	}
	return s.store.Material(r.Context(), e.ID, id)
}

// eventCallOff cancels the whole event, for its organisers: everyone registered or waiting
// is told, and calendars mark it cancelled.
func (s *Server) eventCallOff(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventManaged(r, rq)
	if err != nil {
		return err
	}
	err = s.store.CancelEvent(r.Context(), e.ID, rq.actor.ID, time.Now())
	return s.afterEventForm(w, r, rq, e, err, "event.called_off", nil)
}

// afterEventForm redirects to the event with flash when a form on its page succeeded, and
// shows the page again with the problem when not; rename maps the store's field names to
// the form's.
func (s *Server) afterEventForm(w http.ResponseWriter, r *http.Request, rq *request, e app.Event, err error, flash string, rename map[string]string) error {
	if err == nil {
		return s.redirect(w, r, eventPath(e.ID), flash)
	}
	v := s.view(r, rq, "event.detail_title")
	v.Form = r.PostForm
	if v.Form == nil {
		v.Form = url.Values{}
	}
	if ae := app.AsError(err); len(rename) > 0 && ae.Fields != nil {
		fields := map[string]string{}
		for k, val := range ae.Fields {
			if to, ok := rename[k]; ok {
				k = to
			}
			fields[k] = val
		}
		err = &app.Error{Code: ae.Code, Message: ae.Message, Fields: fields, Args: ae.Args}
	}
	if err := formError(v, err); err != nil {
		return err
	}
	return s.renderEvent(w, r, rq, v, e, StatusOf(app.ErrorCode(err)))
}
