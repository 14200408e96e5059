package app_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// TestSeriesOccurrences: a repeated booking keeps its hour on the hub's clock across summer
// time, ends after a count or on a date (included), and refuses what it cannot book.
func TestSeriesOccurrences(t *testing.T) {
	hub := app.Zone(app.DefaultTimeZone)
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, hub)
	// Thursday 25 March 2027, 09:00–10:00; summer time starts on Sunday 28 March.
	start := time.Date(2027, 3, 25, 9, 0, 0, 0, hub)
	for _, c := range []struct {
		name   string
		repeat app.Repeat
		want   string // the starts, on the hub's clock
		bad    map[string]string
	}{
		{"weekly, a count, across summer time", app.Repeat{Frequency: "weekly", Count: 3}, "[03-25 09:00 04-01 09:00 04-08 09:00]", nil},
		{"daily until a date, which is included", app.Repeat{Frequency: "daily", Until: "2027-03-28"}, "[03-25 09:00 03-26 09:00 03-27 09:00 03-28 09:00]", nil},
		{"no end", app.Repeat{Frequency: "weekly"}, "", map[string]string{"count": "err.repeat_end"}},
		{"both ends", app.Repeat{Frequency: "weekly", Count: 3, Until: "2027-04-30"}, "", map[string]string{"count": "err.repeat_end"}},
		{"once is no series", app.Repeat{Frequency: "weekly", Count: 1}, "", map[string]string{"count": "err.repeat_count"}},
		{"an end before the second", app.Repeat{Frequency: "weekly", Until: "2027-03-30"}, "", map[string]string{"until": "err.repeat_count"}},
		{"too many", app.Repeat{Frequency: "daily", Count: app.MaxOccurrences + 1}, "", map[string]string{"count": "err.repeat_count"}},
		{"too far", app.Repeat{Frequency: "weekly", Until: "2028-06-01"}, "", map[string]string{"until": "err.repeat_too_long"}},
		{"not a date", app.Repeat{Frequency: "weekly", Until: "1 april"}, "", map[string]string{"until": "err.date"}},
		{"monthly", app.Repeat{Frequency: "monthly", Count: 3}, "", map[string]string{"frequency": "err.frequency"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := app.SeriesInput{BookingInput: app.BookingInput{Title: "Styrgrupp", Start: start, End: start.Add(time.Hour)}, Repeat: c.repeat}
			got, err := in.Normalise(now, hub)
			if c.bad != nil {
				if e := app.AsError(err); fmt.Sprint(e.Fields) != fmt.Sprint(c.bad) {
					t.Fatalf("err = %v, want fields %v", err, c.bad)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var starts []string
			for _, o := range got {
				if o.End.Sub(o.Start) != time.Hour {
					t.Errorf("occurrence %v lasts %v", o.Start, o.End.Sub(o.Start))
				}
				starts = append(starts, o.Start.In(hub).Format("01-02 15:04"))
			}
			if fmt.Sprint(starts) != c.want {
				t.Errorf("starts %v, want %s", starts, c.want)
			}
		})
	}
}
