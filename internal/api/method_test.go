package api_test

import (
	"net/http"
	"testing"

	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestMethodNotAllowed: a known path asked with another method answers 405 with Allow;
// an unknown path answers 404. (405 is outside the OpenAPI document, so plain HTTP here.)
func TestMethodNotAllowed(t *testing.T) {
	e := newEnv(t, storetest.Open(t, "sqlite"))
	for _, tt := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"DELETE", "/api/v1/organisations/1", http.StatusMethodNotAllowed, "GET, PATCH"},
		{"PUT", "/api/v1/me", http.StatusMethodNotAllowed, "GET"},
		{"GET", "/api/v1/finns-inte", http.StatusNotFound, ""},
	} {
		req, _ := http.NewRequest(tt.method, e.srv.URL+tt.path, nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tt.status || res.Header.Get("Allow") != tt.allow {
			t.Errorf("%s %s: %d Allow %q, want %d %q", tt.method, tt.path, res.StatusCode, res.Header.Get("Allow"), tt.status, tt.allow)
		}
	}
}
