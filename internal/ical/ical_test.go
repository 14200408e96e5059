package ical_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/ical"
	"github.com/tillsammans/tillsammans/internal/ical/icaltest"
)

// TestWriteParses: ical.js reads what Write writes, and computes the same instants through
// the VTIMEZONE the calendar carries, on both sides of the change to and from summer time,
// for several zones in one calendar.
func TestWriteParses(t *testing.T) {
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	winter := time.Date(2026, 12, 3, 13, 0, 0, 0, stockholm)
	summer := time.Date(2027, 6, 10, 9, 30, 0, 0, stockholm)
	// 30 March 2025: the clocks went from 02:00 to 03:00 in Sweden; 01:30 is before it.
	beforeChange := time.Date(2025, 3, 30, 1, 30, 0, 0, stockholm)
	updated := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	events := []ical.Event{
		{UID: "event-1@tillsammans.example", Summary: "Inspirationsföreläsning: AI i vård och omsorg, med ett namn som är längre än en rad i en kalenderfil",
			Description: "Rad ett\nRad två; med semikolon, och komma", Location: "Stora mötesrummet, E-hälsocentrum, Östersund",
			URL: "https://tillsammans.example/events/1", Start: winter, End: winter.Add(2 * time.Hour), Zone: "Europe/Stockholm", Updated: updated},
		{UID: "event-2@tillsammans.example", Summary: "Sommarmöte", Start: summer, End: summer.Add(time.Hour), Zone: "Europe/Stockholm", Updated: updated},
		{UID: "event-3@tillsammans.example", Summary: "Natt före omställningen", Start: beforeChange, End: beforeChange.Add(2 * time.Hour),
			Zone: "Europe/Stockholm", Updated: updated},
		{UID: "event-4@tillsammans.example", Summary: "Møte i Levanger", Start: winter, End: winter.Add(time.Hour), Zone: "Europe/Oslo", Updated: updated},
		{UID: "event-5@tillsammans.example", Summary: "Webinar from Newfoundland", Start: summer, End: summer.Add(time.Hour), Zone: "America/St_Johns", Updated: updated},
	}
	var b bytes.Buffer
	if err := ical.Write(&b, "E-hälsocentrum", events); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{"BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n", "DTSTART;TZID=Europe/Stockholm:20261203T130000\r\n",
		"TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST", "PRODID:" + ical.ProductID} {
		if !strings.Contains(text, want) {
			t.Errorf("calendar lacks %q:\n%s", want, text)
		}
	}
	c := icaltest.Parse(t, b.Bytes())
	if c.Name != "E-hälsocentrum" || strings.Join(c.Zones, ",") != "America/St_Johns,Europe/Oslo,Europe/Stockholm" {
		t.Errorf("calendar %q with zones %v", c.Name, c.Zones)
	}
	if len(c.Events) != len(events) {
		t.Fatalf("%d events read, want %d", len(c.Events), len(events))
	}
	for i, got := range c.Events {
		want := events[i]
		if got.UID != want.UID || got.Summary != want.Summary || got.Zone != want.Zone || got.Description != want.Description ||
			got.Location != want.Location || got.URL != want.URL {
			t.Errorf("event %d read as %+v", i, got)
		}
		if !got.Start.Equal(want.Start) || !got.End.Equal(want.End) {
			t.Errorf("%s: read %s–%s, want %s–%s", want.Summary, got.Start, got.End, want.Start.UTC(), want.End.UTC())
		}
	}
	if err := ical.Write(&b, "x", []ical.Event{{UID: "x", Start: winter, End: winter, Zone: "Mars/Olympus_Mons"}}); err == nil {
		t.Error("an unknown zone was written")
	}
}

// TestWriteAllDay: an entry for a whole day (a milestone) is a DATE that ical.js reads as
// that day, whatever zone its time was in, needs no VTIMEZONE of its own, and sits beside
// timed entries.
func TestWriteAllDay(t *testing.T) {
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	updated := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	// Late in the evening in Newfoundland is the next day in UTC: the date as given counts.
	stJohns, _ := time.LoadLocation("America/St_Johns")
	milestone := ical.Event{UID: "project-1-milestone-0@tillsammans.example", Summary: "Utvärdering klar", AllDay: true,
		Start: time.Date(2027, 3, 15, 23, 0, 0, 0, stJohns), Updated: updated}
	meeting := time.Date(2027, 3, 16, 10, 0, 0, 0, stockholm)
	var b bytes.Buffer
	if err := ical.Write(&b, "Milstolpar", []ical.Event{milestone}); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{"DTSTART;VALUE=DATE:20270315\r\n", "DTEND;VALUE=DATE:20270316\r\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("calendar lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "VTIMEZONE") {
		t.Errorf("a calendar of days only carries a VTIMEZONE:\n%s", text)
	}
	b.Reset()
	if err := ical.Write(&b, "Milstolpar", []ical.Event{milestone, {UID: "event-1@tillsammans.example", Summary: "Styrgrupp", Start: meeting,
		End: meeting.Add(time.Hour), Zone: "Europe/Stockholm", Updated: updated}}); err != nil {
		t.Fatal(err)
	}
	c := icaltest.Parse(t, b.Bytes())
	if len(c.Events) != 2 || strings.Join(c.Zones, ",") != "Europe/Stockholm" {
		t.Fatalf("read %+v", c)
	}
	if m := c.Events[0]; !m.AllDay || m.Day != "2027-03-15" || m.EndDay != "2027-03-16" || m.UID != milestone.UID {
		t.Errorf("milestone read as %+v", m)
	}
	if e := c.Events[1]; e.AllDay || !e.Start.Equal(meeting) || e.Zone != "Europe/Stockholm" {
		t.Errorf("meeting read as %+v", e)
	}
}
