package jobs_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/jobs"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// start runs a runner over s until the test ends, and returns it.
func start(t *testing.T, s *store.Store, kinds map[string]jobs.Kind) *jobs.Runner {
	t.Helper()
	r := jobs.NewRunner(s, quiet, jobs.Options{Workers: 3, Poll: 20 * time.Millisecond, Lease: 2 * time.Minute})
	for k, kind := range kinds {
		r.Register(k, kind)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return r
}

// eventually waits up to 30 s for ok.
func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !ok(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
	}
}

func enqueue(t *testing.T, s *store.Store, j app.NewJob) int64 {
	t.Helper()
	id, err := s.EnqueueJob(context.Background(), j)
	if err != nil || id == 0 {
		t.Fatalf("enqueue: %d, %v", id, err)
	}
	return id
}

func deadJobs(t *testing.T, s *store.Store) []app.Job {
	t.Helper()
	l, err := s.ListJobs(context.Background(), app.JobFilter{Dead: true})
	if err != nil {
		t.Fatal(err)
	}
	return l.Items
}

func waitingJobs(t *testing.T, s *store.Store, kinds ...string) []app.Job {
	t.Helper()
	l, err := s.ListJobs(context.Background(), app.JobFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(kinds) == 0 {
		return l.Items
	}
	var out []app.Job
	for _, j := range l.Items {
		if slices.Contains(kinds, j.Kind) {
			out = append(out, j)
		}
	}
	return out
}

// TestTwoRunnersRunEachJobOnce is two instances of the platform on one database: each of
// 200 jobs runs exactly once.
func TestTwoRunnersRunEachJobOnce(t *testing.T) {
	storetest.ForEachPair(t, func(t *testing.T, a, b *store.Store) {
		const n = 200
		var mu sync.Mutex
		runs := map[int]int{}
		ranBy := map[string]int{}
		kind := func(instance string) map[string]jobs.Kind {
			return map[string]jobs.Kind{"count": {Handle: func(ctx context.Context, j app.Job) error {
				var p struct{ N int }
				if err := json.Unmarshal(j.Payload, &p); err != nil {
					return err
				}
				mu.Lock()
				runs[p.N]++
				ranBy[instance]++
				mu.Unlock()
				time.Sleep(time.Millisecond) // a little work, so that both instances get some
				return nil
			}}}
		}
		for i := range n {
			enqueue(t, a, app.NewJob{Kind: "count", Payload: map[string]int{"n": i}})
		}
		start(t, a, kind("a"))
		start(t, b, kind("b"))
		total := func() int {
			mu.Lock()
			defer mu.Unlock()
			sum := 0
			for _, c := range runs {
				sum += c
			}
			return sum
		}
		eventually(t, "200 runs", func() bool { return total() >= n && len(waitingJobs(t, a)) == 0 })
		time.Sleep(100 * time.Millisecond) // a job run twice would show by now
		mu.Lock()
		defer mu.Unlock()
		for i := range n {
			if runs[i] != 1 {
				t.Errorf("job %d ran %d times", i, runs[i])
			}
		}
		t.Logf("instance a ran %d, b ran %d", ranBy["a"], ranBy["b"])
	})
}

func TestRunnerRetriesWithBackoffThenGivesUp(t *testing.T) {
	storetest.ForEachPair(t, func(t *testing.T, a, b *store.Store) {
		const wait = 150 * time.Millisecond
		var mu sync.Mutex
		var calls []time.Time
		var flakyCalls int
		kinds := map[string]jobs.Kind{
			"broken": {Handle: func(ctx context.Context, j app.Job) error {
				mu.Lock()
				calls = append(calls, time.Now())
				mu.Unlock()
				return errors.New("mottagaren svarade 500")
			}, Backoff: func(int) time.Duration { return wait }},
			"flaky": {Handle: func(ctx context.Context, j app.Job) error {
				mu.Lock()
				defer mu.Unlock()
				if flakyCalls++; j.Attempt < 3 {
					return errors.New("inte än")
				}
				return nil
			}, Backoff: func(int) time.Duration { return 10 * time.Millisecond }},
		}
		broken := enqueue(t, a, app.NewJob{Kind: "broken", MaxAttempts: 3})
		enqueue(t, a, app.NewJob{Kind: "flaky"})
		start(t, a, kinds)
		start(t, b, kinds)
		eventually(t, "the broken job dead", func() bool { return len(deadJobs(t, a)) == 1 })
		eventually(t, "the flaky job done", func() bool { return len(waitingJobs(t, a)) == 0 })
		mu.Lock()
		defer mu.Unlock()
		if len(calls) != 3 {
			t.Fatalf("the broken job ran %d times, want 3 (max_attempts)", len(calls))
		}
		for i := 1; i < len(calls); i++ {
			if gap := calls[i].Sub(calls[i-1]); gap < wait {
				t.Errorf("attempt %d came %s after the one before, before the backoff of %s", i+1, gap, wait)
			}
		}
		if d := deadJobs(t, a)[0]; d.ID != broken || d.Attempt != 3 || d.LastError != "mottagaren svarade 500" {
			t.Errorf("dead job = %+v", d)
		}
		if flakyCalls != 3 {
			t.Errorf("the flaky job ran %d times, want 3 (twice failing, then done)", flakyCalls)
		}
	})
}

func TestRunnerReclaimsExpiredLease(t *testing.T) {
	storetest.ForEachPair(t, func(t *testing.T, a, b *store.Store) {
		id := enqueue(t, a, app.NewJob{Kind: "work"})
		// An instance claimed the job with a short lease and stopped without a word.
		claimed := time.Now() // the lease runs from here, however long the claim takes
		if got, err := a.ClaimJobs(context.Background(), "stopped", []string{"work"}, 1, 300*time.Millisecond, claimed); err != nil || len(got) != 1 {
			t.Fatalf("claim = %v, %v", got, err)
		}
		ran := make(chan app.Job, 1)
		start(t, b, map[string]jobs.Kind{"work": {Handle: func(ctx context.Context, j app.Job) error { ran <- j; return nil }}})
		select {
		case j := <-ran:
			if j.ID != id || j.Attempt != 2 {
				t.Errorf("re-claimed job = %+v", j)
			}
			if since := time.Since(claimed); since < 300*time.Millisecond {
				t.Errorf("re-claimed %s after the claim, before the lease ran out", since)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("the job was not re-claimed after its lease ran out")
		}
		eventually(t, "the job done", func() bool { return len(waitingJobs(t, a)) == 0 })
	})
}

// TestRunnerStopGivesJobsBack stops a runner while a job runs: the job is given back
// without counting the attempt, and another instance runs it.
func TestRunnerStopGivesJobsBack(t *testing.T) {
	storetest.ForEachPair(t, func(t *testing.T, a, b *store.Store) {
		enqueue(t, a, app.NewJob{Kind: "slow", MaxAttempts: 1})
		started := make(chan struct{})
		r := jobs.NewRunner(a, quiet, jobs.Options{Poll: 20 * time.Millisecond})
		r.Register("slow", jobs.Kind{Handle: func(ctx context.Context, j app.Job) error {
			close(started)
			<-ctx.Done()
			return ctx.Err()
		}})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { r.Run(ctx); close(done) }()
		<-started
		cancel()
		<-done
		ran := make(chan app.Job, 1)
		start(t, b, map[string]jobs.Kind{"slow": {Handle: func(ctx context.Context, j app.Job) error { ran <- j; return nil }}})
		select {
		case j := <-ran:
			if j.Attempt != 1 {
				t.Errorf("attempt = %d after a stop, want 1", j.Attempt)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("the job given back did not run")
		}
	})
}

func TestRunnerWakesOnEnqueue(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	ran := make(chan struct{}, 1)
	r := jobs.NewRunner(s, quiet, jobs.Options{Poll: time.Hour})
	r.Register("now", jobs.Kind{Handle: func(ctx context.Context, j app.Job) error { ran <- struct{}{}; return nil }})
	s.OnJobEnqueued(r.Wake)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	time.Sleep(50 * time.Millisecond) // the first poll has found nothing
	enqueue(t, s, app.NewJob{Kind: "now"})
	select {
	case <-ran:
	case <-time.After(30 * time.Second):
		t.Fatal("an enqueued job waited for the next poll, an hour away")
	}
}

func TestBackoff(t *testing.T) {
	prev := time.Duration(0)
	for attempt := 1; attempt <= 12; attempt++ {
		base := min(30*time.Second<<(attempt-1), 6*time.Hour)
		for range 50 {
			d := jobs.Backoff(attempt)
			if d < base*8/10 || d > base*12/10 {
				t.Fatalf("attempt %d: backoff %s outside %s ± 20 %%", attempt, d, base)
			}
		}
		if base < prev {
			t.Fatalf("attempt %d: backoff shrank", attempt)
		}
		prev = base
	}
}
