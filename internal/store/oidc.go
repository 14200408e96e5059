package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// StartOIDCLogin keeps a sign-in under way by the hash of its state.
func (s *Store) StartOIDCLogin(ctx context.Context, stateHash []byte, l app.OIDCLogin) error {
	_, err := s.w().exec(ctx, `INSERT INTO oidc_logins (state_hash, provider, verifier, nonce, next, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
		stateHash, l.Provider, l.Verifier, l.Nonce, l.Next, l.ExpiresAt.UTC())
	return err
}

// TakeOIDCLogin removes and returns the sign-in of a state that has not expired: a state
// is used once.
func (s *Store) TakeOIDCLogin(ctx context.Context, stateHash []byte, now time.Time) (app.OIDCLogin, error) {
	var l app.OIDCLogin
	err := s.w().queryRow(ctx, `DELETE FROM oidc_logins WHERE state_hash = ? RETURNING provider, verifier, nonce, next, expires_at`, stateHash).
		Scan(&l.Provider, &l.Verifier, &l.Nonce, &l.Next, &l.ExpiresAt)
	if err == nil && !now.Before(l.ExpiresAt) {
		err = sql.ErrNoRows
	}
	return l, notFound(err, "err.sso_state")
}

// DeleteExpiredOIDCLogins removes sign-ins that were never finished.
func (s *Store) DeleteExpiredOIDCLogins(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.w().exec(ctx, `DELETE FROM oidc_logins WHERE expires_at <= ?`, now.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// SignInWithIdentity finds the person an identity provider vouches for: by the identity
// linked before, else by the (verified) e-mail address, which links it, else as a new
// person. The membership the provider's claims give is added, in the same transaction.
func (s *Store) SignInWithIdentity(ctx context.Context, id app.Identity) (app.User, error) {
	var u app.User
	err := s.tx(ctx, func(c conn) error {
		var err error
		u, err = scanUser(c.queryRow(ctx, `SELECT `+userColumns+` FROM user_identities i JOIN users u ON u.id = i.user_id
			WHERE i.provider = ? AND i.subject = ?`, id.Provider, id.Subject))
		if errors.Is(err, sql.ErrNoRows) {
			u, err = scanUser(c.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.email = ?`, id.Email))
			if errors.Is(err, sql.ErrNoRows) {
				// No password: this person signs in through their provider.
				u, err = insertUser(ctx, c, app.NewUser{Email: id.Email, Name: id.Name, Lang: "sv"}, "")
			}
			if err != nil {
				return err
			}
			if _, err := c.exec(ctx, `INSERT INTO user_identities (provider, subject, user_id, created_at) VALUES (?, ?, ?, ?)`,
				id.Provider, id.Subject, u.ID, time.Now().UTC()); err != nil {
				return err
			}
			link := map[string]string{"provider": id.Provider, "subject": id.Subject}
			if err := audit(selfActor(ctx, u.ID), c, app.AuditUserIdentityLink, kindPerson, u.ID, 0, nil, link); err != nil {
				return err
			}
		}
		if err != nil {
			return err
		}
		if id.OrgID != 0 && id.Role != "" {
			return addRole(ctx, c, id.OrgID, u.ID, id.Role)
		}
		return nil
	})
	return u, err
}

// SSOOnly reports whether the person belongs to an organisation whose staff sign in
// through its identity provider only.
func (s *Store) SSOOnly(ctx context.Context, userID int64) (bool, error) {
	var n int
	err := s.r().queryRow(ctx, `SELECT count(*) FROM memberships m JOIN organisations o ON o.id = m.org_id WHERE m.user_id = ? AND o.sso_only`, userID).Scan(&n)
	return n > 0, err
}

// SetSSOOnly turns password sign-in off (or on again) for an organisation's staff.
func (s *Store) SetSSOOnly(ctx context.Context, orgID int64, on bool) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE organisations SET sso_only = ? WHERE id = ?`, on, orgID)
		if err := affected(res, err, "err.organisation_not_found"); err != nil {
			return err
		}
		return audit(ctx, c, app.AuditOrganisationSSOOnly, kindOrg, orgID, orgID, nil, map[string]bool{"sso_only": on})
	})
}
