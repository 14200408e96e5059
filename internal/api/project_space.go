package api

import (
	"fmt"
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/files"
	"github.com/tillsammans/tillsammans/internal/web"
)

// Adoptions are read by everyone who sees the project and recorded by those who may change
// it. Adoptions are facts of the day they happened on the hub's calendar.

func (s *Server) adoptionList(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadProject(r, rq)
	if err != nil {
		return err
	}
	list, err := s.store.Adoptions(r.Context(), p.ID)
	if err != nil {
		return err
	}
	if list == nil {
		list = []app.Adoption{}
	}
	writeJSON(w, http.StatusOK, app.List[app.Adoption]{Items: list})
	return nil
}

func (s *Server) adoptionCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.loadProject(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditProject(p)); err != nil {
		return err
	}
	var in app.AdoptionInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(web.Today()); err != nil {
		return err
	}
	a, err := s.store.AddAdoption(r.Context(), p.ID, rq.actor.ID, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, a)
	return nil
}

// The files of the project space are for the members of the owner and partners only.

// projectMember loads the project of the path for one of its members.
func (s *Server) projectMember(r *http.Request, rq *request) (app.Project, error) {
	p, err := s.loadProject(r, rq)
	if err != nil {
		return app.Project{}, err
	}
	return p, rq.actor.Require(rq.actor.IsProjectMember(p))
}

func (s *Server) projectFileList(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.projectMember(r, rq)
	if err != nil {
		return err
	}
	list, err := s.store.ProjectFiles(r.Context(), p.ID)
	if err != nil {
		return err
	}
	if list == nil {
		list = []app.Attachment{}
	}
	writeJSON(w, http.StatusOK, app.List[app.Attachment]{Items: list})
	return nil
}

// projectFileCreate takes one file in the multipart field "file", checked by its content.
func (s *Server) projectFileCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.projectMember(r, rq)
	if err != nil {
		return err
	}
	a, err := files.Upload(r, s.files, s.log, fmt.Sprintf("projects/%d", p.ID), func(a app.Attachment) (app.Attachment, error) {
		a.ParentID, a.UploadedBy = p.ID, app.UserRef{ID: rq.actor.ID}
		return s.store.AddProjectFile(r.Context(), a)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, a)
	return nil
}

func (s *Server) projectFileGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.projectMember(r, rq)
	if err != nil {
		return err
	}
	id, err := pathID(r, "file", "err.attachment_not_found")
	if err != nil {
		return err
	}
	a, err := s.store.ProjectFile(r.Context(), p.ID, id)
	if err != nil {
		return err
	}
	return files.Serve(w, r, s.files, s.log, a)
}
