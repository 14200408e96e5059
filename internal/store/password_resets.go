package store

import (
	"context"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// CreatePasswordReset keeps the hash of a password-reset link for the person, unless a
// link was made for them after since: a link a minute is enough, and mail is not flooded.
func (s *Store) CreatePasswordReset(ctx context.Context, userID int64, hash []byte, now, expires, since time.Time) (bool, error) {
	var made bool
	err := s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `
			INSERT INTO password_resets (hash, user_id, created_at, expires_at)
			SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM password_resets WHERE user_id = ? AND created_at > ?)`,
			hash, userID, now.UTC(), expires.UTC(), userID, since.UTC())
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		made = true
		return audit(ctx, c, app.AuditUserPasswordResetRequest, kindPerson, userID, 0, nil, map[string]time.Time{"expires_at": expires.UTC()})
	})
	return made, err
}

// ResetPassword sets the password of the person a link that has not expired was made for,
// ends all their sessions and voids all their links, in one transaction.
func (s *Store) ResetPassword(ctx context.Context, hash []byte, passwordHash string, now time.Time) (app.User, error) {
	var u app.User
	err := s.tx(ctx, func(c conn) error {
		var id int64
		err := c.queryRow(ctx, `SELECT user_id FROM password_resets WHERE hash = ? AND expires_at > ?`, hash, now.UTC()).Scan(&id)
		if err := notFound(err, "err.reset_invalid"); err != nil {
			return err
		}
		if _, err := c.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, id); err != nil {
			return err
		}
		if err := audit(ctx, c, app.AuditUserPasswordReset, kindPerson, id, 0, nil, nil); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM sessions WHERE user_id = ?`, `DELETE FROM password_resets WHERE user_id = ?`} {
			if _, err := c.exec(ctx, q, id); err != nil {
				return err
			}
		}
		u, err = scanUser(c.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = ?`, id))
		return err
	})
	return u, err
}

// DeleteExpiredPasswordResets removes links that can no longer be used.
func (s *Store) DeleteExpiredPasswordResets(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.w().exec(ctx, `DELETE FROM password_resets WHERE expires_at <= ?`, now.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
