package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

// TestVisitorsAtOnceShareOneRendering: many visitors asking for the same page at once,
// right after a change, all get the page as it is now, with one ETag; CI runs it under the
// race detector, for the kept pages and the change clock that requests share.
func TestVisitorsAtOnceShareOneRendering(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		w := newNeedWorld(t, p)
		p.browser().get("/needs") // kept before the change
		form := needForm(w.region, "Behov som alla ser")
		form.Set("visibility", "public")
		form.Set("action", "submit")
		w.coordinator.post("/needs/new", form).want(t, http.StatusSeeOther)

		const visitors = 16
		type seen struct {
			status int
			etag   string
			body   string
			err    error
		}
		got := make([]seen, visitors)
		var wg sync.WaitGroup
		for i := range visitors {
			wg.Go(func() {
				res, err := http.Get(p.url + "/needs")
				if err != nil {
					got[i].err = err
					return
				}
				defer res.Body.Close()
				b, err := io.ReadAll(res.Body)
				got[i] = seen{res.StatusCode, res.Header.Get("ETag"), string(b), err}
			})
		}
		wg.Wait()
		for i, g := range got {
			if g.err != nil || g.status != http.StatusOK || !strings.Contains(g.body, "Behov som alla ser") {
				t.Fatalf("visitor %d: %d, %v, the new need shown: %v", i, g.status, g.err, strings.Contains(g.body, "Behov som alla ser"))
			}
			if g.etag == "" || g.etag != got[0].etag || g.body != got[0].body {
				t.Errorf("visitor %d got ETag %q, visitor 0 %q", i, g.etag, got[0].etag)
			}
		}
	})
}

// TestPersonPagesKeptForThemAlone: a signed-in person's page is kept for them alone, with
// their unread count, until anything changes; another person, or a visitor, never gets
// it. Each showing of a need's whole contact log is recorded, kept page or not.
func TestPersonPagesKeptForThemAlone(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		w := newNeedWorld(t, p)
		form := needForm(w.region, "Behov för inloggade")
		form.Set("action", "submit")
		r := w.coordinator.post("/needs/new", form)
		r.want(t, http.StatusSeeOther)
		page := r.header.Get("Location")
		w.coordinator.get(page) // the flash of the new need

		anna, oskar := p.signedIn("anna@fjallvard.example"), p.signedIn("oskar@norrsken.example")
		first := anna.get(page)
		first.want(t, http.StatusOK, "Behov för inloggade", `href="/profile">anna<`)
		etag := first.header.Get("ETag")
		if etag == "" || first.header.Get("Cache-Control") != "private, no-cache" {
			t.Fatalf("a person's page: ETag %q, Cache-Control %q", etag, first.header.Get("Cache-Control"))
		}
		if again := anna.get(page); again.body != first.body || again.header.Get("ETag") != etag {
			t.Error("the person's kept page differs from the first")
		}
		revalidate := func(b *browser) int {
			req, _ := http.NewRequest("GET", p.url+page, nil)
			req.Header.Set("If-None-Match", etag)
			res, err := b.c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		if got := revalidate(anna); got != http.StatusNotModified {
			t.Errorf("revalidation with the ETag: %d, want 304", got)
		}
		// Another person with the same ETag gets their own page; a visitor, none.
		if got := revalidate(oskar); got != http.StatusOK {
			t.Errorf("another person revalidating the first's ETag: %d, want 200", got)
		}
		other := oskar.get(page)
		other.want(t, http.StatusOK, `href="/profile">oskar<`)
		if strings.Contains(other.body, `href="/profile">anna<`) || other.header.Get("ETag") == etag {
			t.Error("another person got the first person's kept page")
		}
		p.browser().get(page).want(t, http.StatusNotFound)

		// An answer to her question is a change, and a notification; once she has read it,
		// her badge goes, though nothing in the audit log moved.
		anna.post(page+"/questions", url.Values{"question": {"Vilka journalsystem används?"}}).want(t, http.StatusSeeOther)
		anna.get(page) // the flash
		qs, _ := p.store.Questions(ctx, needID(t, page), true, 0)
		w.coordinator.post(page+"/questions/"+itoa(qs[0].ID)+"/answer", url.Values{"answer": {"Cosmic i regionen."}}).want(t, http.StatusSeeOther)
		anna.get(page).want(t, http.StatusOK, "Cosmic i regionen.", `<span class="badge">1`)
		anna.get("/notifications").want(t, http.StatusOK)
		if strings.Contains(anna.get(page).body, `class="badge"`) {
			t.Error("the kept page shows a notification already read")
		}
		// Following is a change too.
		anna.post(page+"/follow", url.Values{"follow": {"true"}}).want(t, http.StatusSeeOther)
		anna.get(page) // the flash
		anna.get(page).want(t, http.StatusOK, "Sluta bevaka")

		// The owner's coordinator sees the whole contact log: each showing is recorded.
		reads := func() int {
			l, err := p.store.AuditLog(ctx, app.AuditFilter{Action: app.AuditNeedContactsRead, ObjectID: needID(t, page), ObjectKind: "need"})
			if err != nil {
				t.Fatal(err)
			}
			return len(l.Items)
		}
		w.coordinator.get(page) // the flash of her answer
		before := reads()
		first = w.coordinator.get(page)
		if again := w.coordinator.get(page); again.body != first.body || again.header.Get("ETag") != first.header.Get("ETag") {
			t.Error("the contact log's page was not kept")
		}
		if got := reads() - before; got != 2 {
			t.Errorf("two showings of the contact log recorded %d times", got)
		}
	})
}
