package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

const attachmentColumns = `a.id, a.need_id, a.name, a.content_type, a.size, a.blob_key, COALESCE(u.id, 0), COALESCE(u.name, ''), a.created_at
	FROM need_attachments a LEFT JOIN users u ON u.id = a.uploaded_by`

func scanAttachment(r scanner) (app.Attachment, error) {
	var a app.Attachment
	err := r.Scan(&a.ID, &a.NeedID, &a.Name, &a.ContentType, &a.Size, &a.BlobKey, &a.UploadedBy.ID, &a.UploadedBy.Name, &a.CreatedAt)
	return a, err
}

func (s *Store) AddAttachment(ctx context.Context, a app.Attachment) (app.Attachment, error) {
	if a.CreatedAt.IsZero() {
		a.CreatedAt = time.Now().UTC()
	}
	var id int64
	err := s.w().queryRow(ctx, `INSERT INTO need_attachments (need_id, name, content_type, size, blob_key, uploaded_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.NeedID, a.Name, a.ContentType, a.Size, a.BlobKey, nullID(a.UploadedBy.ID), a.CreatedAt).Scan(&id)
	if err != nil {
		if s.dialect.isForeignKey(err) {
			return app.Attachment{}, app.Errorf(app.NotFound, "err.need_not_found")
		}
		return app.Attachment{}, fmt.Errorf("store: add attachment: %w", err)
	}
	return s.Attachment(ctx, a.NeedID, id)
}

func (s *Store) Attachments(ctx context.Context, needID int64) ([]app.Attachment, error) {
	rows, err := s.r().query(ctx, `SELECT `+attachmentColumns+` WHERE a.need_id = ? ORDER BY a.id`, needID)
	if err != nil {
		return nil, fmt.Errorf("store: attachments: %w", err)
	}
	return collect(rows, scanAttachment)
}

func (s *Store) Attachment(ctx context.Context, needID, id int64) (app.Attachment, error) {
	a, err := scanAttachment(s.r().queryRow(ctx, `SELECT `+attachmentColumns+` WHERE a.id = ? AND a.need_id = ?`, id, needID))
	if err != nil {
		return app.Attachment{}, notFound(err, "err.attachment_not_found")
	}
	return a, nil
}

func (s *Store) DeleteAttachment(ctx context.Context, needID, id int64) (app.Attachment, error) {
	var a app.Attachment
	var uploader *int64
	err := s.w().queryRow(ctx, `DELETE FROM need_attachments WHERE id = ? AND need_id = ?
		RETURNING id, need_id, name, content_type, size, blob_key, uploaded_by, created_at`, id, needID).
		Scan(&a.ID, &a.NeedID, &a.Name, &a.ContentType, &a.Size, &a.BlobKey, &uploader, &a.CreatedAt)
	if err != nil {
		return app.Attachment{}, notFound(err, "err.attachment_not_found")
	}
	if uploader != nil {
		a.UploadedBy.ID = *uploader
	}
	return a, nil
}
