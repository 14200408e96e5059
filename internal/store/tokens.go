package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

func (s *Store) CreateToken(ctx context.Context, t app.Token, hash []byte) (app.Token, error) {
	t.CreatedAt = time.Now().UTC()
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO tokens (user_id, name, prefix, hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			t.UserID, t.Name, t.Prefix, hash, t.CreatedAt).Scan(&t.ID)
		if err != nil {
			return fmt.Errorf("store: create token: %w", err)
		}
		return audit(ctx, c, app.AuditTokenCreate, kindPerson, t.UserID, 0, nil, map[string]string{"name": t.Name, "prefix": t.Prefix})
	})
	if err != nil {
		return app.Token{}, err
	}
	return t, nil
}

// tokenUseResolution is how stale last_used_at may get: marking every request would make
// every API read a write.
const tokenUseResolution = time.Minute

func (s *Store) TokenUser(ctx context.Context, hash []byte, now time.Time) (app.User, error) {
	var tokenID int64
	var lastUsed *time.Time
	u, err := scanUser(s.r().queryRow(ctx, `
		SELECT `+userColumns+`, t.id, t.last_used_at FROM tokens t JOIN users u ON u.id = t.user_id
		WHERE t.hash = ?`, hash), &tokenID, &lastUsed)
	if err != nil {
		return app.User{}, notFound(err, "err.token_invalid")
	}
	if lastUsed == nil || now.Sub(*lastUsed) > tokenUseResolution {
		if _, err := s.w().exec(ctx, `UPDATE tokens SET last_used_at = ? WHERE id = ?`, now.UTC(), tokenID); err != nil {
			return app.User{}, fmt.Errorf("store: mark token used: %w", err)
		}
	}
	return u, nil
}

func (s *Store) ListTokens(ctx context.Context, userID int64) ([]app.Token, error) {
	rows, err := s.r().query(ctx, `SELECT id, user_id, name, prefix, created_at, last_used_at FROM tokens WHERE user_id = ? ORDER BY id`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: list tokens: %w", err)
	}
	return collect(rows, func(r scanner) (app.Token, error) {
		var t app.Token
		err := r.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &t.CreatedAt, &t.LastUsedAt)
		return t, err
	})
}

func (s *Store) DeleteToken(ctx context.Context, userID, tokenID int64) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `DELETE FROM tokens WHERE id = ? AND user_id = ?`, tokenID, userID)
		if err := affected(res, err, "err.token_not_found"); err != nil {
			return err
		}
		return audit(ctx, c, app.AuditTokenDelete, kindPerson, userID, 0, nil, map[string]int64{"token": tokenID})
	})
}
