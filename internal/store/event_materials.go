package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

const materialColumns = `m.id, m.event_id, m.title, m.url, m.file_name, m.content_type, m.size, COALESCE(m.blob_key, ''),
	COALESCE(u.id, 0), COALESCE(u.name, ''), m.created_at FROM event_materials m LEFT JOIN users u ON u.id = m.added_by`

func scanMaterial(r scanner) (app.Material, error) {
	var m app.Material
	err := r.Scan(&m.ID, &m.EventID, &m.Title, &m.URL, &m.FileName, &m.ContentType, &m.Size, &m.BlobKey, &m.AddedBy.ID, &m.AddedBy.Name, &m.CreatedAt)
	return m, err
}

func (s *Store) AddMaterial(ctx context.Context, m app.Material) (app.Material, error) {
	var blobKey any
	if m.BlobKey != "" {
		blobKey = m.BlobKey
	}
	var id int64
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO event_materials (event_id, title, url, file_name, content_type, size, blob_key, added_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, m.EventID, m.Title, m.URL, m.FileName, m.ContentType, m.Size, blobKey,
			nullID(m.AddedBy.ID), time.Now().UTC()).Scan(&id)
		if err != nil {
			if s.dialect.isForeignKey(err) {
				return app.Errorf(app.NotFound, "err.event_not_found")
			}
			return fmt.Errorf("store: add material: %w", err)
		}
		return auditObject(ctx, c, app.AuditEventMaterialAdd, kindEvent, m.EventID, nil, m)
	})
	if err != nil {
		return app.Material{}, err
	}
	return s.Material(ctx, m.EventID, id)
}

func (s *Store) Material(ctx context.Context, eventID, id int64) (app.Material, error) {
	m, err := scanMaterial(s.r().queryRow(ctx, `SELECT `+materialColumns+` WHERE m.id = ? AND m.event_id = ?`, id, eventID))
	return m, notFound(err, "err.material_not_found")
}

func (s *Store) DeleteMaterial(ctx context.Context, eventID, id int64) (app.Material, error) {
	m, err := s.Material(ctx, eventID, id)
	if err != nil {
		return m, err
	}
	return m, s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `DELETE FROM event_materials WHERE id = ? AND event_id = ?`, id, eventID)
		if err := affected(res, err, "err.material_not_found"); err != nil {
			return err
		}
		return auditObject(ctx, c, app.AuditEventMaterialDelete, kindEvent, eventID, m, nil)
	})
}
