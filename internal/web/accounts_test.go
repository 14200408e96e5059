package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

func TestSignUpSignInSignOut(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		b := p.browser()
		b.get("/signup").want(t, http.StatusOK, `<html lang="sv">`, "Skapa konto")

		// Every field wrong at once: a message per field, in Swedish, and no account.
		r := b.post("/signup", url.Values{"name": {""}, "email": {"inte-en-adress"}, "password": {"kort"}})
		r.want(t, http.StatusUnprocessableEntity, "Måste fyllas i.", "Ange en giltig e-postadress", "minst 12 tecken",
			`id="f-email" name="email" type="email" value="inte-en-adress" required autocomplete="email" aria-invalid="true" aria-describedby="e-email"`)
		r = b.post("/signup", url.Values{"name": {"Anna"}, "email": {"anna@example.se"}, "password": {"lösenord1234"}})
		r.want(t, http.StatusUnprocessableEntity, "för vanligt")
		if l, _ := p.store.ListUsers(ctx, app.UserFilter{}); len(l.Items) != 0 {
			t.Fatalf("refused sign-ups wrote %d users", len(l.Items))
		}

		r = b.post("/signup", url.Values{"name": {"Anna Åberg"}, "email": {"Anna@Example.se"}, "password": {goodPassword}, "next": {"/organisations"}})
		r.want(t, http.StatusSeeOther)
		if loc := r.header.Get("Location"); loc != "/organisations" {
			t.Errorf("after sign-up to %q", loc)
		}
		cookie := sessionCookie(t, r)
		if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Secure {
			t.Errorf("session cookie = %+v", cookie)
		}
		b.get("/profile").want(t, http.StatusOK, "Anna Åberg", "anna@example.se")

		// The same address again conflicts.
		p.browser().post("/signup", url.Values{"name": {"X"}, "email": {"anna@example.se"}, "password": {goodPassword}}).
			want(t, http.StatusConflict, "Det finns redan ett konto")

		b.post("/logout", nil).want(t, http.StatusSeeOther)
		b.get("/profile").want(t, http.StatusSeeOther)

		// Wrong password: 401, the same message as for an unknown account.
		b.post("/login", url.Values{"email": {"anna@example.se"}, "password": {"fel lösenord här"}}).want(t, http.StatusUnauthorized, "Fel e-postadress eller lösenord")
		b.post("/login", url.Values{"email": {"ingen@example.se"}, "password": {"fel lösenord här"}}).want(t, http.StatusUnauthorized, "Fel e-postadress eller lösenord")
		r = b.post("/login", url.Values{"email": {"anna@example.se"}, "password": {goodPassword}, "next": {"//evil.example/"}})
		r.want(t, http.StatusSeeOther)
		if loc := r.header.Get("Location"); loc != "/" {
			t.Errorf("open redirect: %q", loc)
		}
	})
}

func sessionCookie(t *testing.T, r response) *http.Cookie {
	t.Helper()
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == "tillsammans_session" {
			return c
		}
	}
	t.Fatalf("no session cookie in %v", r.header)
	return nil
}

func TestSessionRotatesAtSignIn(t *testing.T) {
	p := newPlatform(t, "sqlite")
	p.mustUser("a@example.se", false)
	b := p.browser()
	first := sessionCookie(t, b.post("/login", url.Values{"email": {"a@example.se"}, "password": {goodPassword}}))
	second := sessionCookie(t, b.post("/login", url.Values{"email": {"a@example.se"}, "password": {goodPassword}}))
	if first.Value == second.Value {
		t.Fatal("session id not rotated at sign-in")
	}
	// The old session is gone, not merely replaced in this browser.
	old := p.browser()
	old.c.Jar.SetCookies(mustURL(p.url), []*http.Cookie{{Name: "tillsammans_session", Value: first.Value}})
	old.get("/profile").want(t, http.StatusSeeOther)
}

func mustURL(s string) *url.URL { u, _ := url.Parse(s); return u }

func TestSignInThrottle(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		p.mustUser("a@example.se", false)
		b := p.browser()
		for i := range app.MaxFailuresPerAccount {
			b.post("/login", url.Values{"email": {"a@example.se"}, "password": {"fel lösenord " + strings.Repeat("x", i)}}).want(t, http.StatusUnauthorized)
		}
		// Now even the right password waits, and the answer says for how long.
		r := b.post("/login", url.Values{"email": {"a@example.se"}, "password": {goodPassword}})
		r.want(t, http.StatusTooManyRequests, "För många misslyckade inloggningar")
		if r.header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
		// Another account from the same address is not yet limited.
		p.mustUser("b@example.se", false)
		b.post("/login", url.Values{"email": {"b@example.se"}, "password": {goodPassword}}).want(t, http.StatusSeeOther)
	})
}

func TestSignInThrottlePerAddress(t *testing.T) {
	p := newPlatform(t, "sqlite")
	p.mustUser("a@example.se", false)
	b := p.browser()
	// Many accounts tried from one address: the address is limited, whatever the account.
	for i := range app.MaxFailuresPerIP {
		b.post("/login", url.Values{"email": {fmt.Sprintf("gissning%d@example.se", i)}, "password": {"fel lösenord här"}}).want(t, http.StatusUnauthorized)
	}
	r := b.post("/login", url.Values{"email": {"a@example.se"}, "password": {goodPassword}})
	r.want(t, http.StatusTooManyRequests)
	if r.header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
}

func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	p := newPlatform(t, "sqlite")
	p.mustUser("a@example.se", false)
	here, elsewhere := p.signedIn("a@example.se"), p.signedIn("a@example.se")
	here.post("/profile/password", url.Values{"current_password": {"fel"}, "new_password": {"kort"}}).
		want(t, http.StatusUnprocessableEntity, "Lösenordet stämmer inte.", "minst 12 tecken")
	here.post("/profile/password", url.Values{"current_password": {goodPassword}, "new_password": {"Ett helt nytt lösenord 2027"}}).want(t, http.StatusSeeOther)
	here.get("/profile").want(t, http.StatusOK, "Lösenordet är bytt")
	elsewhere.get("/profile").want(t, http.StatusSeeOther)
	p.browser().post("/login", url.Values{"email": {"a@example.se"}, "password": {"Ett helt nytt lösenord 2027"}}).want(t, http.StatusSeeOther)
}

func TestTokensOnProfile(t *testing.T) {
	p := newPlatform(t, "sqlite")
	p.mustUser("a@example.se", false)
	b := p.signedIn("a@example.se")
	b.post("/profile/tokens", url.Values{"token_name": {" "}}).want(t, http.StatusUnprocessableEntity, "Måste fyllas i.")
	r := b.post("/profile/tokens", url.Values{"token_name": {"Rapportskript"}})
	r.want(t, http.StatusOK, "Kopiera den nu", "Rapportskript")
	i := strings.Index(r.body, `<code id="new-token">`)
	secret := r.body[i+len(`<code id="new-token">`):]
	secret = secret[:strings.Index(secret, "<")]
	if !strings.HasPrefix(secret, "tls_") {
		t.Fatalf("token %q", secret)
	}
	// The token works on the API and shows only its prefix afterwards.
	req, _ := http.NewRequest("GET", p.url+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("api with new token: %v %v", res.StatusCode, err)
	}
	res.Body.Close()
	profile := b.get("/profile")
	profile.want(t, http.StatusOK, secret[:8]+"…")
	if strings.Contains(profile.body, secret) {
		t.Fatal("the token is shown again")
	}
	tokens, _ := p.store.ListTokens(ctx, 1)
	b.post("/profile/tokens/"+itoa(tokens[0].ID)+"/delete", nil).want(t, http.StatusSeeOther)
	res, _ = http.DefaultClient.Do(req)
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("revoked token answers %d", res.StatusCode)
	}
}

// TestPasswordReset: the same answer for an address with and without an account; a link
// by mail for the one that has; the link sets a new password once, ends every session and
// cannot be used again.
func TestPasswordReset(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		p.mustUser("anna@example.se", false)
		signedIn := p.signedIn("anna@example.se")
		b := p.browser()
		b.get("/login").want(t, http.StatusOK, `href="/password/forgot"`)
		b.get("/password/forgot").want(t, http.StatusOK, "Glömt lösenordet")
		b.post("/password/forgot", url.Values{"email": {"inte en adress"}}).want(t, http.StatusUnprocessableEntity, "Ange en giltig e-postadress")

		known := b.post("/password/forgot", url.Values{"email": {"Anna@example.se"}})
		unknown := b.post("/password/forgot", url.Values{"email": {"ingen@example.se"}})
		known.want(t, http.StatusOK, "Om adressen finns hos oss har vi skickat en länk")
		if known.status != unknown.status || known.body != unknown.body {
			t.Error("the answers for an address with and without an account differ")
		}
		// A second request within the minute sends no second mail.
		b.post("/password/forgot", url.Values{"email": {"anna@example.se"}}).want(t, http.StatusOK)
		mail, _ := p.store.ListMail(ctx, app.Page{})
		if len(mail.Items) != 1 || mail.Items[0].To != "anna@example.se" {
			t.Fatalf("outbox = %+v", mail.Items)
		}
		link := strings.Fields(mail.Items[0].Body[strings.Index(mail.Items[0].Body, p.url):])[0]
		path := strings.TrimPrefix(link, p.url)

		b.get(path).want(t, http.StatusOK, "Välj ett nytt lösenord")
		b.post(path, url.Values{"password": {"kort"}}).want(t, http.StatusUnprocessableEntity, "minst 12 tecken")
		b.post("/password/reset/fel-nyckel", url.Values{"password": {"Ett-nytt-lösenord-2026"}}).want(t, http.StatusGone, "Länken gäller inte längre")
		r := b.post(path, url.Values{"password": {"Ett-nytt-lösenord-2026"}})
		r.want(t, http.StatusSeeOther)
		if loc := r.header.Get("Location"); loc != "/login" {
			t.Errorf("after the reset to %q", loc)
		}
		b.post(path, url.Values{"password": {"Ett-annat-lösenord-2026"}}).want(t, http.StatusGone, "Länken gäller inte längre")

		signedIn.get("/profile").want(t, http.StatusSeeOther) // the session from before has ended
		b.post("/login", url.Values{"email": {"anna@example.se"}, "password": {goodPassword}}).want(t, http.StatusUnauthorized)
		b.post("/login", url.Values{"email": {"anna@example.se"}, "password": {"Ett-nytt-lösenord-2026"}}).want(t, http.StatusSeeOther)
	})
}
