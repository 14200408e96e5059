// Package ical writes iCalendar (RFC 5545) feeds: events, room bookings, funding deadlines
// and project milestones. Times are written on the wall clock of each event's IANA zone
// with its TZID, and the calendar carries a VTIMEZONE for every zone it uses, built from
// Go's zone data, so that a client shows the right hour across daylight saving time. An
// entry for a whole day (a milestone due on a date) is a DATE, which belongs to no zone.
package ical

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"
)

// ProductID names the platform as the writer of the calendars.
const ProductID = "-//Tillsammans//Tillsammans//SV"

// Event is one calendar entry.
type Event struct {
	// UID must stay the same for the same entry in every feed and every time it is served,
	// so that a calendar client updates the entry rather than adding a second.
	UID         string
	Summary     string
	Description string
	Location    string
	URL         string
	Start, End  time.Time
	// AllDay makes the entry the whole day of Start's date (as Start's location has it),
	// written as a DATE; End and Zone are then not used.
	AllDay bool
	// Zone is the IANA zone whose wall clock the times are written on.
	Zone string
	// Updated is when the entry last changed (DTSTAMP and LAST-MODIFIED).
	Updated time.Time
	// Cancelled marks an entry called off (STATUS:CANCELLED, with a higher SEQUENCE), so
	// that a client that has it takes it off the calendar.
	Cancelled bool
}

// Write writes a calendar called name holding events, with a VTIMEZONE for each zone used.
// A zone Go does not know is an error.
func Write(w io.Writer, name string, events []Event) error {
	cal := ics.NewCalendar()
	cal.SetProductId(ProductID)
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(name)
	cal.SetXWRCalName(name)
	spans := map[string][2]time.Time{} // zone → the first start and last end it must cover
	var zones []string
	for _, e := range events {
		if e.AllDay {
			continue
		}
		s, ok := spans[e.Zone]
		if !ok {
			zones = append(zones, e.Zone)
			s = [2]time.Time{e.Start, e.End}
		}
		spans[e.Zone] = [2]time.Time{minTime(s[0], e.Start), maxTime(s[1], e.End)}
	}
	slices.Sort(zones)
	locs := make(map[string]*time.Location, len(zones))
	for _, z := range zones {
		loc, err := time.LoadLocation(z)
		if err != nil || z == "" || z == "Local" {
			return fmt.Errorf("ical: time zone %q: %v", z, err)
		}
		locs[z] = loc
		addTimezone(cal, z, loc, spans[z][0], spans[z][1])
	}
	for _, e := range events {
		v := cal.AddEvent(e.UID)
		v.SetDtStampTime(e.Updated)
		v.SetModifiedAt(e.Updated)
		if e.AllDay {
			// DTEND of a DATE is the day after: the entry covers the one day.
			day := time.Date(e.Start.Year(), e.Start.Month(), e.Start.Day(), 0, 0, 0, 0, time.UTC)
			v.SetAllDayStartAt(day)
			v.SetAllDayEndAt(day.AddDate(0, 0, 1))
		} else {
			loc := locs[e.Zone]
			v.SetProperty(ics.ComponentPropertyDtStart, e.Start.In(loc).Format(localFormat), ics.WithTZID(e.Zone))
			v.SetProperty(ics.ComponentPropertyDtEnd, e.End.In(loc).Format(localFormat), ics.WithTZID(e.Zone))
		}
		v.SetSummary(Text(e.Summary))
		if e.Description != "" {
			v.SetDescription(Text(e.Description))
		}
		if e.Location != "" {
			v.SetLocation(Text(e.Location))
		}
		if e.URL != "" {
			v.SetURL(e.URL)
		}
		if e.Cancelled {
			v.SetStatus(ics.ObjectStatusCancelled)
			v.SetSequence(1)
		}
	}
	// RFC 5545 ends lines with CRLF, whatever the platform.
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

const localFormat = "20060102T150405"

// Text is s as an iCalendar TEXT value may hold it (RFC 5545 3.3.11): line breaks of any
// kind become one newline (which the writer escapes), and other control characters, which
// TEXT may not hold and a lenient reader might take for a line break, are left out.
func Text(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// addTimezone describes a zone over [from, to], with a year's margin on each side: the
// offset in force before from, then each change of offset (to and from daylight saving
// time) as an observance of its own.
func addTimezone(cal *ics.Calendar, id string, loc *time.Location, from, to time.Time) {
	from, to = from.AddDate(-1, 0, 0), to.AddDate(1, 0, 0)
	tz := cal.AddTimezone(id)
	first := from.In(loc)
	name, offset := first.Zone()
	observe(tz, first.IsDST(), time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), offset, offset, name)
	// Offsets change at most a few times a year; a day's steps find each change, and a
	// search within the day finds its second.
	for t := from; t.Before(to); t = t.Add(24 * time.Hour) {
		next := t.Add(24 * time.Hour)
		if _, o := next.In(loc).Zone(); o == offset {
			continue
		}
		lo, hi := t, next
		for hi.Sub(lo) > time.Second {
			mid := lo.Add(hi.Sub(lo) / 2)
			if _, o := mid.In(loc).Zone(); o == offset {
				lo = mid
			} else {
				hi = mid
			}
		}
		at := hi.Truncate(time.Second).In(loc)
		newName, newOffset := at.Zone()
		// An observance starts on the wall clock of the offset it replaces.
		observe(tz, at.IsDST(), at.In(time.FixedZone("", offset)), offset, newOffset, newName)
		offset = newOffset
	}
}

func observe(tz *ics.VTimezone, dst bool, start time.Time, from, to int, name string) {
	var c *ics.ComponentBase
	if dst {
		d := &ics.Daylight{}
		tz.Components = append(tz.Components, d)
		c = &d.ComponentBase
	} else {
		c = &tz.AddStandard().ComponentBase
	}
	c.AddProperty(ics.ComponentProperty(ics.PropertyDtstart), start.Format(localFormat))
	c.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(from))
	c.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(to))
	c.AddProperty(ics.ComponentProperty(ics.PropertyTzname), name)
}

// utcOffset writes seconds east of UTC as iCalendar does: +0100, -0330.
func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	return fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec%3600/60)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
