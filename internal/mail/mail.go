// Package mail sends the platform's e-mail. Until SMTP is configured every message goes
// to the log and to the outbox that platform admins read on /admin/outbox.
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
