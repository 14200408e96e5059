package store_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

func mustEnqueue(t *testing.T, s *store.Store, j app.NewJob) int64 {
	t.Helper()
	id, err := s.EnqueueJob(ctx, j)
	if err != nil || id == 0 {
		t.Fatalf("enqueue %+v: %d, %v", j, id, err)
	}
	return id
}

func claim(t *testing.T, s *store.Store, worker string, limit int, now time.Time, kinds ...string) []app.Job {
	t.Helper()
	if len(kinds) == 0 {
		kinds = []string{"test"}
	}
	jobs, err := s.ClaimJobs(ctx, worker, kinds, limit, time.Minute, now)
	if err != nil {
		t.Fatalf("claim: %v", err)
	}
	return jobs
}

func ids(jobs []app.Job) []int64 {
	out := make([]int64, len(jobs))
	for i, j := range jobs {
		out[i] = j.ID
	}
	return out
}

func TestJobsClaimInOrderOfDue(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		now := time.Now()
		later := mustEnqueue(t, s, app.NewJob{Kind: "test", RunAt: now.Add(-time.Minute), Payload: map[string]string{"ort": "Östersund"}})
		first := mustEnqueue(t, s, app.NewJob{Kind: "test", RunAt: now.Add(-time.Hour)})
		future := mustEnqueue(t, s, app.NewJob{Kind: "test", RunAt: now.Add(30 * time.Second)})
		other := mustEnqueue(t, s, app.NewJob{Kind: "other", RunAt: now.Add(-2 * time.Hour)})

		got := claim(t, s, "w1", 10, now)
		if fmt.Sprint(ids(got)) != fmt.Sprint([]int64{first, later}) {
			t.Fatalf("claimed %v, want %v (due, of the kind asked, in order)", ids(got), []int64{first, later})
		}
		j := got[1]
		if j.Kind != "test" || string(j.Payload) != `{"ort":"Östersund"}` || j.Attempt != 1 || j.MaxAttempts != app.DefaultMaxAttempts ||
			j.LockedBy != "w1" || j.LockedUntil == nil || j.LockedUntil.Sub(now) < 59*time.Second {
			t.Errorf("claimed job = %+v", j)
		}
		if got := claim(t, s, "w2", 10, now); len(got) != 0 {
			t.Errorf("claimed jobs another worker holds: %v", ids(got))
		}
		if got := claim(t, s, "w2", 10, now.Add(30*time.Second)); fmt.Sprint(ids(got)) != fmt.Sprint([]int64{future}) {
			t.Errorf("half a minute later claimed %v, want the job due then, %d", ids(got), future)
		}
		if got := claim(t, s, "w3", 10, now, "other", "test"); fmt.Sprint(ids(got)) != fmt.Sprint([]int64{other}) {
			t.Errorf("claimed %v of two kinds, want %d", ids(got), other)
		}
		if got, err := s.ClaimJobs(ctx, "w3", nil, 10, time.Minute, now); err != nil || len(got) != 0 {
			t.Errorf("claim without kinds = %v, %v", got, err)
		}
	})
}

func TestJobsDedupKey(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		digest := app.NewJob{Kind: "test", DedupKey: "digest:2026-11-20"}
		first := mustEnqueue(t, s, digest)
		if id, err := s.EnqueueJob(ctx, digest); err != nil || id != 0 {
			t.Fatalf("second digest for the day = %d, %v; want 0 (kept already)", id, err)
		}
		// Jobs without a key are never duplicates of each other.
		mustEnqueue(t, s, app.NewJob{Kind: "test"})
		mustEnqueue(t, s, app.NewJob{Kind: "test"})
		now := time.Now()
		jobs := claim(t, s, "w", 10, now)
		if len(jobs) != 3 || jobs[0].ID != first || jobs[0].DedupKey != "digest:2026-11-20" {
			t.Fatalf("claimed %+v", jobs)
		}
		for _, j := range jobs {
			if err := s.CompleteJob(ctx, j.ID, "w", now); err != nil {
				t.Fatal(err)
			}
		}
		// The key stays taken while the finished job is kept, and is free once it is forgotten.
		if id, _ := s.EnqueueJob(ctx, digest); id != 0 {
			t.Errorf("digest enqueued again while the first is kept: %d", id)
		}
		if n, err := s.DeleteFinishedJobs(ctx, now.Add(time.Second)); err != nil || n != 3 {
			t.Fatalf("deleted %d, %v; want 3", n, err)
		}
		mustEnqueue(t, s, digest)
	})
}

// TestJobsClaimOnceAcrossInstances claims 200 jobs from two stores on one database, four
// claimers each, as two instances would.
func TestJobsClaimOnceAcrossInstances(t *testing.T) {
	storetest.ForEachPair(t, func(t *testing.T, a, b *store.Store) {
		const n = 200
		for i := range n {
			mustEnqueue(t, a, app.NewJob{Kind: "test", Payload: map[string]int{"n": i}})
		}
		var mu sync.Mutex
		claims := map[int64]int{}
		var wg sync.WaitGroup
		for w := range 8 {
			s := []*store.Store{a, b}[w%2]
			worker := fmt.Sprintf("w%d", w)
			wg.Go(func() {
				for {
					jobs, err := s.ClaimJobs(ctx, worker, []string{"test"}, 7, time.Minute, time.Now())
					if err != nil {
						t.Error(err)
						return
					}
					if len(jobs) == 0 {
						return
					}
					for _, j := range jobs {
						mu.Lock()
						claims[j.ID]++
						mu.Unlock()
						if err := s.CompleteJob(ctx, j.ID, worker, time.Now()); err != nil {
							t.Error(err)
						}
					}
				}
			})
		}
		wg.Wait()
		if len(claims) != n {
			t.Errorf("%d jobs claimed, want %d", len(claims), n)
		}
		for id, c := range claims {
			if c != 1 {
				t.Errorf("job %d claimed %d times", id, c)
			}
		}
	})
}

func TestJobsRetryThenDead(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		id := mustEnqueue(t, s, app.NewJob{Kind: "test", MaxAttempts: 3})
		now := time.Now()
		for attempt := 1; attempt <= 3; attempt++ {
			jobs := claim(t, s, "w", 1, now)
			if len(jobs) != 1 || jobs[0].ID != id || jobs[0].Attempt != attempt || jobs[0].Last() != (attempt == 3) {
				t.Fatalf("attempt %d: claimed %+v", attempt, jobs)
			}
			retryIn := time.Duration(attempt) * time.Hour
			dead, err := s.FailJob(ctx, id, "w", fmt.Sprintf("svar 503 (försök %d)", attempt), retryIn, now)
			if err != nil || dead != (attempt == 3) {
				t.Fatalf("attempt %d: fail = %v, %v", attempt, dead, err)
			}
			if attempt < 3 {
				if jobs := claim(t, s, "w", 1, now.Add(retryIn-time.Second)); len(jobs) != 0 {
					t.Fatalf("attempt %d: claimed again before the backoff ran out", attempt)
				}
				now = now.Add(retryIn)
			}
		}
		if jobs := claim(t, s, "w", 1, now.Add(365*24*time.Hour)); len(jobs) != 0 {
			t.Fatalf("a dead job was claimed: %+v", jobs)
		}
		dead, err := s.ListJobs(ctx, app.JobFilter{Dead: true})
		if err != nil || len(dead.Items) != 1 {
			t.Fatalf("dead jobs = %+v, %v", dead, err)
		}
		if j := dead.Items[0]; j.ID != id || !j.Dead || j.DoneAt == nil || j.Attempt != 3 || j.LastError != "svar 503 (försök 3)" {
			t.Errorf("dead job = %+v", j)
		}
		if waiting, err := s.ListJobs(ctx, app.JobFilter{}); err != nil || len(waiting.Items) != 0 {
			t.Errorf("jobs still to run = %+v, %v", waiting.Items, err)
		}
		if _, err := s.FailJob(ctx, id, "w", "again", 0, now); !errors.Is(err, store.ErrLeaseLost) {
			t.Errorf("failing a dead job: %v, want ErrLeaseLost", err)
		}
	})
}

func TestJobsExpiredLease(t *testing.T) {
	storetest.ForEachPair(t, func(t *testing.T, a, b *store.Store) {
		id := mustEnqueue(t, a, app.NewJob{Kind: "test"})
		now := time.Now()
		if jobs := claim(t, a, "crashed", 1, now); len(jobs) != 1 {
			t.Fatalf("claimed %v", jobs)
		}
		if jobs := claim(t, b, "other", 1, now.Add(59*time.Second)); len(jobs) != 0 {
			t.Fatalf("claimed while the lease holds: %+v", jobs)
		}
		jobs := claim(t, b, "other", 1, now.Add(time.Minute))
		if len(jobs) != 1 || jobs[0].ID != id || jobs[0].Attempt != 2 || jobs[0].LockedBy != "other" {
			t.Fatalf("after the lease ran out claimed %+v", jobs)
		}
		// The first worker lost the job: what it reports late changes nothing.
		if err := a.CompleteJob(ctx, id, "crashed", now); !errors.Is(err, store.ErrLeaseLost) {
			t.Errorf("late complete: %v, want ErrLeaseLost", err)
		}
		if _, err := a.FailJob(ctx, id, "crashed", "late", 0, now); !errors.Is(err, store.ErrLeaseLost) {
			t.Errorf("late fail: %v, want ErrLeaseLost", err)
		}
		if err := b.CompleteJob(ctx, id, "other", now); err != nil {
			t.Fatal(err)
		}
		if jobs := claim(t, a, "w", 1, now.Add(time.Hour)); len(jobs) != 0 {
			t.Errorf("a finished job was claimed: %+v", jobs)
		}
	})
}

func TestJobsRelease(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		id := mustEnqueue(t, s, app.NewJob{Kind: "test"})
		now := time.Now()
		claim(t, s, "w", 1, now)
		if err := s.ReleaseJob(ctx, id, "w"); err != nil {
			t.Fatal(err)
		}
		// Given back at shutdown: due again at once, and the attempt not counted.
		jobs := claim(t, s, "w2", 1, now)
		if len(jobs) != 1 || jobs[0].Attempt != 1 {
			t.Fatalf("after release claimed %+v", jobs)
		}
		if err := s.ReleaseJob(ctx, id, "w"); !errors.Is(err, store.ErrLeaseLost) {
			t.Errorf("release by a worker that does not hold the job: %v", err)
		}
	})
}
