// Command loadtest seeds a database, starts the platform on it and drives each route
// with a fixed number of connections, printing requests per second and p50/p95/p99
// latency per route beside those of a trivial endpoint (/healthz) measured in the same
// run, as the machine's ceiling. Only loopback addresses are used.
//
//	go run ./cmd/loadtest --needs 100000 --connections 32 --duration 10s
//	go run ./cmd/loadtest --db 'postgres://…' --needs 100000
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/files"
	"github.com/tillsammans/tillsammans/internal/seed"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/web"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// route is one kind of request of the mix.
type route struct {
	name string
	// request makes the i-th request; auth adds the session cookie.
	request func(i int) (*http.Request, error)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", "", "database to seed and serve (default: a new SQLite file in a temporary folder)")
	needs := fs.Int("needs", 100_000, "needs to seed (into an empty database)")
	solutions := fs.Int("solutions", 0, "solutions to seed (into a database without solutions)")
	conns := fs.Int("connections", 32, "concurrent connections per route")
	duration := fs.Duration("duration", 10*time.Second, "how long each route is driven")
	only := fs.String("routes", "", "comma-separated route names to drive (default: all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dsn == "" {
		dir, err := os.MkdirTemp("", "tillsammans-load")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*dsn = "sqlite:" + filepath.Join(dir, "load.db")
	}
	s, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		return err
	}

	// Seed, unless an earlier run did.
	start := time.Now()
	orgs, err := seed.Organisations(ctx, s, 40, int(time.Now().Unix()%100000)*100, auth.HashPassword("Tillsammans-seed-2026"))
	if err != nil {
		return err
	}
	existing, err := s.NeedFigures(ctx, app.Viewer{Admin: true}, 0, time.Now())
	if err != nil {
		return err
	}
	total := 0
	for _, n := range existing.Count {
		total += n
	}
	if total < *needs {
		rng := rand.New(rand.NewPCG(1, 2)) // #nosec G404 -- synthetic data
		if err := seed.Needs(ctx, s, rng, orgs, *needs-total, time.Now(), func(done int) {
			fmt.Fprintf(stderr, "\rseeding %d/%d", done, *needs-total)
		}); err != nil {
			return err
		}
		fmt.Fprintln(stderr)
	}
	if sols, err := s.ListSolutions(ctx, app.SolutionFilter{Page: app.Page{Limit: 1}}); err != nil {
		return err
	} else if len(sols.Items) == 0 && *solutions > 0 {
		firms, err := seed.Companies(ctx, s, 100, int(time.Now().Unix()%100000)*100, auth.HashPassword("Tillsammans-seed-2026"))
		if err != nil {
			return err
		}
		if err := seed.Solutions(ctx, s, rand.New(rand.NewPCG(3, 4)), firms, // #nosec G404 -- synthetic data
			*solutions, func(done int) {
				fmt.Fprintf(stderr, "\rseeding solutions %d/%d", done, *solutions)
			}); err != nil {
			return err
		}
		fmt.Fprintln(stderr)
	}
	fmt.Fprintf(stdout, "database %s ready with %d needs and %d solutions in %s\n", s.Dialect(), max(total, *needs), *solutions,
		time.Since(start).Round(time.Second))

	// A coordinator of the first organisation, signed in, and the needs they see.
	coordinator := orgs[0].People[0]
	session, err := auth.NewAccounts(s).StartSession(ctx, coordinator)
	if err != nil {
		return err
	}
	viewer := app.Viewer{UserID: coordinator, OrgIDs: []int64{orgs[0].ID}}
	own, err := s.ListNeeds(ctx, viewer, app.NeedFilter{OrgID: orgs[0].ID, Page: app.Page{Limit: 200}})
	if err != nil {
		return err
	}
	public, err := s.ListNeeds(ctx, app.Viewer{}, app.NeedFilter{Page: app.Page{Limit: 200}})
	if err != nil || len(own.Items) == 0 || len(public.Items) == 0 {
		return fmt.Errorf("no needs to drive: %v", err)
	}
	token, _, err := auth.NewAccounts(s).CreateToken(ctx, coordinator, "loadtest")
	if err != nil {
		return err
	}

	dir, err := os.MkdirTemp("", "tillsammans-files")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bucket, err := files.OpenDir(dir)
	if err != nil {
		return err
	}
	defer bucket.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	h, err := server.New(server.Config{Store: s, Files: bucket, BaseURL: base, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Shutdown(context.Background())

	get := func(path string, signedIn bool) func(int) (*http.Request, error) {
		return func(int) (*http.Request, error) {
			r, err := http.NewRequest("GET", base+path, nil)
			if signedIn && err == nil {
				r.Header.Set("Cookie", web.SessionCookie+"="+session)
			}
			return r, err
		}
	}
	routes := []route{
		{"trivial GET /healthz", get("/healthz", false)},
		{"public GET /needs", get("/needs", false)},
		{"public GET /needs?care_setting", get("/needs?care_setting=hemtjanst&sort=title", false)},
		{"signed-in GET /needs", get("/needs", true)},
		{"signed-in GET /needs/{id}", func(i int) (*http.Request, error) {
			return get(fmt.Sprintf("/needs/%d", own.Items[i%len(own.Items)].ID), true)(i)
		}},
		{"public GET /needs/{id}", func(i int) (*http.Request, error) {
			return get(fmt.Sprintf("/needs/%d", public.Items[i%len(public.Items)].ID), false)(i)
		}},
		{"signed-in GET /needs/dashboard", get("/needs/dashboard", true)},
		{"public GET /search", func(i int) (*http.Request, error) {
			words := strings.Fields(public.Items[i%len(public.Items)].Title)
			return get("/search?q="+url.QueryEscape(strings.Join(words[:min(2, len(words))], " ")), false)(i)
		}},
		{"signed-in GET /needs/{id} matches (api)", func(i int) (*http.Request, error) {
			r, err := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/needs/%d/matches?limit=10", base, own.Items[i%len(own.Items)].ID), nil)
			if err == nil {
				r.Header.Set("Authorization", "Bearer "+token)
			}
			return r, err
		}},
		{"api GET /api/v1/needs", func(int) (*http.Request, error) {
			r, err := http.NewRequest("GET", base+"/api/v1/needs?limit=50", nil)
			if err == nil {
				r.Header.Set("Authorization", "Bearer "+token)
			}
			return r, err
		}},
		{"write POST /needs/{id}/comments", func(i int) (*http.Request, error) {
			form := url.Values{"body": {fmt.Sprintf("Lastprov %d: vi följer upp detta på nästa möte.", i)}}
			r, err := http.NewRequest("POST", fmt.Sprintf("%s/needs/%d/comments", base, own.Items[i%len(own.Items)].ID), strings.NewReader(form.Encode()))
			if err == nil {
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				r.Header.Set("Cookie", web.SessionCookie+"="+session)
			}
			return r, err
		}},
	}
	if *only != "" {
		keep := strings.Split(*only, ",")
		routes = slices.DeleteFunc(routes, func(r route) bool {
			return !strings.HasPrefix(r.name, "trivial") && !slices.ContainsFunc(keep, func(k string) bool { return strings.Contains(r.name, k) })
		})
	}

	fmt.Fprintf(stdout, "%d connections, %s per route, %s, %d needs\n\n", *conns, *duration, s.Dialect(), max(total, *needs))
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "route\treq/s\tp50 ms\tp95 ms\tp99 ms\terrors\tof trivial\t")
	var trivial float64
	for _, rt := range routes {
		res := drive(rt, *conns, *duration)
		if strings.HasPrefix(rt.name, "trivial") {
			trivial = res.rate
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%.1f\t%.1f\t%.1f\t%d\t%.0f %%\t\n", rt.name, res.rate, ms(res.p50), ms(res.p95), ms(res.p99), res.errors, 100*res.rate/trivial)
	}
	return tw.Flush()
}

type result struct {
	rate          float64
	p50, p95, p99 time.Duration
	errors        int64
}

// drive sends requests of one route from conns workers for d and measures them.
func drive(rt route, conns int, d time.Duration) result {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	deadline := time.Now().Add(d)
	var (
		mu     sync.Mutex
		lat    []time.Duration
		errs   atomic.Int64
		next   atomic.Int64
		wg     sync.WaitGroup
		starts = time.Now()
	)
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(deadline) {
				req, err := rt.request(int(next.Add(1)))
				if err != nil {
					errs.Add(1)
					continue
				}
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					errs.Add(1)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode >= 400 {
					errs.Add(1)
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(starts)
	slices.Sort(lat)
	at := func(q float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(q*float64(len(lat))))]
	}
	return result{rate: float64(len(lat)) / elapsed.Seconds(), p50: at(0.50), p95: at(0.95), p99: at(0.99), errors: errs.Load()}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
