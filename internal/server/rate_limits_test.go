package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestRateLimited: past the limit of writes or searches a minute, a person (by their
// token, through the API) and an address (visitors, through the pages) get 429 with
// Retry-After and a message in their language; pages and API count together.
func TestRateLimited(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	base := servePlatform(t, s, slog.New(slog.NewTextHandler(io.Discard, nil)), func(c *server.Config) { c.RateWrites, c.RateSearches = 2, 3 })
	u := journeyUser(t, s, "karin@example.se", "Karin")
	token, _, err := auth.NewAccounts(s).CreateToken(context.Background(), u.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	send := func(method, path, lang, token string) (int, string, string) {
		t.Helper()
		req, err := http.NewRequest(method, base+path, strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept-Language", lang)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/json")
		} else {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Retry-After"), string(body)
	}
	wantLimited := func(what string, status int, retry, body, message string) {
		t.Helper()
		if n, err := strconv.Atoi(retry); status != http.StatusTooManyRequests || err != nil || n < 1 || n > 60 || !strings.Contains(body, message) {
			t.Errorf("%s: %d, Retry-After %q, body %.300s", what, status, retry, body)
		}
	}
	// A person: two writes (the first ones fail on their input, but count), then 429.
	for range 2 {
		if status, _, _ := send("POST", "/api/v1/watches", "en", token); status == http.StatusTooManyRequests {
			t.Fatal("limited before the limit")
		}
	}
	status, retry, body := send("POST", "/api/v1/watches", "en", token)
	wantLimited("the person's third write", status, retry, body, `"code":"rate_limited"`)
	if !strings.Contains(body, "Too many changes or searches") {
		t.Errorf("message not in English: %s", body)
	}
	// Searches have their own count; reads have none.
	for range 3 {
		if status, _, _ := send("GET", "/api/v1/search?q=kol", "sv", token); status != http.StatusOK {
			t.Fatalf("search: %d", status)
		}
	}
	status, retry, body = send("GET", "/api/v1/search?q=kol", "sv", token)
	wantLimited("the person's fourth search", status, retry, body, "För många ändringar eller sökningar")
	if status, _, _ := send("GET", "/api/v1/me", "sv", token); status != http.StatusOK {
		t.Errorf("a read after the limit: %d", status)
	}
	// An address: visitors get ten times a person's writes; the page says it in Swedish.
	// (The person's three writes above came from the same address.)
	limited := 0
	for range 20 {
		if status, _, _ := send("POST", "/password/forgot", "sv", ""); status == http.StatusTooManyRequests {
			limited++
		}
	}
	status, retry, body = send("POST", "/password/forgot", "sv", "")
	wantLimited("the address's next write", status, retry, body, "För många ändringar eller sökningar på kort tid")
	if limited != 2 { // the address's 20: the person's 2 (a refused write counts not), then 18 visitors'
		t.Errorf("%d of 20 visitor writes limited, want 2", limited)
	}
}
