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

// TestEventMaterialsAndLinks: an organiser links needs and calls in the form and adds
// materials (a link, and a file checked by its content); the page shows them, a need only
// to those who may see it, and a file downloads; others may add nothing.
func TestEventMaterialsAndLinks(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		lars := p.mustUser("lars@ostersund.example", false)
		kommun := p.mustOrg("Östersunds kommun", "212000-2411", lars.ID)
		p.mustUser("anna@example.se", false)
		t0 := time.Now().Add(-72 * time.Hour)
		public := p.mustHistory(kommun.ID, lars.ID, "Trygg hemgång", app.VisiblePublic, t0, move{app.StateSubmitted, 0})
		internal := p.mustHistory(kommun.ID, lars.ID, "Intern nattillsyn", app.VisibleOrganisation, t0, move{app.StateSubmitted, 0})
		ci := app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen", Deadlines: []app.Deadline{{Stage: "Ansökan", Local: "2099-02-15T17:00", TimeZone: "Europe/Stockholm"}},
			CallRules: app.CallRules{Currency: "EUR"}}
		if err := ci.Normalise(); err != nil {
			t.Fatal(err)
		}
		call, err := p.store.CreateCall(ctx, 0, ci)
		if err != nil {
			t.Fatal(err)
		}
		org := p.signedIn("lars@ostersund.example")
		org.get("/events/new").want(t, http.StatusOK, `name="need_ids" value="`+fmt.Sprint(public.ID)+`"`, `name="call_ids" value="`+fmt.Sprint(call.ID)+`"`)
		form := eventForm(kommun.ID, "Workshop om hemgång", 20)
		form["need_ids"] = []string{fmt.Sprint(public.ID), fmt.Sprint(internal.ID)}
		form["call_ids"] = []string{fmt.Sprint(call.ID)}
		r := org.post("/events/new", form)
		r.want(t, http.StatusSeeOther)
		path := r.header.Get("Location")
		org.get(path).want(t, http.StatusOK, "Behov och utlysningar", "Trygg hemgång", "Intern nattillsyn", "Hälsa över gränsen")
		org.get(path+"/edit").want(t, http.StatusOK, `value="`+fmt.Sprint(internal.ID)+`" checked`)
		visitor := p.browser()
		r = visitor.get(path)
		r.want(t, http.StatusOK, "Trygg hemgång", "Hälsa över gränsen")
		if strings.Contains(r.body, "Intern nattillsyn") {
			t.Error("a visitor sees an internal need linked to the event")
		}
		bad := eventForm(kommun.ID, "Fel", 20)
		bad["need_ids"] = []string{"999999"}
		org.post("/events/new", bad).want(t, http.StatusUnprocessableEntity, "Behovet finns inte")

		// Materials: a link and a file; a bad link and a file that is not what it says are refused.
		org.post(path+"/materials/links", url.Values{"material_title": {"Presentation"}, "material_url": {"https://example.se/bilder"}}).want(t, http.StatusSeeOther)
		org.post(path+"/materials/links", url.Values{"material_title": {""}, "material_url": {"javascript:alert(1)"}}).
			want(t, http.StatusUnprocessableEntity, `href="#f-material_title"`, `href="#f-material_url"`)
		org.upload(path+"/materials/files", "program.pdf", pdf).want(t, http.StatusSeeOther)
		org.upload(path+"/materials/files", "program.pdf", []byte("<html><script>alert(1)</script>")).want(t, http.StatusUnprocessableEntity)
		e, err := p.store.Event(ctx, app.Viewer{Admin: true}, eventID(t, path))
		if err != nil || len(e.Materials) != 2 {
			t.Fatalf("materials = %+v, %v", e.Materials, err)
		}
		file := e.Materials[1]
		r = visitor.get(path)
		r.want(t, http.StatusOK, "Material", `href="https://example.se/bilder"`, "program.pdf", fmt.Sprintf(`href="%s/materials/%d"`, path, file.ID))
		if strings.Contains(r.body, "Lägg till länk") {
			t.Error("a visitor is offered the organiser's forms")
		}
		d := visitor.get(fmt.Sprintf("%s/materials/%d", path, file.ID))
		d.want(t, http.StatusOK, "%PDF-1.7")
		if d.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(d.header.Get("Content-Disposition"), "attachment") {
			t.Errorf("download headers %v", d.header)
		}
		visitor.get(fmt.Sprintf("%s/materials/%d", path, e.Materials[0].ID)).want(t, http.StatusNotFound)
		anna := p.signedIn("anna@example.se")
		anna.post(path+"/materials/links", url.Values{"material_title": {"Spam"}, "material_url": {"https://spam.example"}}).want(t, http.StatusForbidden)
		anna.post(fmt.Sprintf("%s/materials/%d/delete", path, file.ID), nil).want(t, http.StatusForbidden)
		before := p.blobs()
		org.post(fmt.Sprintf("%s/materials/%d/delete", path, file.ID), nil).want(t, http.StatusSeeOther)
		if p.blobs() != before-1 {
			t.Error("the file's content was left behind")
		}
		visitor.get(fmt.Sprintf("%s/materials/%d", path, file.ID)).want(t, http.StatusNotFound)
	})
}

// TestEventCallOff: the organiser calls an event off; everyone registered and waiting is
// told in the platform, the page says so, registration is refused, the room is free again,
// and the event's calendar marks it cancelled, as ical.js reads it.
func TestEventCallOff(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		lars := p.mustUser("lars@ostersund.example", false)
		kommun := p.mustOrg("Östersunds kommun", "212000-2411", lars.ID)
		anna, bengt := p.mustUser("anna@example.se", false), p.mustUser("bengt@example.se", false)
		p.mustUser("cia@example.se", false)
		room, err := p.store.CreateRoom(ctx, app.RoomInput{Name: "Studio", Kind: "room", Capacity: 6})
		if err != nil {
			t.Fatal(err)
		}
		form := eventForm(kommun.ID, "Nätverksträff", 1)
		form.Set("room_id", fmt.Sprint(room.ID))
		org := p.signedIn("lars@ostersund.example")
		r := org.post("/events/new", form)
		r.want(t, http.StatusSeeOther)
		path := r.header.Get("Location")
		id := eventID(t, path)
		for _, u := range []app.User{anna, bengt} {
			if _, err := p.store.Register(ctx, app.Viewer{UserID: u.ID}, id, app.RegistrationInput{Dietary: "Vegetariskt"}, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		p.signedIn("anna@example.se").post(path+"/call-off", nil).want(t, http.StatusForbidden)
		org.post(path+"/call-off", nil).want(t, http.StatusSeeOther)
		org.get(path).want(t, http.StatusOK, "Evenemanget är inställt. Alla anmälda", "Evenemanget är inställt (")
		org.post(path+"/call-off", nil).want(t, http.StatusConflict, "Evenemanget är inställt.")
		p.signedIn("cia@example.se").post(path+"/register", nil).want(t, http.StatusConflict, "Evenemanget är inställt.")
		p.browser().get("/events").want(t, http.StatusOK, "Inställt")
		for _, who := range []string{"anna@example.se", "bengt@example.se"} {
			p.signedIn(who).get("/notifications").want(t, http.StatusOK, "ställt in evenemanget", "Nätverksträff")
		}
		ev, err := p.store.Event(ctx, app.Viewer{Admin: true}, id)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := p.store.Bookings(ctx, app.Viewer{Admin: true}, room.ID, ev.Start, ev.End); len(got) != 0 {
			t.Errorf("the room is still booked by the cancelled event: %+v", got)
		}
		c := icaltest.Parse(t, []byte(p.browser().get(path+"/event.ics").body))
		if len(c.Events) != 1 || c.Events[0].Status != "CANCELLED" || c.Events[0].Sequence < 1 {
			t.Errorf("the event's calendar reads %+v, want it cancelled with a higher sequence", c.Events)
		}
	})
}

func eventID(t *testing.T, path string) int64 {
	t.Helper()
	m := eventPathRE.FindStringSubmatch(path)
	if m == nil {
		t.Fatalf("not an event's path: %q", path)
	}
	var id int64
	fmt.Sscan(m[1], &id)
	return id
}
