package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

func (s *Store) CreateSession(ctx context.Context, hash []byte, sess app.Session) error {
	_, err := s.w().exec(ctx, `INSERT INTO sessions (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		hash, sess.UserID, sess.CreatedAt.UTC(), sess.ExpiresAt.UTC())
	return err
}

// SessionUser reads the person of a session with their memberships (a row for each role,
// or one row without any) and their count of unread notifications: every signed-in
// request asks it, so it is one statement.
func (s *Store) SessionUser(ctx context.Context, hash []byte, now time.Time) (app.SignedIn, error) {
	rows, err := s.r().query(ctx, `
		SELECT `+userColumns+`, (SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL),
			COALESCE(o.id, 0), COALESCE(o.name, ''), COALESCE(o.kind, ''), COALESCE(m.role, '')
		FROM sessions s JOIN users u ON u.id = s.user_id
			LEFT JOIN memberships m ON m.user_id = u.id LEFT JOIN organisations o ON o.id = m.org_id
		WHERE s.hash = ? AND s.expires_at > ?
		ORDER BY o.sort_key, o.id, m.role`, hash, now.UTC())
	if err != nil {
		return app.SignedIn{}, fmt.Errorf("store: session: %w", err)
	}
	defer rows.Close()
	p := app.SignedIn{Memberships: []app.Membership{}}
	for rows.Next() {
		var org app.OrgRef
		var role app.Role
		if p.User, err = scanUser(rows, &p.Unread, &org.ID, &org.Name, &org.Kind, &role); err != nil {
			return app.SignedIn{}, err
		}
		if org.ID != 0 {
			p.Memberships = withRole(p.Memberships, app.Membership{Organisation: org, User: app.UserRef{ID: p.User.ID, Name: p.User.Name, Email: p.User.Email}}, role)
		}
	}
	if err := rows.Err(); err != nil {
		return app.SignedIn{}, err
	}
	if p.User.ID == 0 {
		return app.SignedIn{}, app.Errorf(app.NotFound, "err.session_expired")
	}
	return p, nil
}

func (s *Store) DeleteSession(ctx context.Context, hash []byte) error {
	_, err := s.w().exec(ctx, `DELETE FROM sessions WHERE hash = ?`, hash)
	s.changes.Add(1) // no kept session outlives it
	return err
}

// maxKeptSessions bounds the sessions kept as read; past it they are read afresh.
const maxKeptSessions = 10_000

// RecentSessionUser is SessionUser as read at most maxAge ago, unless a change was
// committed through this store since, as the change clock is read (RecentChangeClock):
// a sign-out, a role or a notification read through this instance shows at once, through
// another within maxAge. A person's requests in quick succession ask the database once.
// The person returned is shared: read it, never change it.
func (s *Store) RecentSessionUser(ctx context.Context, hash []byte, now time.Time, maxAge time.Duration) (app.SignedIn, error) {
	changes, start := s.changes.Load(), time.Now()
	s.sessionsMu.Lock()
	kept, ok := s.sessions[string(hash)]
	s.sessionsMu.Unlock()
	if ok && kept.holds(changes, start, maxAge) {
		return kept.value, nil
	}
	p, err := s.SessionUser(ctx, hash, now)
	if err != nil {
		return p, err
	}
	s.sessionsMu.Lock()
	if s.sessions == nil || len(s.sessions) >= maxKeptSessions {
		s.sessions = map[string]recent[app.SignedIn]{}
	}
	s.sessions[string(hash)] = recent[app.SignedIn]{value: p, at: start, changes: changes}
	s.sessionsMu.Unlock()
	return p, nil
}

func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.w().exec(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, now.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
