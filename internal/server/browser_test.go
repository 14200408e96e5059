package server_test

import (
	"log/slog"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tillsammans/tillsammans/internal/files/filestest"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestBrowserJourney walks the first journey of a new member in a real browser: a Swedish
// visitor signs up (after a refused password), registers a company, finds it in the list
// and switches to English. Screenshots go to $TILLSAMMANS_SCREENSHOTS when it is set.
func TestBrowserJourney(t *testing.T) {
	// The handler needs the server's own URL (links, cookies), which is known once the
	// listener exists and before the server starts.
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	h, err := server.New(server.Config{Store: storetest.Open(t, "sqlite"), Files: filestest.Open(t), BaseURL: base, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(srv.Close)
	if srv.URL != base {
		t.Fatalf("server URL %s, BaseURL %s", srv.URL, base)
	}

	b := newBrowser(t, srv.URL)
	const (
		name     = "Åsa Öberg-Lindqvist"
		email    = "asa.oberg@example.se"
		password = "Fjällräven-Östersund-2026!"
		org      = "Härjedalens Hälsoteknik AB"
	)

	// A visitor whose browser prefers Swedish gets the Swedish home page.
	b.open("/")
	b.wantLang("sv")
	b.wantStyled()
	b.wantText("body", "Skapa konto")
	b.screenshot("home-sv")

	if status := b.load("follow the sign-up link", chromedp.Click(chromedp.CSS(`header a[href="/signup"]`))); status != 200 {
		t.Fatalf("sign-up page: status %d", status)
	}
	if p := b.path(); p != "/signup" {
		t.Fatalf("sign-up link led to %s", p)
	}
	b.wantText("h1", "Skapa konto")

	// A too short password is refused, with the message tied to the field.
	b.do("fill the sign-up form",
		chromedp.SendKeys(chromedp.ID("f-name"), name),
		chromedp.SendKeys(chromedp.ID("f-email"), email),
		chromedp.SendKeys(chromedp.ID("f-password"), "kort"),
	)
	if status := b.load("submit a short password", chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); status < 400 || status >= 500 {
		t.Errorf("short password: status %d, want 4xx", status)
	}
	b.wantLang("sv")
	b.wantText(".error-summary", "Lösenordet måste ha minst 12 tecken.")
	if got := b.attr("#f-password", "aria-invalid"); got != "true" {
		t.Errorf(`password field: aria-invalid=%q, want "true"`, got)
	}
	describedBy := strings.Fields(b.attr("#f-password", "aria-describedby"))
	var errorText string
	for _, id := range describedBy {
		if txt := b.text("#" + id); strings.Contains(txt, "Lösenordet måste ha minst 12 tecken.") {
			errorText = txt
		}
	}
	if errorText == "" {
		t.Errorf("password field: aria-describedby=%q points at no element with the error message", describedBy)
	}
	// What was typed stays, except the password.
	if got := b.attr("#f-name", "value"); got != name {
		t.Errorf("name field after the error: %q, want %q", got, name)
	}
	if got := b.attr("#f-email", "value"); got != email {
		t.Errorf("e-mail field after the error: %q, want %q", got, email)
	}
	if got := b.attr("#f-password", "value"); got != "" {
		t.Errorf("password field after the error: %q, want it empty", got)
	}
	b.screenshot("signup-error-sv")

	// A good password signs the new member in.
	b.do("type a good password", chromedp.SendKeys(chromedp.ID("f-password"), password))
	if status := b.load("submit the sign-up form", chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); status != 200 {
		t.Fatalf("after sign-up: status %d on %s", status, b.path())
	}
	b.wantText("header nav.user", name, "Logga ut")
	b.wantText(".flash", "Välkommen till Tillsammans!")

	// Register a company.
	b.open("/organisations/new")
	b.wantText("h1", "Registrera organisation")
	b.do("fill the organisation form",
		chromedp.SendKeys(chromedp.ID("f-name"), org),
		chromedp.SetValue(chromedp.ID("f-kind"), "company"),
		chromedp.SetValue(chromedp.ID("f-size"), "sme"),
		chromedp.SetValue(chromedp.ID("f-country"), "SE"),
		chromedp.SendKeys(chromedp.ID("f-org_number"), "556812-3409"),
		chromedp.SendKeys(chromedp.ID("f-capabilities"), "distansvård, sensorer"),
	)
	b.screenshot("organisation-form-sv")
	if status := b.load("submit the organisation form", chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); status != 200 {
		t.Fatalf("after registering the organisation: status %d on %s: %s", status, b.path(), b.text("main"))
	}
	orgPath := b.path()
	if !regexp.MustCompile(`^/organisations/\d+$`).MatchString(orgPath) {
		t.Fatalf("after registering the organisation: on %s, want /organisations/{id}: %s", orgPath, b.text("main"))
	}
	b.wantText("h1", org)
	b.wantText(".flash", "Organisationen är registrerad")
	b.wantText("main", "556812-3409", "Företag", "Sverige", "distansvård", "sensorer")

	// It is in the list, reached from the main menu.
	if status := b.load("open the organisations list", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/organisations"]`))); status != 200 {
		t.Fatalf("organisations list: status %d", status)
	}
	b.wantText("h1", "Organisationer")
	b.wantText(`.cards a[href="`+orgPath+`"]`, org)
	b.wantText(".cards", "Företag", "distansvård", "sensorer")
	b.wantStyled()
	b.screenshot("organisations-sv")

	// Switch to English: the same page comes back in English, and the choice sticks.
	if got := b.text(`header a[hreflang="en"]`); got != "English" {
		t.Errorf("language switch reads %q, want English", got)
	}
	if status := b.load("switch to English", chromedp.Click(chromedp.CSS(`header a[hreflang="en"]`))); status != 200 {
		t.Fatalf("after the language switch: status %d", status)
	}
	if p := b.path(); p != "/organisations" {
		t.Errorf("the language switch led to %s, want back to /organisations", p)
	}
	b.wantLang("en")
	b.wantText("h1", "Organisations")
	b.wantText("header nav.user", name, "Sign out", "Svenska")
	b.wantText(".cards", org, "Company")
	b.screenshot("organisations-en")

	if status := b.load("open the organisation", chromedp.Click(chromedp.CSS(`.cards a[href="`+orgPath+`"]`))); status != 200 {
		t.Fatalf("organisation page: status %d", status)
	}
	b.wantLang("en")
	b.wantText("main", org, "Company", "Sweden")
	b.wantText("header nav.user", "Sign out")
	b.screenshot("organisation-en")

	// A narrow screen (a phone) gets the same page without overflowing sideways.
	b.do("emulate a phone", chromedp.EmulateViewport(390, 844))
	b.open("/organisations")
	b.wantLang("en")
	if overflow := get(b, "horizontal overflow", chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`)); overflow {
		t.Errorf("/organisations on a 390 px wide screen scrolls sideways")
	}
	b.screenshot("organisations-en-narrow")
}
