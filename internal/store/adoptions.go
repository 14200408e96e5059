package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

const adoptionColumns = `a.id, a.project_id, o.id, o.name, o.kind, a.adopted_on, a.scope, COALESCE(u.id, 0), COALESCE(u.name, ''), a.created_at
	FROM project_adoptions a JOIN organisations o ON o.id = a.org_id LEFT JOIN users u ON u.id = a.recorded_by `

func scanAdoption(r scanner) (app.Adoption, error) {
	var a app.Adoption
	err := r.Scan(&a.ID, &a.ProjectID, &a.Organisation.ID, &a.Organisation.Name, &a.Organisation.Kind, &a.Date, &a.Scope,
		&a.RecordedBy.ID, &a.RecordedBy.Name, &a.CreatedAt)
	return a, err
}

// AddAdoption records that an organisation other than the project's owner took its
// solution into use; once per organisation and project.
func (s *Store) AddAdoption(ctx context.Context, projectID, userID int64, in app.AdoptionInput) (app.Adoption, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		var owner int64
		if err := c.queryRow(ctx, `SELECT org_id FROM projects WHERE id = ?`, projectID).Scan(&owner); err != nil {
			return notFound(err, "err.project_not_found")
		}
		if owner == in.OrganisationID {
			return app.FieldErrors{"organisation_id": "err.adoption_by_owner"}.Err()
		}
		err := c.queryRow(ctx, `INSERT INTO project_adoptions (project_id, org_id, adopted_on, scope, recorded_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, projectID, in.OrganisationID, in.Date, in.Scope, nullID(userID), time.Now().UTC()).Scan(&id)
		switch {
		case err != nil && c.d.isForeignKey(err):
			return app.FieldErrors{"organisation_id": "err.organisation_not_found"}.Err()
		case err != nil:
			return c.d.conflict(err, "organisation_id", "err.adoption_twice")
		}
		return auditObject(ctx, c, app.AuditProjectAdoption, kindProject, projectID, nil, map[string]any{"adoption_id": id, "adoption": in})
	})
	if err != nil {
		return app.Adoption{}, err
	}
	return scanAdoption(s.r().queryRow(ctx, `SELECT `+adoptionColumns+`WHERE a.id = ?`, id))
}

// Adoptions lists a project's adoptions, the earliest first.
func (s *Store) Adoptions(ctx context.Context, projectID int64) ([]app.Adoption, error) {
	rows, err := s.r().query(ctx, `SELECT `+adoptionColumns+`WHERE a.project_id = ? ORDER BY a.adopted_on, a.id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("store: adoptions: %w", err)
	}
	return collect(rows, scanAdoption)
}

// needAdoptions counts the organisations other than the need's own that adopted the
// solution of a project linked to the need: what Spread asks for.
func needAdoptions(ctx context.Context, c conn, n app.Need) (int, error) {
	var count int
	err := c.queryRow(ctx, `SELECT count(DISTINCT a.org_id) FROM project_adoptions a JOIN project_needs x ON x.project_id = a.project_id
		WHERE x.need_id = ? AND a.org_id <> ?`, n.ID, n.Organisation.ID).Scan(&count)
	return count, err
}
