package store

import (
	"context"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

func (s *Store) RecordSignInFailure(ctx context.Context, email, ip string, at time.Time) error {
	_, err := s.w().exec(ctx, `INSERT INTO sign_in_failures (email, ip, at) VALUES (?, ?, ?)`, email, ip, at.UTC())
	return err
}

func (s *Store) SignInFailures(ctx context.Context, email, ip string, since time.Time) (app.SignInFailures, error) {
	var f app.SignInFailures
	var oldestAccount, oldestIP nullTime
	err := s.r().queryRow(ctx, `
		SELECT (SELECT count(*) FROM sign_in_failures WHERE email = ? AND at > ?),
		       (SELECT min(at) FROM sign_in_failures WHERE email = ? AND at > ?),
		       (SELECT count(*) FROM sign_in_failures WHERE ip = ? AND at > ?),
		       (SELECT min(at) FROM sign_in_failures WHERE ip = ? AND at > ?)`,
		email, since.UTC(), email, since.UTC(), ip, since.UTC(), ip, since.UTC()).
		Scan(&f.ByAccount, &oldestAccount, &f.ByIP, &oldestIP)
	f.OldestAccount, f.OldestIP = oldestAccount.Time, oldestIP.Time
	return f, err
}

func (s *Store) ClearSignInFailures(ctx context.Context, email string) error {
	_, err := s.w().exec(ctx, `DELETE FROM sign_in_failures WHERE email = ?`, email)
	return err
}

// DeleteSignInFailures forgets failures older than before, which no longer count.
func (s *Store) DeleteSignInFailures(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.w().exec(ctx, `DELETE FROM sign_in_failures WHERE at < ?`, before.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
