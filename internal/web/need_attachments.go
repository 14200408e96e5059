package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/files"
)

// needAttach takes one file from a multipart form and keeps it on the need.
func (s *Server) needAttach(r *http.Request, rq *request, n app.Need) (string, error) {
	if err := rq.actor.Require(rq.actor.IsNeedInsider(n)); err != nil {
		return "", err
	}
	_, err := files.Upload(r, s.files, s.log, fmt.Sprintf("needs/%d", n.ID), func(a app.Attachment) (app.Attachment, error) {
		a.ParentID, a.UploadedBy = n.ID, app.UserRef{ID: rq.actor.ID}
		return s.store.AddAttachment(r.Context(), a)
	})
	return "need.attachment_added", err
}

// needAttachmentFile sends an attachment, as a download, to anyone who may see its need.
func (s *Server) needAttachmentFile(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.needFromPath(r, rq)
	if err != nil {
		return err
	}
	return s.sendFile(w, r, n.ID, s.store.Attachment)
}

func (s *Server) needAttachmentDelete(r *http.Request, rq *request, n app.Need) (string, error) {
	if err := rq.actor.Require(rq.actor.IsNeedInsider(n)); err != nil {
		return "", err
	}
	return "need.attachment_deleted", s.deleteFile(r, n.ID, s.store.DeleteAttachment)
}

// sendFile sends the file the path names ({attachment}) of the need or project parentID,
// as a download.
func (s *Server) sendFile(w http.ResponseWriter, r *http.Request, parentID int64, get func(ctx context.Context, parentID, id int64) (app.Attachment, error)) error {
	id, err := pathID(r, "attachment")
	if err != nil {
		return app.Errorf(app.NotFound, "err.attachment_not_found")
	}
	a, err := get(r.Context(), parentID, id)
	if err != nil {
		return err
	}
	return files.Serve(w, r, s.files, s.log, a)
}

// deleteFile removes the record of the file the path names ({attachment}), and then its
// content.
func (s *Server) deleteFile(r *http.Request, parentID int64, del func(ctx context.Context, parentID, id int64) (app.Attachment, error)) error {
	id, err := pathID(r, "attachment")
	if err != nil {
		return app.Errorf(app.NotFound, "err.attachment_not_found")
	}
	a, err := del(r.Context(), parentID, id)
	if err != nil {
		return err
	}
	if err := s.files.Delete(context.WithoutCancel(r.Context()), a.BlobKey); err != nil {
		// The record is gone, so nobody can reach the content any more; it only takes space.
		s.log.Warn("file content left behind", "key", a.BlobKey, "err", err)
	}
	return nil
}

// fileSize says how large a file is, with the decimal sign of the page's language.
func fileSize(lang string, n int64) string {
	var s string
	switch {
	case n < 1000:
		s = fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		s = fmt.Sprintf("%d kB", (n+999)/1000)
	default:
		s = fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	if lang == "sv" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
