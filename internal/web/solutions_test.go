package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

func TestSolutionPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		boss := p.mustUser("boss@bolag.example", false)
		in := app.OrganisationInput{Name: "Vårdbolaget AB", Kind: app.KindCompany, Size: app.SizeSME, Country: "SE", OrgNumber: "556036-0793"}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		company, err := p.store.CreateOrganisation(ctx, in, boss.ID)
		if err != nil {
			t.Fatal(err)
		}
		p.mustUser("other@example.se", false)
		owner, other, visitor := p.signedIn("boss@bolag.example"), p.signedIn("other@example.se"), p.browser()

		visitor.get("/solutions").want(t, http.StatusOK, i18n.T("sv", "solution.none_found"))
		other.get("/solutions/new").want(t, http.StatusForbidden)
		owner.get("/solutions/new").want(t, http.StatusOK, i18n.T("sv", "solution.secrecy_warning"))

		form := url.Values{"organisation_id": {itoa(company.ID)}, "title": {"Ögonblick"}, "description": {"**Nattlig** tillsyn"},
			"type": {"software"}, "tags": {"tillsyn, natt"}, "care_settings": {"hemtjanst"}, "trl": {"7"}, "deployment": {"pilot"},
			"mdr_class": {"none"}, "hosting": {"Hemlig hall"}, "data_location": {"sweden"}, "identity_support": {"siths"},
			"secret_fields": {"hosting"}}
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("trl", "12")
		owner.post("/solutions/new", bad).want(t, http.StatusUnprocessableEntity, i18n.T("sv", "err.trl"))
		if l, _ := p.store.ListSolutions(ctx, app.SolutionFilter{}); len(l.Items) != 0 {
			t.Fatalf("an invalid form wrote %d solutions", len(l.Items))
		}
		other.post("/solutions/new", form).want(t, http.StatusForbidden)
		r := owner.post("/solutions/new", form)
		r.want(t, http.StatusSeeOther)
		path := r.header.Get("Location")
		if !strings.HasPrefix(path, "/solutions/") {
			t.Fatalf("Location = %q", path)
		}
		owner.get(path).want(t, http.StatusOK, "<strong>Nattlig</strong>", "Hemlig hall", i18n.T("sv", "solution.secrecy_warning"))
		visitor.get(path).want(t, http.StatusOK, "Ögonblick", i18n.T("sv", "solution.secrecy_warning"))
		if body := visitor.get(path).body; strings.Contains(body, "Hemlig hall") {
			t.Fatal("a visitor sees a secret field")
		}
		if body := other.get(path).body; strings.Contains(body, "Hemlig hall") || strings.Contains(body, path+"/edit") {
			t.Fatal("an outsider sees a secret field or the edit link")
		}
		visitor.get("/solutions?type=software&care_setting=hemtjanst&trl_min=7&tag=TILLSYN").want(t, http.StatusOK, "Ögonblick")
		if body := visitor.get("/solutions?trl_min=8").body; strings.Contains(body, "Ögonblick") {
			t.Fatal("the TRL filter let a TRL 7 solution through")
		}
		owner.get(path+"/edit").want(t, http.StatusOK, "Hemlig hall")
		other.get(path+"/edit").want(t, http.StatusForbidden)
		form.Set("title", "Ögonblick 2")
		owner.post(path+"/edit", form).want(t, http.StatusSeeOther)
		visitor.get("/solutions").want(t, http.StatusOK, "Ögonblick 2", `href="/solutions"`)
		other.post(path+"/delete", nil).want(t, http.StatusForbidden)
		owner.post(path+"/delete", nil).want(t, http.StatusSeeOther)
		visitor.get(path).want(t, http.StatusNotFound)
	})
}
