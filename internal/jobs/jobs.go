// Package jobs runs the platform's background work. Today that is housekeeping: expired
// sessions and old sign-in failures are deleted. Each task is idempotent, so every
// instance may run it.
package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Interval between housekeeping runs.
const Interval = time.Hour

// Store is what the jobs need.
type Store interface {
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error)
	DeleteSignInFailures(ctx context.Context, before time.Time) (int64, error)
}

// Run does housekeeping at once and then every Interval until ctx ends.
func Run(ctx context.Context, s Store, log *slog.Logger) {
	t := time.NewTicker(Interval)
	defer t.Stop()
	for {
		Housekeeping(ctx, s, log, time.Now())
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Housekeeping deletes what has expired.
func Housekeeping(ctx context.Context, s Store, log *slog.Logger, now time.Time) {
	if n, err := s.DeleteExpiredSessions(ctx, now); err != nil {
		log.Error("jobs: expired sessions", "err", err)
	} else if n > 0 {
		log.Info("jobs: expired sessions deleted", "count", n)
	}
	if n, err := s.DeleteSignInFailures(ctx, now.Add(-app.SignInWindow)); err != nil {
		log.Error("jobs: sign-in failures", "err", err)
	} else if n > 0 {
		log.Info("jobs: old sign-in failures deleted", "count", n)
	}
}
