package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// staticFile is an embedded file ready to serve: its bytes, gzipped once, and an ETag.
type staticFile struct {
	plain, gzipped []byte
	etag, ctype    string
}

// staticFiles serves the embedded stylesheet, script and icons; the page loads nothing
// from elsewhere. Each file is compressed once at start, carries an ETag from its content
// (a revalidation answers 304) and may be cached for an hour.
func staticFiles() http.Handler {
	files := map[string]staticFile{}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		sum := sha256.Sum256(b)
		files["/"+p] = staticFile{plain: b, gzipped: z.Bytes(), etag: `"` + hex.EncodeToString(sum[:8]) + `"`,
			ctype: mime.TypeByExtension(path.Ext(p))}
		return nil
	})
	if err != nil {
		panic("web: static files: " + err.Error())
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Cache-Control", "public, max-age=3600")
		h.Set("Vary", "Accept-Encoding")
		h.Set("ETag", f.etag)
		if f.ctype != "" {
			h.Set("Content-Type", f.ctype)
		}
		body := f.plain
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && len(f.gzipped) < len(f.plain) {
			h.Set("Content-Encoding", "gzip")
			body = f.gzipped
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	})
}
