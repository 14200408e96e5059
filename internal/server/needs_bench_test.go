package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/files/filestest"
	"github.com/tillsammans/tillsammans/internal/seed"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
	"github.com/tillsammans/tillsammans/internal/web"
)

// benchWorld is a seeded platform served over HTTP, with a signed-in coordinator.
type benchWorld struct {
	url, cookie string
	needIDs     []int64
	store       *store.Store
	orgs        []seed.Org
	// projectIDs are the projects the coordinator sees, once projectWorld seeded them.
	projectIDs []int64
}

var (
	benchWorldsMu sync.Mutex
	benchWorlds   = map[string]*benchWorld{}
)

// needsForBench is how many needs the page benchmarks seed (TILLSAMMANS_BENCH_NEEDS).
func needsForBench() int {
	if n, err := strconv.Atoi(os.Getenv("TILLSAMMANS_BENCH_NEEDS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

func openBenchWorld(b *testing.B, dialect string) *benchWorld {
	benchWorldsMu.Lock()
	defer benchWorldsMu.Unlock()
	if w := benchWorlds[dialect]; w != nil {
		return w
	}
	ctx := context.Background()
	s, err := store.Open(ctx, storetest.DSN(b, dialect))
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	hash := auth.HashPassword("Fjällräven-Östersund-2026!")
	orgs, err := seed.Organisations(ctx, s, 40, 0, hash)
	if err != nil {
		b.Fatal(err)
	}
	n := needsForBench()
	start := time.Now()
	rng := rand.New(rand.NewPCG(1, 2))
	if err := seed.Needs(ctx, s, rng, orgs, n, time.Now(), nil); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: seeded %d needs in %s", dialect, n, time.Since(start).Round(time.Millisecond))
	h, err := server.New(server.Config{Store: s, Files: filestest.Open(b), BaseURL: "http://127.0.0.1", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(h)
	secret, err := auth.NewAccounts(s).StartSession(ctx, orgs[0].People[0])
	if err != nil {
		b.Fatal(err)
	}
	w := &benchWorld{url: ts.URL, cookie: web.SessionCookie + "=" + secret, store: s, orgs: orgs}
	list, err := s.ListNeeds(ctx, app.Viewer{UserID: orgs[0].People[0], OrgIDs: []int64{orgs[0].ID}}, app.NeedFilter{Page: app.Page{Limit: 200}})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range list.Items {
		w.needIDs = append(w.needIDs, n.ID)
	}
	benchWorlds[dialect] = w
	return w
}

// benchPercentiles requests the page path(w, i) as the coordinator in a loop and prints the
// p50 and p95 latency.
func benchPercentiles(b *testing.B, w *benchWorld, path func(w *benchWorld, i int) string) {
	client := &http.Client{}
	var lat []time.Duration
	i := 0
	for b.Loop() {
		req, _ := http.NewRequest("GET", w.url+path(w, i), nil)
		req.Header.Set("Cookie", w.cookie)
		start := time.Now()
		res, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		lat = append(lat, time.Since(start))
		if res.StatusCode != http.StatusOK {
			b.Fatalf("GET %s: %d", req.URL.Path, res.StatusCode)
		}
		i++
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkNeedPages prints p50 and p95 latency of the needs list, a need page and the
// dashboard for a signed-in coordinator, with 100,000 needs (TILLSAMMANS_BENCH_NEEDS).
func BenchmarkNeedPages(b *testing.B) {
	pages := map[string]func(w *benchWorld, i int) string{
		"list":      func(*benchWorld, int) string { return "/needs" },
		"need":      func(w *benchWorld, i int) string { return fmt.Sprintf("/needs/%d", w.needIDs[i%len(w.needIDs)]) },
		"dashboard": func(*benchWorld, int) string { return "/needs/dashboard" },
	}
	for _, dialect := range storetest.Dialects {
		// The seeded world belongs to the parent benchmark: a sub-benchmark's cleanup
		// would drop the PostgreSQL schema under the next one.
		w := openBenchWorld(b, dialect)
		for _, page := range []string{"list", "need", "dashboard"} {
			b.Run(dialect+"/"+page, func(b *testing.B) { benchPercentiles(b, w, pages[page]) })
		}
	}
}
