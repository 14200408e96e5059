package web

import (
	"fmt"
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/files"
)

// The files of a project's space: its members (those of the owner and the partners) upload,
// download and remove them; nobody else learns they exist.

func (s *Server) projectUpload(r *http.Request, rq *request, p app.Project) (string, error) {
	if err := rq.actor.Require(rq.actor.IsProjectMember(p)); err != nil {
		return "", err
	}
	_, err := files.Upload(r, s.files, s.log, fmt.Sprintf("projects/%d", p.ID), func(a app.Attachment) (app.Attachment, error) {
		a.ParentID, a.UploadedBy = p.ID, app.UserRef{ID: rq.actor.ID}
		return s.store.AddProjectFile(r.Context(), a)
	})
	return "project.file_added", err
}

func (s *Server) projectFile(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.projectFromPath(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.IsProjectMember(p)); err != nil {
		return err
	}
	return s.sendFile(w, r, p.ID, s.store.ProjectFile)
}

func (s *Server) projectFileDelete(r *http.Request, rq *request, p app.Project) (string, error) {
	if err := rq.actor.Require(rq.actor.IsProjectMember(p)); err != nil {
		return "", err
	}
	return "project.file_deleted", s.deleteFile(r, p.ID, s.store.DeleteProjectFile)
}
