// Package mail sends the platform's e-mail. With SMTP configured, a message becomes a job
// (Queue) that a worker sends through the server (SMTP), retrying while the server fails;
// without, every message goes to the log and to the outbox that platform admins read on
// /admin/outbox.
package mail

import (
	"context"
	"log/slog"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Sender sends one message.
type Sender interface {
	Send(ctx context.Context, m app.Mail) error
}

// Outbox keeps messages in the database and logs them.
type Outbox struct {
	Store app.MailStore
	Log   *slog.Logger
}

func (o Outbox) Send(ctx context.Context, m app.Mail) error {
	o.Log.Info("mail", "to", m.To, "subject", m.Subject, "body", m.Body)
	return o.Store.AddMail(ctx, m)
}

// Queue hands messages to the background workers as jobs of kind app.JobSendMail, which
// SMTP.HandleJob sends.
type Queue struct {
	Jobs app.JobQueue
}

// message is a mail job's payload.
type message struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

func (q Queue) Send(ctx context.Context, m app.Mail) error {
	_, err := q.Jobs.EnqueueJob(ctx, app.NewJob{Kind: app.JobSendMail, Payload: message{To: m.To, Subject: m.Subject, Body: m.Body}})
	return err
}
