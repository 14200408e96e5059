package app

import (
	"context"
	"encoding/json"
	"time"
)

// Kinds of background job. A kind names the handler internal/jobs runs it with.
const (
	JobSendMail       = "mail.send"
	JobDeliverWebhook = "webhook.deliver"
	JobMatchWatches   = "watch.match"     // payload WatchJob: check a record against every watch
	JobWatchDigest    = "watch.digest"    // the daily e-mail of what watches found
	JobEventPromoted  = "event.promoted"  // payload EventMailJob: mail a person who got a seat from the waiting list
	JobEventReminders = "event.reminders" // find the registrations of events starting within ReminderLead and remind them
	JobEventReminder  = "event.reminder"  // payload EventMailJob: mail a person the reminder of an event
	JobEventCancelled = "event.cancelled" // payload EventMailJob: mail a person registered or waiting that the event is called off
	JobRoulette       = "roulette.pair"   // the week's fika roulette
	// JobDeadlineReminder mails an application's partners that a deadline of its call nears;
	// JobFollowUpReminder mails a project's manager that it is time to follow its KPIs up.
	// Both take a ReminderJob.
	JobDeadlineReminder = "application.reminder"
	JobFollowUpReminder = "project.followup"
)

// DeadlineReminderDays are the days before a call's deadline when its applications'
// partners are reminded; FollowUpMonths the months after a project's start (go-live) when
// its manager is reminded to measure the KPIs.
var (
	DeadlineReminderDays = []int{14, 7, 1}
	FollowUpMonths       = []int{6, 12}
)

// ReminderJob names the application or project a reminder is about, and what it was set
// for: the deadline's instant (RFC 3339) or the project's start date, so that a reminder
// whose reason changed since is dropped; Count is the days before or the months after.
type ReminderJob struct {
	ID    int64  `json:"id"`
	For   string `json:"for"`
	Count int    `json:"count"`
}

// DefaultMaxAttempts is how often a job runs before it is given up, unless it says otherwise.
const DefaultMaxAttempts = 5

// NewJob is work to do in the background, by whichever instance claims it first.
type NewJob struct {
	Kind    string
	Payload any // marshalled to JSON
	// RunAt is when the job is due; zero means now.
	RunAt time.Time
	// MaxAttempts is how often it runs before it is given up; zero means DefaultMaxAttempts.
	MaxAttempts int
	// DedupKey, when set, makes the job unique: a second job with the same key (a digest
	// for one date, say) is not enqueued while the first is kept.
	DedupKey string
}

// Job is a job as the jobs table keeps it.
type Job struct {
	ID      int64
	Kind    string
	Payload json.RawMessage
	// Attempt counts the runs so far, this one included once claimed.
	Attempt     int
	MaxAttempts int
	DedupKey    string
	RunAt       time.Time
	LockedUntil *time.Time
	LockedBy    string
	DoneAt      *time.Time
	// Dead is set when the job gave up after MaxAttempts; LastError says why.
	Dead      bool
	LastError string
	CreatedAt time.Time
}

// Last reports whether this run is the job's last attempt.
func (j Job) Last() bool { return j.Attempt >= j.MaxAttempts }

// JobFilter selects jobs for the admin list: the dead ones, or those still to run.
type JobFilter struct {
	Dead bool
	Page
}

// JobStore keeps the background work.
type JobStore interface {
	JobQueue
	// ListJobs lists the dead jobs, or the jobs still to run, newest first.
	ListJobs(ctx context.Context, f JobFilter) (List[Job], error)
}

// JobQueue takes work for the background workers.
type JobQueue interface {
	// EnqueueJob stores a job and returns its id, or 0 when a job with the same DedupKey
	// is kept already.
	EnqueueJob(ctx context.Context, j NewJob) (int64, error)
}

// WatchJob names the need or solution a watch.match job checks.
type WatchJob struct {
	Kind string `json:"kind"`
	ID   int64  `json:"id"`
}
