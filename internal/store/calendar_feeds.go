package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

func (s *Store) SetCalendarFeed(ctx context.Context, userID int64, hash []byte) error {
	_, err := s.w().exec(ctx, `INSERT INTO calendar_feeds (user_id, secret_hash, created_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET secret_hash = excluded.secret_hash, created_at = excluded.created_at`,
		userID, hash, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("store: calendar feed: %w", err)
	}
	return nil
}

func (s *Store) CalendarFeedUser(ctx context.Context, hash []byte) (app.User, error) {
	u, err := scanUser(s.r().queryRow(ctx, `SELECT `+userColumns+` FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.secret_hash = ?`, hash))
	return u, notFound(err, "err.calendar_feed_not_found")
}
