package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

func TestAdminTags(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		admin := p.mustUser("admin@example.se", true)
		p.mustUser("member@example.se", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", admin.ID)
		a, m := p.signedIn("admin@example.se"), p.signedIn("member@example.se")
		need := func(title string, tags ...string) app.Need {
			in := app.NeedInput{Title: title, Tags: tags, Visibility: app.VisibleOrganisation}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			n, err := p.store.CreateNeed(ctx, region.ID, admin.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		both := need("Virtuellt akutrum", "distansvard", "glesbygd", "Distansvård")
		one := need("Nattillsyn", "distansvard")

		// Only platform admins; visitors are sent to sign in.
		for _, path := range []string{"/admin/tags"} {
			m.get(path).want(t, http.StatusForbidden, "Du har inte behörighet")
			p.browser().get(path).want(t, http.StatusSeeOther)
		}
		for _, path := range []string{"/admin/tags", "/admin/tags/merge", "/admin/tags/rename"} {
			m.post(path, url.Values{"name": {"x"}, "merge_from": {"distansvard"}, "merge_into": {"glesbygd"}, "rename_from": {"glesbygd"}, "rename_to": {"y"}}).
				want(t, http.StatusForbidden)
			if r := p.browser().post(path, url.Values{"name": {"x"}}); r.status != http.StatusSeeOther && r.status != http.StatusUnauthorized {
				t.Errorf("visitor POST %s: %d", path, r.status)
			}
		}

		// The page lists the free tags with their counts, and has a tab among the admin pages.
		r := a.get("/admin/tags")
		r.want(t, http.StatusOK, `href="/admin/tags" aria-current="page"`, "distansvard", "glesbygd", `action="/admin/tags/merge"`, `action="/admin/tags/rename"`)
		a.get("/admin/users").want(t, http.StatusOK, `href="/admin/tags"`)

		// Curate a tag, with a description; curating it again is a conflict on the field.
		a.post("/admin/tags", url.Values{"name": {" distansvård "}, "description": {"Vård på distans."}}).want(t, http.StatusSeeOther)
		a.get("/admin/tags").want(t, http.StatusOK, "Taggen är nu kurerad.", "Vård på distans.")
		a.post("/admin/tags", url.Values{"name": {"DISTANSVÅRD"}}).want(t, http.StatusConflict, `id="e-name"`, "redan kurerad")
		a.post("/admin/tags", url.Values{"name": {""}}).want(t, http.StatusUnprocessableEntity, `id="e-name"`)
		a.post("/admin/tags", url.Values{"name": {"a, b"}}).want(t, http.StatusUnprocessableEntity, `id="e-name"`)

		// Merge the misspelling into it through the form.
		a.post("/admin/tags/merge", url.Values{"merge_from": {"distansvard"}, "merge_into": {"distansvard"}}).
			want(t, http.StatusUnprocessableEntity, `id="e-merge_into"`)
		a.post("/admin/tags/merge", url.Values{"merge_from": {""}, "merge_into": {"distansvård"}}).
			want(t, http.StatusUnprocessableEntity, `id="e-merge_from"`)
		a.post("/admin/tags/merge", url.Values{"merge_from": {"distansvard"}, "merge_into": {"distansvård"}}).want(t, http.StatusSeeOther)
		r = a.get("/admin/tags")
		r.want(t, http.StatusOK, "Taggarna är sammanslagna.")
		if strings.Contains(r.body, "<td>distansvard</td>") {
			t.Errorf("the merged tag is still listed:\n%s", excerpt(r.body))
		}
		for _, n := range []app.Need{both, one} {
			got, err := p.store.Need(ctx, app.Viewer{Admin: true}, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := map[int64][]string{both.ID: {"glesbygd", "Distansvård"}, one.ID: {"distansvård"}}[n.ID]
			if !slices.Equal(got.Tags, want) {
				t.Errorf("%s: tags = %q, want %q", n.Title, got.Tags, want)
			}
		}

		// Rename; renaming onto another tag is refused, in English too.
		a.post("/admin/tags/rename", url.Values{"rename_from": {"glesbygd"}, "rename_to": {"Glesbygd"}}).want(t, http.StatusSeeOther)
		a.get("/admin/tags").want(t, http.StatusOK, "Taggen har bytt namn.", "Glesbygd")
		a.get("/lang/en").want(t, http.StatusSeeOther)
		a.post("/admin/tags/rename", url.Values{"rename_from": {"Glesbygd"}, "rename_to": {"distansvård"}}).
			want(t, http.StatusConflict, `id="e-rename_to"`, "already exists")
		a.post("/admin/tags/rename", url.Values{"rename_from": {"saknas"}, "rename_to": {"x"}}).
			want(t, http.StatusUnprocessableEntity, `id="e-rename_from"`)

		// The need form suggests the curated tags, and only those.
		if err := p.store.AddRole(ctx, region.ID, admin.ID, app.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		r = a.get("/needs/new")
		r.want(t, http.StatusOK, `list="tag-suggestions"`, `<datalist id="tag-suggestions"><option value="distansvård"></datalist>`)
	})
}
