package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/ical/icaltest"
)

// TestCalendarFeeds: every calendar served parses in a third-party parser (ical.js), with
// the instants right through its VTIMEZONE and UIDs that stay the same; a feed shows what a
// visitor may see, and an event outside the visitor's audience is not found.
func TestCalendarFeeds(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		lars := p.mustUser("lars@ostersund.example", false)
		kommun := p.mustOrg("Östersunds kommun", "212000-2411", lars.ID)
		room, err := p.store.CreateRoom(ctx, app.RoomInput{Name: "Stora mötesrummet", Kind: "room", Capacity: 40})
		if err != nil {
			t.Fatal(err)
		}
		// On the hub's clock, within the room feed's half year (internal/ical's test crosses
		// the change to and from summer time).
		now := time.Now().In(stockholmZone(t))
		start := time.Date(now.Year(), now.Month(), now.Day()+10, 13, 0, 0, 0, now.Location())
		newEvent := func(title string, audience app.Audience, at time.Time) app.Event {
			in := app.EventInput{Type: "inspiration_lecture", Title: title, Description: "Om **AI**; med semikolon, och komma.",
				Start: at, End: at.Add(2 * time.Hour), Capacity: 40, RoomID: room.ID, Address: "Prästgatan 1, Östersund",
				Audience: audience, InvitedOrgIDs: []int64{kommun.ID}}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			e, err := p.store.CreateEvent(ctx, kommun.ID, lars.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		public := newEvent("AI i vård och omsorg", app.AudiencePublic, start)
		hidden := newEvent("Internt dialogmöte", app.AudienceInvited, start.Add(24*time.Hour))
		member := p.signedIn("lars@ostersund.example")
		local := start.Add(48 * time.Hour).Format("2006-01-02T15:04")
		member.post(fmt.Sprintf("/hub/rooms/%d/bookings", room.ID), url.Values{"title": {"Styrgrupp"}, "start": {local},
			"end": {start.Add(49 * time.Hour).Format("2006-01-02T15:04")}}).want(t, http.StatusSeeOther)

		visitor := p.browser()
		r := visitor.get(fmt.Sprintf("/events/%d/event.ics", public.ID))
		r.want(t, http.StatusOK, "BEGIN:VCALENDAR", "TZID:Europe/Stockholm")
		if ct := r.header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
			t.Errorf("Content-Type = %q", ct)
		}
		c := icaltest.Parse(t, []byte(r.body))
		if len(c.Events) != 1 {
			t.Fatalf("event feed has %d events", len(c.Events))
		}
		e := c.Events[0]
		uid := fmt.Sprintf("event-%d@%s", public.ID, strings.TrimPrefix(p.url, "http://"))
		if e.UID != uid || e.Summary != public.Title || !e.Start.Equal(start) || !e.End.Equal(start.Add(2*time.Hour)) ||
			e.Zone != "Europe/Stockholm" || !strings.Contains(e.Location, "Stora mötesrummet") || e.URL != fmt.Sprintf("%s/events/%d", p.url, public.ID) {
			t.Errorf("event read as %+v, want UID %s at %s", e, uid, start.UTC())
		}
		visitor.get(fmt.Sprintf("/events/%d/event.ics", hidden.ID)).want(t, http.StatusNotFound)
		if again := visitor.get(fmt.Sprintf("/events/%d/event.ics", public.ID)); again.body != r.body {
			t.Error("the same event's feed changed between two requests")
		}

		r = visitor.get(fmt.Sprintf("/hub/rooms/%d/bookings.ics", room.ID))
		r.want(t, http.StatusOK)
		c = icaltest.Parse(t, []byte(r.body))
		var summaries []string
		for _, x := range c.Events {
			summaries = append(summaries, x.Summary)
		}
		// The public event under its own UID, the hidden one and the booking only as taken.
		if len(c.Events) != 3 || c.Events[0].UID != uid || fmt.Sprint(summaries) != "[AI i vård och omsorg Upptaget Upptaget]" {
			t.Errorf("room feed: %v", c.Events)
		}
		if strings.Contains(r.body, "Internt dialogmöte") || strings.Contains(r.body, "Styrgrupp") {
			t.Error("the room's feed tells a visitor what the hidden event or the booking is")
		}
		visitor.get("/hub/rooms/999999/bookings.ics").want(t, http.StatusNotFound)
	})
}

// TestAgendaFeed: a person's own calendar holds the events they have a seat at (one for
// invited organisations too, since they may see it), not those they wait for; it is read
// without a session at an address with a secret, shown once, and a new address ends the old.
func TestAgendaFeed(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		lars := p.mustUser("lars@ostersund.example", false)
		anna := p.mustUser("anna@example.se", false)
		other := p.mustUser("other@example.se", false)
		kommun := p.mustOrg("Östersunds kommun", "212000-2411", lars.ID)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", anna.ID)
		start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
		event := func(title string, capacity int, audience app.Audience) app.Event {
			in := app.EventInput{Type: "conference", Title: title, Start: start, End: start.Add(time.Hour), Capacity: capacity, Address: "Östersund",
				Audience: audience, InvitedOrgIDs: []int64{region.ID}}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			e, err := p.store.CreateEvent(ctx, kommun.ID, lars.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		seat, full, invited, notMine := event("Med plats", 10, app.AudiencePublic), event("Fullt", 1, app.AudiencePublic),
			event("Bara inbjudna", 10, app.AudienceInvited), event("Inte anmäld", 10, app.AudiencePublic)
		if _, err := p.store.Register(ctx, app.Viewer{UserID: other.ID}, full.ID, app.RegistrationInput{}, time.Now()); err != nil {
			t.Fatal(err)
		}
		for _, e := range []app.Event{seat, full, invited} {
			if _, err := p.store.Register(ctx, app.Viewer{UserID: anna.ID, OrgIDs: []int64{region.ID}}, e.ID, app.RegistrationInput{}, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		b := p.signedIn("anna@example.se")
		address := func() string {
			r := b.post("/profile/calendar", nil)
			r.want(t, http.StatusOK, "Din kalenderadress visas bara nu.")
			m := regexp.MustCompile(`<code id="new-calendar">([^<]+)</code>`).FindStringSubmatch(r.body)
			if m == nil || !strings.HasPrefix(m[1], p.url+"/calendars/cal_") {
				t.Fatalf("no calendar address on the page")
			}
			return strings.TrimPrefix(m[1], p.url)
		}
		first := address()
		r := p.browser().get(first)
		r.want(t, http.StatusOK, "BEGIN:VCALENDAR")
		c := icaltest.Parse(t, []byte(r.body))
		var titles []string
		for _, e := range c.Events {
			titles = append(titles, e.Summary)
		}
		if c.Name != "Min kalender – Tillsammans" || fmt.Sprint(titles) != "[Med plats Bara inbjudna]" {
			t.Errorf("agenda %q holds %v", c.Name, titles)
		}
		if strings.Contains(r.body, notMine.Title) || strings.Contains(r.body, full.Title) {
			t.Error("the agenda holds an event without a seat")
		}
		second := address()
		p.browser().get(first).want(t, http.StatusNotFound)
		p.browser().get(second).want(t, http.StatusOK, "Med plats")
		p.browser().get("/calendars/cal_gissat/events.ics").want(t, http.StatusNotFound)
		p.browser().post("/profile/calendar", nil).want(t, http.StatusUnauthorized)
	})
}
