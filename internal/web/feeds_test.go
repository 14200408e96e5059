package web_test

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// atom is what the tests read of a feed; the name pins the Atom namespace.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID      string `xml:"id"`
	Title   string `xml:"title"`
	Updated string `xml:"updated"`
	Author  string `xml:"author>name"`
	Link    struct {
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Summary struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	} `xml:"summary"`
	Categories []struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
}

func (e atomEntry) terms() []string {
	var out []string
	for _, c := range e.Categories {
		out = append(out, c.Term)
	}
	return out
}

func readFeed(t *testing.T, r response) atom {
	t.Helper()
	r.want(t, http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	var f atom
	if err := xml.Unmarshal([]byte(r.body), &f); err != nil {
		t.Fatalf("the feed is no Atom document: %v\n%s", err, r.body)
	}
	if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
		t.Errorf("updated = %q: %v", f.Updated, err)
	}
	return f
}

// TestNeedFeedHasOnlyPublicNeeds: a need is in the feed exactly when it is public and was
// submitted, whatever its state now and whoever asks.
func TestNeedFeedHasOnlyPublicNeeds(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		w := newNeedWorld(t, p)
		karin, _, err := p.store.UserCredentials(ctx, "karin@region.example")
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			vis  app.Visibility
			path []app.NeedState
			in   bool
		}{
			{app.VisiblePublic, nil, false}, // a draft
			{app.VisiblePublic, []app.NeedState{app.StateWithdrawn}, false},
			{app.VisiblePublic, []app.NeedState{app.StateSubmitted}, true},
			{app.VisiblePublic, []app.NeedState{app.StateSubmitted, app.StateBeingAnalysed}, true},
			{app.VisiblePublic, []app.NeedState{app.StateSubmitted, app.StateWithdrawn}, true}, // submitted once, in public
			{app.VisibleSignedIn, []app.NeedState{app.StateSubmitted}, false},
			{app.VisiblePartners, []app.NeedState{app.StateSubmitted}, false},
			{app.VisibleOrganisation, []app.NeedState{app.StateSubmitted, app.StateBeingAnalysed}, false},
			{app.VisibleOrganisation, nil, false},
		}
		var want []string
		for i, tc := range tests {
			in := app.NeedInput{Title: fmt.Sprintf("Behov %d: %s", i, tc.vis), HowMightWe: "Hur kan vi ge **tillsyn** utan <script>alert(1)</script> kamera?",
				Problem: "Nattlig tillsyn.", CareSettings: []string{"hemtjanst"}, Tags: []string{"tillsyn"}, Visibility: tc.vis}
			if tc.vis == app.VisiblePartners {
				in.PartnerIDs = []int64{w.kommun.ID}
			}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			n, err := p.store.CreateNeed(ctx, w.region.ID, karin.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			for _, to := range tc.path {
				if n, err = p.store.TransitionNeed(ctx, n.ID, n.State, karin.ID, app.TransitionInput{To: to}); err != nil {
					t.Fatalf("%d → %s: %v", i, to, err)
				}
			}
			if tc.in {
				want = append(want, fmt.Sprintf("%s/needs/%d", p.url, n.ID))
			}
		}
		slices.Reverse(want) // newest first

		visitor := p.browser()
		r := visitor.get("/feeds/needs.atom")
		f := readFeed(t, r)
		var got []string
		for _, e := range f.Entries {
			got = append(got, e.ID)
			// The summary is plain text: no markup, nothing for a reader to run.
			if e.Link.Href != e.ID || e.Author != "Region Jämtland Härjedalen" || e.Summary.Type != "text" ||
				e.Summary.Text != "Hur kan vi ge tillsyn utan alert(1) kamera?" || !slices.Equal(e.terms()[1:], []string{"tillsyn"}) {
				t.Errorf("entry = %+v", e)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("feed has %v, want %v", got, want)
		}
		if f.Lang != "sv" || f.Title != "Publika behov – Tillsammans" || f.ID != p.url+"/feeds/needs.atom" || f.Links[0].Href != f.ID {
			t.Errorf("feed = %q %q %q %+v", f.Lang, f.Title, f.ID, f.Links)
		}
		// Whoever asks gets the visitor's feed: the owning organisation too.
		owned := readFeed(t, w.coordinator.get("/feeds/needs.atom"))
		if len(owned.Entries) != len(want) {
			t.Errorf("the owner's feed has %d entries, want %d", len(owned.Entries), len(want))
		}
		en := p.browser()
		en.lang = "en"
		if f := readFeed(t, en.get("/feeds/needs.atom")); f.Lang != "en" || f.Title != "Public needs – Tillsammans" {
			t.Errorf("English feed = %q %q", f.Lang, f.Title)
		}
		visitor.get("/needs").want(t, http.StatusOK, `<link rel="alternate" type="application/atom+xml" href="/feeds/needs.atom" title="Publika behov – Tillsammans">`)

		// At most the 50 newest.
		now := time.Now()
		var more []app.SeedNeed
		for i := range 52 {
			more = append(more, app.SeedNeed{OrgID: w.region.ID, CreatedBy: karin.ID,
				Input:   app.NeedInput{Title: fmt.Sprintf("Fler %02d", i), Urgency: "low", Visibility: app.VisiblePublic},
				History: []app.NeedTransition{{To: app.StateDraft, At: now}, {From: app.StateDraft, To: app.StateSubmitted, At: now}}})
		}
		if err := p.store.SeedNeeds(ctx, more); err != nil {
			t.Fatal(err)
		}
		f = readFeed(t, visitor.get("/feeds/needs.atom"))
		if len(f.Entries) != 50 || f.Entries[0].Title != "Fler 51" || f.Entries[49].Title != "Fler 02" {
			t.Errorf("%d entries, from %q to %q", len(f.Entries), f.Entries[0].Title, f.Entries[len(f.Entries)-1].Title)
		}
	})
}

// TestFeedsAnswerNotModified: a reader that has the feed gets 304 until it changes.
func TestFeedsAnswerNotModified(t *testing.T) {
	p := newPlatform(t, "sqlite")
	w := newNeedWorld(t, p)
	b := p.browser()
	conditional := func(header, value string) response {
		t.Helper()
		req, _ := http.NewRequest("GET", p.url+"/feeds/needs.atom", nil)
		req.Header.Set(header, value)
		res, err := b.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return response{status: res.StatusCode, header: res.Header}
	}
	empty := b.get("/feeds/needs.atom")
	readFeed(t, empty)
	if conditional("If-None-Match", empty.header.Get("ETag")).status != http.StatusNotModified {
		t.Error("an empty feed's ETag gives no 304")
	}

	form := needForm(w.region, "Publikt behov")
	form.Set("visibility", "public")
	form.Set("action", "submit")
	w.coordinator.post("/needs/new", form).want(t, http.StatusSeeOther)
	r := b.get("/feeds/needs.atom")
	if f := readFeed(t, r); len(f.Entries) != 1 {
		t.Fatalf("entries = %+v", f.Entries)
	}
	etag, modified := r.header.Get("ETag"), r.header.Get("Last-Modified")
	if etag == "" || etag == empty.header.Get("ETag") || modified == "" {
		t.Fatalf("ETag %q (empty feed's %q), Last-Modified %q", etag, empty.header.Get("ETag"), modified)
	}
	for _, c := range []struct {
		header, value string
		want          int
	}{
		{"If-None-Match", etag, http.StatusNotModified},
		{"If-None-Match", `"other", ` + etag, http.StatusNotModified},
		{"If-None-Match", `"other"`, http.StatusOK},
		{"If-Modified-Since", modified, http.StatusNotModified},
		{"If-Modified-Since", "Mon, 02 Jan 2006 15:04:05 GMT", http.StatusOK},
	} {
		if got := conditional(c.header, c.value); got.status != c.want {
			t.Errorf("%s: %s answered %d, want %d", c.header, c.value, got.status, c.want)
		}
	}
	if got := conditional("If-None-Match", etag); got.header.Get("ETag") != etag {
		t.Errorf("304 without the ETag: %v", got.header)
	}
	// A change to a need in the feed changes the ETag.
	l, _ := p.store.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{})
	in := l.Items[0].Input()
	in.Title = "Publikt behov, omskrivet"
	if _, err := p.store.UpdateNeed(ctx, l.Items[0].ID, in); err != nil {
		t.Fatal(err)
	}
	if got := conditional("If-None-Match", etag); got.status != http.StatusOK {
		t.Errorf("after a change: %d", got.status)
	}
	if strings.Contains(b.get("/feeds/solutions.atom").body, "<entry>") {
		t.Error("the solution feed has entries without solutions")
	}
}

// TestSolutionFeedKeepsSecrets: a description the supplier marks as business secret is in
// no entry, while an open one is.
func TestSolutionFeedKeepsSecrets(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		w := newNeedWorld(t, p)
		for _, in := range []app.SolutionInput{
			{Title: "Öppen lösning", Description: "Öppen beskrivning med **fetstil**.", TRL: 7, Tags: []string{"öppen"}},
			{Title: "Hemlig lösning", Description: "Affärshemlig beskrivning.", Hosting: "Hemlig hall", TRL: 8,
				SecretFields: []string{"description", "hosting"}},
		} {
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			if _, err := p.store.CreateSolution(ctx, w.firm.ID, 0, in); err != nil {
				t.Fatal(err)
			}
		}
		// Not even the supplier's own people see the secret in the feed: feeds are public.
		r := p.signedIn("anna@fjallvard.example").get("/feeds/solutions.atom")
		f := readFeed(t, r)
		if strings.Contains(r.body, "Affärshemlig") || strings.Contains(r.body, "Hemlig hall") {
			t.Fatalf("the feed tells a business secret:\n%s", r.body)
		}
		if len(f.Entries) != 2 || f.Entries[0].Title != "Hemlig lösning" || f.Entries[0].Summary.Text != "" ||
			f.Entries[1].Summary.Text != "Öppen beskrivning med fetstil." || f.Entries[1].Author != "Fjällvård Digital AB" ||
			!strings.HasPrefix(f.Entries[1].ID, p.url+"/solutions/") {
			t.Errorf("entries = %+v", f.Entries)
		}
		p.browser().get("/solutions").want(t, http.StatusOK, `href="/feeds/solutions.atom"`)
	})
}

// TestVisitorPagesKeptUntilAChange: what a visitor sees of the needs list is kept and
// revalidated by its ETag until anything changes, on every database; a signed-in person
// never gets it (page_cache_test.go tests their own kept pages).
func TestVisitorPagesKeptUntilAChange(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		w := newNeedWorld(t, p)
		form := needForm(w.region, "Publikt behov")
		form.Set("visibility", "public")
		form.Set("action", "submit")
		w.coordinator.post("/needs/new", form).want(t, http.StatusSeeOther)

		visitor := p.browser()
		conditional := func(etag string) response {
			req, _ := http.NewRequest("GET", p.url+"/needs", nil)
			req.Header.Set("If-None-Match", etag)
			res, err := visitor.c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return response{status: res.StatusCode, header: res.Header}
		}
		first := visitor.get("/needs")
		first.want(t, http.StatusOK)
		etag := first.header.Get("ETag")
		if etag == "" || first.header.Get("Cache-Control") != "no-cache" || !strings.Contains(first.body, "Publikt behov") {
			t.Fatalf("first visit: ETag %q, Cache-Control %q", etag, first.header.Get("Cache-Control"))
		}
		if again := visitor.get("/needs"); again.body != first.body || again.header.Get("ETag") != etag {
			t.Error("the kept page differs from the first")
		}
		if got := conditional(etag); got.status != http.StatusNotModified {
			t.Errorf("revalidation with the ETag: %d, want 304", got.status)
		}
		// The coordinator sees internal needs too, in a page kept for her alone.
		form = needForm(w.region, "Internt behov")
		form.Set("visibility", "organisation")
		form.Set("action", "submit")
		w.coordinator.post("/needs/new", form).want(t, http.StatusSeeOther)
		w.coordinator.get("/needs") // the flash
		own := w.coordinator.get("/needs")
		if !strings.Contains(own.body, "Internt behov") || own.header.Get("ETag") == etag || own.header.Get("Cache-Control") != "private, no-cache" {
			t.Errorf("signed in: ETag %q, Cache-Control %q", own.header.Get("ETag"), own.header.Get("Cache-Control"))
		}
		// A change anywhere ends the kept page at once.
		l, _ := p.store.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{})
		i := slices.IndexFunc(l.Items, func(n app.Need) bool { return n.Title == "Publikt behov" })
		in := l.Items[i].Input()
		in.Title = "Publikt behov, omskrivet"
		if _, err := p.store.UpdateNeed(ctx, l.Items[i].ID, in); err != nil {
			t.Fatal(err)
		}
		if got := conditional(etag); got.status != http.StatusOK {
			t.Errorf("after a change: %d, want 200", got.status)
		}
		after := visitor.get("/needs")
		if !strings.Contains(after.body, "omskrivet") || strings.Contains(after.body, "Internt behov") || after.header.Get("ETag") == etag {
			t.Errorf("after a change the visitor sees the old list or an internal need (ETag %q)", after.header.Get("ETag"))
		}
	})
}
