package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/ical/icaltest"
)

func TestBrokeragePages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		lars := p.mustUser("lars@ostersund.example", false)
		kommun := p.mustOrg("Östersunds kommun", "212000-2411", lars.ID)
		p.mustUser("anna@example.se", false)
		p.mustUser("bengt@example.se", false)
		p.mustUser("cia@example.se", false)
		org := p.signedIn("lars@ostersund.example")

		form := eventForm(kommun.ID, "Matchmaking: e-hälsa i glesbygd", 20)
		form.Set("brokerage_tables", "2")
		org.post("/events/new", form).want(t, http.StatusUnprocessableEntity, "Ange både antal bord och minuter per möte")
		form.Set("brokerage_slot_minutes", "30")
		r := org.post("/events/new", form)
		r.want(t, http.StatusSeeOther)
		path := r.header.Get("Location")
		org.get(path).want(t, http.StatusOK, "4 mötestider vid 2 bord", `href="`+path+`/brokerage"`)

		anna, bengt := p.signedIn("anna@example.se"), p.signedIn("bengt@example.se")
		for _, b := range []*browser{anna, bengt} {
			b.get(path+"/brokerage").want(t, http.StatusOK, "Anmäl dig till evenemanget för att boka 1:1-möten.")
			b.post(path+"/register", nil).want(t, http.StatusSeeOther)
		}
		anna.post(path+"/brokerage/profile", url.Values{}).want(t, http.StatusUnprocessableEntity, "Skriv vad du erbjuder eller söker.")
		anna.post(path+"/brokerage/profile", url.Values{"offer": {"Sensorer för nattillsyn"}, "seek": {"En kommun som testbädd"}}).want(t, http.StatusSeeOther)
		bengt.post(path+"/brokerage/profile", url.Values{"seek": {"Leverantörer av sensorer"}}).want(t, http.StatusSeeOther)
		cia := p.signedIn("cia@example.se")
		cia.post(path+"/brokerage/profile", url.Values{"offer": {"x"}}).want(t, http.StatusConflict, "Du behöver en plats på evenemanget först.")
		p.browser().get(path+"/brokerage").want(t, http.StatusOK, "Sensorer för nattillsyn", "Leverantörer av sensorer")

		page := anna.get(path + "/brokerage")
		page.want(t, http.StatusOK, "Be om möte")
		m := regexp.MustCompile(`name="invitee_id" value="(\d+)"`).FindStringSubmatch(page.body)
		if m == nil {
			t.Fatal("no request form for Bengt")
		}
		anna.post(path+"/brokerage/meetings", url.Values{"invitee_id": {m[1]}, "slot": {"9"}}).want(t, http.StatusUnprocessableEntity, "Välj en av mötestiderna.")
		anna.post(path+"/brokerage/meetings", url.Values{"invitee_id": {m[1]}, "slot": {"1"}}).want(t, http.StatusSeeOther)
		r = bengt.get(path + "/brokerage")
		r.want(t, http.StatusOK, "Tacka ja", "13:30–14:00")
		meeting := regexp.MustCompile(`action="` + regexp.QuoteMeta(path) + `/brokerage/meetings/(\d+)"`).FindStringSubmatch(r.body)
		if meeting == nil {
			t.Fatal("no answer form for Bengt")
		}
		bengt.get("/notifications").want(t, http.StatusOK, "anna ber om ett 1:1-möte på")
		bengt.post(path+"/brokerage/meetings/"+meeting[1], url.Values{"decision": {"accept"}}).want(t, http.StatusSeeOther)
		anna.get(path+"/brokerage").want(t, http.StatusOK, "Bokat, bord 1")
		anna.post(path+"/brokerage/meetings/"+meeting[1], url.Values{"decision": {"accept"}}).want(t, http.StatusNotFound)

		ics := anna.get(path + "/brokerage/agenda.ics")
		ics.want(t, http.StatusOK, "BEGIN:VCALENDAR")
		c := icaltest.Parse(t, []byte(ics.body))
		start, _ := time.ParseInLocation("2006-01-02T15:04", form.Get("start"), stockholmZone(t))
		if len(c.Events) != 1 || c.Events[0].Summary != "Möte med bengt, bord 1" || !c.Events[0].Start.Equal(start.Add(30*time.Minute)) {
			t.Errorf("agenda read as %+v", c.Events)
		}
		if strings.Contains(ics.body, "cia") {
			t.Error("the agenda names someone else's meeting")
		}

		plain := org.post("/events/new", eventForm(kommun.ID, "Utan möten", 5))
		plain.want(t, http.StatusSeeOther)
		org.get(plain.header.Get("Location")+"/brokerage").want(t, http.StatusNotFound)
	})
}
