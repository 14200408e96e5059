package server_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/files/filestest"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// chromiumPath is Debian's chromium package; CI installs it (.ci/run).
const chromiumPath = "/usr/bin/chromium"

// stepTimeout bounds one step of a journey, so that a hung page fails the test instead of
// blocking it until go test's own timeout.
const stepTimeout = 60 * time.Second

// browser is one headless Chromium tab pointed at a test server.
type browser struct {
	t     *testing.T
	ctx   context.Context // the tab; steps derive their timeouts from it
	base  string          // the test server's URL, no trailing slash
	shots string          // where screenshots go
}

// newBrowser starts a fresh Chromium with its own profile, skipping the test (failing
// under CI=true) when Chromium is not installed. The browser is stopped when the test ends.
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		storetest.Skip(t, "browser test: "+chromiumPath+" is missing (apt-get install chromium)")
	}
	profile := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), // CI runs as root, where the sandbox cannot start
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		// A visitor from Sweden: Accept-Language decides the first page's language.
		chromedp.Flag("lang", "sv-SE"),
		chromedp.Flag("accept-lang", "sv-SE,sv"),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(profile),
	}
	// The whole browser, start included, lives at most this long; each step has its own,
	// shorter, deadline.
	top, cancelTop := context.WithTimeout(context.Background(), 4*stepTimeout)
	alloc, cancelAlloc := chromedp.NewExecAllocator(top, opts...)
	tab, cancelTab := chromedp.NewContext(alloc)
	// Cleanups run in reverse: the tab, then the browser process, before t.TempDir removes
	// the profile.
	t.Cleanup(cancelTop)
	t.Cleanup(cancelAlloc)
	t.Cleanup(cancelTab)
	// The first Run starts the browser; it must not carry a step's timeout, which would
	// stop the browser with the step.
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	shots := os.Getenv("TILLSAMMANS_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, ctx: tab, base: strings.TrimSuffix(base, "/"), shots: shots}
}

// do runs the actions of one named step under the step timeout.
func (b *browser) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

// load runs actions that end in a page load (a click on a link or a submit button, a
// navigation) and returns the HTTP status of the page that loaded.
func (b *browser) load(step string, actions ...chromedp.Action[chromedp.Void]) int64 {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
	return resp.Status
}

// open loads path and fails unless the page answers 200.
func (b *browser) open(path string) {
	b.t.Helper()
	if status := b.load("open "+path, chromedp.Navigate(b.base+path)); status != 200 {
		b.t.Fatalf("GET %s: status %d, want 200", path, status)
	}
}

// get runs one action that returns a value under the step timeout.
func get[T any](b *browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// text returns the visible text of the first element that css matches.
func (b *browser) text(css string) string {
	b.t.Helper()
	return strings.TrimSpace(get(b, "text of "+css, chromedp.Text(chromedp.CSS(css))))
}

// attr returns an attribute of the first element that css matches, "" when it has none.
func (b *browser) attr(css, name string) string {
	b.t.Helper()
	return get(b, "attribute "+name+" of "+css, chromedp.AttributeValue(chromedp.CSS(css), name)).Value
}

// path returns the path (and query) of the page the tab shows.
func (b *browser) path() string {
	b.t.Helper()
	return strings.TrimPrefix(get(b, "location", chromedp.Location()), b.base)
}

// wantText fails unless the text of css contains every one of want.
func (b *browser) wantText(css string, want ...string) {
	b.t.Helper()
	got := b.text(css)
	for _, w := range want {
		if !strings.Contains(got, w) {
			b.t.Errorf("%s on %s: text %q does not contain %q", css, b.path(), got, w)
		}
	}
}

// wantLang fails unless the page declares lang on its html element.
func (b *browser) wantLang(lang string) {
	b.t.Helper()
	if got := b.attr("html", "lang"); got != lang {
		b.t.Errorf("%s: <html lang=%q>, want %q", b.path(), got, lang)
	}
}

// wantStyled fails unless the page's stylesheet loaded and applies, so that a blocked or
// missing /static/style.css (CSP, routing) does not go unnoticed behind passing text checks.
func (b *browser) wantStyled() {
	b.t.Helper()
	bg := get(b, "header background", chromedp.Evaluate[string](`getComputedStyle(document.querySelector("header.site")).backgroundColor`))
	if bg == "" || bg == "rgba(0, 0, 0, 0)" {
		b.t.Errorf("%s: the header has no background (%q): is /static/style.css applied?", b.path(), bg)
	}
}

// screenshot saves a full-page PNG of the tab as name.png in the screenshot directory.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	png := get(b, "screenshot "+name, chromedp.FullScreenshot(100))
	file := filepath.Join(b.shots, name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", file)
}

// journeyUser signs a person up with the journeys' password.
func journeyUser(t *testing.T, s *store.Store, email, name string) app.User {
	t.Helper()
	u, err := auth.NewAccounts(s).SignUp(context.Background(), app.NewUser{Email: email, Name: name, Password: journeyPassword, Lang: "sv"})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// journeyOrg creates an organisation with admin as its admin, holding roles too.
func journeyOrg(t *testing.T, s *store.Store, in app.OrganisationInput, admin int64, roles ...app.Role) app.Organisation {
	t.Helper()
	ctx := context.Background()
	if err := in.Normalise(); err != nil {
		t.Fatalf("%s: %v", in.Name, err)
	}
	o, err := s.CreateOrganisation(ctx, in, admin)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if err := s.AddRole(ctx, o.ID, admin, r); err != nil {
			t.Fatal(err)
		}
	}
	return o
}

// servePlatform serves the platform on s over loopback for the test and returns its URL.
func servePlatform(t *testing.T, s *store.Store, log *slog.Logger, configure ...func(*server.Config)) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	c := server.Config{Store: s, Files: filestest.Open(t), BaseURL: base, Log: log}
	for _, f := range configure {
		f(&c)
	}
	h, err := server.New(c)
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}
