package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

func TestPrivacyAndAccessibilityPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		p.mustUser("admin@tillsammans.example", true)
		b := p.browser()
		b.get("/").want(t, http.StatusOK, `href="/privacy"`, `href="/accessibility"`)
		b.get("/privacy").want(t, http.StatusOK, "Personuppgifter och integritet", "allmän handling")
		b.get("/accessibility").want(t, http.StatusOK, "Tillgänglighetsredogörelse", "WCAG 2.1", "digg.se")
		b.post("/accessibility/feedback", url.Values{"message": {"  "}, "email": {"inte en adress"}}).
			want(t, http.StatusUnprocessableEntity, "Måste fyllas i.", "Ange en giltig e-postadress")
		b.post("/accessibility/feedback", url.Values{"message": {"Knappen saknar etikett."}, "email": {"bo@example.se"}}).want(t, http.StatusSeeOther)
		mail, _ := p.store.ListMail(ctx, app.Page{})
		if len(mail.Items) != 1 || mail.Items[0].To != "admin@tillsammans.example" || !strings.Contains(mail.Items[0].Body, "Knappen saknar etikett.") {
			t.Fatalf("outbox = %+v", mail.Items)
		}
	})
}

// TestPersonalDataAndDeletion: a person takes their data away as JSON and deletes their
// account; what they wrote on a need stays, under "Borttagen person".
func TestPersonalDataAndDeletion(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		w := newNeedWorld(t, p)
		c := w.coordinator
		loc := c.post("/needs/new", needForm(w.region, "Virtuellt akutrum")).header.Get("Location")
		c.post(loc+"/comments", url.Values{"body": {"Vi testar i Sveg först."}}).want(t, http.StatusSeeOther)

		r := c.get("/profile/data.json")
		r.want(t, http.StatusOK)
		var d app.PersonalData
		if err := json.Unmarshal([]byte(r.body), &d); err != nil {
			t.Fatalf("export: %v\n%s", err, r.body)
		}
		if d.Person.Email != "karin@region.example" || len(d.Memberships) == 0 || len(d.Needs) != 1 || !d.Needs[0].Created {
			t.Errorf("export = %+v", d)
		}
		if len(d.Texts) != 1 || d.Texts[0].Kind != "comment" || d.Texts[0].Text != "Vi testar i Sveg först." {
			t.Errorf("texts = %+v", d.Texts)
		}
		p.browser().get("/profile/data.json").want(t, http.StatusSeeOther)

		// The only administrator of an organisation with other members must hand over first.
		if err := p.store.AddRole(ctx, w.region.ID, p.mustUser("bo@region.example", false).ID, app.RoleMember); err != nil {
			t.Fatal(err)
		}
		c.post("/profile/delete", url.Values{"delete_password": {goodPassword}}).want(t, http.StatusConflict, "Utse en annan administratör först")
		if err := p.store.SetRoles(ctx, w.region.ID, p.mustUser("eva@region.example", false).ID, []app.Role{app.RoleOrgAdmin}); err != nil {
			t.Fatal(err)
		}
		c.post("/profile/delete", url.Values{"delete_password": {"fel lösenord här"}}).want(t, http.StatusUnprocessableEntity, "Lösenordet stämmer inte.")
		r = c.post("/profile/delete", url.Values{"delete_password": {goodPassword}})
		r.want(t, http.StatusSeeOther)
		c.get("/profile").want(t, http.StatusSeeOther)
		p.browser().post("/login", url.Values{"email": {"karin@region.example"}, "password": {goodPassword}}).want(t, http.StatusUnauthorized)

		// The need and the comment stay, written by "Borttagen person".
		eva := p.signedIn("eva@region.example")
		eva.get(loc).want(t, http.StatusOK, "Virtuellt akutrum", "Vi testar i Sveg först.", app.DeletedName)
		if res, err := p.store.Search(ctx, app.Viewer{UserID: 1}, app.SearchQuery{Q: "karin", Kind: app.KindPerson, Limit: 10}); err != nil || len(res.Items) != 0 {
			t.Errorf("the deleted person is still found: %+v %v", res.Items, err)
		}
	})
}
