package web_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/files/filestest"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

func itoa(id int64) string { return fmt.Sprint(id) }

func TestLanguage(t *testing.T) {
	p := newPlatform(t, "sqlite")
	b := p.browser()
	b.get("/").want(t, http.StatusOK, `<html lang="sv">`, "Från behov till lösning")
	b.lang = "en-GB,en;q=0.8"
	b.get("/").want(t, http.StatusOK, `<html lang="en">`, "From need to solution")
	b.lang = ""
	r := b.get("/lang/en?next=/organisations")
	r.want(t, http.StatusSeeOther)
	if r.header.Get("Location") != "/organisations" {
		t.Errorf("back to %q", r.header.Get("Location"))
	}
	b.get("/organisations").want(t, http.StatusOK, `<html lang="en">`, "Organisations", "Svenska")
	b.get("/lang/xx").want(t, http.StatusNotFound)
	if r := b.get("/lang/sv?next=https://evil.example/"); r.header.Get("Location") != "/" {
		t.Errorf("open redirect: %q", r.header.Get("Location"))
	}
}

func TestUnknownPages(t *testing.T) {
	p := newPlatform(t, "sqlite")
	p.browser().get("/finns/inte").want(t, http.StatusNotFound, `<html lang="sv">`, "Sidan finns inte.")
	p.browser().get("/logout").want(t, http.StatusNotFound)
}

func TestSecureCookiesUnderHTTPS(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	h, err := server.New(server.Config{Store: s, Files: filestest.Open(t), BaseURL: "https://tillsammans.example", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := auth.NewAccounts(s).SignUp(ctx, app.NewUser{Email: "a@example.se", Name: "A", Password: goodPassword}); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "https://tillsammans.example/login", strings.NewReader(url.Values{"email": {"a@example.se"}, "password": {goodPassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	c := sessionCookie(t, response{rec.Code, rec.Header(), ""})
	if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
		t.Fatalf("cookie under https = %+v", c)
	}
}

func TestCrossOriginPostsAreRefused(t *testing.T) {
	p := newPlatform(t, "sqlite")
	p.mustUser("a@example.se", false)
	req, _ := http.NewRequest("POST", p.url+"/login", strings.NewReader("email=a%40example.se&password="+url.QueryEscape(goodPassword)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site POST answered %d", res.StatusCode)
	}
}

func TestOrganisationPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		owner := p.mustUser("owner@example.se", false)
		p.mustUser("other@example.se", false)
		visitor := p.browser()
		visitor.get("/organisations/new").want(t, http.StatusSeeOther)
		visitor.post("/organisations/new", url.Values{"name": {"X"}}).want(t, http.StatusUnauthorized)

		b := p.signedIn("owner@example.se")
		form := url.Values{"name": {"Härjedalens Hälsoteknik AB"}, "kind": {"company"}, "size": {""}, "country": {"SE"},
			"org_number": {"556812-3408"}, "county": {"Trøndelag"}, "capabilities": {"distansvård, Sensorer, distansvård"}}
		b.post("/organisations/new", form).want(t, http.StatusUnprocessableEntity,
			"Välj storlek för ett företag.", "Ogiltigt organisationsnummer", "Välj ett län eller fylke i det valda landet.")
		if l, _ := p.store.ListOrganisations(ctx, app.OrganisationFilter{}); len(l.Items) != 0 {
			t.Fatal("a refused form wrote an organisation")
		}
		form.Set("size", "sme")
		form.Set("org_number", "5568123409")
		form.Set("county", "Jämtland")
		r := b.post("/organisations/new", form)
		r.want(t, http.StatusSeeOther)
		loc := r.header.Get("Location")
		b.get(loc).want(t, http.StatusOK, "Härjedalens Hälsoteknik AB", "556812-3409", "distansvård", "Sensorer", "Organisationsadministratör", "Redigera")
		b.post("/organisations/new", form).want(t, http.StatusConflict, "finns redan")

		// The list filters by kind, country and name (case and å/ä/ö folded).
		b.get("/organisations?q=HÄLSOTEKNIK&kind=company&country=SE").want(t, http.StatusOK, "Härjedalens Hälsoteknik AB")
		r = b.get("/organisations?kind=region")
		r.want(t, http.StatusOK, "Inga organisationer matchar.")

		// Only its administrators edit it.
		other := p.signedIn("other@example.se")
		other.get(loc+"/edit").want(t, http.StatusForbidden)
		other.post(loc+"/edit", form).want(t, http.StatusForbidden)
		other.get(loc).want(t, http.StatusOK, "owner")
		visitor.get(loc).want(t, http.StatusOK, "Logga in för att se vilka som är med.")
		form.Set("name", "Härjedalens Hälsoteknik")
		b.post(loc+"/edit", form).want(t, http.StatusSeeOther)
		b.get(loc).want(t, http.StatusOK, "<h1>Härjedalens Hälsoteknik</h1>")
		b.get("/organisations/999999").want(t, http.StatusNotFound, "Organisationen finns inte.")
		b.get("/organisations/abc").want(t, http.StatusNotFound)
		_ = owner
	})
}

func TestInvitationJourney(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		owner := p.mustUser("owner@example.se", false)
		o := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", owner.ID)
		p.mustUser("karin@example.se", false)
		b := p.signedIn("owner@example.se")
		members := "/organisations/" + itoa(o.ID) + "/members"
		b.post(members[:len(members)-len("members")]+"invitations", url.Values{"email": {"nope"}, "role": {"king"}}).
			want(t, http.StatusUnprocessableEntity, "Ange en giltig e-postadress", "Välj en giltig roll.")
		b.post(members[:len(members)-len("members")]+"invitations", url.Values{"email": {"Karin@example.se"}, "role": {"coordinator"}}).want(t, http.StatusSeeOther)
		b.get(members).want(t, http.StatusOK, "karin@example.se", "Väntande inbjudningar")

		mail, _ := p.store.ListMail(ctx, app.Page{})
		if len(mail.Items) != 1 || mail.Items[0].To != "karin@example.se" {
			t.Fatalf("outbox = %+v", mail.Items)
		}
		link := mail.Items[0].Body[strings.Index(mail.Items[0].Body, p.url):]
		link = strings.Fields(link)[0]
		path := strings.TrimPrefix(link, p.url)

		karin := p.browser()
		karin.get(path).want(t, http.StatusOK, "owner bjuder in dig till Region Jämtland Härjedalen som Innovationsledare")
		karin.post(path, nil).want(t, http.StatusUnauthorized)
		karin = p.signedIn("karin@example.se")
		karin.post(path, nil).want(t, http.StatusSeeOther)
		karin.get("/profile").want(t, http.StatusOK, "Region Jämtland Härjedalen</a>: Innovationsledare")
		karin.post(path, nil).want(t, http.StatusConflict, "redan använts")

		// An org admin changes roles, but never leaves the organisation without an admin.
		b.post(members+"/"+itoa(owner.ID), url.Values{"role": {"member"}}).want(t, http.StatusConflict, "minst en administratör")
		b.post(members+"/"+itoa(owner.ID), url.Values{"role": {"member", "org_admin"}}).want(t, http.StatusSeeOther)
		b.post(members+"/"+itoa(owner.ID), url.Values{"role": {"emperor"}}).want(t, http.StatusUnprocessableEntity)
		karin.get(members).want(t, http.StatusForbidden)
	})
}

func TestAdminPages(t *testing.T) {
	p := newPlatform(t, "sqlite")
	admin := p.mustUser("admin@example.se", true)
	p.mustUser("member@example.se", false)
	a, m := p.signedIn("admin@example.se"), p.signedIn("member@example.se")
	for _, path := range []string{"/admin/users", "/admin/organisations", "/admin/outbox"} {
		a.get(path).want(t, http.StatusOK)
		m.get(path).want(t, http.StatusForbidden, "Du har inte behörighet")
		p.browser().get(path).want(t, http.StatusSeeOther)
	}
	a.get("/admin/users?q=MEMBER").want(t, http.StatusOK, "member@example.se")
	a.post("/admin/users/"+itoa(admin.ID)+"/admin", url.Values{"admin": {"false"}}).want(t, http.StatusConflict)
	a.post("/admin/users/2/admin", url.Values{"admin": {"true"}}).want(t, http.StatusSeeOther)
	// A new administrator's powers wait for two-step verification.
	m.get("/admin/users").want(t, http.StatusForbidden, "först när du har slagit på tvåstegsverifiering")
	// The audit log names who made whom an administrator, and exports as CSV.
	a.get("/admin/audit?action=user.admin").want(t, http.StatusOK, "Granskningslogg", "<code>user.admin</code>", `{&#34;admin&#34;:true}`)
	a.get("/admin/audit.csv?action=user.admin").want(t, http.StatusOK, "user.admin;person;2")
	m.get("/admin/audit").want(t, http.StatusForbidden)
	a.get("/admin/users?cursor=!!").want(t, http.StatusUnprocessableEntity)
}

func TestBadInputNeverFails500(t *testing.T) {
	p := newPlatform(t, "sqlite")
	u := p.mustUser("a@example.se", true)
	o := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", u.ID)
	b := p.signedIn("a@example.se")
	garbage := []url.Values{
		{},
		{"name": {strings.Repeat("å", 5000)}, "email": {strings.Repeat("x", 300) + "@x.se"}, "password": {strings.Repeat("p", 2000)}},
		{"kind": {"'; DROP TABLE users; --"}, "country": {"\x00"}, "org_number": {"٣٤٥"}, "role": {"", "x"}, "lang": {"zz"}, "admin": {"maybe"}},
		{"capabilities": {strings.Repeat("tag,", 100)}, "token_name": {strings.Repeat("n", 200)}, "next": {"javascript:alert(1)"}},
	}
	posts := []string{"/signup", "/login", "/profile", "/profile/password", "/profile/tokens", "/profile/tokens/x/delete",
		"/organisations/new", "/organisations/" + itoa(o.ID) + "/edit", "/organisations/" + itoa(o.ID) + "/invitations",
		"/organisations/" + itoa(o.ID) + "/members/1", "/organisations/x/members/y", "/invitations/nope", "/admin/users/x/admin", "/logout"}
	for _, path := range posts {
		for i, form := range garbage {
			r := b.post(path, form)
			if r.status >= 500 {
				t.Errorf("POST %s with garbage form %d: %d", path, i, r.status)
			}
		}
	}
	// A body over the limit is refused, not read.
	r := b.post("/signup", url.Values{"name": {strings.Repeat("x", 2<<20)}})
	if r.status != http.StatusRequestEntityTooLarge && r.status != http.StatusUnprocessableEntity {
		t.Errorf("huge body: %d", r.status)
	}
}
