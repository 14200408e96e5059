package server_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/files/filestest"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

func TestSecurityHeaders(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	for _, base := range []string{"http://127.0.0.1", "https://tillsammans.example"} {
		h, err := server.New(server.Config{Store: s, Files: filestest.Open(t), BaseURL: base, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/", "/organisations", "/api/v1/me", "/static/style.css", "/finns-inte"} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
			hdr := rec.Header()
			csp := hdr.Get("Content-Security-Policy")
			if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("%s %s: CSP %q", base, path, csp)
			}
			for name, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"} {
				if got := hdr.Get(name); got != want {
					t.Errorf("%s %s: %s = %q", base, path, name, got)
				}
			}
			if !strings.Contains(hdr.Get("Permissions-Policy"), "camera=()") {
				t.Errorf("%s %s: Permissions-Policy %q", base, path, hdr.Get("Permissions-Policy"))
			}
			if hsts := hdr.Get("Strict-Transport-Security"); (hsts != "") != strings.HasPrefix(base, "https") {
				t.Errorf("%s %s: HSTS %q", base, path, hsts)
			}
		}
	}
}
