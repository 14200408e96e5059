package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// eventJSON is a valid event for organisation orgID a week ahead, on the hub's clock.
func eventJSON(orgID int64, title string, capacity int, extra string) string {
	start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour).UTC()
	return fmt.Sprintf(`{"organisation_id": %d, "type": "workshop", "title": %q, "start": %q, "end": %q, "capacity": %d, "address": "Östersund"%s}`,
		orgID, title, start.Format(time.RFC3339), start.Add(2*time.Hour).Format(time.RFC3339), capacity, extra)
}

func TestEventsAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		lars, larsToken := e.person(t, "Lars", false)
		_, annaToken := e.person(t, "Anna", false)
		_, bengtToken := e.person(t, "Bengt", false)
		kommun := e.org(t, kommun("Östersunds kommun", 1), lars.ID)

		// Only those who run the organisation's events create them; bad input is named per field.
		e.do(t, call{method: "POST", path: "/api/v1/events", token: annaToken, body: eventJSON(kommun.ID, "Smyg", 5, "")}).
			want(t, http.StatusForbidden, "forbidden")
		e.do(t, call{method: "POST", path: "/api/v1/events", body: eventJSON(kommun.ID, "Smyg", 5, ""), req: reqInvalid}).
			want(t, http.StatusUnauthorized, "unauthenticated")
		e.do(t, call{method: "POST", path: "/api/v1/events", token: larsToken, lang: "en",
			body: eventJSON(kommun.ID, "Fel", 5, `, "time_zone": "Mars/Olympus", "online_url": "ftp://x", "audience": "invited"`)}).
			want(t, http.StatusUnprocessableEntity, "invalid", "time_zone", "online_url", "invited_organisation_ids")
		r := e.do(t, call{method: "POST", path: "/api/v1/events", token: larsToken, body: eventJSON(kommun.ID, "Workshop om egenvård", 1, "")})
		r.want(t, http.StatusCreated, "")
		var ev app.Event
		r.decode(t, &ev)
		if ev.TimeZone != "Europe/Stockholm" || ev.Capacity != 1 || ev.Audience != app.AudiencePublic || r.header.Get("Location") != fmt.Sprintf("/api/v1/events/%d", ev.ID) {
			t.Errorf("created %+v at %s", ev, r.header.Get("Location"))
		}
		path := fmt.Sprintf("/api/v1/events/%d", ev.ID)
		e.do(t, call{method: "GET", path: path}).want(t, http.StatusOK, "")
		var list struct{ Items []app.Event }
		e.do(t, call{method: "GET", path: "/api/v1/events?organisation_id=" + fmt.Sprint(kommun.ID)}).decode(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != ev.ID {
			t.Errorf("list = %+v", list.Items)
		}
		e.do(t, call{method: "GET", path: "/api/v1/events?organisation_id=x", req: reqInvalid}).want(t, http.StatusBadRequest, "invalid", "organisation_id")

		// One seat: Anna gets it, Bengt waits, and gets it when Anna cancels.
		var reg app.Registration
		e.do(t, call{method: "POST", path: path + "/registration", token: annaToken, body: `{"dietary": "Vegetarisk"}`}).decode(t, &reg)
		if reg.Status != app.StatusRegistered || reg.Dietary != "Vegetarisk" {
			t.Errorf("Anna = %+v", reg)
		}
		e.do(t, call{method: "POST", path: path + "/registration", token: bengtToken, body: `{}`}).decode(t, &reg)
		if reg.Status != app.StatusWaiting || reg.Position != 1 {
			t.Errorf("Bengt = %+v", reg)
		}
		e.do(t, call{method: "POST", path: path + "/registration", token: bengtToken, body: `{}`}).want(t, http.StatusConflict, "conflict")
		e.do(t, call{method: "DELETE", path: path + "/registration", token: annaToken}).want(t, http.StatusNoContent, "")
		e.do(t, call{method: "DELETE", path: path + "/registration", token: annaToken}).want(t, http.StatusNotFound, "not_found")
		e.do(t, call{method: "GET", path: path + "/registration", token: bengtToken}).decode(t, &reg)
		if reg.Status != app.StatusRegistered || reg.PromotedAt == nil {
			t.Errorf("Bengt after Anna cancelled = %+v", reg)
		}

		// The organiser's list and check-in.
		e.do(t, call{method: "GET", path: path + "/registrations", token: bengtToken}).want(t, http.StatusForbidden, "forbidden")
		var regs struct{ Items []app.Registration }
		e.do(t, call{method: "GET", path: path + "/registrations", token: larsToken}).decode(t, &regs)
		if len(regs.Items) != 1 || regs.Items[0].User.Email != "bengt@example.se" {
			t.Fatalf("registrations = %+v", regs.Items)
		}
		e.do(t, call{method: "PUT", path: fmt.Sprintf("%s/registrations/%d/check-in", path, regs.Items[0].ID), token: larsToken,
			body: `{"checked_in": true}`}).decode(t, &reg)
		if reg.CheckedInAt == nil {
			t.Error("not checked in")
		}

		// PATCH changes what it names, and null clears a registration time.
		r = e.do(t, call{method: "PATCH", path: path, token: larsToken, body: `{"capacity": 10, "registration_closes": null, "title": "Workshop, del 1"}`})
		r.decode(t, &ev)
		if ev.Capacity != 10 || ev.Title != "Workshop, del 1" || ev.RegistrationCloses != nil || ev.Type != "workshop" {
			t.Errorf("patched = %+v", ev)
		}
		e.do(t, call{method: "PATCH", path: path, token: annaToken, body: `{"capacity": 1}`}).want(t, http.StatusForbidden, "forbidden")
		e.do(t, call{method: "PATCH", path: path, token: larsToken, body: `{"capacity": 0}`, req: reqInvalid}).want(t, http.StatusUnprocessableEntity, "invalid", "capacity")
		// Minutes are for dialogue meetings only.
		e.do(t, call{method: "PUT", path: path + "/minutes", token: larsToken, body: `{"minutes": "Anteckningar"}`}).want(t, http.StatusNotFound, "not_found")
		e.do(t, call{method: "PUT", path: path + "/minutes", token: annaToken, body: `{"minutes": "Anteckningar"}`}).want(t, http.StatusForbidden, "forbidden")
		need := app.NeedInput{Title: "Nattillsyn", HowMightWe: "Hur kan vi se till äldre nattetid?", Problem: "Långt att åka.", Visibility: app.VisiblePublic, Urgency: "low"}
		if err := need.Normalise(); err != nil {
			t.Fatal(err)
		}
		n, err := e.store.CreateNeed(context.Background(), kommun.ID, lars.ID, need)
		if err != nil {
			t.Fatal(err)
		}
		held := app.EventInput{Type: app.DialogueType, Title: "Dialogmöte som varit", Start: time.Now().Add(-3 * time.Hour), End: time.Now().Add(-time.Hour),
			Capacity: 10, Address: "Östersund", NeedID: n.ID, Categories: []string{"nattillsyn"}}
		if err := held.Normalise(); err != nil {
			t.Fatal(err)
		}
		d, err := e.store.CreateEvent(context.Background(), kommun.ID, lars.ID, held)
		if err != nil {
			t.Fatal(err)
		}
		minutes := fmt.Sprintf("/api/v1/events/%d/minutes", d.ID)
		e.do(t, call{method: "PUT", path: minutes, token: larsToken, body: `{"minutes": "Tre leverantörer beskrev sina lösningar."}`}).decode(t, &ev)
		if ev.MinutesPublishedAt == nil || ev.Minutes != "Tre leverantörer beskrev sina lösningar." || ev.Audience != app.AudienceInvited {
			t.Errorf("after the minutes: %+v", ev)
		}
		e.do(t, call{method: "PUT", path: minutes, token: larsToken, body: `{"minutes": "Igen"}`}).want(t, http.StatusConflict, "conflict")
	})
}

func TestRoomsAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		_, adminToken := e.person(t, "Alva", true)
		karin, karinToken := e.person(t, "Karin", false)
		_, olleToken := e.person(t, "Olle", false)
		e.org(t, kommun("Östersunds kommun", 1), karin.ID)

		e.do(t, call{method: "POST", path: "/api/v1/rooms", token: karinToken, body: `{"name": "Studio", "capacity": 6}`}).want(t, http.StatusForbidden, "forbidden")
		e.do(t, call{method: "POST", path: "/api/v1/rooms", token: adminToken, body: `{"name": "", "capacity": 0, "kind": "slott"}`, req: reqInvalid}).
			want(t, http.StatusUnprocessableEntity, "invalid", "name", "capacity", "kind")
		var room app.Room
		e.do(t, call{method: "POST", path: "/api/v1/rooms", token: adminToken, body: `{"name": "Studio", "capacity": 6, "equipment": ["kamera"]}`}).decode(t, &room)
		path := fmt.Sprintf("/api/v1/rooms/%d", room.ID)
		var rooms struct{ Items []app.Room }
		e.do(t, call{method: "GET", path: "/api/v1/rooms"}).decode(t, &rooms)
		if len(rooms.Items) != 1 || rooms.Items[0].Equipment[0] != "kamera" {
			t.Errorf("rooms = %+v", rooms.Items)
		}

		start := time.Now().Add(24 * time.Hour).Truncate(time.Hour).UTC()
		booking := func(from, to time.Time) string {
			return fmt.Sprintf(`{"title": "Inspelning", "start": %q, "end": %q}`, from.Format(time.RFC3339), to.Format(time.RFC3339))
		}
		e.do(t, call{method: "POST", path: path + "/bookings", body: booking(start, start.Add(time.Hour)), req: reqInvalid}).want(t, http.StatusUnauthorized, "unauthenticated")
		e.do(t, call{method: "POST", path: path + "/bookings", token: olleToken, body: booking(start, start.Add(time.Hour))}).want(t, http.StatusForbidden, "forbidden")
		var b app.Booking
		e.do(t, call{method: "POST", path: path + "/bookings", token: karinToken, body: booking(start, start.Add(time.Hour))}).decode(t, &b)
		e.do(t, call{method: "POST", path: path + "/bookings", token: karinToken, body: booking(start.Add(30*time.Minute), start.Add(2*time.Hour))}).
			want(t, http.StatusConflict, "conflict", "start")
		e.do(t, call{method: "POST", path: path + "/bookings", token: karinToken, body: booking(start, start.Add(-time.Hour))}).
			want(t, http.StatusUnprocessableEntity, "invalid", "end")

		// A visitor sees that the room is taken, not what for or by whom.
		r := e.do(t, call{method: "GET", path: path + "/bookings"})
		r.want(t, http.StatusOK, "")
		if strings.Contains(string(r.body), "Inspelning") || strings.Contains(string(r.body), "Karin") || !strings.Contains(string(r.body), `"id":`+fmt.Sprint(b.ID)) {
			t.Errorf("a visitor reads %s", r.body)
		}
		var bs struct{ Items []app.Booking }
		e.do(t, call{method: "GET", path: path + "/bookings", token: olleToken}).decode(t, &bs)
		if len(bs.Items) != 1 || bs.Items[0].Title != "Inspelning" || bs.Items[0].User.Name != "Karin" {
			t.Errorf("a signed-in person reads %+v", bs.Items)
		}
		e.do(t, call{method: "GET", path: path + "/bookings?from=" + start.Format(time.RFC3339) + "&to=" + start.Add(-time.Hour).Format(time.RFC3339)}).
			want(t, http.StatusBadRequest, "invalid", "to")

		bpath := fmt.Sprintf("%s/bookings/%d", path, b.ID)
		e.do(t, call{method: "DELETE", path: bpath, token: olleToken}).want(t, http.StatusForbidden, "forbidden")
		e.do(t, call{method: "DELETE", path: bpath, token: karinToken}).want(t, http.StatusNoContent, "")
		e.do(t, call{method: "DELETE", path: bpath, token: karinToken}).want(t, http.StatusNotFound, "not_found")
		e.do(t, call{method: "GET", path: "/api/v1/rooms/999999"}).want(t, http.StatusNotFound, "not_found")
	})
}

// TestEventLinksMaterialsAndCancellationAPI: an organiser links needs and calls and adds a
// link; a caller sees a linked need only if they may see the need; calling the event off
// closes it, once, for its organisers only.
func TestEventLinksMaterialsAndCancellationAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		lars, larsToken := e.person(t, "Lars", false)
		_, annaToken := e.person(t, "Anna", false)
		kommun := e.org(t, kommun("Östersunds kommun", 1), lars.ID)
		newNeed := func(title string, vis app.Visibility) app.Need {
			in := app.NeedInput{Title: title, HowMightWe: "Hur kan vi " + title + "?", Problem: "Långt att åka.", Visibility: vis, Urgency: "low",
				CareSettings: []string{"primarvard"}}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			n, err := e.store.CreateNeed(ctx, kommun.ID, lars.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			if n, err = e.store.TransitionNeed(ctx, n.ID, n.State, lars.ID, app.TransitionInput{To: app.StateSubmitted}); err != nil {
				t.Fatal(err)
			}
			return n
		}
		open, closed := newNeed("trygg hemgång", app.VisiblePublic), newNeed("intern nattillsyn", app.VisibleOrganisation)
		ci := app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen", Deadlines: []app.Deadline{{Stage: "Ansökan", Local: "2099-02-15T17:00", TimeZone: "Europe/Stockholm"}},
			CallRules: app.CallRules{Currency: "EUR"}}
		if err := ci.Normalise(); err != nil {
			t.Fatal(err)
		}
		c, err := e.store.CreateCall(ctx, 0, ci)
		if err != nil {
			t.Fatal(err)
		}
		var ev app.Event
		e.do(t, call{method: "POST", path: "/api/v1/events", token: larsToken,
			body: eventJSON(kommun.ID, "Workshop om hemgång", 10, fmt.Sprintf(`, "need_ids": [%d, %d], "call_ids": [%d]`, open.ID, closed.ID, c.ID))}).decode(t, &ev)
		if len(ev.Needs) != 2 || len(ev.Calls) != 1 || ev.Calls[0].Title != "Hälsa över gränsen" {
			t.Errorf("the organiser reads needs %v and calls %v", ev.Needs, ev.Calls)
		}
		path := fmt.Sprintf("/api/v1/events/%d", ev.ID)
		for _, token := range []string{"", annaToken} {
			var seen app.Event
			e.do(t, call{method: "GET", path: path, token: token}).decode(t, &seen)
			if len(seen.Needs) != 1 || seen.Needs[0].ID != open.ID {
				t.Errorf("another reads needs %v, want only the public one", seen.Needs)
			}
		}
		e.do(t, call{method: "PATCH", path: path, token: larsToken, body: `{"need_ids": [999999]}`}).want(t, http.StatusUnprocessableEntity, "invalid", "need_ids")

		var m app.Material
		e.do(t, call{method: "POST", path: path + "/materials", token: larsToken, body: `{"title": "Presentation", "url": "https://example.se/bilder"}`}).decode(t, &m)
		if m.Title != "Presentation" || m.URL != "https://example.se/bilder" || m.AddedBy.ID != lars.ID {
			t.Errorf("material = %+v", m)
		}
		e.do(t, call{method: "POST", path: path + "/materials", token: larsToken, body: `{"title": "", "url": "ftp://x"}`, req: reqInvalid}).
			want(t, http.StatusUnprocessableEntity, "invalid", "title", "url")
		e.do(t, call{method: "POST", path: path + "/materials", token: annaToken, body: `{"title": "Spam", "url": "https://spam.example"}`}).want(t, http.StatusForbidden, "forbidden")

		e.do(t, call{method: "POST", path: path + "/registration", token: annaToken, body: `{}`}).want(t, http.StatusCreated, "")
		e.do(t, call{method: "POST", path: path + "/cancellation", token: annaToken}).want(t, http.StatusForbidden, "forbidden")
		e.do(t, call{method: "POST", path: path + "/cancellation", token: larsToken}).decode(t, &ev)
		if ev.CancelledAt == nil || len(ev.Materials) != 1 {
			t.Errorf("after the cancellation: %+v", ev)
		}
		e.do(t, call{method: "POST", path: path + "/cancellation", token: larsToken}).want(t, http.StatusConflict, "conflict")
		e.do(t, call{method: "PATCH", path: path, token: larsToken, body: `{"capacity": 20}`}).want(t, http.StatusConflict, "conflict")
		e.do(t, call{method: "DELETE", path: path + "/registration", token: annaToken}).want(t, http.StatusNoContent, "")
		e.do(t, call{method: "POST", path: path + "/registration", token: annaToken, body: `{}`}).want(t, http.StatusConflict, "conflict")
	})
}
