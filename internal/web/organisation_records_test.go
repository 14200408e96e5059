package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

// TestRegistrar: an org admin of a public organisation makes someone registrar (a
// company cannot); the registrar reads the organisation's audit log narrowed by kind,
// action and days, exports it as CSV, and prints a record of an object with its metadata;
// an org admin who is not registrar is refused, and another organisation's object is not
// found.
func TestRegistrar(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		owner := p.mustUser("owner@example.se", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", owner.ID)
		reg := p.mustUser("registrator@example.se", false)
		lars := p.mustUser("lars@example.se", false)
		kommun := p.mustOrg("Östersunds kommun", "212000-2411", lars.ID)
		if err := p.store.AddRole(ctx, region.ID, reg.ID, app.RoleMember); err != nil {
			t.Fatal(err)
		}
		admin := p.signedIn("owner@example.se")
		members := "/organisations/" + itoa(region.ID) + "/members/" + itoa(reg.ID)
		admin.post(members, url.Values{"role": {"registrar"}}).want(t, http.StatusSeeOther)

		in := app.NeedInput{Title: "Nattillsyn i glesbygd", Visibility: app.VisibleOrganisation}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		n, err := p.store.CreateNeed(app.WithActor(ctx, owner.ID), region.ID, owner.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		in.Title = "Läkemedel"
		other, err := p.store.CreateNeed(app.WithActor(ctx, lars.ID), kommun.ID, lars.ID, in)
		if err != nil {
			t.Fatal(err)
		}

		r := p.signedIn("registrator@example.se")
		audit := "/organisations/" + itoa(region.ID) + "/audit"
		r.get(audit+"?kind=need&action=need.create&from=2020-01-01").want(t, http.StatusOK, "<code>need.create</code>",
			`href="/needs/`+itoa(n.ID)+`/record"`)
		r.get(audit+"?from=igår&to=31/12").want(t, http.StatusUnprocessableEntity, "Ange ett datum, ÅÅÅÅ-MM-DD.", `aria-invalid="true"`)
		r.get(audit+"?to=2020-01-01").want(t, http.StatusOK, "Inga poster.")
		r.get(audit+".csv?kind=need").want(t, http.StatusOK, "need.create;need;"+itoa(n.ID)+";"+itoa(region.ID))
		r.get("/needs/"+itoa(n.ID)+"/record").want(t, http.StatusOK, "Nattillsyn i glesbygd", "owner &lt;owner@example.se&gt;", "Inkom",
			"Region Jämtland Härjedalen", "<code>draft</code>")
		r.get("/needs/"+itoa(other.ID)+"/record").want(t, http.StatusNotFound)
		r.get("/organisations/"+itoa(kommun.ID)+"/audit").want(t, http.StatusForbidden)

		// The organisation's admin is no registrar, nor a company's registrar possible.
		admin.get(audit).want(t, http.StatusForbidden)
		admin.get("/needs/"+itoa(n.ID)+"/record").want(t, http.StatusForbidden)
		cin, err := app.NamedOrganisation("Norrsken Sensorik AB", app.KindCompany)
		if err != nil {
			t.Fatal(err)
		}
		company, err := p.store.CreateOrganisation(ctx, cin, lars.ID)
		if err != nil {
			t.Fatal(err)
		}
		p.signedIn("lars@example.se").post("/organisations/"+itoa(company.ID)+"/members/"+itoa(lars.ID),
			url.Values{"role": {"org_admin", "registrar"}}).want(t, http.StatusUnprocessableEntity, "Bara offentliga organisationer har registratorer.")
	})
}
