package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/mail"
)

// ReminderStore is what the reminders need of the store.
type ReminderStore interface {
	Application(ctx context.Context, v app.Viewer, id int64) (app.Application, error)
	Call(ctx context.Context, id int64) (app.Call, error)
	Project(ctx context.Context, v app.Viewer, id int64) (app.Project, error)
	Members(ctx context.Context, orgID int64) ([]app.Membership, error)
	User(ctx context.Context, id int64) (app.User, error)
}

// Reminders mails the reminders the store enqueued: a call's deadline nears for an
// application's partners, and a project's KPIs are due for follow-up for its manager. A
// reminder whose reason has gone (the deadline moved, the application went in, the start
// changed) is dropped.
type Reminders struct {
	Store   ReminderStore
	Mail    mail.Sender
	BaseURL string
}

// allRecords reads what a reminder is about whoever may see it: the job mails only its partners or manager.
var allRecords = app.Viewer{Admin: true}

// Deadline is the kind that reminds an application's partners of its call's deadline.
func (m *Reminders) Deadline() Kind {
	return Kind{Handle: func(ctx context.Context, j app.Job) error {
		var p app.ReminderJob
		if err := json.Unmarshal(j.Payload, &p); err != nil {
			return fmt.Errorf("%s: %w", j.Kind, err)
		}
		a, err := m.Store.Application(ctx, allRecords, p.ID)
		if app.ErrorCode(err) == app.NotFound || err == nil && a.Status.Submitted() {
			return nil
		}
		if err != nil {
			return err
		}
		c, err := m.Store.Call(ctx, a.Call.ID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(c.Deadlines, func(d app.Deadline) bool { return d.At.UTC().Format(time.RFC3339) == p.For })
		if i < 0 {
			return nil // the deadline moved; its new time has reminders of its own
		}
		d := c.Deadlines[i]
		var people []app.User
		for _, partner := range a.Partners {
			us, err := m.members(ctx, partner.Organisation.ID)
			if err != nil {
				return err
			}
			people = append(people, us...)
		}
		return m.send(ctx, people, func(lang string) (string, string) {
			return i18n.T(lang, "reminder.deadline_subject", p.Count, a.Title),
				i18n.T(lang, "reminder.deadline_body", d.Stage, c.Title, d.InZone().Format("2006-01-02 15:04")+" ("+d.TimeZone+")", a.Title)
		}, fmt.Sprintf("/applications/%d", a.ID))
	}}
}

// FollowUp is the kind that reminds a project's manager to measure its KPIs.
func (m *Reminders) FollowUp() Kind {
	return Kind{Handle: func(ctx context.Context, j app.Job) error {
		var p app.ReminderJob
		if err := json.Unmarshal(j.Payload, &p); err != nil {
			return fmt.Errorf("%s: %w", j.Kind, err)
		}
		pr, err := m.Store.Project(ctx, allRecords, p.ID)
		if app.ErrorCode(err) == app.NotFound || err == nil && (pr.StartDate != p.For || pr.Manager == nil) {
			return nil
		}
		if err != nil {
			return err
		}
		u, err := m.Store.User(ctx, pr.Manager.ID)
		if err != nil {
			return err
		}
		return m.send(ctx, []app.User{u}, func(lang string) (string, string) {
			return i18n.T(lang, "reminder.followup_subject", pr.Title), i18n.T(lang, "reminder.followup_body", p.Count, pr.Title)
		}, fmt.Sprintf("/projects/%d", pr.ID))
	}}
}

// members are the people of an organisation.
func (m *Reminders) members(ctx context.Context, orgID int64) ([]app.User, error) {
	ms, err := m.Store.Members(ctx, orgID)
	if err != nil {
		return nil, err
	}
	var out []app.User
	for _, x := range ms {
		u, err := m.Store.User(ctx, x.User.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// send mails each person once, in their language, with the link to path.
func (m *Reminders) send(ctx context.Context, people []app.User, text func(lang string) (subject, body string), path string) error {
	var sent []int64
	for _, u := range people {
		if slices.Contains(sent, u.ID) {
			continue
		}
		sent = append(sent, u.ID)
		subject, body := text(u.Lang)
		if err := m.Mail.Send(ctx, app.Mail{To: u.Email, Subject: subject, Body: body + "\n\n" + strings.TrimSuffix(m.BaseURL, "/") + path + "\n"}); err != nil {
			return err
		}
	}
	return nil
}
