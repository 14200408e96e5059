package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

func (s *Store) SetCalendarFeed(ctx context.Context, userID int64, hash []byte) error {
	return s.tx(ctx, func(c conn) error {
		_, err := c.exec(ctx, `INSERT INTO calendar_feeds (user_id, secret_hash, created_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET secret_hash = excluded.secret_hash, created_at = excluded.created_at`,
			userID, hash, time.Now().UTC())
		if err != nil {
			return fmt.Errorf("store: calendar feed: %w", err)
		}
		// A new secret link; the secret itself is never recorded.
		return audit(ctx, c, app.AuditUserCalendarFeed, kindPerson, userID, 0, nil, nil)
	})
}

func (s *Store) CalendarFeedUser(ctx context.Context, hash []byte) (app.User, error) {
	u, err := scanUser(s.r().queryRow(ctx, `SELECT `+userColumns+` FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.secret_hash = ?`, hash))
	return u, notFound(err, "err.calendar_feed_not_found")
}
