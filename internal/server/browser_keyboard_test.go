package server_test

import (
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestBrowserKeyboardJourney signs in and registers a need with the keyboard alone (WCAG
// 2.1.1): no click, no element focused by the test; Tab, typing, Space and Enter, as a
// person who cannot use a mouse does. Each control reached must show where focus is
// (2.4.7), and the first Tab on a page must land on the link that skips to its content
// (2.4.1).
func TestBrowserKeyboardJourney(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	const email = "karin.coordinator@regionjh.example"
	karin := journeyUser(t, s, email, "Karin Persson")
	journeyOrg(t, s, app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, Country: "SE", OrgNumber: "232100-0214"},
		karin.ID, app.RoleCoordinator, app.RoleNeedSubmitter)
	base := servePlatform(t, s, slog.New(slog.DiscardHandler))
	b := newBrowser(t, base)

	b.open("/")
	b.press(kb.Tab)
	if !b.hasFocus("a.skip") {
		t.Errorf("the first Tab on / focuses %s, want the skip link", b.focused())
	}
	b.tabTo(`header a[href="/login"]`)
	b.enter("open the sign-in page")
	b.wantText("h1", "Logga in")
	b.tabTo("#f-email")
	b.press(email)
	b.tabTo("#f-password")
	b.press(journeyPassword)
	b.enter("sign in") // Enter in a field submits its form
	b.wantText("header nav.user", "Karin Persson", "Logga ut")

	b.tabTo(`header nav.main-nav a[href="/needs"]`)
	b.enter("open the needs")
	b.tabTo(`main a[href="/needs/new"]`)
	b.enter("open the form")
	b.wantText("h1", "Registrera behov")
	const title = "Trygg hemgång efter sjukhusvistelse"
	b.tabTo("#f-title")
	b.press(title)
	b.tabTo("#f-how_might_we")
	b.press("Hur kan vi göra de första dygnen hemma trygga för äldre som skrivs ut?")
	b.tabTo("#f-problem")
	b.press("Var femte äldre som skrivs ut återinskrivs inom 30 dagar.")
	b.tabTo(`input[name="care_settings"][value="hemtjanst"]`)
	b.press(" ")
	b.tabTo(`button[name="action"][value="submit"]`)
	b.enter("save and submit")
	if !regexp.MustCompile(`^/needs/\d+$`).MatchString(b.path()) {
		t.Fatalf("after submitting: on %s, want /needs/{id}: %s", b.path(), b.text("main"))
	}
	b.wantText("h1", title)
	b.wantText(".flash", "Behovet är inskickat.")
	b.wantText("main", "Hemtjänst")
}

// press types keys into the element that has focus, one key event each.
func (b *browser) press(keys string) {
	b.t.Helper()
	b.do("press "+strconv.Quote(keys), chromedp.KeyEvent(keys))
}

// enter presses Enter on what has focus and fails unless a page loads with status 200.
func (b *browser) enter(step string) {
	b.t.Helper()
	if status := b.load(step, chromedp.KeyEvent(kb.Enter)); status != 200 {
		b.t.Fatalf("%s: status %d on %s: %s", step, status, b.path(), b.text("main"))
	}
}

// hasFocus reports whether the element that has focus matches css.
func (b *browser) hasFocus(css string) bool {
	b.t.Helper()
	return get(b, "focus on "+css, chromedp.Evaluate[bool](`document.activeElement.matches(`+strconv.Quote(css)+`)`))
}

// focused describes the element that has focus, for messages.
func (b *browser) focused() string {
	b.t.Helper()
	return get(b, "focused element", chromedp.Evaluate[string](`(() => { const e = document.activeElement;
		return e.outerHTML.slice(0, 120) })()`))
}

// tabTo presses Tab until the element css matches has focus, and fails when it is not
// reached within a page's worth of controls, or when nothing shows that it has focus.
func (b *browser) tabTo(css string) {
	b.t.Helper()
	for range 150 {
		if b.hasFocus(css) {
			style := get(b, "focus style", chromedp.Evaluate[string](`(() => { const s = getComputedStyle(document.activeElement);
				return s.outlineStyle + " " + s.outlineWidth })()`))
			if strings.HasPrefix(style, "none") {
				b.t.Errorf("%s on %s has focus but no outline (%s)", css, b.path(), style)
			}
			return
		}
		b.press(kb.Tab)
	}
	b.t.Fatalf("%s on %s: not reached with Tab; focus is on %s", css, b.path(), b.focused())
}
