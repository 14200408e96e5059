package server_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/auth/oidctest"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestBrowserSingleSignOn: a nurse of the region signs in through the region's identity
// provider (started inside the test) and lands in the region with the role the
// provider's claim gives.
func TestBrowserSingleSignOn(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	journeyOrg(t, s, app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, Country: "SE", OrgNumber: "232100-0214"}, 0)
	idp := oidctest.Start(t)
	idp.SignInNext(map[string]any{"sub": "siths-4711", "email": "sara.nilsson@regionjh.example", "email_verified": true,
		"name": "Sara Nilsson", "roles": "vardpersonal"})
	base := servePlatform(t, s, slog.New(slog.DiscardHandler), func(c *server.Config) {
		c.OIDC = []auth.OIDCProvider{{ID: "rjh", Name: "Region Jämtland Härjedalen (SITHS)", Issuer: idp.URL, ClientID: idp.ClientID,
			ClientSecret: idp.ClientSecret, Organisation: "232100-0214", RoleClaim: "roles",
			Roles: map[string]app.Role{"vardpersonal": app.RoleNeedSubmitter, "innovation": app.RoleCoordinator}}}
	})

	b := newBrowser(t, base)
	b.open("/login")
	b.screenshot("sso-login")
	if status := b.load("sign in through the region", chromedp.Click(chromedp.CSS(`a[href="/login/oidc/rjh"]`))); status != 200 {
		t.Fatalf("after signing in through the provider: status %d: %s", status, b.text("main"))
	}
	if p := b.path(); p != "/" {
		t.Errorf("after signing in at %s", p)
	}
	b.wantText("header nav.user", "Logga ut")
	b.open("/profile")
	b.wantText("main", "sara.nilsson@regionjh.example", "Region Jämtland Härjedalen: Behovsägare")
	if name := b.attr("#f-name", "value"); name != "Sara Nilsson" {
		t.Errorf("name %q", name)
	}
	b.screenshot("sso-profile")

	u, _, err := s.UserCredentials(context.Background(), "sara.nilsson@regionjh.example")
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.UserMemberships(context.Background(), u.ID)
	if err != nil || len(m) != 1 || m[0].Organisation.Name != "Region Jämtland Härjedalen" || len(m[0].Roles) != 1 || m[0].Roles[0] != app.RoleNeedSubmitter {
		t.Errorf("memberships = %+v, %v", m, err)
	}
}
