package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/mail"
)

// WatchStore is what horizon scanning needs of the store.
type WatchStore interface {
	MatchWatches(ctx context.Context, kind string, id int64) (int, error)
	UnmailedWatchHits(ctx context.Context) (map[int64][]app.WatchHit, error)
	MarkWatchHitsMailed(ctx context.Context, userID int64, upTo, now time.Time) error
	User(ctx context.Context, id int64) (app.User, error)
}

// Enqueuer adds a job.
type Enqueuer interface {
	EnqueueJob(ctx context.Context, j app.NewJob) (int64, error)
}

// Watches runs horizon scanning: it checks changed records against the watches and mails
// each person a daily digest of what their watches found.
type Watches struct {
	Store   WatchStore
	Mail    mail.Sender
	BaseURL string
	Log     *slog.Logger
}

// Match is the kind that checks one record against every watch.
func (w *Watches) Match() Kind {
	return Kind{Handle: func(ctx context.Context, j app.Job) error {
		var p app.WatchJob
		if err := json.Unmarshal(j.Payload, &p); err != nil {
			return fmt.Errorf("watch.match: %w", err)
		}
		told, err := w.Store.MatchWatches(ctx, p.Kind, p.ID)
		if err == nil && told > 0 {
			w.Log.Info("watches told", "kind", p.Kind, "id", p.ID, "people", told)
		}
		if app.ErrorCode(err) == app.NotFound {
			return nil // deleted since
		}
		return err
	}}
}

// Digest is the kind that mails every person what their watches found and no digest has
// told yet.
func (w *Watches) Digest() Kind {
	return Kind{Handle: func(ctx context.Context, j app.Job) error { return w.SendDigests(ctx, time.Now()) }}
}

// SendDigests mails each person with unmailed hits one message, in their language.
func (w *Watches) SendDigests(ctx context.Context, now time.Time) error {
	hits, err := w.Store.UnmailedWatchHits(ctx)
	if err != nil {
		return err
	}
	for userID, hs := range hits {
		u, err := w.Store.User(ctx, userID)
		if err != nil {
			return err
		}
		if err := w.Mail.Send(ctx, digest(u, hs, w.BaseURL)); err != nil {
			return err
		}
		upTo := hs[0].At
		for _, h := range hs {
			if h.At.After(upTo) {
				upTo = h.At
			}
		}
		if err := w.Store.MarkWatchHitsMailed(ctx, userID, upTo, now); err != nil {
			return err
		}
	}
	return nil
}

// digest writes the message: each record once, with its link.
func digest(u app.User, hits []app.WatchHit, baseURL string) app.Mail {
	lang := u.Lang
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", i18n.T(lang, "digest.greeting", u.Name))
	var seen []string
	for _, h := range hits {
		path := fmt.Sprintf("/%ss/%d", h.Kind, h.ID)
		if slices.Contains(seen, path) {
			continue
		}
		seen = append(seen, path)
		fmt.Fprintf(&b, "• %s (%s)\n  %s%s\n", h.Title, i18n.T(lang, "search.kind."+h.Kind), strings.TrimSuffix(baseURL, "/"), path)
	}
	fmt.Fprintf(&b, "\n%s\n%s/watches\n", i18n.T(lang, "digest.manage"), strings.TrimSuffix(baseURL, "/"))
	return app.Mail{To: u.Email, Subject: i18n.T(lang, "digest.subject", len(seen)), Body: b.String()}
}

// DigestHour is when, Swedish time, the daily digest goes out.
const DigestHour = 7

// ScheduleDigest enqueues the day's digest once, whichever instance asks first: at
// DigestHour Swedish time, or at once when that has passed.
func ScheduleDigest(ctx context.Context, s Enqueuer, now time.Time) error {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		loc = time.UTC
	}
	local := now.In(loc)
	at := time.Date(local.Year(), local.Month(), local.Day(), DigestHour, 0, 0, 0, loc)
	if at.Before(now) {
		at = now
	}
	_, err = s.EnqueueJob(ctx, app.NewJob{Kind: app.JobWatchDigest, RunAt: at, DedupKey: "watch.digest:" + local.Format(time.DateOnly)})
	return err
}
