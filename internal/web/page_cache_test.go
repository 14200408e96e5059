package web_test

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
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
