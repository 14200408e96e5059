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
)

// eventForm is a valid event form for next year's 3 December, 13:00–15:00 on the hub's clock.
func eventForm(orgID int64, title string, capacity int) url.Values {
	day := fmt.Sprintf("%d-12-03", time.Now().Year()+1)
	return url.Values{"organisation_id": {fmt.Sprint(orgID)}, "type": {"workshop"}, "title": {title}, "description": {"Vi pratar **egenvård**."},
		"start": {day + "T13:00"}, "end": {day + "T15:00"}, "time_zone": {"Europe/Stockholm"}, "address": {"Prästgatan 1, Östersund"},
		"language": {"sv"}, "capacity": {fmt.Sprint(capacity)}, "audience": {"public"}, "accessibility": {"Hörslinga finns."}}
}

var eventPathRE = regexp.MustCompile(`^/events/(\d+)$`)

func TestEventPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		lars := p.mustUser("lars@ostersund.example", false)
		kommun := p.mustOrg("Östersunds kommun", "212000-2411", lars.ID)
		p.mustUser("anna@example.se", false)
		p.mustUser("bengt@example.se", false)
		org := p.signedIn("lars@ostersund.example")

		// Bad input: 422, each problem by its field, in the reader's language, and nothing saved.
		bad := eventForm(kommun.ID, "", 0)
		bad.Set("end", bad.Get("start")[:10]+"T12:00")
		bad.Set("online_url", "ftp://example.se")
		org.post("/events/new", bad).want(t, http.StatusUnprocessableEntity, "Ange antalet platser", "Slutet måste komma efter starten.",
			"Ange en adress som börjar med https://", `aria-invalid="true"`, `href="#f-title"`)
		org.get("/lang/en?next=/")
		bad.Set("start", "igår")
		org.post("/events/new", bad).want(t, http.StatusUnprocessableEntity, "Enter a date and time", "Enter the number of seats")
		org.get("/lang/sv?next=/")
		if l, _ := p.store.ListEvents(ctx, app.Viewer{Admin: true}, app.EventFilter{From: time.Now()}); len(l.Items) != 0 {
			t.Fatalf("a refused form saved %d events", len(l.Items))
		}
		// Someone who runs no events may not create one.
		anna := p.signedIn("anna@example.se")
		anna.get("/events/new").want(t, http.StatusForbidden)
		anna.post("/events/new", eventForm(kommun.ID, "Smygevent", 5)).want(t, http.StatusForbidden)

		r := org.post("/events/new", eventForm(kommun.ID, "Workshop om egenvård", 1))
		r.want(t, http.StatusSeeOther)
		path := r.header.Get("Location")
		if !eventPathRE.MatchString(path) {
			t.Fatalf("created event at %q", path)
		}
		// The times are shown on the hub's clock, whatever the server's zone.
		org.get(path).want(t, http.StatusOK, "Workshop om egenvård", "<strong>egenvård</strong>", "13:00–15:00 CET", "Hörslinga finns.",
			"1 av 1 platser lediga", `href="`+path+`/edit"`)
		p.browser().get("/events").want(t, http.StatusOK, "Workshop om egenvård", "13:00–15:00 CET")

		// The first gets the seat, the second waits; a cancellation promotes the second.
		anna.post(path+"/register", url.Values{"dietary": {"Vegetarisk"}}).want(t, http.StatusSeeOther)
		anna.get(path).want(t, http.StatusOK, "Du är anmäld.", "Vegetarisk")
		bengt := p.signedIn("bengt@example.se")
		bengt.get(path).want(t, http.StatusOK, "Fullbokat", "Ställ mig på väntelistan")
		bengt.post(path+"/register", url.Values{"access_needs": {"19121212-1212"}}).want(t, http.StatusUnprocessableEntity, "personnummer")
		bengt.post(path+"/register", nil).want(t, http.StatusSeeOther)
		bengt.get(path).want(t, http.StatusOK, "Du står på väntelistan, plats 1.")
		bengt.post(path+"/register", nil).want(t, http.StatusConflict, "Du är redan anmäld.")
		anna.post(path+"/cancel", nil).want(t, http.StatusSeeOther)
		bengt.get(path).want(t, http.StatusOK, "Du är anmäld.")
		bengt.get("/notifications").want(t, http.StatusOK, "Du har fått en plats från väntelistan:", `href="`+path+`"`)

		// The attendee list is the organiser's: it lists, exports and checks in.
		bengt.get(path+"/attendees").want(t, http.StatusForbidden)
		bengt.get(path+"/attendees.csv").want(t, http.StatusForbidden)
		org.get(path+"/attendees").want(t, http.StatusOK, "bengt@example.se", "Checka in")
		csv := org.get(path + "/attendees.csv")
		csv.want(t, http.StatusOK, "\ufeffNamn;E-postadress;Status", "bengt;bengt@example.se;Anmäld")
		if strings.Contains(csv.body, "anna@example.se") {
			t.Error("the export lists a cancelled registration")
		}
		regs, err := p.store.Registrations(ctx, mustID(t, path))
		if err != nil || len(regs) != 1 {
			t.Fatalf("registrations = %+v, %v", regs, err)
		}
		org.post(fmt.Sprintf("%s/attendees/%d/check-in", path, regs[0].ID), nil).want(t, http.StatusSeeOther)
		org.get(path+"/attendees").want(t, http.StatusOK, "Ångra")

		// An event for invited organisations is not found by others, nor listed.
		invited := eventForm(kommun.ID, "Internt planeringsmöte", 10)
		invited.Set("audience", "invited")
		invited["invited_organisation_ids"] = []string{fmt.Sprint(kommun.ID)}
		r = org.post("/events/new", invited)
		r.want(t, http.StatusSeeOther)
		hidden := r.header.Get("Location")
		org.get(hidden).want(t, http.StatusOK, "Internt planeringsmöte")
		anna.get(hidden).want(t, http.StatusNotFound)
		p.browser().get(hidden).want(t, http.StatusNotFound)
		anna.post(hidden+"/register", nil).want(t, http.StatusNotFound)
		if r := anna.get("/events"); strings.Contains(r.body, "Internt planeringsmöte") {
			t.Error("the list shows an event its reader is not invited to")
		}

		// Editing keeps the times on the event's clock.
		edit := eventForm(kommun.ID, "Workshop om egenvård, del 1", 2)
		edit.Set("time_zone", "Europe/London")
		org.post(path+"/edit", edit).want(t, http.StatusSeeOther)
		org.get(path+"/edit").want(t, http.StatusOK, `value="`+edit.Get("start")+`"`, `value="Europe/London"`)
		org.get(path).want(t, http.StatusOK, "13:00–15:00 GMT")
		anna.post(path+"/edit", edit).want(t, http.StatusForbidden)
	})
}

func mustID(t *testing.T, path string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscanf(path, "/events/%d", &id); err != nil {
		t.Fatal(err)
	}
	return id
}
