package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/auth/oidctest"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// ssoPlatform serves the platform with an in-test identity provider for Region Jämtland
// Härjedalen, whose "roles" claim maps to the platform's roles.
func ssoPlatform(t *testing.T, dialect string) (*platform, *oidctest.Provider) {
	idp := oidctest.Start(t)
	p := newPlatform(t, dialect, func(c *server.Config) {
		c.OIDC = []auth.OIDCProvider{{ID: "rjh", Name: "Region Jämtland Härjedalen", Issuer: idp.URL, ClientID: idp.ClientID,
			ClientSecret: idp.ClientSecret, Organisation: "232100-0214", RoleClaim: "roles",
			Roles: map[string]app.Role{"innovation": app.RoleCoordinator}, DefaultRole: app.RoleNeedSubmitter}}
	})
	return p, idp
}

// sso walks a sign-in through the provider as a browser would and returns the platform's
// last answer.
func (b *browser) sso(provider, next string) response {
	b.p.t.Helper()
	return b.get(b.ssoCallback(provider, next))
}

// ssoCallback starts a sign-in and returns the path the provider sends the browser back to.
func (b *browser) ssoCallback(provider, next string) string {
	b.p.t.Helper()
	r := b.get("/login/oidc/" + provider + "?next=" + url.QueryEscape(next))
	if r.status != http.StatusSeeOther {
		b.p.t.Fatalf("start: %d %s", r.status, excerpt(r.body))
	}
	res, err := b.c.Get(r.header.Get("Location")) // at the provider, which sends the browser back
	if err != nil {
		b.p.t.Fatal(err)
	}
	res.Body.Close()
	back := res.Header.Get("Location")
	if res.StatusCode != http.StatusFound || !strings.HasPrefix(back, b.p.url) {
		b.p.t.Fatalf("the provider answered %d, to %q", res.StatusCode, back)
	}
	return strings.TrimPrefix(back, b.p.url)
}

func TestSingleSignOn(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			p, idp := ssoPlatform(t, dialect)
			region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", 0)
			b := p.browser()
			b.get("/login").want(t, http.StatusOK, "Logga in med Region Jämtland Härjedalen", `href="/login/oidc/rjh"`)

			// A new person signs in, lands where they were going, in the region, as a coordinator.
			idp.SignInNext(map[string]any{"sub": "u-1", "email": "Karin@RegionJH.example", "email_verified": true,
				"name": "Karin Lindqvist", "roles": []string{"vardpersonal", "innovation"}})
			r := b.sso("rjh", "/needs")
			r.want(t, http.StatusSeeOther)
			if loc := r.header.Get("Location"); loc != "/needs" {
				t.Errorf("after signing in to %q", loc)
			}
			b.get("/profile").want(t, http.StatusOK, "Karin Lindqvist", "karin@regionjh.example", "Region Jämtland Härjedalen", "Innovationsledare")
			u, _, err := p.store.UserCredentials(ctx, "karin@regionjh.example")
			if err != nil {
				t.Fatal(err)
			}
			members, _ := p.store.Members(ctx, region.ID)
			if len(members) != 1 || members[0].User.ID != u.ID || len(members[0].Roles) != 1 || members[0].Roles[0] != app.RoleCoordinator {
				t.Errorf("members of the region: %+v", members)
			}

			// A person with a password account is linked by the verified address, once.
			p.mustUser("erik@regionjh.example", false)
			idp.SignInNext(map[string]any{"sub": "u-2", "email": "erik@regionjh.example", "email_verified": true, "name": "Erik"})
			e := p.browser()
			e.sso("rjh", "/").want(t, http.StatusSeeOther)
			e.get("/profile").want(t, http.StatusOK, "erik@regionjh.example", "Behovsägare")
			idp.SignInNext(map[string]any{"sub": "u-2", "email": "erik.ny@regionjh.example", "email_verified": true, "name": "Erik"})
			e = p.browser()
			e.sso("rjh", "/").want(t, http.StatusSeeOther)
			e.get("/profile").want(t, http.StatusOK, "erik@regionjh.example") // the same person, by the provider's subject

			// No verified address, no sign-in; a provider that says no; a state used twice.
			idp.SignInNext(map[string]any{"sub": "u-3", "email": "okand@example.se", "email_verified": false})
			p.browser().sso("rjh", "/").want(t, http.StatusUnauthorized, "ingen bekräftad e-postadress")
			idp.SignInNext(nil)
			p.browser().sso("rjh", "/").want(t, http.StatusUnauthorized, "Inloggningen via din organisation misslyckades")
			idp.SignInNext(map[string]any{"sub": "u-1", "email": "karin@regionjh.example", "email_verified": true})
			k := p.browser()
			back := k.ssoCallback("rjh", "/")
			k.get(back).want(t, http.StatusSeeOther)
			p.browser().get(back).want(t, http.StatusUnauthorized, "Börja om")
			p.browser().get("/login/oidc/nope").want(t, http.StatusNotFound)

			// SSO only: the region's staff may no longer use passwords; others still may.
			if err := p.store.AddRole(ctx, region.ID, p.mustUser("maria@regionjh.example", false).ID, app.RoleOrgAdmin); err != nil {
				t.Fatal(err)
			}
			admin := p.signedIn("maria@regionjh.example")
			admin.post("/organisations/"+itoa(region.ID)+"/sso", url.Values{"sso_only": {"on"}}).want(t, http.StatusSeeOther)
			p.browser().post("/login", url.Values{"email": {"erik@regionjh.example"}, "password": {goodPassword}}).
				want(t, http.StatusUnauthorized, "loggar in via sin egen inloggningstjänst")
			p.browser().post("/login", url.Values{"email": {"erik@regionjh.example"}, "password": {"fel lösenord här"}}).
				want(t, http.StatusUnauthorized, "Fel e-postadress eller lösenord")
			p.mustUser("anna@fjallvard.example", false)
			p.signedIn("anna@fjallvard.example")
		})
	}
}
