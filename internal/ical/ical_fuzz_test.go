package ical_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/tillsammans/tillsammans/internal/ical"
)

// FuzzWrite: whatever people write in a title, description or place stays inside its own
// property: the calendar holds one event, no line is longer than RFC 5545 allows, and the
// text reads back as it was written.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"Dialogmöte; om trygghetslarm, i Sveg", "rad ett\nrad två", "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:inskjutet",
		`bak\snedstreck`, strings.Repeat("åäö", 40), "\x00\x7f"} {
		f.Add(s, s, s)
	}
	start := time.Date(2026, 12, 3, 13, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, summary, description, location string) {
		if !utf8.ValidString(summary + description + location) {
			return
		}
		var b bytes.Buffer
		err := ical.Write(&b, "Evenemang", []ical.Event{{UID: "event-1@tillsammans.example", Summary: summary, Description: description,
			Location: location, Start: start, End: start.Add(time.Hour), Zone: "Europe/Stockholm", Updated: start}})
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n") {
			if len(line) > 75 || strings.ContainsAny(line, "\r\n") {
				t.Fatalf("line %q", line)
			}
		}
		cal, err := ics.ParseCalendar(&b)
		if err != nil {
			t.Fatalf("the calendar does not parse: %v", err)
		}
		events := cal.Events()
		if len(events) != 1 {
			t.Fatalf("%d events from %q, %q, %q", len(events), summary, description, location)
		}
		for _, p := range []struct {
			prop ics.ComponentProperty
			want string
		}{{ics.ComponentPropertySummary, summary}, {ics.ComponentPropertyDescription, description}, {ics.ComponentPropertyLocation, location}} {
			got := ""
			if v := events[0].GetProperty(p.prop); v != nil {
				got = v.Value
			}
			if want := ical.Text(p.want); got != want && want != "" {
				t.Fatalf("%s: %q read back as %q", p.prop, p.want, got)
			}
		}
	})
}
