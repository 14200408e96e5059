package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// The authorization matrix of events: every role × every audience × every action, through
// the HTTP API (and the event's calendar feed). The expected answer of each cell comes from
// the rules written out below, not from the policy under test; an event a role may not see
// must answer 404 to every action and appear in no list.

type eventRole struct {
	name      string
	p         person
	organiser bool // event organiser of the organising organisation
	member    bool // a member of the organising organisation without that role
	invited   bool // a member of an invited organisation
	admin     bool
}

func (r eventRole) signedIn() bool { return r.p.ID != 0 }

func (r eventRole) sees(a app.Audience) bool {
	switch {
	case r.admin || r.organiser || r.member || a == app.AudiencePublic:
		return true
	case a == app.AudienceSignedIn:
		return r.signedIn()
	}
	return r.invited
}

const (
	evSee       = "see"
	evList      = "list"
	evCalendar  = "calendar"
	evRegister  = "register"
	evAttendees = "attendees"
	evEdit      = "edit"
)

// expectEvent is the one table of the matrix: the status role r gets for act on an event
// for audience a.
func expectEvent(r eventRole, a app.Audience, act string) int {
	if !r.sees(a) {
		return http.StatusNotFound
	}
	deny := http.StatusForbidden
	if !r.signedIn() {
		deny = http.StatusUnauthorized
	}
	switch act {
	case evSee, evList, evCalendar:
		return http.StatusOK
	case evRegister:
		if r.signedIn() {
			return http.StatusCreated
		}
		return deny
	case evAttendees, evEdit:
		if r.organiser || r.admin {
			return http.StatusOK
		}
		return deny
	}
	panic("unknown action " + act)
}

func TestEventAuthorizationMatrix(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		newPerson := func(name string, admin bool) person {
			u, token := e.person(t, name, admin)
			return person{User: u, token: token}
		}
		ctx := context.Background()
		lars, maja, ida, olle := newPerson("Lars", false), newPerson("Maja", false), newPerson("Ida", false), newPerson("Olle", false)
		// The organiser's org_admin is someone else, so that the event organiser role alone
		// is what lets Lars run its events.
		organiser := e.org(t, kommun("Östersunds kommun", 1), newPerson("Alva", false).ID)
		for _, m := range []struct {
			p    person
			role app.Role
		}{{lars, app.RoleEventOrganiser}, {maja, app.RoleMember}} {
			if err := e.store.AddRole(ctx, organiser.ID, m.p.ID, m.role); err != nil {
				t.Fatal(err)
			}
		}
		guest := e.org(t, kommun("Krokoms kommun", 2), ida.ID)
		roles := []eventRole{
			{name: "visitor"},
			{name: "signed in, no organisation", p: olle},
			{name: "member of an invited organisation", p: ida, invited: true},
			{name: "member of the organiser", p: maja, member: true},
			{name: "event organiser", p: lars, organiser: true},
			{name: "platform admin", p: newPerson("Sven", true), admin: true},
		}
		audiences := []app.Audience{app.AudiencePublic, app.AudienceSignedIn, app.AudienceInvited}
		events := map[app.Audience]app.Event{}
		for _, a := range audiences {
			start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour)
			in := app.EventInput{Type: "workshop", Title: "Matris " + string(a), Capacity: 50, Address: "Östersund", Audience: a,
				InvitedOrgIDs: []int64{guest.ID}, Start: start, End: start.Add(2 * time.Hour)}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			ev, err := e.store.CreateEvent(ctx, organiser.ID, lars.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			events[a] = ev
		}
		cells := 0
		for _, r := range roles {
			var listed struct{ Items []app.Event }
			e.do(t, call{method: "GET", path: "/api/v1/events", token: r.p.token}).decode(t, &listed)
			for _, a := range audiences {
				ev := events[a]
				path := fmt.Sprintf("/api/v1/events/%d", ev.ID)
				for _, act := range []string{evSee, evList, evCalendar, evRegister, evAttendees, evEdit} {
					cells++
					want := expectEvent(r, a, act)
					name := fmt.Sprintf("%s/%s/%s", r.name, a, act)
					// A visitor's request to an endpoint that needs a token breaks the document.
					req := reqValid
					if !r.signedIn() && act != evSee {
						req = reqInvalid
					}
					var got int
					switch act {
					case evSee:
						got = e.do(t, call{method: "GET", path: path, token: r.p.token}).status
					case evList:
						got = http.StatusNotFound
						if slices.ContainsFunc(listed.Items, func(x app.Event) bool { return x.ID == ev.ID }) {
							got = http.StatusOK
						}
					case evCalendar:
						got = getStatus(t, e, fmt.Sprintf("/events/%d/event.ics", ev.ID), r.p.token)
					case evRegister:
						got = e.do(t, call{method: "POST", path: path + "/registration", token: r.p.token, body: `{}`, req: req}).status
					case evAttendees:
						got = e.do(t, call{method: "GET", path: path + "/registrations", token: r.p.token, req: req}).status
					case evEdit:
						got = e.do(t, call{method: "PATCH", path: path, token: r.p.token, body: `{"accessibility": "Ramp"}`, req: req}).status
					}
					if got != want {
						t.Errorf("%s: %d, want %d", name, got, want)
					}
				}
			}
		}
		if cells != len(roles)*len(audiences)*6 {
			t.Errorf("%d cells", cells)
		}
	})
}

// getStatus asks for a page (not an API endpoint) as the token's owner would in a browser:
// the calendar feeds follow the session, and a bearer token is no session, so the caller's
// session is made from the token's user.
func getStatus(t *testing.T, e *env, path, token string) int {
	t.Helper()
	req, err := http.NewRequest("GET", e.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		ctx := context.Background()
		u, err := e.accounts.TokenUser(ctx, token)
		if err != nil {
			t.Fatal(err)
		}
		secret, err := e.accounts.StartSession(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		req.AddCookie(&http.Cookie{Name: "tillsammans_session", Value: secret})
	}
	res, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

// TestRoomAuthorizationMatrix: every role × every action on the hub's rooms and bookings.
func TestRoomAuthorizationMatrix(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		newPerson := func(name string, admin bool) person {
			u, token := e.person(t, name, admin)
			return person{User: u, token: token}
		}
		booker, colleague := newPerson("Karin", false), newPerson("Erik", false)
		region := e.org(t, kommun("Region Jämtland Härjedalen", 1), booker.ID)
		if err := e.store.AddRole(ctx, region.ID, colleague.ID, app.RoleMember); err != nil {
			t.Fatal(err)
		}
		room, err := e.store.CreateRoom(ctx, app.RoomInput{Name: "Studio", Kind: "room", Capacity: 6})
		if err != nil {
			t.Fatal(err)
		}
		type roomRole struct {
			name          string
			p             person
			member, admin bool
		}
		roles := []roomRole{
			{name: "visitor"},
			{name: "signed in, no organisation", p: newPerson("Olle", false)},
			{name: "the booker", p: booker, member: true},
			{name: "a colleague of the booker", p: colleague, member: true},
			{name: "platform admin", p: newPerson("Alva", true), admin: true},
		}
		path := fmt.Sprintf("/api/v1/rooms/%d", room.ID)
		slot := time.Now().Add(48 * time.Hour).Truncate(time.Hour)
		for i, r := range roles {
			deny := http.StatusForbidden
			if r.p.ID == 0 {
				deny = http.StatusUnauthorized
			}
			allow := func(ok bool, status int) int {
				if ok {
					return status
				}
				return deny
			}
			// bearer: the action needs a token, which a visitor's request lacks.
			req := func(bearer bool) int {
				if bearer && r.p.ID == 0 {
					return reqInvalid
				}
				return reqValid
			}
			start := slot.Add(time.Duration(i) * 2 * time.Hour)
			own, err := e.store.BookRoom(ctx, room.ID, booker.ID, app.BookingInput{Title: "Styrgrupp", Start: start, End: start.Add(time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			body := fmt.Sprintf(`{"title": "Möte", "start": %q, "end": %q}`, start.Add(time.Hour).Format(time.RFC3339), start.Add(2*time.Hour).Format(time.RFC3339))
			// Series on the following days, clear of every other role's.
			day := start.AddDate(0, 0, 1)
			series := fmt.Sprintf(`{"title": "Veckomöte", "start": %q, "end": %q, "repeat": {"frequency": "weekly", "count": 2}}`,
				day.Format(time.RFC3339), day.Add(time.Hour).Format(time.RFC3339))
			day = start.AddDate(0, 0, 2)
			owned, err := e.store.BookRoomSeries(ctx, room.ID, booker.ID, app.BookingInput{Title: "Styrgrupp", Start: day, End: day.Add(time.Hour)},
				"weekly", []app.Occurrence{{Start: day, End: day.Add(time.Hour)}, {Start: day.AddDate(0, 0, 7), End: day.AddDate(0, 0, 7).Add(time.Hour)}})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				act  string
				call call
				want int
			}{
				{"list rooms", call{method: "GET", path: "/api/v1/rooms"}, http.StatusOK},
				{"see a room", call{method: "GET", path: path}, http.StatusOK},
				{"list bookings", call{method: "GET", path: path + "/bookings"}, http.StatusOK},
				{"add a room", call{method: "POST", path: "/api/v1/rooms", body: `{"name": "Rum ` + r.name + `", "capacity": 4}`, req: req(true)}, allow(r.admin, http.StatusCreated)},
				{"change a room", call{method: "PUT", path: path, body: `{"name": "Studio", "capacity": 8, "equipment": ["kamera"]}`, req: req(true)}, allow(r.admin, http.StatusOK)},
				{"book", call{method: "POST", path: path + "/bookings", body: body, req: req(true)}, allow(r.member || r.admin, http.StatusCreated)},
				{"cancel the booker's booking", call{method: "DELETE", path: fmt.Sprintf("%s/bookings/%d", path, own.ID), req: req(true)},
					allow(r.p.ID == booker.ID || r.admin, http.StatusNoContent)},
				{"book a series", call{method: "POST", path: path + "/booking-series", body: series, req: req(true)}, allow(r.member || r.admin, http.StatusCreated)},
				{"cancel the booker's series", call{method: "DELETE", path: fmt.Sprintf("%s/bookings/%d/series", path, owned[1].ID), req: req(true)},
					allow(r.p.ID == booker.ID || r.admin, http.StatusNoContent)},
			} {
				c.call.token = r.p.token
				if got := e.do(t, c.call).status; got != c.want {
					t.Errorf("%s/%s: %d, want %d", r.name, c.act, got, c.want)
				}
			}
		}
	})
}

// TestHubTodayMatrix: every role × who is at the hub today and the hub's visitors. Nobody
// anonymous sees who is here; a host sees their own visitors, the hub's staff (platform
// admins) every visitor, anyone else none, and another's visit is not found.
func TestHubTodayMatrix(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		newPerson := func(name string, admin bool) person {
			u, token := e.person(t, name, admin)
			return person{User: u, token: token}
		}
		host, colleague := newPerson("Karin", false), newPerson("Erik", false)
		region := e.org(t, kommun("Region Jämtland Härjedalen", 1), host.ID)
		if err := e.store.AddRole(ctx, region.ID, colleague.ID, app.RoleMember); err != nil {
			t.Fatal(err)
		}
		if err := e.store.HubCheckIn(ctx, host.ID, region.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		type hubRole struct {
			name                 string
			p                    person
			member, admin, owner bool
		}
		roles := []hubRole{
			{name: "visitor"},
			{name: "signed in, no organisation", p: newPerson("Olle", false)},
			{name: "the host", p: host, member: true, owner: true},
			{name: "a colleague of the host", p: colleague, member: true},
			{name: "platform admin", p: newPerson("Alva", true), admin: true},
		}
		today := time.Now().In(app.Zone(app.DefaultTimeZone)).Format(time.DateOnly)
		for _, r := range roles {
			signedIn := r.p.ID != 0
			deny := http.StatusForbidden
			if !signedIn {
				deny = http.StatusUnauthorized
			}
			allow := func(ok bool, status int) int {
				if ok {
					return status
				}
				return deny
			}
			req := reqValid
			if !signedIn {
				req = reqInvalid
			}
			visit, err := e.store.RegisterVisitor(ctx, host.ID, app.VisitorInput{Name: "Gäst hos " + r.name, Organisation: "Bolaget AB", Date: today}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				act  string
				call call
				want int
			}{
				{"see who is here", call{method: "GET", path: "/api/v1/hub/presence", req: req}, allow(signedIn, http.StatusOK)},
				{"check in", call{method: "PUT", path: "/api/v1/hub/presence", body: `{}`, req: req}, allow(r.member || r.admin, http.StatusNoContent)},
				{"list visitors", call{method: "GET", path: "/api/v1/hub/visitors", req: req}, allow(signedIn, http.StatusOK)},
				{"register a visitor", call{method: "POST", path: "/api/v1/hub/visitors", body: `{"name": "Ny gäst", "date": "` + today + `"}`, req: req},
					allow(r.member || r.admin, http.StatusCreated)},
				{"remove the host's visitor", call{method: "DELETE", path: fmt.Sprintf("/api/v1/hub/visitors/%d", visit.ID), req: req},
					map[bool]int{true: http.StatusNoContent, false: allow(signedIn, http.StatusNotFound)}[r.owner || r.admin]},
			} {
				c.call.token = r.p.token
				res := e.do(t, c.call)
				if res.status != c.want {
					t.Errorf("%s/%s: %d, want %d", r.name, c.act, res.status, c.want)
				}
				body := string(res.body)
				switch {
				case c.act == "see who is here" && signedIn && !strings.Contains(body, `"name":"Karin"`):
					t.Errorf("%s does not see who is here: %s", r.name, body)
				case c.act == "list visitors" && signedIn:
					// Each role's own visit was made by the host just now.
					if sees := strings.Contains(body, "Gäst hos "+r.name); sees != (r.owner || r.admin) {
						t.Errorf("%s sees the host's visitors: %v (%s)", r.name, sees, body)
					}
				}
			}
		}
		// In the store as well: an anonymous viewer gets nobody, whoever is here.
		here, err := e.store.AtTheHub(ctx, app.Viewer{}, time.Now())
		if err != nil || len(here) != 0 {
			t.Errorf("anonymous sees %v, %v", here, err)
		}
	})
}
