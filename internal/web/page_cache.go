package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The pages of needs, solutions and organisations (the lists, the records) and search are
// kept once rendered: for visitors who are not signed in, one per language and address;
// for a signed-in person, their own, which nobody else is ever given.
// A kept page stays true while nothing on the platform changes: every change is entered
// in the audit log, whose newest entry is the platform's change clock, the same on every
// instance. The clock is read from the database at most every clockMaxAge, and at once
// after a change made through this instance: a visitor sees a change made through another
// instance within a quarter of a second. What a person's page shows beyond the platform's
// records, the count of unread notifications, is part of its key. A page also expires
// after pageMaxAge, for what depends on the time of day. Pages are kept gzipped and sent so
// to browsers that take it; browsers get an ETag and, asking again with it, 304 Not
// Modified. Where each showing of a page must be recorded in the audit log (a need's whole
// contact log), a showing of the kept page reads that material again, which records it.
const (
	clockMaxAge     = 250 * time.Millisecond
	pageMaxAge      = time.Minute
	pageCacheBudget = 16 << 20 // gzipped bytes of kept pages; past it the cache starts afresh
)

type keptPage struct {
	clock   int64
	at      time.Time
	etag    string // of the page's HTML, without quotes
	gzipped []byte
	onShow  func(context.Context) error // see request.onShow
}

// keptMap keeps values by key up to budget bytes, each counted with the size it was put
// with; past the budget it starts afresh. Kept pages and rendered Markdown use it.
type keptMap[V any] struct {
	budget int
	mu     sync.Mutex
	m      map[string]sized[V]
	size   int
}

type sized[V any] struct {
	value V
	size  int
}

func (k *keptMap[V]) get(key string) (V, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	x, ok := k.m[key]
	return x.value, ok
}

func (k *keptMap[V]) put(key string, v V, size int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.m == nil || k.size+size > k.budget {
		k.m, k.size = map[string]sized[V]{}, 0
	}
	k.size += size - k.m[key].size
	k.m[key] = sized[V]{v, size}
}

// cached serves h's page from the cache while it holds, and keeps what h renders with
// status 200 and no cookie to set.
func (s *Server) cached(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		if _, err := r.Cookie(flashCookie); err == nil {
			return h(w, r, rq)
		}
		// The clock is read before the page: a change while it renders makes it stale at once.
		clock, err := s.store.RecentChangeClock(r.Context(), clockMaxAge)
		if err != nil {
			return err
		}
		key, now := rq.lang+" "+r.URL.RequestURI(), time.Now()
		w.Header().Set("Cache-Control", "no-cache")
		if rq.actor.ID != 0 {
			key = fmt.Sprintf("%s person %d unread %d", key, rq.actor.ID, rq.unread)
			w.Header().Set("Cache-Control", "private, no-cache")
		}
		w.Header().Add("Vary", "Accept-Encoding")
		if p, ok := s.cache.get(key); ok && p.clock == clock && now.Sub(p.at) < pageMaxAge {
			if p.onShow != nil {
				if err := p.onShow(r.Context()); err != nil {
					return err
				}
			}
			return writeKept(w, r, p)
		}
		render := func() (any, error) {
			rec := &recorder{header: http.Header{}, status: http.StatusOK}
			if err := h(rec, r, rq); err != nil {
				return nil, err
			}
			if rec.status == http.StatusOK && rec.header.Get("Set-Cookie") == "" {
				p, err := newKeptPage(clock, now, rec.body.Bytes())
				if err != nil {
					return nil, err
				}
				p.onShow = rq.onShow
				rec.kept = &p
				s.cache.put(key, p, len(p.gzipped))
			}
			return rec, nil
		}
		var v any
		if rq.actor.ID == 0 {
			// Visitors who ask for the same page at once wait for one rendering of it.
			v, err, _ = s.filling.Do(key+" "+strconv.FormatInt(clock, 10), render)
		} else {
			v, err = render() // a person's showing is their own, recorded where it must be
		}
		if err != nil {
			return err
		}
		rec := v.(*recorder)
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		if rec.kept == nil {
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(rec.status)
			w.Write(rec.body.Bytes())
			return nil
		}
		return writeKept(w, r, *rec.kept)
	}
}

// gzippers are the writers that compress pages to keep, reused.
var gzippers = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}

func newKeptPage(clock int64, at time.Time, body []byte) (keptPage, error) {
	var z bytes.Buffer
	zw := gzippers.Get().(*gzip.Writer)
	defer gzippers.Put(zw)
	zw.Reset(&z)
	if _, err := zw.Write(body); err != nil {
		return keptPage{}, err
	}
	if err := zw.Close(); err != nil {
		return keptPage{}, err
	}
	sum := sha256.Sum256(body)
	return keptPage{clock: clock, at: at, etag: hex.EncodeToString(sum[:12]), gzipped: bytes.Clone(z.Bytes())}, nil
}

// writeKept sends a kept page, gzipped when the browser takes it; each encoding has its
// own ETag.
func writeKept(w http.ResponseWriter, r *http.Request, p keptPage) error {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("ETag", `"`+p.etag+`-gzip"`)
		h.Set("Content-Encoding", "gzip")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(p.gzipped))
		return nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(p.gzipped))
	if err != nil {
		return err
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return err
	}
	h.Set("ETag", `"`+p.etag+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	return nil
}

// recorder holds a page's response until it is known whether it may be kept.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	kept   *keptPage
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
