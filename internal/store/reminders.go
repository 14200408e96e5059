package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// deadlineReminders enqueues the reminders of an application's deadlines that are still
// ahead: 14, 7 and 1 days before each deadline of its call. A reminder is enqueued once
// (its dedup key names the application, the deadline and the days), so writing an
// application again adds only the reminders of deadlines that are new.
func deadlineReminders(ctx context.Context, c conn, applicationID int64, now time.Time) error {
	rows, err := c.query(ctx, `SELECT d.due_at FROM call_deadlines d JOIN applications a ON a.call_id = d.call_id WHERE a.id = ?`, applicationID)
	if err != nil {
		return err
	}
	dues, err := collect(rows, func(r scanner) (time.Time, error) {
		var t time.Time
		return t, r.Scan(&t)
	})
	if err != nil {
		return err
	}
	for _, due := range dues {
		for _, days := range app.DeadlineReminderDays {
			at := due.Add(-time.Duration(days) * 24 * time.Hour)
			if !at.After(now) {
				continue
			}
			p := app.ReminderJob{ID: applicationID, For: due.UTC().Format(time.RFC3339), Count: days}
			if err := reminder(ctx, c, app.JobDeadlineReminder, p, at, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// followUpReminders enqueues a project's reminders to follow its KPIs up, 6 and 12 months
// after its start, at eight in the morning in Sweden.
func followUpReminders(ctx context.Context, c conn, projectID int64, start string, now time.Time) error {
	if start == "" {
		return nil
	}
	day, key := app.DeadlineTime(start+"T08:00", "Europe/Stockholm")
	if key != "" {
		return app.FieldErrors{"start_date": "err.date"}.Err()
	}
	for _, months := range app.FollowUpMonths {
		at := day.AddDate(0, months, 0)
		if !at.After(now) {
			continue
		}
		if err := reminder(ctx, c, app.JobFollowUpReminder, app.ReminderJob{ID: projectID, For: start, Count: months}, at, now); err != nil {
			return err
		}
	}
	return nil
}

func reminder(ctx context.Context, c conn, kind string, p app.ReminderJob, at, now time.Time) error {
	_, err := enqueueJob(ctx, c, app.NewJob{Kind: kind, Payload: p, RunAt: at,
		DedupKey: fmt.Sprintf("%s:%d:%s:%d", kind, p.ID, p.For, p.Count)}, now)
	return err
}
