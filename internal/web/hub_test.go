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

// TestHubTodayAndVisitorPages: members check in and out; who is here is listed to those
// signed in, never to a visitor of the site. A host registers visitors and sees their own;
// the hub's staff see every one.
func TestHubTodayAndVisitorPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		karin := p.mustUser("karin@regionjh.example", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", karin.ID)
		erik := p.mustUser("erik@regionjh.example", false)
		if err := p.store.AddRole(ctx, region.ID, erik.ID, app.RoleMember); err != nil {
			t.Fatal(err)
		}
		p.mustUser("olle@example.se", false)
		p.mustUser("alva@example.se", true)
		member := p.signedIn("karin@regionjh.example")
		member.get("/hub").want(t, http.StatusOK, "På hubben i dag", "Ingen har checkat in i dag.", "Checka in")
		member.post("/hub/check-in", url.Values{"organisation_id": {fmt.Sprint(region.ID)}}).want(t, http.StatusSeeOther)
		member.get("/hub").want(t, http.StatusOK, "Du är incheckad", "karin", "Region Jämtland Härjedalen", "Checka ut")
		p.signedIn("olle@example.se").get("/hub").want(t, http.StatusOK, "karin", "Region Jämtland Härjedalen")
		r := p.browser().get("/hub")
		r.want(t, http.StatusOK, "Logga in för att se vilka som är på hubben i dag")
		if strings.Contains(r.body, "karin") {
			t.Error("a visitor of the site sees who is at the hub")
		}
		p.signedIn("olle@example.se").post("/hub/check-in", nil).want(t, http.StatusForbidden)
		member.post("/hub/check-out", nil).want(t, http.StatusSeeOther)
		member.get("/hub").want(t, http.StatusOK, "Du är utcheckad.", "Ingen har checkat in i dag.")

		today := time.Now().In(stockholmZone(t)).Format(time.DateOnly)
		member.get("/hub/visitors").want(t, http.StatusOK, "Anmäl besökare", `value="`+today+`"`)
		member.post("/hub/visitors", url.Values{"name": {""}, "date": {"2000-01-01"}}).
			want(t, http.StatusUnprocessableEntity, `href="#f-name"`, "Ange en dag från i dag")
		member.post("/hub/visitors", url.Values{"name": {"Sara Nilsson"}, "organisation": {"Hälsoteknik AB"}, "date": {today}}).want(t, http.StatusSeeOther)
		member.get("/hub/visitors").want(t, http.StatusOK, "Besökaren är anmäld.", "Sara Nilsson", "Hälsoteknik AB")
		p.signedIn("alva@example.se").get("/hub/visitors").want(t, http.StatusOK, "Alla besökare som väntas", "Sara Nilsson", "karin")
		colleague := p.signedIn("erik@regionjh.example")
		if r := colleague.get("/hub/visitors"); strings.Contains(r.body, "Sara Nilsson") {
			t.Error("a colleague sees the host's visitor")
		}
		p.signedIn("olle@example.se").get("/hub/visitors").want(t, http.StatusForbidden)
		visits, err := p.store.Visitors(ctx, app.Viewer{Admin: true}, today, today)
		if err != nil || len(visits) != 1 {
			t.Fatalf("visits = %v, %v", visits, err)
		}
		colleague.post(fmt.Sprintf("/hub/visitors/%d/delete", visits[0].ID), nil).want(t, http.StatusNotFound)
		member.post(fmt.Sprintf("/hub/visitors/%d/delete", visits[0].ID), nil).want(t, http.StatusSeeOther)
		member.get("/hub/visitors").want(t, http.StatusOK, "Besöket är borttaget.", "Inga besökare.")
	})
}

// TestAdminRooms: a platform admin adds and changes rooms and desks from the web, with bad
// input answered per field; nobody else may.
func TestAdminRooms(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		p.mustUser("alva@example.se", true)
		karin := p.mustUser("karin@regionjh.example", false)
		p.mustOrg("Region Jämtland Härjedalen", "232100-0214", karin.ID)
		p.signedIn("karin@regionjh.example").get("/admin/rooms").want(t, http.StatusForbidden)
		p.signedIn("karin@regionjh.example").post("/admin/rooms", url.Values{"name": {"Smygrum"}, "capacity": {"4"}}).want(t, http.StatusForbidden)
		admin := p.signedIn("alva@example.se")
		admin.get("/admin/rooms").want(t, http.StatusOK, "Lägg till rum eller arbetsplats", "Hubben har inga rum ännu.")
		admin.post("/admin/rooms", url.Values{"name": {""}, "kind": {"room"}, "capacity": {"0"}}).
			want(t, http.StatusUnprocessableEntity, `href="#f-name"`, `href="#f-capacity"`)
		admin.post("/admin/rooms", url.Values{"name": {"Ärlan"}, "kind": {"room"}, "capacity": {"4"}, "equipment": {"skärm, hörslinga"}}).want(t, http.StatusSeeOther)
		rooms, err := p.store.ListRooms(ctx)
		if err != nil || len(rooms) != 1 || fmt.Sprint(rooms[0].Equipment) != "[skärm hörslinga]" {
			t.Fatalf("rooms = %+v, %v", rooms, err)
		}
		edit := fmt.Sprintf("/admin/rooms/%d/edit", rooms[0].ID)
		admin.get(edit).want(t, http.StatusOK, `value="Ärlan"`, `value="skärm, hörslinga"`)
		admin.post(edit, url.Values{"name": {"Ärlan"}, "kind": {"desk"}, "capacity": {"1"}, "equipment": {"skärm"}, "description": {"Vid fönstret"}}).want(t, http.StatusSeeOther)
		admin.get("/admin/rooms").want(t, http.StatusOK, "Rummet är sparat.", "Arbetsplats")
		p.browser().get("/hub").want(t, http.StatusOK, "Ärlan", "Vid fönstret", "1 platser")
		admin.get("/admin/rooms/999999/edit").want(t, http.StatusNotFound)
	})
}
