package store_test

import (
	"context"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/seed"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// recordsForBench is how many needs and how many solutions the search benchmark seeds
// (TILLSAMMANS_BENCH_RECORDS, 100,000 of each by default).
func recordsForBench() int {
	if n, err := strconv.Atoi(os.Getenv("TILLSAMMANS_BENCH_RECORDS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// BenchmarkSearchAndMatches seeds N needs and N solutions on each database, rebuilds the
// whole index and prints how long that took per 100,000 documents, then times searches
// (the words of a need's title, as a person would type them) and the matches of one need,
// printing p50 and p95:
//
//	TILLSAMMANS_TEST_DATABASE_URL=… go test -run XXX -bench SearchAndMatches -benchtime 300x -timeout 120m ./internal/store/
//
// TILLSAMMANS_BENCH_SQLITE=sqlite:FILE or TILLSAMMANS_BENCH_POSTGRES=postgres://… measure a
// database an earlier run (or tillsammans seed) filled, without seeding it again.
func BenchmarkSearchAndMatches(b *testing.B) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			ctx := context.Background()
			n := recordsForBench()
			var s *store.Store
			var viewer app.Viewer
			if dsn := os.Getenv("TILLSAMMANS_BENCH_" + strings.ToUpper(dialect)); dsn != "" {
				// A database an earlier run seeded: measured again without seeding.
				var err error
				if s, err = store.Open(ctx, dsn); err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				if err := s.Migrate(ctx); err != nil {
					b.Fatal(err)
				}
				m, err := s.UserMemberships(ctx, 1)
				if err != nil || len(m) == 0 {
					b.Fatalf("the first person's memberships: %v, %v", m, err)
				}
				viewer = app.Viewer{UserID: 1, OrgIDs: []int64{m[0].Organisation.ID}}
			} else {
				s = storetest.Open(b, dialect)
				start := time.Now()
				orgs, err := seed.Organisations(ctx, s, 40, 0, "x")
				if err != nil {
					b.Fatal(err)
				}
				firms, err := seed.Companies(ctx, s, 100, 0, "x")
				if err != nil {
					b.Fatal(err)
				}
				rng := rand.New(rand.NewPCG(1, 2))
				if err := seed.Needs(ctx, s, rng, orgs, n, time.Now(), nil); err != nil {
					b.Fatal(err)
				}
				if err := seed.Solutions(ctx, s, rng, firms, n, nil); err != nil {
					b.Fatal(err)
				}
				b.Logf("%s: seeded %d needs and %d solutions in %s", dialect, n, n, time.Since(start).Round(time.Second))
				viewer = app.Viewer{UserID: orgs[0].People[0], OrgIDs: []int64{orgs[0].ID}}
			}
			start := time.Now()
			docs, err := s.Reindex(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			took := time.Since(start)
			b.Logf("%s: indexed %d documents in %s: %.1f s per 100,000", dialect, docs, took.Round(100*time.Millisecond),
				took.Seconds()*100_000/float64(docs))

			needs, err := s.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{Page: app.Page{Limit: 200}})
			if err != nil {
				b.Fatal(err)
			}
			var searches, matches []time.Duration
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				need := needs.Items[i%len(needs.Items)]
				words := strings.Fields(need.Title)
				q := app.SearchQuery{Q: strings.Join(words[:min(3, len(words))], " "), Limit: app.DefaultSearchLimit}
				t0 := time.Now()
				if _, err := s.Search(ctx, viewer, q); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if _, err := s.NeedMatches(ctx, app.Viewer{Admin: true}, need.ID, 10); err != nil {
					b.Fatal(err)
				}
				searches, matches = append(searches, t1.Sub(t0)), append(matches, time.Since(t1))
			}
			b.StopTimer()
			for _, m := range []struct {
				name string
				d    []time.Duration
			}{{"search", searches}, {"matches", matches}} {
				slices.Sort(m.d)
				p50, p95 := m.d[len(m.d)/2], m.d[len(m.d)*95/100]
				b.ReportMetric(float64(p95.Microseconds())/1000, m.name+"-p95-ms")
				b.Logf("%s at %d needs and %d solutions: %s p50 %.1f ms, p95 %.1f ms", dialect, n, n, m.name,
					float64(p50.Microseconds())/1000, float64(p95.Microseconds())/1000)
			}
		})
	}
}
