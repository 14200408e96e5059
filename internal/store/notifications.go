package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Notifications lists a person's notifications, newest first.
func (s *Store) Notifications(ctx context.Context, userID int64, p app.Page) (app.List[app.Notification], error) {
	p = p.Clamp()
	cur, err := parseCursor(p.Cursor)
	if err != nil {
		return app.List[app.Notification]{}, err
	}
	args := []any{userID}
	after := ""
	if cur.id > 0 {
		after, args = " AND x.id < ?", append(args, cur.id)
	}
	rows, err := s.r().query(ctx, `SELECT x.id, n.id, COALESCE(n.title, ''), so.id, COALESCE(so.title, ''), ev.id, COALESCE(ev.title, ''),
			x.kind, x.detail, COALESCE(u.id, 0), COALESCE(u.name, ''), x.created_at, x.read_at
		FROM notifications x LEFT JOIN needs n ON n.id = x.need_id LEFT JOIN solutions so ON so.id = x.solution_id
		LEFT JOIN events ev ON ev.id = x.event_id LEFT JOIN users u ON u.id = x.actor_id
		WHERE x.user_id = ?`+after+` ORDER BY x.id DESC LIMIT ?`, append(args, p.Limit+1)...)
	if err != nil {
		return app.List[app.Notification]{}, fmt.Errorf("store: notifications: %w", err)
	}
	items, err := collect(rows, func(r scanner) (app.Notification, error) {
		var x app.Notification
		var needID, solutionID, eventID *int64
		var title, solutionTitle, eventTitle string
		err := r.Scan(&x.ID, &needID, &title, &solutionID, &solutionTitle, &eventID, &eventTitle, &x.Kind, &x.Detail, &x.Actor.ID,
			&x.Actor.Name, &x.CreatedAt, &x.ReadAt)
		for _, ref := range []struct {
			id    *int64
			title string
			dst   **app.NeedRef
		}{{needID, title, &x.Need}, {solutionID, solutionTitle, &x.Solution}, {eventID, eventTitle, &x.Event}} {
			if ref.id != nil {
				*ref.dst = &app.NeedRef{ID: *ref.id, Title: ref.title}
			}
		}
		return x, err
	})
	if err != nil {
		return app.List[app.Notification]{}, err
	}
	return page(items, p.Limit, func(x app.Notification) cursor { return cursor{id: x.ID} }), nil
}

func (s *Store) MarkNotificationsRead(ctx context.Context, userID int64, now time.Time) error {
	_, err := s.w().exec(ctx, `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`, now.UTC(), userID)
	s.changes.Add(1) // the count of unread that a kept session holds
	return err
}

// notifyEvent tells each of users something about an event, in the transaction of the change.
func notifyEvent(ctx context.Context, c conn, users []int64, eventID int64, kind string, actorID int64, now time.Time) error {
	for _, u := range users {
		if _, err := c.exec(ctx, `INSERT INTO notifications (user_id, event_id, kind, actor_id, created_at) VALUES (?, ?, ?, ?, ?)`,
			u, eventID, kind, nullID(actorID), now); err != nil {
			return err
		}
	}
	return nil
}
