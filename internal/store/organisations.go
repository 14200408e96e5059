package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

const orgColumns = `o.id, o.name, o.kind, o.size, o.org_number, o.country, o.county, o.description, o.created_at, o.updated_at, o.sso_only,
	(SELECT count(DISTINCT m.user_id) FROM memberships m WHERE m.org_id = o.id)`

func scanOrganisation(r scanner) (app.Organisation, error) {
	var o app.Organisation
	err := r.Scan(&o.ID, &o.Name, &o.Kind, &o.Size, &o.OrgNumber, &o.Country, &o.County, &o.Description, &o.CreatedAt, &o.UpdatedAt, &o.SSOOnly, &o.MemberCount)
	return o, err
}

func (s *Store) CreateOrganisation(ctx context.Context, in app.OrganisationInput, creatorID int64) (app.Organisation, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		now := time.Now().UTC()
		err := c.queryRow(ctx, `
			INSERT INTO organisations (name, name_fold, sort_key, kind, size, org_number, country, county, description, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			in.Name, fold(in.Name), sortKey(in.Name), in.Kind, in.Size, in.OrgNumber, in.Country, in.County, in.Description, now, now).Scan(&id)
		if err != nil {
			return s.dialect.conflict(fmt.Errorf("store: create organisation: %w", err), "org_number", "err.org_number_taken")
		}
		if err := setCapabilities(ctx, c, id, in.Capabilities); err != nil {
			return err
		}
		if err := indexDoc(ctx, c, kindOrg, id, orgRecord(in)); err != nil {
			return err
		}
		if err := audit(ctx, c, app.AuditOrganisationCreate, kindOrg, id, id, nil, in); err != nil {
			return err
		}
		if creatorID != 0 {
			return addRole(ctx, c, id, creatorID, app.RoleOrgAdmin)
		}
		return nil
	})
	if err != nil {
		return app.Organisation{}, err
	}
	return s.Organisation(ctx, id)
}

func (s *Store) Organisation(ctx context.Context, id int64) (app.Organisation, error) {
	o, err := scanOrganisation(s.r().queryRow(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.id = ?`, id))
	if err != nil {
		return app.Organisation{}, notFound(err, "err.organisation_not_found")
	}
	orgs := []app.Organisation{o}
	err = s.loadCapabilities(ctx, orgs)
	return orgs[0], err
}

func (s *Store) UpdateOrganisation(ctx context.Context, id int64, in app.OrganisationInput) (app.Organisation, error) {
	err := s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `
			UPDATE organisations SET name = ?, name_fold = ?, sort_key = ?, kind = ?, size = ?, org_number = ?, country = ?,
				county = ?, description = ?, updated_at = ?
			WHERE id = ?`,
			in.Name, fold(in.Name), sortKey(in.Name), in.Kind, in.Size, in.OrgNumber, in.Country, in.County, in.Description, time.Now().UTC(), id)
		if err := affected(res, s.dialect.conflict(err, "org_number", "err.org_number_taken"), "err.organisation_not_found"); err != nil {
			return err
		}
		if err := setCapabilities(ctx, c, id, in.Capabilities); err != nil {
			return err
		}
		if err := audit(ctx, c, app.AuditOrganisationUpdate, kindOrg, id, id, nil, in); err != nil {
			return err
		}
		return indexDoc(ctx, c, kindOrg, id, orgRecord(in))
	})
	if err != nil {
		return app.Organisation{}, err
	}
	return s.Organisation(ctx, id)
}

// OrganisationByNumber finds an organisation by its country and (normalised) number.
func (s *Store) OrganisationByNumber(ctx context.Context, country, number string) (app.Organisation, error) {
	o, err := scanOrganisation(s.r().queryRow(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.country = ? AND o.org_number = ?`, country, number))
	return o, notFound(err, "err.organisation_not_found")
}

func (s *Store) ListOrganisations(ctx context.Context, f app.OrganisationFilter) (app.List[app.Organisation], error) {
	f.Page = f.Page.Clamp()
	cur, err := parseCursor(f.Cursor)
	if err != nil {
		return app.List[app.Organisation]{}, err
	}
	where, args := []string{"1 = 1"}, []any{}
	if q := fold(f.Query); q != "" {
		where = append(where, `o.name_fold LIKE ? ESCAPE '\'`)
		args = append(args, contains(q))
	}
	if f.Kind != "" {
		where = append(where, "o.kind = ?")
		args = append(args, f.Kind)
	}
	if f.Country != "" {
		where = append(where, "o.country = ?")
		args = append(args, f.Country)
	}
	if cur.id > 0 {
		where = append(where, "(o.sort_key > ? OR (o.sort_key = ? AND o.id > ?))")
		args = append(args, cur.key, cur.key, cur.id)
	}
	rows, err := s.r().query(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE `+strings.Join(where, " AND ")+
		` ORDER BY o.sort_key, o.id LIMIT ?`, append(args, f.Limit+1)...)
	if err != nil {
		return app.List[app.Organisation]{}, fmt.Errorf("store: list organisations: %w", err)
	}
	orgs, err := collect(rows, scanOrganisation)
	if err != nil {
		return app.List[app.Organisation]{}, fmt.Errorf("store: list organisations: %w", err)
	}
	l := page(orgs, f.Limit, func(o app.Organisation) cursor { return cursor{sortKey(o.Name), o.ID} })
	return l, s.loadCapabilities(ctx, l.Items)
}

// loadCapabilities fills the capability tags of all orgs with one query.
func (s *Store) loadCapabilities(ctx context.Context, orgs []app.Organisation) error {
	if len(orgs) == 0 {
		return nil
	}
	ids := make([]any, len(orgs))
	index := make(map[int64]int, len(orgs))
	for i := range orgs {
		ids[i] = orgs[i].ID
		index[orgs[i].ID] = i
		orgs[i].Capabilities = []string{}
	}
	rows, err := s.r().query(ctx, `SELECT org_id, tag FROM organisation_capabilities WHERE org_id IN (`+placeholders(len(ids))+`) ORDER BY org_id, position`, ids...)
	if err != nil {
		return fmt.Errorf("store: capabilities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return err
		}
		orgs[index[id]].Capabilities = append(orgs[index[id]].Capabilities, tag)
	}
	return rows.Err()
}

func setCapabilities(ctx context.Context, c conn, orgID int64, tags []string) error {
	if _, err := c.exec(ctx, `DELETE FROM organisation_capabilities WHERE org_id = ?`, orgID); err != nil {
		return err
	}
	for i, t := range tags {
		if _, err := c.exec(ctx, `INSERT INTO organisation_capabilities (org_id, position, tag) VALUES (?, ?, ?)`, orgID, i, t); err != nil {
			return fmt.Errorf("store: capability: %w", err)
		}
	}
	return nil
}

func (s *Store) OrganisationRefs(ctx context.Context, kinds ...app.OrgKind) ([]app.OrgRef, error) {
	where, args := "", []any{}
	if len(kinds) > 0 {
		where = "WHERE kind IN (" + placeholders(len(kinds)) + ")"
		for _, k := range kinds {
			args = append(args, k)
		}
	}
	rows, err := s.r().query(ctx, `SELECT id, name, kind FROM organisations `+where+` ORDER BY sort_key, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: organisation names: %w", err)
	}
	return collect(rows, func(r scanner) (app.OrgRef, error) {
		var o app.OrgRef
		return o, r.Scan(&o.ID, &o.Name, &o.Kind)
	})
}
