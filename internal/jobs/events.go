package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/mail"
)

// EventStore is what telling people about their events needs of the store.
type EventStore interface {
	Event(ctx context.Context, v app.Viewer, id int64) (app.Event, error)
	Registration(ctx context.Context, eventID, userID int64) (app.Registration, error)
	User(ctx context.Context, id int64) (app.User, error)
}

// Events mails people about their registrations.
type Events struct {
	Store   EventStore
	Mail    mail.Sender
	BaseURL string
}

// Promoted is the kind that mails a person who got a seat from the waiting list; one who
// gave it up again meanwhile is not mailed.
func (e *Events) Promoted() Kind {
	return Kind{Handle: func(ctx context.Context, j app.Job) error {
		var p app.EventPromotedJob
		if err := json.Unmarshal(j.Payload, &p); err != nil {
			return fmt.Errorf("event.promoted: %w", err)
		}
		reg, err := e.Store.Registration(ctx, p.EventID, p.UserID)
		if app.ErrorCode(err) == app.NotFound || (err == nil && reg.Status != app.StatusRegistered) {
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
		return e.Mail.Send(ctx, promotedMail(u, ev, e.BaseURL))
	}}
}

func promotedMail(u app.User, ev app.Event, baseURL string) app.Mail {
	lang := u.Lang
	body := fmt.Sprintf("%s\n\n%s\n%s\n%s/events/%d\n\n%s\n", i18n.T(lang, "mail.event_promoted", u.Name), ev.Title,
		app.Span(ev.Start, ev.End, ev.TimeZone), strings.TrimSuffix(baseURL, "/"), ev.ID, i18n.T(lang, "mail.event_cancel_hint"))
	return app.Mail{To: u.Email, Subject: i18n.T(lang, "mail.event_promoted_subject", ev.Title), Body: body}
}
