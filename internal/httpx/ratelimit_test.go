package httpx

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// TestRateLimits: a person gets their limit of writes and of searches a minute, an address
// ten times as many; other reads are not counted; the next minute starts afresh, and the
// error says how long to wait.
func TestRateLimits(t *testing.T) {
	l := NewRateLimits(2, 3, false)
	now := time.Date(2026, 11, 26, 9, 0, 15, 0, time.UTC)
	l.now = func() time.Time { return now }
	req := func(method, target, addr string) *http.Request {
		r := httptest.NewRequest(method, target, nil)
		r.RemoteAddr = addr + ":4711"
		return r
	}
	steps := []struct {
		name   string
		r      *http.Request
		user   int64
		times  int
		denied bool // the last of times
	}{
		{"a person's writes", req("POST", "/needs/new", "10.0.0.1"), 7, 2, false},
		{"the third write", req("POST", "/needs/1/comments", "10.0.0.1"), 7, 1, true},
		{"another person at the address", req("PUT", "/api/v1/needs/1", "10.0.0.1"), 8, 2, false},
		{"reads", req("GET", "/needs", "10.0.0.1"), 7, 50, false},
		{"searches", req("GET", "/search?q=kol", "10.0.0.1"), 7, 3, false},
		{"the fourth search", req("GET", "/api/v1/search?q=kol", "10.0.0.1"), 7, 1, true},
		{"an empty search is a read", req("GET", "/search?q=", "10.0.0.1"), 7, 5, false},
		{"visitors at one address", req("POST", "/password/forgot", "10.0.0.2"), 0, 20, false},
		{"the address's 21st write", req("POST", "/signup", "10.0.0.2"), 0, 1, true},
		{"a person at that address", req("POST", "/needs/new", "10.0.0.2"), 9, 1, true},
	}
	for _, s := range steps {
		var err error
		for range s.times {
			err = l.Check(s.r, s.user)
		}
		if (err != nil) != s.denied {
			t.Fatalf("%s: %v", s.name, err)
		}
		if s.denied {
			if e := app.AsError(err); e.Code != app.RateLimited || e.Message != "err.rate_limited" || e.RetryAfter != 45*time.Second {
				t.Errorf("%s: %+v", s.name, e)
			}
		}
	}
	now = now.Add(time.Minute)
	if err := l.Check(req("POST", "/needs/new", "10.0.0.1"), 7); err != nil {
		t.Errorf("the next minute: %v", err)
	}
	if NewRateLimits(0, 0, false) != nil {
		t.Error("no limits are not nil")
	}
	var off *RateLimits
	if err := off.Check(req("POST", "/x", "10.0.0.1"), 1); err != nil {
		t.Errorf("nil limits: %v", err)
	}
}
