package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

func TestWebhookPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		admin := p.mustUser("admin@region.example", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", admin.ID)
		member := p.mustUser("member@region.example", false)
		if err := p.store.AddRole(ctx, region.ID, member.ID, app.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		otherAdmin := p.mustUser("admin@kommun.example", false)
		kommun := p.mustOrg("Östersunds kommun", "212000-2411", otherAdmin.ID)
		p.mustUser("root@example.se", true)

		page := "/organisations/" + itoa(region.ID) + "/webhooks"
		a := p.signedIn("admin@region.example")
		a.get("/organisations/"+itoa(region.ID)).want(t, http.StatusOK, `href="`+page+`"`)
		a.get(page).want(t, http.StatusOK, "Webhooks för Region Jämtland Härjedalen", "Inga webhooks ännu.", "Inget har skickats ännu.")
		p.signedIn("member@region.example").get(page).want(t, http.StatusForbidden)
		p.signedIn("admin@kommun.example").get(page).want(t, http.StatusForbidden)
		p.browser().get(page).want(t, http.StatusSeeOther)
		root := p.signedIn("root@example.se")
		root.get(page).want(t, http.StatusOK)

		// Refused input keeps what was written and says what is wrong, per field.
		r := a.post(page, url.Values{"url": {"http://hooks.region.example/in"}, "events": {"need.published"}})
		r.want(t, http.StatusUnprocessableEntity, "Ange en adress som börjar med https://.", `value="http://hooks.region.example/in"`, `value="need.published" checked`)
		a.post(page, url.Values{"url": {"https://hooks.region.example/in"}}).want(t, http.StatusUnprocessableEntity, "Välj minst en händelse.")
		a.post(page, url.Values{"url": {"https://hooks.region.example/in"}, "events": {"need.deleted"}}).want(t, http.StatusUnprocessableEntity, "Okänd händelse.")

		r = a.post(page, url.Values{"url": {"https://hooks.region.example/in"}, "events": {"solution.created", "need.published"}})
		r.want(t, http.StatusOK, "Spara hemligheten nu", "https://hooks.region.example/in", "Nytt behov som organisationen får se, Ny lösning i katalogen")
		secret := regexp.MustCompile(`whsec_[A-Za-z0-9_-]{43}`).FindString(r.body)
		if secret == "" {
			t.Fatalf("no secret shown:\n%s", excerpt(r.body))
		}
		// The secret is shown once.
		r = a.get(page)
		r.want(t, http.StatusOK, "https://hooks.region.example/in")
		if strings.Contains(r.body, secret) {
			t.Fatal("the secret is shown again")
		}
		hooks, err := p.store.ListWebhooks(ctx, app.WebhookFilter{OrgIDs: []int64{region.ID}})
		if err != nil || len(hooks.Items) != 1 {
			t.Fatalf("webhooks = %+v, %v", hooks, err)
		}
		hook := hooks.Items[0]

		// A new solution is a delivery on the page.
		in := app.SolutionInput{Title: "Digital tillsyn", Type: "software", TRL: 7}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		if _, err := p.store.CreateSolution(ctx, kommun.ID, otherAdmin.ID, in); err != nil {
			t.Fatal(err)
		}
		a.get(page).want(t, http.StatusOK, "Ny lösning i katalogen</td><td>väntar</td><td>0</td>")

		root.get("/admin/webhooks").want(t, http.StatusOK, `<a href="`+page+`">Region Jämtland Härjedalen</a>`, "https://hooks.region.example/in")
		root.get("/admin/jobs").want(t, http.StatusOK, "<code>webhook.deliver</code>", "0 / 6")
		root.get("/admin/jobs?dead=true").want(t, http.StatusOK, "Inget jobb har getts upp.")
		for _, path := range []string{"/admin/webhooks", "/admin/jobs"} {
			a.get(path).want(t, http.StatusForbidden)
		}

		// Another organisation's page cannot delete this webhook, nor anyone without the right.
		other := "/organisations/" + itoa(kommun.ID) + "/webhooks/" + itoa(hook.ID) + "/delete"
		p.signedIn("admin@kommun.example").post(other, nil).want(t, http.StatusNotFound)
		p.signedIn("member@region.example").post(page+"/"+itoa(hook.ID)+"/delete", nil).want(t, http.StatusForbidden)
		a.post(page+"/x/delete", nil).want(t, http.StatusNotFound)
		a.post(page+"/"+itoa(hook.ID)+"/delete", nil).want(t, http.StatusSeeOther)
		a.get(page).want(t, http.StatusOK, "Webhooken är borttagen.", "Inga webhooks ännu.", "Inget har skickats ännu.")
		a.post(page+"/"+itoa(hook.ID)+"/delete", nil).want(t, http.StatusNotFound)

		// In English too.
		a.get("/lang/en?next=/").want(t, http.StatusSeeOther)
		a.get(page).want(t, http.StatusOK, "Webhooks of Region Jämtland Härjedalen", "No webhooks yet.")
	})
}

func TestWebhookFormGarbage(t *testing.T) {
	p := newPlatform(t, "sqlite")
	u := p.mustUser("a@example.se", false)
	o := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", u.ID)
	b := p.signedIn("a@example.se")
	for _, form := range []url.Values{
		{},
		{"url": {strings.Repeat("https://x.example/", 500)}, "events": {strings.Repeat("e", 5000)}},
		{"url": {"javascript:alert(1)"}, "events": {"", "\x00"}},
		{"url": {"https://user:pw@x.example/"}, "events": {"need.published"}},
	} {
		for _, path := range []string{"/organisations/" + itoa(o.ID) + "/webhooks", "/organisations/" + itoa(o.ID) + "/webhooks/x/delete", "/organisations/x/webhooks"} {
			if r := b.post(path, form); r.status >= 500 {
				t.Errorf("POST %s with %v: %d", path, form, r.status)
			}
		}
	}
}
