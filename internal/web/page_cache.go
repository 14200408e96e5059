package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// The pages visitors who are not signed in see of needs, solutions and organisations (the
// lists, the records and search) are the same for every visitor with the same language
// and address, so they are kept once rendered.
// A kept page stays true while nothing on the platform changes: every change is entered
// in the audit log, whose newest entry is the platform's change clock, the same on every
// instance. The clock is read from the database at most every clockMaxAge, and at once
// after a change made through this instance: a visitor sees a change made through another
// instance within a quarter of a second. A page also expires after pageMaxAge, for what
// depends on the time of day. Browsers get an ETag and, asking again with it, 304 Not
// Modified.
const (
	clockMaxAge     = 250 * time.Millisecond
	pageMaxAge      = time.Minute
	pageCacheBudget = 16 << 20 // bytes of kept pages; past it the cache starts afresh
)

type pageCache struct {
	mu    sync.Mutex
	pages map[string]keptPage
	size  int
}

type keptPage struct {
	clock int64
	at    time.Time
	etag  string
	body  []byte
}

func (c *pageCache) get(key string, clock int64, now time.Time) (keptPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[key]
	return p, ok && p.clock == clock && now.Sub(p.at) < pageMaxAge
}

func (c *pageCache) put(key string, p keptPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil || c.size+len(p.body) > pageCacheBudget {
		c.pages, c.size = map[string]keptPage{}, 0
	}
	c.size += len(p.body) - len(c.pages[key].body)
	c.pages[key] = p
}

// cached serves h's page to visitors from the cache while it holds, and keeps what h
// renders for them with status 200; signed-in people always get h itself.
func (s *Server) cached(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		if _, err := r.Cookie(flashCookie); rq.actor.ID != 0 || err == nil {
			return h(w, r, rq)
		}
		// The clock is read before the page: a change while it renders makes it stale at once.
		clock, err := s.store.RecentChangeClock(r.Context(), clockMaxAge)
		if err != nil {
			return err
		}
		key, now := rq.lang+" "+r.URL.RequestURI(), time.Now()
		w.Header().Set("Cache-Control", "no-cache")
		if p, ok := s.cache.get(key, clock, now); ok {
			writeKept(w, r, p)
			return nil
		}
		// Visitors who ask for the same page at once wait for one rendering of it.
		v, err, _ := s.filling.Do(key+" "+strconv.FormatInt(clock, 10), func() (any, error) {
			rec := &recorder{header: http.Header{}, status: http.StatusOK}
			if err := h(rec, r, rq); err != nil {
				return nil, err
			}
			if rec.status == http.StatusOK && rec.header.Get("Set-Cookie") == "" {
				sum := sha256.Sum256(rec.body.Bytes())
				rec.kept = &keptPage{clock: clock, at: now, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, body: bytes.Clone(rec.body.Bytes())}
				s.cache.put(key, *rec.kept)
			}
			return rec, nil
		})
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
		writeKept(w, r, *rec.kept)
		return nil
	}
}

func writeKept(w http.ResponseWriter, r *http.Request, p keptPage) {
	w.Header().Set("ETag", p.etag)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(p.body))
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
