package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

const invitationColumns = `i.id, o.id, o.name, o.kind, i.email, i.role, COALESCE(u.id, 0), COALESCE(u.name, ''), i.created_at, i.expires_at, i.accepted_at`

const invitationFrom = ` FROM invitations i JOIN organisations o ON o.id = i.org_id LEFT JOIN users u ON u.id = i.invited_by `

func scanInvitation(r scanner) (app.Invitation, error) {
	var i app.Invitation
	err := r.Scan(&i.ID, &i.Organisation.ID, &i.Organisation.Name, &i.Organisation.Kind, &i.Email, &i.Role,
		&i.InvitedBy.ID, &i.InvitedBy.Name, &i.CreatedAt, &i.ExpiresAt, &i.AcceptedAt)
	return i, err
}

func (s *Store) CreateInvitation(ctx context.Context, inv app.Invitation, hash []byte) (app.Invitation, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `
			INSERT INTO invitations (org_id, email, role, hash, invited_by, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			inv.Organisation.ID, inv.Email, inv.Role, hash, inv.InvitedBy.ID, inv.CreatedAt.UTC(), inv.ExpiresAt.UTC()).Scan(&id)
		if err != nil {
			if c.d.isForeignKey(err) {
				return app.Errorf(app.NotFound, "err.organisation_not_found")
			}
			return fmt.Errorf("store: create invitation: %w", err)
		}
		return audit(ctx, c, app.AuditInvitationCreate, kindOrg, inv.Organisation.ID, inv.Organisation.ID, nil,
			map[string]any{"invitation_id": id, "email": inv.Email, "role": inv.Role, "expires_at": inv.ExpiresAt.UTC()})
	})
	if err != nil {
		return app.Invitation{}, err
	}
	i, err := scanInvitation(s.w().queryRow(ctx, `SELECT `+invitationColumns+invitationFrom+`WHERE i.id = ?`, id))
	return i, err
}

func (s *Store) Invitation(ctx context.Context, hash []byte) (app.Invitation, error) {
	i, err := scanInvitation(s.r().queryRow(ctx, `SELECT `+invitationColumns+invitationFrom+`WHERE i.hash = ?`, hash))
	return i, notFound(err, "err.invitation_not_found")
}

// DeleteExpiredInvitations removes invitations nobody accepted before they expired: they
// hold an e-mail address, and are no use once expired.
func (s *Store) DeleteExpiredInvitations(ctx context.Context, now time.Time) (int64, error) {
	return retention(ctx, s, app.AuditRetentionInvitations, `DELETE FROM invitations WHERE accepted_at IS NULL AND expires_at <= ?`, now.UTC())
}

func (s *Store) PendingInvitations(ctx context.Context, orgID int64, now time.Time) ([]app.Invitation, error) {
	rows, err := s.r().query(ctx, `SELECT `+invitationColumns+invitationFrom+`
		WHERE i.org_id = ? AND i.accepted_at IS NULL AND i.expires_at > ? ORDER BY i.id`, orgID, now.UTC())
	if err != nil {
		return nil, fmt.Errorf("store: invitations: %w", err)
	}
	return collect(rows, scanInvitation)
}

func (s *Store) AcceptInvitation(ctx context.Context, hash []byte, userID int64, now time.Time) (app.Invitation, error) {
	var inv app.Invitation
	err := s.tx(ctx, func(c conn) error {
		var err error
		inv, err = scanInvitation(c.queryRow(ctx, `SELECT `+invitationColumns+invitationFrom+`WHERE i.hash = ?`, hash))
		switch {
		case err != nil:
			return notFound(err, "err.invitation_not_found")
		case inv.AcceptedAt != nil:
			return app.Errorf(app.Conflict, "err.invitation_used")
		case !now.Before(inv.ExpiresAt):
			return app.Errorf(app.Conflict, "err.invitation_expired")
		}
		if _, err := c.exec(ctx, `UPDATE invitations SET accepted_at = ?, accepted_by = ? WHERE id = ?`, now.UTC(), userID, inv.ID); err != nil {
			return err
		}
		t := now.UTC()
		inv.AcceptedAt = &t
		if err := addRole(ctx, c, inv.Organisation.ID, userID, inv.Role); err != nil {
			return err
		}
		return audit(ctx, c, app.AuditInvitationAccept, kindPerson, userID, inv.Organisation.ID, nil,
			map[string]any{"invitation_id": inv.ID, "role": inv.Role})
	})
	return inv, err
}
