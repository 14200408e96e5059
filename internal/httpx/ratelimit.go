package httpx

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// AddressFactor: an address may make this many times a person's limit, because many
// people share one (a hospital's or a town hall's network).
const AddressFactor = 10

// RateLimits caps the writes (any method but GET, HEAD and OPTIONS) and searches (a GET
// with a search term, q) that one person, and one address, makes a minute: Writes and
// Searches for each signed-in person, AddressFactor times as many for each address. 0
// turns a kind off; a nil *RateLimits is off. The counts are this instance's own, in
// memory: docs/security.md says why.
type RateLimits struct {
	Writes, Searches int
	TrustProxy       bool

	mu     sync.Mutex
	minute int64
	counts map[string]int
	now    func() time.Time
}

// NewRateLimits returns limits of writes and searches a minute (0: off); nil when both
// are off.
func NewRateLimits(writes, searches int, trustProxy bool) *RateLimits {
	if writes <= 0 && searches <= 0 {
		return nil
	}
	return &RateLimits{Writes: writes, Searches: searches, TrustProxy: trustProxy, counts: map[string]int{}, now: time.Now}
}

// Check counts r against its kind's limits, by the person (userID, 0 for a visitor) and
// by the address, and returns a RateLimited error saying how long to wait when either is
// spent. Requests that are neither writes nor searches are not counted.
func (l *RateLimits) Check(r *http.Request, userID int64) error {
	if l == nil {
		return nil
	}
	kind, limit := "write", l.Writes
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		if r.URL.Query().Get("q") == "" {
			return nil
		}
		kind, limit = "search", l.Searches
	}
	if limit <= 0 {
		return nil
	}
	now := l.now()
	minute := now.Unix() / 60
	l.mu.Lock()
	if minute != l.minute {
		// A fixed window of a minute: last minute's counts no longer matter.
		l.minute, l.counts = minute, map[string]int{}
	}
	keys := []string{fmt.Sprintf("%s address %s", kind, ClientIP(r, l.TrustProxy))}
	limits := []int{limit * AddressFactor}
	if userID != 0 {
		keys, limits = append(keys, fmt.Sprintf("%s person %d", kind, userID)), append(limits, limit)
	}
	over := false
	for i, k := range keys {
		if l.counts[k] >= limits[i] {
			over = true
		}
	}
	if !over {
		for _, k := range keys {
			l.counts[k]++
		}
	}
	l.mu.Unlock()
	if !over {
		return nil
	}
	return &app.Error{Code: app.RateLimited, Message: "err.rate_limited", RetryAfter: time.Duration((minute+1)*60-now.Unix()) * time.Second}
}
