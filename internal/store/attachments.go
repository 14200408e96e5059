package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// fileTable is a table of files kept on one kind of record: a need's attachments, the
// files of a project's space. Both keep the same columns; only the parent differs.
type fileTable struct {
	table, parent string
	// parentMissing is the message when the parent does not exist.
	parentMissing string
	// kind is the parent's in the audit log, where adding and deleting a file are entered.
	kind, added, deleted string
}

var (
	needFiles    = fileTable{"need_attachments", "need_id", "err.need_not_found", kindNeed, app.AuditNeedAttachmentAdd, app.AuditNeedAttachmentDelete}
	projectFiles = fileTable{"project_files", "project_id", "err.project_not_found", kindProject, app.AuditProjectFileAdd, app.AuditProjectFileDelete}
)

func (t fileTable) columns() string {
	return `a.id, a.` + t.parent + `, a.name, a.content_type, a.size, a.blob_key, COALESCE(u.id, 0), COALESCE(u.name, ''), a.created_at
	FROM ` + t.table + ` a LEFT JOIN users u ON u.id = a.uploaded_by`
}

func scanAttachment(r scanner) (app.Attachment, error) {
	var a app.Attachment
	err := r.Scan(&a.ID, &a.ParentID, &a.Name, &a.ContentType, &a.Size, &a.BlobKey, &a.UploadedBy.ID, &a.UploadedBy.Name, &a.CreatedAt)
	return a, err
}

func (s *Store) addFile(ctx context.Context, t fileTable, a app.Attachment) (app.Attachment, error) {
	if a.CreatedAt.IsZero() {
		a.CreatedAt = time.Now().UTC()
	}
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO `+t.table+` (`+t.parent+`, name, content_type, size, blob_key, uploaded_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			a.ParentID, a.Name, a.ContentType, a.Size, a.BlobKey, nullID(a.UploadedBy.ID), a.CreatedAt).Scan(&a.ID)
		if err != nil {
			if c.d.isForeignKey(err) {
				return app.Errorf(app.NotFound, t.parentMissing)
			}
			return fmt.Errorf("store: add file: %w", err)
		}
		return auditObject(ctx, c, t.added, t.kind, a.ParentID, nil, a)
	})
	if err != nil {
		return app.Attachment{}, err
	}
	return s.file(ctx, t, a.ParentID, a.ID)
}

func (s *Store) files(ctx context.Context, t fileTable, parentID int64) ([]app.Attachment, error) {
	rows, err := s.r().query(ctx, `SELECT `+t.columns()+` WHERE a.`+t.parent+` = ? ORDER BY a.id`, parentID)
	if err != nil {
		return nil, fmt.Errorf("store: files: %w", err)
	}
	return collect(rows, scanAttachment)
}

func (s *Store) file(ctx context.Context, t fileTable, parentID, id int64) (app.Attachment, error) {
	a, err := scanAttachment(s.r().queryRow(ctx, `SELECT `+t.columns()+` WHERE a.id = ? AND a.`+t.parent+` = ?`, id, parentID))
	if err != nil {
		return app.Attachment{}, notFound(err, "err.attachment_not_found")
	}
	return a, nil
}

func (s *Store) deleteFile(ctx context.Context, t fileTable, parentID, id int64) (app.Attachment, error) {
	var a app.Attachment
	var uploader *int64
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `DELETE FROM `+t.table+` WHERE id = ? AND `+t.parent+` = ?
			RETURNING id, `+t.parent+`, name, content_type, size, blob_key, uploaded_by, created_at`, id, parentID).
			Scan(&a.ID, &a.ParentID, &a.Name, &a.ContentType, &a.Size, &a.BlobKey, &uploader, &a.CreatedAt)
		if err != nil {
			return notFound(err, "err.attachment_not_found")
		}
		if uploader != nil {
			a.UploadedBy.ID = *uploader
		}
		return auditObject(ctx, c, t.deleted, t.kind, parentID, a, nil)
	})
	if err != nil {
		return app.Attachment{}, err
	}
	return a, nil
}

func (s *Store) AddAttachment(ctx context.Context, a app.Attachment) (app.Attachment, error) {
	return s.addFile(ctx, needFiles, a)
}

func (s *Store) Attachments(ctx context.Context, needID int64) ([]app.Attachment, error) {
	return s.files(ctx, needFiles, needID)
}

func (s *Store) Attachment(ctx context.Context, needID, id int64) (app.Attachment, error) {
	return s.file(ctx, needFiles, needID, id)
}

func (s *Store) DeleteAttachment(ctx context.Context, needID, id int64) (app.Attachment, error) {
	return s.deleteFile(ctx, needFiles, needID, id)
}

func (s *Store) AddProjectFile(ctx context.Context, a app.Attachment) (app.Attachment, error) {
	return s.addFile(ctx, projectFiles, a)
}

func (s *Store) ProjectFiles(ctx context.Context, projectID int64) ([]app.Attachment, error) {
	return s.files(ctx, projectFiles, projectID)
}

func (s *Store) ProjectFile(ctx context.Context, projectID, id int64) (app.Attachment, error) {
	return s.file(ctx, projectFiles, projectID, id)
}

func (s *Store) DeleteProjectFile(ctx context.Context, projectID, id int64) (app.Attachment, error) {
	return s.deleteFile(ctx, projectFiles, projectID, id)
}
