package store

import (
	"context"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

func (s *Store) CreateSession(ctx context.Context, hash []byte, sess app.Session) error {
	_, err := s.w().exec(ctx, `INSERT INTO sessions (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		hash, sess.UserID, sess.CreatedAt.UTC(), sess.ExpiresAt.UTC())
	return err
}

func (s *Store) SessionUser(ctx context.Context, hash []byte, now time.Time) (app.User, error) {
	u, err := scanUser(s.r().queryRow(ctx, `
		SELECT `+userColumns+` FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.hash = ? AND s.expires_at > ?`, hash, now.UTC()))
	return u, notFound(err, "err.session_expired")
}

func (s *Store) DeleteSession(ctx context.Context, hash []byte) error {
	_, err := s.w().exec(ctx, `DELETE FROM sessions WHERE hash = ?`, hash)
	return err
}

func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.w().exec(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, now.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
