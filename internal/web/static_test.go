package web_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestStaticFiles: the stylesheet goes compressed to a client that takes gzip, whole to
// one that does not, and a revalidation with its ETag answers 304 without a body.
func TestStaticFiles(t *testing.T) {
	p := newPlatform(t, "sqlite")
	get := func(h http.Header) *http.Response {
		t.Helper()
		r, err := http.NewRequest("GET", p.url+"/static/style.css", nil)
		if err != nil {
			t.Fatal(err)
		}
		r.Header = h
		// The transport would ask for gzip by itself and undo it; ask explicitly instead.
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(r)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		return res
	}
	plain := get(http.Header{})
	whole, _ := io.ReadAll(plain.Body)
	if plain.StatusCode != 200 || plain.Header.Get("Content-Encoding") != "" || !strings.Contains(string(whole), ":root") ||
		!strings.HasPrefix(plain.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("plain: %d %v", plain.StatusCode, plain.Header)
	}
	zipped := get(http.Header{"Accept-Encoding": {"gzip, br"}})
	if zipped.Header.Get("Content-Encoding") != "gzip" || zipped.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("gzip: %v", zipped.Header)
	}
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, _ := io.ReadAll(zr)
	if string(unzipped) != string(whole) || zipped.ContentLength >= int64(len(whole)) {
		t.Errorf("gzip: %d bytes for %d, and the same content: %v", zipped.ContentLength, len(whole), string(unzipped) == string(whole))
	}
	again := get(http.Header{"If-None-Match": {plain.Header.Get("ETag")}})
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", again.StatusCode)
	}
	if missing := get404(t, p.url+"/static/nothing.css"); missing != http.StatusNotFound {
		t.Errorf("a file that does not exist: %d", missing)
	}
}

func get404(t *testing.T, url string) int {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}
