package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

// needWorld is a region with a coordinator, a second kommun, and two suppliers.
type needWorld struct {
	p                    *platform
	region, kommun, firm app.Organisation
	coordinator          *browser
}

func newNeedWorld(t *testing.T, p *platform) *needWorld {
	t.Helper()
	coord := p.mustUser("karin@region.example", false)
	sara := p.mustUser("sara@kommun.example", false)
	anna := p.mustUser("anna@fjallvard.example", false)
	oskar := p.mustUser("oskar@norrsken.example", false)
	w := &needWorld{p: p}
	w.region = p.mustOrg("Region Jämtland Härjedalen", "232100-0214", coord.ID)
	w.kommun = p.mustOrg("Östersunds kommun", "212000-2411", sara.ID)
	in := app.OrganisationInput{Name: "Fjällvård Digital AB", Kind: app.KindCompany, Size: app.SizeSME, Country: "SE", OrgNumber: "556812-3409"}
	in.Normalise()
	w.firm, _ = p.store.CreateOrganisation(ctx, in, anna.ID)
	in = app.OrganisationInput{Name: "Norrsken Sensorik AB", Kind: app.KindCompany, Size: app.SizeSME, Country: "SE", OrgNumber: "559034-5673"}
	in.Normalise()
	firm2, _ := p.store.CreateOrganisation(ctx, in, oskar.ID)
	for _, r := range []struct {
		org, user int64
		role      app.Role
	}{{w.region.ID, coord.ID, app.RoleCoordinator}, {w.kommun.ID, sara.ID, app.RoleCoordinator}, {w.firm.ID, anna.ID, app.RoleSupplier}, {firm2.ID, oskar.ID, app.RoleSupplier}} {
		if err := p.store.AddRole(ctx, r.org, r.user, r.role); err != nil {
			t.Fatal(err)
		}
	}
	w.coordinator = p.signedIn("karin@region.example")
	return w
}

func needForm(org app.Organisation, title string) url.Values {
	return url.Values{"organisation_id": {itoa(org.ID)}, "title": {title}, "how_might_we": {"Hur kan vi ge akut bedömning på distans?"},
		"problem": {"Långt till akuten."}, "care_settings": {"primarvard", "ambulans"}, "tags": {"distansvård, glesbygd"},
		"volume_people": {"4 000"}, "volume_events": {"900"}, "urgency": {"high"}, "visibility": {"signed_in"},
		"benefit_kpi": {"Resor till akuten", ""}, "benefit_unit": {"resor/år", ""}, "benefit_baseline": {"900", ""}, "benefit_target": {"400", ""}}
}

func TestNeedJourneyOnTheWeb(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		w := newNeedWorld(t, p)
		c := w.coordinator

		// Patient data is refused, with a message that says why, and nothing is saved.
		bad := needForm(w.region, "Virtuellt akutrum")
		bad.Set("problem", "Patienten 19121212-1212 fick vänta.")
		c.post("/needs/new", bad).want(t, http.StatusUnprocessableEntity, "ser ut som ett personnummer")
		bad = needForm(w.region, "")
		bad.Set("volume_people", "många")
		bad.Set("organisation_id", itoa(w.firm.ID))
		c.post("/needs/new", bad).want(t, http.StatusUnprocessableEntity, "Måste fyllas i.", "Ange ett heltal", "Välj en organisation där du får registrera behov.")
		if l, _ := p.store.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{}); len(l.Items) != 0 {
			t.Fatalf("refused forms wrote %d needs", len(l.Items))
		}

		form := needForm(w.region, "Virtuellt akutrum i Funäsdalen")
		form.Set("action", "submit")
		r := c.post("/needs/new", form)
		r.want(t, http.StatusSeeOther)
		page := r.header.Get("Location")
		c.get(page).want(t, http.StatusOK, "Behovet är inskickat.", `<span class="state state-submitted">Inskickat</span>`, "4000", "Resor till akuten")

		// Suppliers see it (signed_in), a visitor does not.
		anna, oskar := p.signedIn("anna@fjallvard.example"), p.signedIn("oskar@norrsken.example")
		anna.get(page).want(t, http.StatusOK, "Virtuellt akutrum i Funäsdalen")
		p.browser().get(page).want(t, http.StatusNotFound)
		p.browser().get("/needs").want(t, http.StatusOK, "Inga behov matchar.")

		// An illegal move is refused and the page says so; legal ones go through.
		c.post(page+"/transitions", url.Values{"to": {"implementation"}}).want(t, http.StatusConflict, "kan inte flyttas dit")
		for _, to := range []string{"being_analysed", "validated", "market_scan"} {
			c.post(page+"/transitions", url.Values{"to": {to}, "comment": {"Steg " + to}}).want(t, http.StatusSeeOther)
		}
		c.get(page).want(t, http.StatusOK, "Omvärldsbevakning och tidig dialog", "Steg validated")

		// A supplier asks; the answer is seen by another supplier; the asker is told.
		anna.post(page+"/questions", url.Values{"question": {"Vilka journalsystem används?"}}).want(t, http.StatusSeeOther)
		oskar.get(page).want(t, http.StatusOK, "Inga frågor än.")
		c.get(page).want(t, http.StatusOK, "Vilka journalsystem används?")
		qs, _ := p.store.Questions(ctx, needID(t, page), true, 0)
		c.post(page+"/questions/"+itoa(qs[0].ID)+"/answer", url.Values{"answer": {"Cosmic i regionen."}}).want(t, http.StatusSeeOther)
		oskar.get(page).want(t, http.StatusOK, "Vilka journalsystem används?", "Cosmic i regionen.")
		anna.get("/").want(t, http.StatusOK, `<span class="badge">1`)
		anna.get("/notifications").want(t, http.StatusOK, "svarade på en fråga")
		anna.get("/").want(t, http.StatusOK)
		if strings.Contains(anna.get("/").body, `class="badge"`) {
			t.Error("notifications still unread after the page was opened")
		}
		// Suppliers may not comment internally, answer or move the need.
		anna.post(page+"/comments", url.Values{"body": {"Hej"}}).want(t, http.StatusForbidden)
		anna.post(page+"/questions/"+itoa(qs[0].ID)+"/answer", url.Values{"answer": {"x"}}).want(t, http.StatusForbidden)
		anna.post(page+"/transitions", url.Values{"to": {"matched"}}).want(t, http.StatusForbidden)

		// The contact log: leaving the market scan needs every contact summarised and the summary published.
		c.post(page+"/contacts", url.Values{"date": {"2026-10-01"}, "supplier_name": {"Fjällvård Digital AB"}, "their_people": {"Anna Ek"},
			"our_people": {"Karin"}, "channel": {"meeting"}, "purpose": {"Dialogmöte"}}).want(t, http.StatusSeeOther)
		c.post(page+"/transitions", url.Values{"to": {"matched"}}).want(t, http.StatusConflict, "Alla leverantörskontakter måste sammanfattas")
		contacts, _ := p.store.Contacts(ctx, needID(t, page), true)
		c.post(page+"/contacts/"+itoa(contacts[0].ID), url.Values{"summary": {"Visade videolösning."}, "published": {"true"}}).want(t, http.StatusSeeOther)
		c.post(page+"/dialogue-summary", url.Values{"dialogue_summary": {"Två leverantörer visade lösningar."}, "published": {"true"}}).want(t, http.StatusSeeOther)
		c.post(page+"/transitions", url.Values{"to": {"matched"}}).want(t, http.StatusSeeOther)
		oskar.get(page).want(t, http.StatusOK, "Två leverantörer visade lösningar.", "Visade videolösning.")
		csv := c.get(page + "/contacts.csv")
		csv.want(t, http.StatusOK, "Fjällvård Digital AB", "Visade videolösning.")
		if ct := csv.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Errorf("contacts.csv content type %q", ct)
		}

		// Procurement locks the dialogue: a banner says where to ask, questions are refused,
		// the contact log is hidden from suppliers.
		c.post(page+"/transitions", url.Values{"to": {"route_decided"}, "route": {"innovation_procurement"}}).want(t, http.StatusSeeOther)
		c.post(page+"/transitions", url.Values{"to": {"procurement"}}).want(t, http.StatusConflict, "Ange vart leverantörer ska vända sig")
		c.post(page+"/transitions", url.Values{"to": {"procurement"}, "procurement_contact": {"upphandling@regionjh.example"}}).want(t, http.StatusSeeOther)
		r = oskar.get(page)
		r.want(t, http.StatusOK, "Upphandling pågår", "upphandling@regionjh.example")
		if strings.Contains(r.body, "Visade videolösning.") || strings.Contains(r.body, `action="`+page+`/questions"`) {
			t.Error("during procurement a supplier sees the contact log or the question form")
		}
		oskar.post(page+"/questions", url.Values{"question": {"Får vi fråga nu?"}}).want(t, http.StatusConflict, "frågor tas inte emot här")
		oskar.get(page+"/contacts.csv").want(t, http.StatusForbidden)

		// Another organisation joins with its own volume; the total adds up.
		sara := p.signedIn("sara@kommun.example")
		sara.post(page+"/co-owners", url.Values{"organisation_id": {itoa(w.kommun.ID)}, "volume_people": {"x"}}).want(t, http.StatusUnprocessableEntity)
		sara.post(page+"/co-owners", url.Values{"organisation_id": {itoa(w.kommun.ID)}, "volume_people": {"1 500"}}).want(t, http.StatusSeeOther)
		sara.get(page).want(t, http.StatusOK, "Östersunds kommun", "<strong>5500</strong>", "Interna kommentarer")

		// The record for diarieföring has the whole history.
		c.get(page+"/export").want(t, http.StatusOK, "Utdrag för diarieföring", "Steg validated", "Cosmic i regionen.", "Visade videolösning.")
	})
}

func TestDraftsStayInside(t *testing.T) {
	p := newPlatform(t, "sqlite")
	w := newNeedWorld(t, p)
	r := w.coordinator.post("/needs/new", needForm(w.region, "Utkast om tandvård"))
	r.want(t, http.StatusSeeOther)
	page := r.header.Get("Location")
	w.coordinator.get(page).want(t, http.StatusOK, "Utkastet är sparat.", "Utkast")
	p.signedIn("anna@fjallvard.example").get(page).want(t, http.StatusNotFound)
	p.signedIn("sara@kommun.example").get(page+"/edit").want(t, http.StatusNotFound)
	w.coordinator.get(page+"/edit").want(t, http.StatusOK, "Utkast om tandvård")
}

func needID(t *testing.T, page string) int64 {
	t.Helper()
	var id int64
	for _, c := range strings.TrimPrefix(page, "/needs/") {
		id = id*10 + int64(c-'0')
	}
	return id
}
