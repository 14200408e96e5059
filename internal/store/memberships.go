package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// memberships folds rows of (org, user, role), ordered by org and user, into one
// Membership per person and organisation.
func memberships(ctx context.Context, c conn, where string, arg any) ([]app.Membership, error) {
	rows, err := c.query(ctx, `
		SELECT o.id, o.name, o.kind, u.id, u.name, u.email, m.role
		FROM memberships m JOIN organisations o ON o.id = m.org_id JOIN users u ON u.id = m.user_id
		WHERE `+where+` ORDER BY o.sort_key, o.id, u.sort_key, u.id, m.role`, arg)
	if err != nil {
		return nil, fmt.Errorf("store: memberships: %w", err)
	}
	defer rows.Close()
	out := []app.Membership{}
	for rows.Next() {
		var m app.Membership
		var role app.Role
		if err := rows.Scan(&m.Organisation.ID, &m.Organisation.Name, &m.Organisation.Kind, &m.User.ID, &m.User.Name, &m.User.Email, &role); err != nil {
			return nil, err
		}
		out = withRole(out, m, role)
	}
	return out, rows.Err()
}

// withRole adds a row of memberships read in order of organisation and person, one per
// role: to the last membership when it is the same one, else as a new one.
func withRole(ms []app.Membership, m app.Membership, role app.Role) []app.Membership {
	if n := len(ms); n > 0 && ms[n-1].Organisation.ID == m.Organisation.ID && ms[n-1].User.ID == m.User.ID {
		ms[n-1].Roles = append(ms[n-1].Roles, role)
		return ms
	}
	m.Roles = []app.Role{role}
	return append(ms, m)
}

func (s *Store) Members(ctx context.Context, orgID int64) ([]app.Membership, error) {
	return memberships(ctx, s.r(), "m.org_id = ?", orgID)
}

func (s *Store) UserMemberships(ctx context.Context, userID int64) ([]app.Membership, error) {
	return memberships(ctx, s.r(), "m.user_id = ?", userID)
}

func (s *Store) AddRole(ctx context.Context, orgID, userID int64, role app.Role) error {
	return s.tx(ctx, func(c conn) error {
		if err := addRole(ctx, c, orgID, userID, role); err != nil {
			return err
		}
		return audit(ctx, c, app.AuditMembershipAddRole, kindPerson, userID, orgID, nil, map[string]app.Role{"role": role})
	})
}

// addRole gives a role; having it already is no error. A role the organisation's kind
// may not give is refused.
func addRole(ctx context.Context, c conn, orgID, userID int64, role app.Role) error {
	var kind app.OrgKind
	if err := c.queryRow(ctx, `SELECT kind FROM organisations WHERE id = ?`, orgID).Scan(&kind); err != nil {
		return notFound(err, "err.organisation_or_user_not_found")
	}
	if !role.AllowedIn(kind) {
		return app.FieldErrors{"role": "err.registrar_public"}.Err()
	}
	_, err := c.exec(ctx, `INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		orgID, userID, role, time.Now().UTC())
	if err != nil && c.d.isForeignKey(err) {
		return app.Errorf(app.NotFound, "err.organisation_or_user_not_found")
	}
	return err
}

func (s *Store) SetRoles(ctx context.Context, orgID, userID int64, roles []app.Role) error {
	return s.tx(ctx, func(c conn) error {
		if _, err := c.exec(ctx, `DELETE FROM memberships WHERE org_id = ? AND user_id = ?`, orgID, userID); err != nil {
			return err
		}
		for _, r := range roles {
			if err := addRole(ctx, c, orgID, userID, r); err != nil {
				return err
			}
		}
		if err := audit(ctx, c, app.AuditMembershipSetRoles, kindPerson, userID, orgID, nil, map[string][]app.Role{"roles": roles}); err != nil {
			return err
		}
		if slices.Contains(roles, app.RoleOrgAdmin) {
			return nil
		}
		var members, admins int
		err := c.queryRow(ctx, `SELECT count(DISTINCT user_id), count(DISTINCT CASE WHEN role = ? THEN user_id END) FROM memberships WHERE org_id = ?`,
			app.RoleOrgAdmin, orgID).Scan(&members, &admins)
		if err != nil {
			return err
		}
		if members > 0 && admins == 0 {
			return app.Errorf(app.Conflict, "err.last_org_admin")
		}
		return nil
	})
}
