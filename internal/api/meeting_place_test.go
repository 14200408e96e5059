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

// TestRouletteAPI: opt in and out, one's own groups and answer; nobody reads another's entry
// or answers for a group they are not in.
func TestRouletteAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		anna, annaToken := e.person(t, "Anna", false)
		ben, benToken := e.person(t, "Ben", false)
		_, cecToken := e.person(t, "Cecilia", false)
		_, olleToken := e.person(t, "Olle", false)
		region := e.org(t, kommun("Region Jämtland Härjedalen", 1), anna.ID)
		company := e.org(t, kommun("Krokoms kommun", 2), ben.ID)
		cec, err := e.accounts.TokenUser(ctx, cecToken)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.store.AddRole(ctx, company.ID, cec.ID, app.RoleMember); err != nil {
			t.Fatal(err)
		}

		e.do(t, call{method: "GET", path: "/api/v1/roulette", token: annaToken}).want(t, http.StatusNotFound, "not_found")
		e.do(t, call{method: "PUT", path: "/api/v1/roulette", token: olleToken, body: `{"organisation_id": 1, "weekdays": [1]}`}).want(t, http.StatusForbidden, "forbidden")
		e.do(t, call{method: "PUT", path: "/api/v1/roulette", token: annaToken, body: fmt.Sprintf(`{"organisation_id": %d, "weekdays": [1]}`, company.ID)}).
			want(t, http.StatusUnprocessableEntity, "invalid", "organisation_id")
		e.do(t, call{method: "PUT", path: "/api/v1/roulette", token: annaToken, body: fmt.Sprintf(`{"organisation_id": %d, "weekdays": [9], "place": "månen"}`, region.ID), req: reqInvalid}).
			want(t, http.StatusUnprocessableEntity, "invalid", "weekdays", "place")
		var entry app.RouletteEntry
		e.do(t, call{method: "PUT", path: "/api/v1/roulette", token: annaToken, body: fmt.Sprintf(`{"organisation_id": %d, "weekdays": [3, 1], "place": "hub"}`, region.ID)}).decode(t, &entry)
		if entry.Organisation.ID != region.ID || fmt.Sprint(entry.Weekdays) != "[1 3]" || entry.Place != "hub" {
			t.Errorf("entry = %+v", entry)
		}
		e.do(t, call{method: "PUT", path: "/api/v1/roulette", token: benToken, body: fmt.Sprintf(`{"organisation_id": %d, "weekdays": [1]}`, company.ID)}).want(t, http.StatusOK, "")
		// Ben reads his own entry, never Anna's.
		r := e.do(t, call{method: "GET", path: "/api/v1/roulette", token: benToken})
		r.want(t, http.StatusOK, "")
		if strings.Contains(string(r.body), "Anna") {
			t.Errorf("Ben reads %s", r.body)
		}

		entries, err := e.store.RouletteEntries(ctx)
		if err != nil || len(entries) != 2 {
			t.Fatalf("entries = %v, %v", entries, err)
		}
		monday := time.Date(2026, 11, 30, 0, 0, 0, 0, app.Zone(app.DefaultTimeZone))
		if err := e.store.SaveRouletteWeek(ctx, app.Week(monday), monday, [][]app.RouletteEntry{entries}, time.Now()); err != nil {
			t.Fatal(err)
		}
		var groups struct{ Items []app.RouletteGroup }
		e.do(t, call{method: "GET", path: "/api/v1/roulette/groups", token: annaToken}).decode(t, &groups)
		if len(groups.Items) != 1 || len(groups.Items[0].Members) != 2 || groups.Items[0].Answer != "" {
			t.Fatalf("Anna's groups = %+v", groups.Items)
		}
		answer := fmt.Sprintf("/api/v1/roulette/groups/%d/answer", groups.Items[0].ID)
		e.do(t, call{method: "PUT", path: answer, token: annaToken, body: `{}`, req: reqInvalid}).want(t, http.StatusUnprocessableEntity, "invalid", "found")
		e.do(t, call{method: "PUT", path: answer, token: annaToken, body: `{"found": true}`}).want(t, http.StatusNoContent, "")
		e.do(t, call{method: "PUT", path: answer, token: cecToken, body: `{"found": false}`}).want(t, http.StatusNotFound, "not_found")
		var cecGroups struct{ Items []app.RouletteGroup }
		e.do(t, call{method: "GET", path: "/api/v1/roulette/groups", token: cecToken}).decode(t, &cecGroups)
		if len(cecGroups.Items) != 0 {
			t.Errorf("Cecilia reads groups she is not in: %+v", cecGroups.Items)
		}
		e.do(t, call{method: "GET", path: "/api/v1/roulette/groups", token: annaToken}).decode(t, &groups)
		if groups.Items[0].Answer != "yes" {
			t.Errorf("answer = %q", groups.Items[0].Answer)
		}
		e.do(t, call{method: "GET", path: "/api/v1/roulette/groups", req: reqInvalid}).want(t, http.StatusUnauthorized, "unauthenticated")
		e.do(t, call{method: "DELETE", path: "/api/v1/roulette", token: annaToken}).want(t, http.StatusNoContent, "")
		e.do(t, call{method: "DELETE", path: "/api/v1/roulette", token: annaToken}).want(t, http.StatusNotFound, "not_found")
	})
}

// TestBrokerageAPI: profiles for those who may see the event, one's own profile with a seat,
// requests, decisions by the person asked only, and an agenda that holds one's own meetings
// and nobody else's.
func TestBrokerageAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		lars, larsToken := e.person(t, "Lars", false)
		anna, annaToken := e.person(t, "Anna", false)
		ben, benToken := e.person(t, "Ben", false)
		_, cecToken := e.person(t, "Cecilia", false)
		org := e.org(t, kommun("Östersunds kommun", 1), lars.ID)
		start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour)
		in := app.EventInput{Type: "network_meeting", Title: "Matchmaking", Start: start, End: start.Add(time.Hour), Capacity: 10, Address: "Östersund",
			BrokerageTables: 1, BrokerageSlotMinutes: 20}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		ev, err := e.store.CreateEvent(ctx, org.ID, lars.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/api/v1/events/%d/brokerage", ev.ID)
		e.do(t, call{method: "PUT", path: path + "/profile", token: annaToken, body: `{"offer": "Trygghetslarm"}`}).want(t, http.StatusConflict, "conflict")
		for _, u := range []app.User{anna, ben} {
			if _, err := e.store.Register(ctx, app.Viewer{UserID: u.ID}, ev.ID, app.RegistrationInput{}, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		e.do(t, call{method: "PUT", path: path + "/profile", token: annaToken, body: `{}`}).want(t, http.StatusUnprocessableEntity, "invalid", "offer")
		e.do(t, call{method: "PUT", path: path + "/profile", token: annaToken, body: `{"offer": "Trygghetslarm", "seek": "En kommun att pilota med"}`}).want(t, http.StatusNoContent, "")
		e.do(t, call{method: "PUT", path: path + "/profile", token: benToken, body: `{"seek": "Larm för glesbygd"}`}).want(t, http.StatusNoContent, "")
		var profiles struct{ Items []app.BrokerageProfile }
		e.do(t, call{method: "GET", path: path + "/profiles"}).decode(t, &profiles)
		if len(profiles.Items) != 2 {
			t.Errorf("profiles = %+v", profiles.Items)
		}

		e.do(t, call{method: "POST", path: path + "/meetings", token: annaToken, body: fmt.Sprintf(`{"slot": 7, "invitee_id": %d}`, ben.ID), req: reqUnchecked}).
			want(t, http.StatusUnprocessableEntity, "invalid", "slot")
		var m app.Meeting
		e.do(t, call{method: "POST", path: path + "/meetings", token: annaToken, body: fmt.Sprintf(`{"slot": 1, "invitee_id": %d}`, ben.ID)}).decode(t, &m)
		if m.Status != app.MeetingRequested || m.Requester.ID != anna.ID || m.Invitee.ID != ben.ID {
			t.Errorf("meeting = %+v", m)
		}
		decide := fmt.Sprintf("%s/meetings/%d", path, m.ID)
		// Only the person asked decides; to anyone else the meeting does not exist.
		for _, token := range []string{annaToken, cecToken, larsToken} {
			e.do(t, call{method: "PUT", path: decide, token: token, body: `{"accept": true}`}).want(t, http.StatusNotFound, "not_found")
		}
		e.do(t, call{method: "PUT", path: decide, token: benToken, body: `{"accept": true}`}).decode(t, &m)
		if m.Status != app.MeetingAccepted || m.Table != 1 {
			t.Errorf("accepted meeting = %+v", m)
		}
		e.do(t, call{method: "PUT", path: decide, token: benToken, body: `{"accept": false}`}).want(t, http.StatusConflict, "conflict")
		var agenda struct{ Items []app.Meeting }
		for _, token := range []string{annaToken, benToken} {
			e.do(t, call{method: "GET", path: path + "/meetings", token: token}).decode(t, &agenda)
			if len(agenda.Items) != 1 || agenda.Items[0].ID != m.ID {
				t.Errorf("agenda = %+v", agenda.Items)
			}
		}
		for _, token := range []string{cecToken, larsToken} {
			e.do(t, call{method: "GET", path: path + "/meetings", token: token}).decode(t, &agenda)
			if len(agenda.Items) != 0 {
				t.Errorf("someone else reads the agenda: %+v", agenda.Items)
			}
		}
		e.do(t, call{method: "GET", path: path + "/meetings", req: reqInvalid}).want(t, http.StatusUnauthorized, "unauthenticated")
		e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/events/%d/brokerage/profiles", 999999)}).want(t, http.StatusNotFound, "not_found")
	})
}
