package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/mail"
)

// EventStore is what telling people about their events needs of the store.
type EventStore interface {
	Event(ctx context.Context, v app.Viewer, id int64) (app.Event, error)
	Registration(ctx context.Context, eventID, userID int64) (app.Registration, error)
	RemindEvents(ctx context.Context, now time.Time) (int, error)
	User(ctx context.Context, id int64) (app.User, error)
}

// Events tells people about their registrations: a seat from the waiting list, and the
// reminder the day before.
type Events struct {
	Store   EventStore
	Mail    mail.Sender
	BaseURL string
}

// Promoted is the kind that mails a person who got a seat from the waiting list.
func (e *Events) Promoted() Kind {
	return e.mailKind("mail.event_promoted_subject", "mail.event_promoted", "mail.event_cancel_hint", true)
}

// Reminder is the kind that mails a person the reminder of an event they have a seat at.
func (e *Events) Reminder() Kind {
	return e.mailKind("mail.event_reminder_subject", "mail.event_reminder", "mail.event_cancel_hint", true)
}

// Cancelled is the kind that mails a person registered or waiting that the event is called off.
func (e *Events) Cancelled() Kind {
	return e.mailKind("mail.event_cancelled_subject", "mail.event_cancelled", "mail.event_cancelled_hint", false)
}

// Reminders is the kind that finds who is to be reminded now, and enqueues their mail.
func (e *Events) Reminders() Kind {
	return Kind{Handle: func(ctx context.Context, j app.Job) error {
		_, err := e.Store.RemindEvents(ctx, time.Now())
		return err
	}}
}

// mailKind mails the person of an EventMailJob about the event, in their language, unless
// they gave up their place meanwhile (or, for seatOnly, hold no seat).
func (e *Events) mailKind(subjectKey, introKey, outroKey string, seatOnly bool) Kind {
	return Kind{Handle: func(ctx context.Context, j app.Job) error {
		var p app.EventMailJob
		if err := json.Unmarshal(j.Payload, &p); err != nil {
			return fmt.Errorf("%s: %w", j.Kind, err)
		}
		reg, err := e.Store.Registration(ctx, p.EventID, p.UserID)
		if app.ErrorCode(err) == app.NotFound || (err == nil && seatOnly && reg.Status != app.StatusRegistered) {
			return nil
		}
		if err != nil {
			return err
		}
		ev, err := e.Store.Event(ctx, app.Viewer{Admin: true}, p.EventID)
		if err != nil {
			return err
		}
		u, err := e.Store.User(ctx, p.UserID)
		if err != nil {
			return err
		}
		lang := u.Lang
		body := fmt.Sprintf("%s\n\n%s\n%s\n%s/events/%d\n\n%s\n", i18n.T(lang, introKey, u.Name), ev.Title,
			app.Span(ev.Start, ev.End, ev.TimeZone), strings.TrimSuffix(e.BaseURL, "/"), ev.ID, i18n.T(lang, outroKey))
		return e.Mail.Send(ctx, app.Mail{To: u.Email, Subject: i18n.T(lang, subjectKey, ev.Title), Body: body})
	}}
}

// ScheduleReminders enqueues the hour's search for people to remind, once whichever
// instance asks first.
func ScheduleReminders(ctx context.Context, s Enqueuer, now time.Time) error {
	_, err := s.EnqueueJob(ctx, app.NewJob{Kind: app.JobEventReminders, DedupKey: "event.reminders:" + now.UTC().Format("2006-01-02T15")})
	return err
}
