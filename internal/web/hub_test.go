package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/ical/icaltest"
)

func TestHubPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		karin := p.mustUser("karin@regionjh.example", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", karin.ID)
		p.mustUser("olle@example.se", false)
		room, err := p.store.CreateRoom(ctx, app.RoomInput{Name: "Stora mötesrummet", Kind: "room", Capacity: 40, Equipment: []string{"hörslinga"}})
		if err != nil {
			t.Fatal(err)
		}
		// An event for invited organisations only, held in the room.
		start := time.Now().In(stockholmZone(t)).Add(48 * time.Hour).Truncate(time.Hour)
		secret := app.EventInput{Type: "workshop", Title: "Hemligt dialogmöte", Start: start, End: start.Add(time.Hour), Capacity: 5,
			RoomID: room.ID, Audience: app.AudienceInvited, InvitedOrgIDs: []int64{region.ID}}
		if err := secret.Normalise(); err != nil {
			t.Fatal(err)
		}
		if _, err := p.store.CreateEvent(ctx, region.ID, karin.ID, secret); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/hub/rooms/%d", room.ID)
		visitor := p.browser()
		visitor.get("/hub").want(t, http.StatusOK, "Stora mötesrummet", "40 platser", "hörslinga", `href="`+path+`"`)
		r := visitor.get(path)
		r.want(t, http.StatusOK, "Upptaget", "Logga in för att boka")
		if strings.Contains(r.body, "Hemligt dialogmöte") {
			t.Error("a visitor sees the title of an event for invited organisations")
		}

		member := p.signedIn("karin@regionjh.example")
		member.get(path).want(t, http.StatusOK, "Hemligt dialogmöte", "Boka rummet")
		local := func(t time.Time) string { return t.Format("2006-01-02T15:04") }
		book := url.Values{"title": {"Styrgrupp"}, "start": {local(start.Add(-2 * time.Hour))}, "end": {local(start.Add(-time.Hour))}}
		member.post(path+"/bookings", book).want(t, http.StatusSeeOther)
		member.get(path).want(t, http.StatusOK, "Rummet är bokat.", "Styrgrupp", span(start.Add(-2*time.Hour), start.Add(-time.Hour)))

		// Over the event, or over the booking: 409, the time named; bad input: 422.
		clash := url.Values{"title": {"Krock"}, "start": {local(start.Add(-90 * time.Minute))}, "end": {local(start.Add(30 * time.Minute))}}
		member.post(path+"/bookings", clash).want(t, http.StatusConflict, "Rummet är redan bokat då.", `href="#f-start"`)
		member.post(path+"/bookings", url.Values{"title": {""}, "start": {"i morgon"}, "end": {local(start)}}).
			want(t, http.StatusUnprocessableEntity, "Ange datum och tid", "Måste fyllas i.")

		// Only members of an organisation book; only the booker cancels.
		olle := p.signedIn("olle@example.se")
		olle.get(path).want(t, http.StatusOK, "Rummen bokas av medlemmar")
		olle.post(path+"/bookings", book).want(t, http.StatusForbidden)
		bookings, err := p.store.Bookings(ctx, app.Viewer{Admin: true}, room.ID, start.Add(-3*time.Hour), start)
		if err != nil || len(bookings) != 1 {
			t.Fatalf("bookings = %+v, %v", bookings, err)
		}
		cancel := fmt.Sprintf("%s/bookings/%d/delete", path, bookings[0].ID)
		olle.post(cancel, nil).want(t, http.StatusForbidden)
		member.post(cancel, nil).want(t, http.StatusSeeOther)
		member.get(path).want(t, http.StatusOK, "Bokningen är avbokad.")
		visitor.get("/hub/rooms/999999").want(t, http.StatusNotFound)
	})
}

func stockholmZone(t *testing.T) *time.Location {
	t.Helper()
	l, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// span is how a page writes a time in Sweden.
func span(start, end time.Time) string { return app.Span(start, end, app.DefaultTimeZone) }

// TestRecurringBookingPages: a weekly booking from the room's page books every time at the
// same hour on the hub's clock, and the room's calendar holds each occurrence as ical.js
// reads it; a series that clashes names the date and books nothing; one occurrence, then
// the rest, are cancelled.
func TestRecurringBookingPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		karin := p.mustUser("karin@regionjh.example", false)
		p.mustOrg("Region Jämtland Härjedalen", "232100-0214", karin.ID)
		p.mustUser("olle@example.se", false)
		room, err := p.store.CreateRoom(ctx, app.RoomInput{Name: "Studio", Kind: "room", Capacity: 6})
		if err != nil {
			t.Fatal(err)
		}
		hub := stockholmZone(t)
		now := time.Now().In(hub)
		first := time.Date(now.Year(), now.Month(), now.Day()+2, 10, 0, 0, 0, hub)
		local := func(t time.Time) string { return t.Format("2006-01-02T15:04") }
		path := fmt.Sprintf("/hub/rooms/%d", room.ID)
		member := p.signedIn("karin@regionjh.example")
		weekly := url.Values{"title": {"Styrgrupp"}, "start": {local(first)}, "end": {local(first.Add(time.Hour))}, "frequency": {"weekly"}, "count": {"3"}}
		member.post(path+"/bookings", weekly).want(t, http.StatusSeeOther)
		member.get(path).want(t, http.StatusOK, "Rummet är bokat alla gångerna.", "Varje vecka", "Avboka alla kommande")

		r := p.browser().get(path + "/bookings.ics")
		r.want(t, http.StatusOK)
		c := icaltest.Parse(t, []byte(r.body))
		if len(c.Events) != 3 {
			t.Fatalf("the room's calendar holds %d entries, want 3", len(c.Events))
		}
		for i, e := range c.Events {
			want := first.AddDate(0, 0, 7*i)
			if !e.Start.Equal(want) || !e.End.Equal(want.Add(time.Hour)) || e.Summary != "Upptaget" || e.Zone != "Europe/Stockholm" {
				t.Errorf("occurrence %d read as %+v, want %s", i, e, want)
			}
		}

		// A daily series over the second week's time clashes once: 409, the date named, nothing booked.
		second := first.AddDate(0, 0, 7)
		daily := url.Values{"title": {"Krock"}, "start": {local(second.AddDate(0, 0, -1))}, "end": {local(second.AddDate(0, 0, -1).Add(time.Hour))},
			"frequency": {"daily"}, "until": {second.AddDate(0, 0, 1).Format(time.DateOnly)}}
		member.post(path+"/bookings", daily).want(t, http.StatusConflict, "så inget bokades: "+second.Format(time.DateOnly)+".")
		member.post(path+"/bookings", url.Values{"title": {"X"}, "start": {local(first)}, "end": {local(first.Add(time.Hour))}, "frequency": {"weekly"}}).
			want(t, http.StatusUnprocessableEntity, "Ange antingen hur många gånger eller till vilket datum")
		bookings, err := p.store.Bookings(ctx, app.Viewer{Admin: true}, room.ID, first.AddDate(0, 0, -2), first.AddDate(0, 1, 0))
		if err != nil || len(bookings) != 3 {
			t.Fatalf("bookings = %+v, %v; want the weekly 3", bookings, err)
		}

		p.signedIn("olle@example.se").post(fmt.Sprintf("%s/bookings/%d/series/delete", path, bookings[0].ID), nil).want(t, http.StatusForbidden)
		member.post(fmt.Sprintf("%s/bookings/%d/delete", path, bookings[1].ID), nil).want(t, http.StatusSeeOther)
		member.post(fmt.Sprintf("%s/bookings/%d/series/delete", path, bookings[0].ID), nil).want(t, http.StatusSeeOther)
		member.get(path).want(t, http.StatusOK, "Resten av den återkommande bokningen är avbokad.", "Inga bokningar")
	})
}
