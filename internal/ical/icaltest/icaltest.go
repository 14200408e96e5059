// Package icaltest reads iCalendar text with a third-party parser, ical.js run by node, so
// that tests know that a calendar client reads what the platform serves. Without node the
// test is skipped, and fails under CI=true.
package icaltest

import (
	"embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

//go:embed testdata/ical.js testdata/parse.mjs
var parser embed.FS

// Calendar is what ical.js read.
type Calendar struct {
	Name   string   `json:"name"`
	Zones  []string `json:"zones"`
	Events []Event  `json:"events"`
}

// Event is one VEVENT as ical.js read it; Start and End are the instants it computed
// through the calendar's own VTIMEZONE.
type Event struct {
	UID         string    `json:"uid"`
	Summary     string    `json:"summary"`
	Description string    `json:"description"`
	Location    string    `json:"location"`
	URL         string    `json:"url"`
	Status      string    `json:"status"`
	Sequence    int       `json:"sequence"`
	Zone        string    `json:"zone"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	// AllDay entries have a DATE: Day is the day (YYYY-MM-DD) and EndDay the day after.
	AllDay bool   `json:"all_day"`
	Day    string `json:"day"`
	EndDay string `json:"end_day"`
}

// Parse parses ics with ical.js and fails the test if it cannot.
func Parse(t testing.TB, ics []byte) Calendar {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		storetest.Skip(t, "iCalendar check: node is missing (apt-get install nodejs)")
	}
	dir := t.TempDir()
	for _, name := range []string{"ical.js", "parse.mjs"} {
		b, err := parser.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	input := filepath.Join(dir, "input.ics")
	if err := os.WriteFile(input, ics, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, filepath.Join(dir, "parse.mjs"), input).Output()
	if err != nil {
		var stderr []byte
		if e, ok := err.(*exec.ExitError); ok {
			stderr = e.Stderr
		}
		t.Fatalf("ical.js cannot parse the calendar: %v\n%s\n--- calendar:\n%s", err, stderr, ics)
	}
	var c Calendar
	if err := json.Unmarshal(out, &c); err != nil {
		t.Fatalf("ical.js output %q: %v", out, err)
	}
	return c
}
