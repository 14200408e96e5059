package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

func TestDialogueMeetingPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		karin := p.mustUser("karin@regionjh.example", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", karin.ID)
		anna := p.mustUser("anna@norrsken.example", false)
		in := app.OrganisationInput{Name: "Norrsken Sensorik AB", Kind: app.KindCompany, Size: app.SizeSME, Country: "SE", OrgNumber: "559034-5673",
			Capabilities: []string{"Nattillsyn"}}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		if _, err := p.store.CreateOrganisation(ctx, in, anna.ID); err != nil {
			t.Fatal(err)
		}
		need := app.NeedInput{Title: "Nattillsyn i glesbygd", HowMightWe: "Hur kan vi se till äldre nattetid utan att väcka dem?", Problem: "Långa avstånd.",
			Visibility: app.VisiblePublic, Urgency: "high", CareSettings: []string{"hemtjanst"}, Benefits: []app.Benefit{{KPI: "Väckningar", Unit: "per natt", Baseline: "3", Target: "0"}}}
		if err := need.Normalise(); err != nil {
			t.Fatal(err)
		}
		n, err := p.store.CreateNeed(ctx, region.ID, karin.ID, need)
		if err != nil {
			t.Fatal(err)
		}
		if n, err = p.store.TransitionNeed(ctx, n.ID, n.State, karin.ID, app.TransitionInput{To: app.StateSubmitted}); err != nil {
			t.Fatal(err)
		}
		k := p.signedIn("karin@regionjh.example")
		k.get("/events/new").want(t, http.StatusOK, "Nattillsyn i glesbygd (Region Jämtland Härjedalen)")
		form := eventForm(region.ID, "Dialogmöte: digital nattillsyn", 20)
		form.Set("type", "dialogue_meeting")
		k.post("/events/new", form).want(t, http.StatusUnprocessableEntity, "Välj behovet som dialogmötet gäller.", "Ange minst en kategori")
		form.Set("need_id", fmt.Sprint(n.ID))
		form.Set("categories", "nattillsyn")
		r := k.post("/events/new", form)
		r.want(t, http.StatusSeeOther)
		path := r.header.Get("Location")
		a := p.signedIn("anna@norrsken.example")
		a.get(path).want(t, http.StatusOK, "Ingen upphandling har påbörjats.", "Inbjudna: alla leverantörer inom nattillsyn.",
			"Minnesanteckningarna publiceras här efter mötet.")
		a.get("/notifications").want(t, http.StatusOK, "Din organisation är inbjuden till ett dialogmöte")
		p.browser().get(path).want(t, http.StatusNotFound)

		// A meeting that is over asks its organiser for the minutes.
		past := app.EventInput{Type: app.DialogueType, Title: "Dialogmöte i förra veckan", Start: time.Now().Add(-8 * 24 * time.Hour),
			End: time.Now().Add(-8*24*time.Hour + 2*time.Hour), Capacity: 10, Address: "Östersund", NeedID: n.ID, Categories: []string{"nattillsyn"}}
		if err := past.Normalise(); err != nil {
			t.Fatal(err)
		}
		held, err := p.store.CreateEvent(ctx, region.ID, karin.ID, past)
		if err != nil {
			t.Fatal(err)
		}
		heldPath := fmt.Sprintf("/events/%d", held.ID)
		k.get(heldPath).want(t, http.StatusOK, "Mötet är över: minnesanteckningar krävs.")
		a.get(heldPath).want(t, http.StatusOK, "Minnesanteckningarna publiceras här när arrangören har skrivit dem.")
		a.post(heldPath+"/minutes", url.Values{"minutes": {"x"}}).want(t, http.StatusForbidden)
		k.post(heldPath+"/minutes", url.Values{"minutes": {""}}).want(t, http.StatusUnprocessableEntity, "Måste fyllas i.")
		k.post(heldPath+"/minutes", url.Values{"minutes": {"Leverantörerna beskrev **kamerabaserad** tillsyn."}}).want(t, http.StatusSeeOther)
		a.get(heldPath).want(t, http.StatusOK, "<strong>kamerabaserad</strong>", "Publicerade")
		contacts, err := p.store.Contacts(ctx, n.ID, false)
		if err != nil || len(contacts) != 1 || contacts[0].Purpose != "Dialogmöte i förra veckan" {
			t.Errorf("the need's published contact log = %+v, %v", contacts, err)
		}
	})
}
