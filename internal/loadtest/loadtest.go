// Package loadtest drives a running platform with the requests its users make and
// measures each route: requests per second and latency percentiles, through vegeta, with
// a trivial endpoint measured in the same run as the machine's ceiling.
package loadtest

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// Route is one kind of request: a name for the report, a weight for the mixed phase
// (its share of the connections), and the requests themselves. Next returns false when
// the route has no more requests to make.
type Route struct {
	Name   string
	Weight int
	// Target is a per-route acceptance figure (requests per second), 0 for none.
	Target float64
	Next   func(t *vegeta.Target) bool
}

// Cycle is a route's requests made in turn from a fixed list, round and round.
func Cycle(targets []vegeta.Target) func(*vegeta.Target) bool {
	var i atomic.Uint64
	return func(t *vegeta.Target) bool {
		*t = targets[(i.Add(1)-1)%uint64(len(targets))]
		return true
	}
}

// Once is a route's requests made once each, in turn from a list.
func Once(targets []vegeta.Target) func(*vegeta.Target) bool {
	var i atomic.Uint64
	return func(t *vegeta.Target) bool {
		n := i.Add(1) - 1
		if n >= uint64(len(targets)) {
			return false
		}
		*t = targets[n]
		return true
	}
}

// Result is what one route did in one phase.
type Result struct {
	Route       string
	Connections int
	Requests    uint64
	Rate        float64 // successful requests per second
	P50         time.Duration
	P95         time.Duration
	P99         time.Duration
	Failed      uint64 // transport errors and responses of 4xx or 5xx
	Codes       map[string]int
	Target      float64
}

// Run drives the routes at once for d, sharing conns connections between them by
// weight (each at least one), and returns a result per route in the order given. A
// single route gets every connection.
func Run(routes []Route, conns int, d time.Duration) []Result {
	shares := share(routes, conns)
	out := make([]Result, len(routes))
	var wg sync.WaitGroup
	for i, r := range routes {
		wg.Go(func() { out[i] = attack(r, shares[i], d) })
	}
	wg.Wait()
	return out
}

func share(routes []Route, conns int) []int {
	total := 0
	for _, r := range routes {
		total += max(r.Weight, 1)
	}
	out := make([]int, len(routes))
	for i, r := range routes {
		out[i] = max(1, conns*max(r.Weight, 1)/total)
	}
	return out
}

func attack(r Route, conns int, d time.Duration) Result {
	a := vegeta.NewAttacker(
		vegeta.Workers(uint64(conns)), vegeta.MaxWorkers(uint64(conns)), // #nosec G115 -- conns comes from --connections, checked to be 1 or more
		vegeta.Connections(conns), vegeta.MaxConnections(conns), vegeta.KeepAlive(true),
		vegeta.Timeout(30*time.Second), vegeta.Redirects(vegeta.NoFollow),
	)
	targeter := func(t *vegeta.Target) error {
		if !r.Next(t) {
			return vegeta.ErrNoTargets
		}
		return nil
	}
	var m vegeta.Metrics
	var failed uint64
	for res := range a.Attack(targeter, vegeta.Rate{Freq: 0}, d, r.Name) {
		if res.Error == vegeta.ErrNoTargets.Error() {
			continue // the route's list ran out: no request was made
		}
		m.Add(res)
		if res.Error != "" || res.Code >= http.StatusBadRequest {
			failed++
		}
	}
	m.Close()
	return Result{Route: r.Name, Connections: conns, Requests: m.Requests, Rate: m.Throughput,
		P50: m.Latencies.P50, P95: m.Latencies.P95, P99: m.Latencies.P99, Failed: failed, Codes: m.StatusCodes, Target: r.Target}
}

// Report writes the results as a table, each rate also as a share of the ceiling's rate
// (the trivial endpoint's, 0 for none), with the route's target where it has one.
func Report(w io.Writer, title string, results []Result, ceiling float64) {
	fmt.Fprintf(w, "\n%s\n", title)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "route\tconns\trequests\treq/s\tp50 ms\tp95 ms\tp99 ms\tfailed\tof ceiling\ttarget req/s\tstatus codes\t")
	for _, r := range results {
		of, target := "", ""
		if ceiling > 0 {
			of = fmt.Sprintf("%.0f %%", 100*r.Rate/ceiling)
		}
		if r.Target > 0 {
			target = fmt.Sprintf("%.0f", r.Target)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%.1f\t%.1f\t%.1f\t%d\t%s\t%s\t%s\t\n", r.Route, r.Connections, r.Requests, r.Rate,
			ms(r.P50), ms(r.P95), ms(r.P99), r.Failed, of, target, codes(r.Codes))
	}
	tw.Flush()
}

// Verdicts checks each result that has a target against it, against p99 < 100 ms and
// against a quarter of the ceiling, and says what falls short; empty when all hold.
func Verdicts(results []Result, ceiling float64) []string {
	var out []string
	for _, r := range results {
		if r.Target == 0 {
			continue
		}
		if r.Rate < r.Target {
			out = append(out, fmt.Sprintf("%s: %.0f req/s, under the target %.0f", r.Route, r.Rate, r.Target))
		}
		if r.P99 >= 100*time.Millisecond {
			out = append(out, fmt.Sprintf("%s: p99 %.1f ms, not under 100 ms", r.Route, ms(r.P99)))
		}
		if r.Rate < ceiling/4 {
			out = append(out, fmt.Sprintf("%s: %.0f req/s, under a quarter of the ceiling's %.0f", r.Route, r.Rate, ceiling))
		}
		if r.Failed > 0 {
			out = append(out, fmt.Sprintf("%s: %d requests failed", r.Route, r.Failed))
		}
	}
	return out
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func codes(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := ""
	for _, k := range keys {
		s += fmt.Sprintf("%s×%d ", k, m[k])
	}
	return s
}
