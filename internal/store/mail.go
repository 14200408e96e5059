package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

func (s *Store) AddMail(ctx context.Context, m app.Mail) error {
	_, err := s.w().exec(ctx, `INSERT INTO mail_outbox (recipient, subject, body, created_at) VALUES (?, ?, ?, ?)`,
		m.To, m.Subject, m.Body, time.Now().UTC())
	return err
}

// ListMail lists the newest mail first.
func (s *Store) ListMail(ctx context.Context, p app.Page) (app.List[app.Mail], error) {
	p = p.Clamp()
	cur, err := parseCursor(p.Cursor)
	if err != nil {
		return app.List[app.Mail]{}, err
	}
	where, args := "", []any{}
	if cur.id > 0 {
		where, args = "WHERE id < ?", []any{cur.id}
	}
	rows, err := s.r().query(ctx, `SELECT id, recipient, subject, body, created_at FROM mail_outbox `+where+` ORDER BY id DESC LIMIT ?`, append(args, p.Limit+1)...)
	if err != nil {
		return app.List[app.Mail]{}, fmt.Errorf("store: list mail: %w", err)
	}
	mails, err := collect(rows, func(r scanner) (app.Mail, error) {
		var m app.Mail
		err := r.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.CreatedAt)
		return m, err
	})
	if err != nil {
		return app.List[app.Mail]{}, fmt.Errorf("store: list mail: %w", err)
	}
	return page(mails, p.Limit, func(m app.Mail) cursor { return cursor{id: m.ID} }), nil
}
