package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// move is one step of a need's backdated history: to a state, so many days after it was created.
type move struct {
	to   app.NeedState
	days float64
}

// mustHistory creates a need and walks it through moves at known times, so that the
// dashboard's medians are known.
func (p *platform) mustHistory(org, creator int64, title string, vis app.Visibility, created time.Time, moves ...move) app.Need {
	p.t.Helper()
	in := app.NeedInput{Title: title, HowMightWe: "Hur kan vi korta väntan på " + title + "?", Problem: "Långa avstånd.",
		CareSettings: []string{"primarvard"}, Visibility: vis, OwnerID: &creator, BenefitPlan: "Mät resorna varje kvartal.",
		Benefits: []app.Benefit{{KPI: "Resor till akuten", Unit: "resor/år", Baseline: "800", Target: "400"}}, CreatedAt: created}
	if err := in.Normalise(); err != nil {
		p.t.Fatal(err)
	}
	n, err := p.store.CreateNeed(ctx, org, creator, in)
	if err != nil {
		p.t.Fatal(err)
	}
	for _, m := range moves {
		at := created.Add(time.Duration(m.days * 24 * float64(time.Hour)))
		if n, err = p.store.TransitionNeed(ctx, n.ID, n.State, creator, app.TransitionInput{To: m.to, Route: app.Route("pilot"), At: at}); err != nil {
			p.t.Fatalf("%s → %s: %v", title, m.to, err)
		}
	}
	return n
}

// row is how the dashboard's tables write one state's number.
func row(label, value string) string {
	return `<th scope="row">` + label + `</th><td class="num">` + value + `</td>`
}

func TestNeedDashboard(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		karin := p.mustUser("karin@regionjh.example", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", karin.ID)
		olle := p.mustUser("olle@ostersund.example", false)
		kommun := p.mustOrg("Östersunds kommun", "212000-2411", olle.ID)
		p.mustUser("lisa@leverantor.example", false)
		company := app.OrganisationInput{Name: "Norrlands Vårdteknik AB", Kind: app.KindCompany, Size: "sme", Country: "SE", OrgNumber: "556812-3409"}
		if err := company.Normalise(); err != nil {
			t.Fatal(err)
		}
		supplier, err := p.store.CreateOrganisation(ctx, company, 0)
		if err != nil {
			t.Fatal(err)
		}

		t0 := time.Now().Add(-100 * 24 * time.Hour)
		S, A, V, R, I := app.StateSubmitted, app.StateBeingAnalysed, app.StateValidated, app.StateRouteDecided, app.StateImplementation
		// Public needs of the region. Days in Submitted: 2, 4, 6, 1; in Being analysed: 3, 1.5, 1
		// (kept in whole days: 3, 1, 1).
		p.mustHistory(region.ID, karin.ID, "Virtuellt akutrum", app.VisiblePublic, t0, move{S, 0}, move{A, 2}, move{V, 5})
		p.mustHistory(region.ID, karin.ID, "Nattillsyn på distans", app.VisiblePublic, t0, move{S, 0}, move{A, 4}, move{V, 5.5})
		p.mustHistory(region.ID, karin.ID, "Egenmätning hemma", app.VisiblePublic, t0, move{S, 0}, move{A, 6})
		p.mustHistory(region.ID, karin.ID, "Läkemedelsautomat", app.VisiblePublic, t0, move{S, 0}, move{A, 1}, move{V, 2}, move{R, 3}, move{I, 10})
		// Seen only inside the region: one need visible to the organisation (half a day in
		// Submitted), and a public draft.
		p.mustHistory(region.ID, karin.ID, "Internt: journalflöde", app.VisibleOrganisation, t0, move{S, 0}, move{A, 0.5})
		p.mustHistory(region.ID, karin.ID, "Utkast: tolk på distans", app.VisiblePublic, t0)
		// The municipality's public need, still in Submitted.
		p.mustHistory(kommun.ID, olle.ID, "Trygghetslarm", app.VisiblePublic, t0, move{S, 0})

		// A visitor sees the five public needs that left the draft.
		visitor := p.browser()
		r := visitor.get("/needs/dashboard")
		r.want(t, http.StatusOK, "<h1>Behovstratten</h1>",
			`<svg class="chart" role="img" aria-labelledby="chart-funnel-title"`, `<title id="chart-funnel-title">`,
			`<svg class="chart" role="img" aria-labelledby="chart-time-title"`,
			row("Utkast", "0"), row("Inskickat", "1"), row("Under analys", "1"), row("Validerat", "2"), row("Införande", "1"),
			`<th scope="row">Totalt</th><td class="num">5</td>`, "<dt>Pågående behov</dt><dd>5</dd>",
			// Medians over completed stays (the upper middle of an even count).
			row("Inskickat", "4,0 dagar"), row("Under analys", "1,0 dagar"), row("Validerat", "1,0 dagar"), row("Väg beslutad", "7,0 dagar"),
			"10,0 dagar",  // lead time
			"100,0 dagar", // age of the open needs
			`<option value="`+itoa(region.ID)+`">Region Jämtland Härjedalen</option>`)
		for _, never := range []string{"Internt", "Utkast:", "Norrlands Vårdteknik AB</option>", "<script"} {
			if strings.Contains(r.body, never) {
				t.Errorf("visitor's dashboard contains %q", never)
			}
		}
		// One organisation: the municipality's need is left out.
		visitor.get("/needs/dashboard?organisation="+itoa(region.ID)).want(t, http.StatusOK,
			"<h1>Behovstratten: Region Jämtland Härjedalen</h1>", `<option value="`+itoa(region.ID)+`" selected>`,
			row("Inskickat", "0"), `<th scope="row">Totalt</th><td class="num">4</td>`)
		visitor.get("/needs/dashboard?organisation="+itoa(kommun.ID)).want(t, http.StatusOK,
			row("Inskickat", "1"), `<th scope="row">Totalt</th><td class="num">1</td>`, "<dt>Pågående behov</dt><dd>1</dd>")
		visitor.get("/needs/dashboard?organisation="+itoa(supplier.ID)).want(t, http.StatusNotFound)
		visitor.get("/needs/dashboard?organisation=x").want(t, http.StatusNotFound)
		visitor.get("/needs/dashboard?organisation=424242").want(t, http.StatusNotFound)

		// A member of another organisation sees no more than a visitor here.
		p.signedIn("olle@ostersund.example").get("/needs/dashboard").want(t, http.StatusOK,
			row("Under analys", "1"), `<th scope="row">Totalt</th><td class="num">5</td>`)
		p.signedIn("lisa@leverantor.example").get("/needs/dashboard").want(t, http.StatusOK,
			row("Utkast", "0"), `<th scope="row">Totalt</th><td class="num">5</td>`)

		// A member of the region counts its own need and its draft too, in the medians as well.
		member := p.signedIn("karin@regionjh.example")
		member.get("/needs/dashboard").want(t, http.StatusOK,
			row("Utkast", "1"), row("Under analys", "2"), `<th scope="row">Totalt</th><td class="num">7</td>`,
			"<dt>Pågående behov</dt><dd>6</dd>", row("Inskickat", "2,0 dagar"))

		// In English, with a decimal point.
		member.get("/lang/en?next=/needs/dashboard").want(t, http.StatusSeeOther)
		member.get("/needs/dashboard").want(t, http.StatusOK, `<html lang="en">`, row("Submitted", "2.0 days"), "10.0 days")
	})
}

func TestNeedDashboardWithoutNeeds(t *testing.T) {
	p := newPlatform(t, "sqlite")
	p.browser().get("/needs/dashboard").want(t, http.StatusOK, `role="img"`, row("Inskickat", "0"),
		`<th scope="row">Totalt</th><td class="num">0</td>`, "<dd>–</dd>")
}
