package web

import (
	"embed"
	"net/http"
)

//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded stylesheet and icons; the page loads nothing from elsewhere.
func staticFiles() http.Handler {
	fs := http.FileServerFS(staticFS)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fs.ServeHTTP(w, r)
	})
}
