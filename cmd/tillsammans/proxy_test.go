package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/demo"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestInstancesBehindAProxyActAsOne puts two instances on one PostgreSQL behind a reverse
// proxy that sends each request to the next instance in turn, as a load balancer would,
// and follows people through it: a session from one instance holds on the other, a
// visitor's kept list on both instances shows a need created through the other within a
// quarter of a second,
// and a notification made on one is read on both.
func TestInstancesBehindAProxyActAsOne(t *testing.T) {
	db := storetest.DSN(t, "postgres")
	a := startServe(t, db, "--demo")
	b := startServe(t, db)
	var turn atomic.Uint64
	backends := []*url.URL{mustURL(t, a.url), mustURL(t, b.url)}
	proxy := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(backends[turn.Add(1)%2])
		r.Out.Host = r.In.Host
	}})
	defer proxy.Close()

	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	karinUser, _, err := s.UserCredentials(context.Background(), "karin.lindqvist@regionjh.example")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := s.UserMemberships(context.Background(), karinUser.ID)
	if err != nil || len(ms) == 0 {
		t.Fatalf("Karin's organisation: %v", err)
	}

	person := func(email string) *http.Client {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := c.PostForm(proxy.URL+"/login", url.Values{"email": {email}, "password": {demo.Password}})
		if err != nil || res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign in %s: %v %v", email, res.StatusCode, err)
		}
		res.Body.Close()
		return c
	}
	get := func(c *http.Client, path string) string {
		t.Helper()
		res, err := c.Get(proxy.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		return string(body)
	}
	post := func(c *http.Client, path string, form url.Values) *http.Response {
		t.Helper()
		res, err := c.PostForm(proxy.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST %s: %d", path, res.StatusCode)
		}
		return res
	}

	karin, erik := person("karin.lindqvist@regionjh.example"), person("erik.sundberg@regionjh.example")
	visitor := &http.Client{}
	// The session holds on both instances: two requests in a row reach both.
	for range 2 {
		if !strings.Contains(get(karin, "/profile"), "karin.lindqvist@regionjh.example") {
			t.Fatal("Karin's session does not hold on one of the instances")
		}
	}
	for range 2 {
		get(visitor, "/needs") // each instance keeps the visitor's list
	}

	res := post(karin, "/needs/new", url.Values{"organisation_id": {strconv.FormatInt(ms[0].Organisation.ID, 10)}, "title": {"Nattlig tillsyn i Bräcke via proxy"},
		"how_might_we": {"Hur kan vi ge trygg tillsyn på natten?"}, "problem": {"Långa avstånd."}, "care_settings": {"hemtjanst"},
		"tags": {"nattillsyn"}, "volume_people": {"120"}, "volume_events": {"0"}, "urgency": {"high"}, "visibility": {"public"},
		"benefit_kpi": {"Nattliga besök"}, "benefit_unit": {"besök/natt"}, "benefit_baseline": {"40"}, "benefit_target": {"20"}, "action": {"submit"}})
	needPath := res.Header.Get("Location")
	if !strings.HasPrefix(needPath, "/needs/") {
		t.Fatalf("after creating a need: Location %q", needPath)
	}
	// An instance reads the change clock a few times a second: after a quarter of a second
	// the other instance knows of the change too.
	time.Sleep(250 * time.Millisecond)
	for i := range 2 {
		if !strings.Contains(get(visitor, "/needs"), "Nattlig tillsyn i Bräcke via proxy") {
			t.Fatalf("request %d: an instance still serves the visitor's list as it was before the need", i+1)
		}
	}

	post(erik, needPath+"/follow", url.Values{"follow": {"true"}})
	post(karin, needPath+"/transitions", url.Values{"to": {string(app.StateBeingAnalysed)}, "comment": {"Vi tittar på det."}})
	for i := range 2 {
		if !strings.Contains(get(erik, "/notifications"), "Nattlig tillsyn i Bräcke via proxy") {
			t.Fatalf("request %d: an instance does not show Erik the notification", i+1)
		}
	}

	// A sign-out through one instance holds on the other within a quarter of a second
	// (an instance trusts a session as read that long): the old cookie, sent again to
	// both, is a visitor's.
	base := mustURL(t, proxy.URL)
	jar, _ := cookiejar.New(nil)
	jar.SetCookies(base, karin.Jar.Cookies(base))
	old := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get(karin, "/profile") // both instances have read her session
	get(karin, "/profile")
	post(karin, "/logout", url.Values{})
	time.Sleep(250 * time.Millisecond)
	for i := range 2 {
		res, err := old.Get(proxy.URL + "/profile")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("request %d with the cookie of a signed-out session: %d, want 303 to sign in", i+1, res.StatusCode)
		}
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
