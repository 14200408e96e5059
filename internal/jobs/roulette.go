package jobs

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// RouletteStore is what the fika roulette needs of the store.
type RouletteStore interface {
	RouletteEntries(ctx context.Context) ([]app.RouletteEntry, error)
	RouletteMet(ctx context.Context, since time.Time) (map[[2]int64]bool, error)
	SaveRouletteWeek(ctx context.Context, week string, monday time.Time, groups [][]app.RouletteEntry, now time.Time) error
}

// Roulette pairs the week's fika roulette.
type Roulette struct {
	Store RouletteStore
	Log   *slog.Logger
}

// Pair is the kind that puts everyone who takes part in the week's groups, once a week.
func (ro *Roulette) Pair() Kind {
	return Kind{Handle: func(ctx context.Context, j app.Job) error { return ro.PairWeek(ctx, time.Now()) }}
}

// PairWeek pairs the week of now, unless it is paired already.
func (ro *Roulette) PairWeek(ctx context.Context, now time.Time) error {
	entries, err := ro.Store.RouletteEntries(ctx)
	if err != nil {
		return err
	}
	monday := weekStart(now)
	met, err := ro.Store.RouletteMet(ctx, monday.Add(-app.RouletteRepeatWindow))
	if err != nil {
		return err
	}
	seen := func(a, b int64) bool { return met[[2]int64{min(a, b), max(a, b)}] }
	groups := app.PairRoulette(entries, seen, rand.New(rand.NewPCG(uint64(now.UnixNano()), uint64(len(entries))))) // #nosec G404 G115 -- who meets whom over fika needs variety, not secrecy
	err = ro.Store.SaveRouletteWeek(ctx, app.Week(now), monday, groups, now)
	if app.ErrorCode(err) == app.Conflict {
		return nil // another instance paired the week
	}
	if err == nil {
		ro.Log.Info("roulette paired", "week", app.Week(now), "people", len(entries), "groups", len(groups))
	}
	return err
}

// weekStart is midnight on the Monday of now's week, on the hub's clock.
func weekStart(now time.Time) time.Time {
	t := now.In(app.Zone(app.DefaultTimeZone))
	back := (int(t.Weekday()) + 6) % 7
	return time.Date(t.Year(), t.Month(), t.Day()-back, 0, 0, 0, 0, t.Location())
}

// RouletteHour is when, Swedish time on Monday, the week's roulette is paired.
const RouletteHour = 8

// ScheduleRoulette enqueues the week's pairing once, whichever instance asks first: at
// RouletteHour on Monday, or at once when that has passed.
func ScheduleRoulette(ctx context.Context, s Enqueuer, now time.Time) error {
	at := weekStart(now).Add(RouletteHour * time.Hour)
	if at.Before(now) {
		at = now
	}
	_, err := s.EnqueueJob(ctx, app.NewJob{Kind: app.JobRoulette, RunAt: at, DedupKey: "roulette.pair:" + app.Week(now)})
	return err
}
