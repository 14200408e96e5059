package server_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/seed"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// benchCount reads a count from the environment, or gives the default.
func benchCount(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// projectWorld is the bench world with projects and calls added in proportion: 10,000
// projects (TILLSAMMANS_BENCH_PROJECTS) and 1,000 calls (TILLSAMMANS_BENCH_CALLS) beside the
// 100,000 needs.
func projectWorld(b *testing.B, dialect string) *benchWorld {
	w := openBenchWorld(b, dialect)
	benchWorldsMu.Lock()
	defer benchWorldsMu.Unlock()
	if w.projectIDs != nil {
		return w
	}
	ctx := context.Background()
	projects := benchCount("TILLSAMMANS_BENCH_PROJECTS", 10_000)
	calls := benchCount("TILLSAMMANS_BENCH_CALLS", 1_000)
	rng := rand.New(rand.NewPCG(3, 4))
	start := time.Now()
	if _, err := seed.Projects(ctx, w.store, rng, w.orgs, projects, time.Now(), nil); err != nil {
		b.Fatal(err)
	}
	if err := seed.Calls(ctx, w.store, rng, calls, time.Now(), nil); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: seeded %d projects and %d calls in %s", dialect, projects, calls, time.Since(start).Round(time.Millisecond))
	// The projects the coordinator sees: their organisation's and the public ones, newest first.
	v := app.Viewer{UserID: w.orgs[0].People[0], OrgIDs: []int64{w.orgs[0].ID}}
	l, err := w.store.ListProjects(ctx, v, app.ProjectFilter{Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range l.Items {
		w.projectIDs = append(w.projectIDs, p.ID)
	}
	return w
}

// BenchmarkProjectPages prints p50 and p95 latency, for a signed-in coordinator, of a project
// page (which holds the KPI charts and the calls radar), the calls radar of a project and of
// a need through the API, and the list of projects, with 10,000 projects and 1,000 calls.
func BenchmarkProjectPages(b *testing.B) {
	pages := map[string]func(w *benchWorld, i int) string{
		"project": func(w *benchWorld, i int) string {
			return fmt.Sprintf("/projects/%d", w.projectIDs[i%len(w.projectIDs)])
		},
		"radar": func(w *benchWorld, i int) string {
			return fmt.Sprintf("/api/v1/projects/%d/calls", w.projectIDs[i%len(w.projectIDs)])
		},
		"need-radar": func(w *benchWorld, i int) string {
			return fmt.Sprintf("/api/v1/needs/%d/calls", w.needIDs[i%len(w.needIDs)])
		},
		"list": func(*benchWorld, int) string { return "/projects" },
	}
	for _, dialect := range storetest.Dialects {
		w := projectWorld(b, dialect)
		for _, page := range []string{"project", "radar", "need-radar", "list"} {
			b.Run(dialect+"/"+page, func(b *testing.B) { benchPercentiles(b, w, pages[page]) })
		}
	}
}
