package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

// TestTwoFactorSignIn: a person turns on two-step verification with an authenticator
// app's code, then signs in with password and code; a code works once, a recovery code
// once, and five wrong codes end the sign-in.
func TestTwoFactorSignIn(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		p.mustUser("anna@example.se", false)
		b := p.signedIn("anna@example.se")
		b.get("/profile").want(t, http.StatusOK, "Slå på tvåstegsverifiering")
		r := b.post("/profile/2fa", nil)
		r.want(t, http.StatusOK, `src="data:image/png;base64,`, "Skriv in den här nyckeln")
		secret := regexp.MustCompile(`den här nyckeln: <code>([A-Z2-7]+)</code>`).FindStringSubmatch(r.body)
		if secret == nil {
			t.Fatalf("no secret on the page: %s", excerpt(r.body))
		}
		b.post("/profile/2fa/confirm", url.Values{"code": {"000000"}}).want(t, http.StatusUnprocessableEntity, "Koden stämmer inte")
		code, err := totp.GenerateCode(secret[1], time.Now())
		if err != nil {
			t.Fatal(err)
		}
		r = b.post("/profile/2fa/confirm", url.Values{"code": {code}})
		r.want(t, http.StatusOK, "Tvåstegsverifiering är påslagen", "reservkoder")
		recovery := regexp.MustCompile(`<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>`).FindAllStringSubmatch(r.body, -1)
		if len(recovery) != 10 {
			t.Fatalf("%d recovery codes", len(recovery))
		}

		// The password alone no longer signs in.
		c := p.browser()
		r = c.post("/login", url.Values{"email": {"anna@example.se"}, "password": {goodPassword}, "next": {"/needs"}})
		r.want(t, http.StatusSeeOther)
		if loc := r.header.Get("Location"); !strings.HasPrefix(loc, "/login/code") {
			t.Fatalf("after the password to %q", loc)
		}
		c.get("/profile").want(t, http.StatusSeeOther)
		c.get(r.header.Get("Location")).want(t, http.StatusOK, "autentiseringsapp")
		c.post("/login/code", url.Values{"code": {"123456"}}).want(t, http.StatusUnauthorized, "Koden stämmer inte")
		c.post("/login/code", url.Values{"code": {code}}).want(t, http.StatusUnauthorized, "redan använts") // the code of the set-up, again
		r = c.post("/login/code", url.Values{"code": {recovery[0][1]}, "next": {"/needs"}})
		r.want(t, http.StatusSeeOther)
		if loc := r.header.Get("Location"); loc != "/needs" {
			t.Errorf("after the code to %q", loc)
		}
		c.get("/profile").want(t, http.StatusOK, "Tvåstegsverifiering är påslagen för ditt konto")

		// A recovery code works once; five wrong codes end the sign-in.
		d := p.browser()
		d.post("/login", url.Values{"email": {"anna@example.se"}, "password": {goodPassword}}).want(t, http.StatusSeeOther)
		d.post("/login/code", url.Values{"code": {recovery[0][1]}}).want(t, http.StatusUnauthorized, "Koden stämmer inte")
		for range 4 {
			d.post("/login/code", url.Values{"code": {"999999"}}).want(t, http.StatusUnauthorized)
		}
		d.post("/login/code", url.Values{"code": {recovery[1][1]}}).want(t, http.StatusUnauthorized, "Logga in igen")

		// Off again, with the password and a recovery code.
		c.post("/profile/2fa/off", url.Values{"mfa_password": {"fel lösenord här"}, "mfa_off_code": {recovery[2][1]}}).
			want(t, http.StatusUnprocessableEntity, "Lösenordet stämmer inte")
		c.post("/profile/2fa/off", url.Values{"mfa_password": {goodPassword}, "mfa_off_code": {recovery[3][1]}}).want(t, http.StatusSeeOther)
		p.browser().post("/login", url.Values{"email": {"anna@example.se"}, "password": {goodPassword}}).want(t, http.StatusSeeOther)
	})
}
