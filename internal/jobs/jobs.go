// Package jobs runs the platform's background work: a Runner claims jobs from the jobs
// table and runs the handler registered for their kind, and housekeeping deletes what has
// expired. Jobs are claimed by one instance each; housekeeping is idempotent, so every
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

// JobRetention is how long finished jobs, dead or not, are kept for inspection.
const JobRetention = 14 * 24 * time.Hour

// DeliveryRetention is how long finished webhook deliveries are kept, for their page.
const DeliveryRetention = 30 * 24 * time.Hour

// Store is what housekeeping needs.
type Store interface {
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error)
	DeleteExpiredPasswordResets(ctx context.Context, now time.Time) (int64, error)
	DeleteExpiredOIDCLogins(ctx context.Context, now time.Time) (int64, error)
	DeleteExpiredMFAChallenges(ctx context.Context, now time.Time) (int64, error)
	DeleteExpiredInvitations(ctx context.Context, now time.Time) (int64, error)
	DeleteSignInFailures(ctx context.Context, before time.Time) (int64, error)
	DeleteFinishedJobs(ctx context.Context, before time.Time) (int64, error)
	DeleteWebhookDeliveries(ctx context.Context, before time.Time) (int64, error)
	ClearEventRequests(ctx context.Context, before time.Time) (int64, error)
	DeleteExpiredPresence(ctx context.Context, now time.Time) (int64, error)
	DeleteOldVisitors(ctx context.Context, before string) (int64, error)
	Enqueuer
}

// RunHousekeeping does housekeeping at once and then every Interval until ctx ends.
func RunHousekeeping(ctx context.Context, s Store, log *slog.Logger) {
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

// Housekeeping deletes what has expired and makes sure the day's watch digest, the hour's
// event reminders and the week's fika roulette are due.
func Housekeeping(ctx context.Context, s Store, log *slog.Logger, now time.Time) {
	for _, task := range []struct {
		what string
		run  func() (int64, error)
	}{
		{"expired sessions", func() (int64, error) { return s.DeleteExpiredSessions(ctx, now) }},
		{"expired password-reset links", func() (int64, error) { return s.DeleteExpiredPasswordResets(ctx, now) }},
		{"unfinished single sign-ons", func() (int64, error) { return s.DeleteExpiredOIDCLogins(ctx, now) }},
		{"unfinished two-factor sign-ins", func() (int64, error) { return s.DeleteExpiredMFAChallenges(ctx, now) }},
		{"expired invitations", func() (int64, error) { return s.DeleteExpiredInvitations(ctx, now) }},
		{"old sign-in failures", func() (int64, error) { return s.DeleteSignInFailures(ctx, now.Add(-app.SignInWindow)) }},
		{"finished jobs", func() (int64, error) { return s.DeleteFinishedJobs(ctx, now.Add(-JobRetention)) }},
		{"old webhook deliveries", func() (int64, error) { return s.DeleteWebhookDeliveries(ctx, now.Add(-DeliveryRetention)) }},
		// Dietary and accessibility requests are personal data needed for the event only.
		{"requests of past events", func() (int64, error) { return s.ClearEventRequests(ctx, now.Add(-app.RequestRetention)) }},
		// Who was at the hub lasts the hub's day; a visitor's name and organisation a month.
		{"check-ins of past days", func() (int64, error) { return s.DeleteExpiredPresence(ctx, now) }},
		{"visitors of past visits", func() (int64, error) { return s.DeleteOldVisitors(ctx, app.HubDay(now.Add(-app.VisitorRetention))) }},
	} {
		if n, err := task.run(); err != nil {
			log.Error("jobs: delete "+task.what, "err", err)
		} else if n > 0 {
			log.Info("jobs: deleted "+task.what, "count", n)
		}
	}
	if err := ScheduleDigest(ctx, s, now); err != nil {
		log.Error("jobs: schedule the watch digest", "err", err)
	}
	if err := ScheduleReminders(ctx, s, now); err != nil {
		log.Error("jobs: schedule event reminders", "err", err)
	}
	if err := ScheduleRoulette(ctx, s, now); err != nil {
		log.Error("jobs: schedule the fika roulette", "err", err)
	}
}
