package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// ErrLeaseLost answers a worker that finishes a job it no longer holds: its lease ran out
// and another worker claimed the job, or the job is finished already.
var ErrLeaseLost = errors.New("store: job lease lost")

// maxJobError caps the error kept on a job; the whole error is in the worker's log.
const maxJobError = 2000

const jobColumns = `id, kind, payload, attempts, max_attempts, COALESCE(dedup_key, ''), run_at, locked_until, COALESCE(locked_by, ''),
	done_at, dead, last_error, created_at`

// scanJob reads times through nullTime: SQLite's RETURNING does not say which columns are
// times.
func scanJob(r scanner) (app.Job, error) {
	var j app.Job
	var payload string
	var runAt, lockedUntil, doneAt, createdAt nullTime
	err := r.Scan(&j.ID, &j.Kind, &payload, &j.Attempt, &j.MaxAttempts, &j.DedupKey, &runAt, &lockedUntil, &j.LockedBy,
		&doneAt, &j.Dead, &j.LastError, &createdAt)
	j.Payload, j.RunAt, j.CreatedAt = json.RawMessage(payload), runAt.Time, createdAt.Time
	if !lockedUntil.Time.IsZero() {
		j.LockedUntil = &lockedUntil.Time
	}
	if !doneAt.Time.IsZero() {
		j.DoneAt = &doneAt.Time
	}
	return j, err
}

// OnJobEnqueued sets fn to be called whenever a job enqueued through this store has been
// committed, so that workers in this process start at once instead of at their next poll.
// Set it before the store is used.
func (s *Store) OnJobEnqueued(fn func()) { s.jobEnqueued = fn }

func (s *Store) jobsEnqueued() {
	if s.jobEnqueued != nil {
		s.jobEnqueued()
	}
}

// EnqueueJob stores a job on its own; store methods that cause work enqueue it in their
// own transaction with enqueueJob.
func (s *Store) EnqueueJob(ctx context.Context, j app.NewJob) (int64, error) {
	id, err := enqueueJob(ctx, s.w(), j, time.Now())
	if err == nil && id != 0 {
		s.jobsEnqueued()
	}
	return id, err
}

// enqueueJob stores j on c, so that a write and the work it causes commit together. It
// returns 0 when a job with j.DedupKey is kept already.
func enqueueJob(ctx context.Context, c conn, j app.NewJob, now time.Time) (int64, error) {
	payload := []byte("{}")
	if j.Payload != nil {
		var err error
		if payload, err = json.Marshal(j.Payload); err != nil {
			return 0, fmt.Errorf("store: job payload: %w", err)
		}
	}
	runAt := j.RunAt
	if runAt.IsZero() {
		runAt = now
	}
	maxAttempts := j.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = app.DefaultMaxAttempts
	}
	var dedup any
	if j.DedupKey != "" {
		dedup = j.DedupKey
	}
	var id int64
	err := c.queryRow(ctx, `INSERT INTO jobs (kind, payload, dedup_key, run_at, max_attempts, created_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
		j.Kind, string(payload), dedup, runAt.UTC(), maxAttempts, now.UTC()).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("store: enqueue %s: %w", j.Kind, err)
	}
	if c.enqueued != nil {
		*c.enqueued = true
	}
	return id, nil
}

// ClaimJobs leases up to limit due jobs of the given kinds to worker until now+lease and
// counts the attempt. Jobs come in the order they fell due. On PostgreSQL the rows are
// locked with SKIP LOCKED, so workers of several instances never claim the same job; on
// SQLite the one writer does the same. A job whose lease ran out is due again.
func (s *Store) ClaimJobs(ctx context.Context, worker string, kinds []string, limit int, lease time.Duration, now time.Time) ([]app.Job, error) {
	if len(kinds) == 0 || limit < 1 {
		return nil, nil
	}
	now = now.UTC()
	args := []any{now.Add(lease), worker, now, now}
	for _, k := range kinds {
		args = append(args, k)
	}
	args = append(args, limit)
	var jobs []app.Job
	err := s.tx(ctx, func(c conn) error {
		rows, err := c.query(ctx, `UPDATE jobs SET locked_until = ?, locked_by = ?, attempts = attempts + 1
			WHERE id IN (SELECT id FROM jobs
				WHERE done_at IS NULL AND run_at <= ? AND (locked_until IS NULL OR locked_until <= ?) AND kind IN (`+placeholders(len(kinds))+`)
				ORDER BY run_at, id LIMIT ?`+c.d.skipLocked+`)
			RETURNING `+jobColumns, args...)
		if err != nil {
			return err
		}
		jobs, err = collect(rows, scanJob)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim jobs: %w", err)
	}
	slices.SortFunc(jobs, func(a, b app.Job) int {
		if c := a.RunAt.Compare(b.RunAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return jobs, nil
}

// CompleteJob finishes a job that worker holds.
func (s *Store) CompleteJob(ctx context.Context, id int64, worker string, now time.Time) error {
	res, err := s.w().exec(ctx, `UPDATE jobs SET done_at = ?, locked_until = NULL WHERE id = ? AND locked_by = ? AND done_at IS NULL`,
		now.UTC(), id, worker)
	return leaseHeld(res, err)
}

// FailJob records why a job that worker holds failed. The job runs again retryIn from now,
// or, when that was its last attempt, finishes as dead with the error. It reports whether
// the job is dead.
func (s *Store) FailJob(ctx context.Context, id int64, worker, cause string, retryIn time.Duration, now time.Time) (bool, error) {
	if r := []rune(cause); len(r) > maxJobError {
		cause = string(r[:maxJobError])
	}
	now = now.UTC()
	var dead bool
	err := s.w().queryRow(ctx, `UPDATE jobs SET locked_until = NULL, last_error = ?,
			run_at = CASE WHEN attempts >= max_attempts THEN run_at ELSE ? END,
			done_at = CASE WHEN attempts >= max_attempts THEN ? ELSE done_at END,
			dead = attempts >= max_attempts
		WHERE id = ? AND locked_by = ? AND done_at IS NULL RETURNING dead`,
		cause, now.Add(retryIn), now, id, worker).Scan(&dead)
	if errors.Is(err, sql.ErrNoRows) {
		return false, ErrLeaseLost
	}
	return dead, err
}

// ReleaseJob gives back a job that worker holds without counting the attempt, when the
// worker stops before the job could finish; it is due again at once.
func (s *Store) ReleaseJob(ctx context.Context, id int64, worker string) error {
	res, err := s.w().exec(ctx, `UPDATE jobs SET locked_until = NULL, attempts = attempts - 1 WHERE id = ? AND locked_by = ? AND done_at IS NULL`,
		id, worker)
	return leaseHeld(res, err)
}

func leaseHeld(res sql.Result, err error) error {
	if err != nil {
		return fmt.Errorf("store: job: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: job: %w", err)
	}
	if n == 0 {
		return ErrLeaseLost
	}
	return nil
}

// ListJobs lists the dead jobs, or the jobs still to run, newest first.
func (s *Store) ListJobs(ctx context.Context, f app.JobFilter) (app.List[app.Job], error) {
	f.Page = f.Page.Clamp()
	cur, err := parseCursor(f.Cursor)
	if err != nil {
		return app.List[app.Job]{}, err
	}
	where, args := "done_at IS NULL", []any{}
	if f.Dead {
		where = "dead = ?"
		args = append(args, true)
	}
	if cur.id > 0 {
		where += " AND id < ?"
		args = append(args, cur.id)
	}
	rows, err := s.r().query(ctx, `SELECT `+jobColumns+` FROM jobs WHERE `+where+` ORDER BY id DESC LIMIT ?`, append(args, f.Limit+1)...)
	if err != nil {
		return app.List[app.Job]{}, fmt.Errorf("store: list jobs: %w", err)
	}
	jobs, err := collect(rows, scanJob)
	if err != nil {
		return app.List[app.Job]{}, fmt.Errorf("store: list jobs: %w", err)
	}
	return page(jobs, f.Limit, func(j app.Job) cursor { return cursor{id: j.ID} }), nil
}

// DeleteFinishedJobs forgets jobs finished before a time, dead or not. A dedup key is free
// again once its job is forgotten.
func (s *Store) DeleteFinishedJobs(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.w().exec(ctx, `DELETE FROM jobs WHERE done_at < ?`, before.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
