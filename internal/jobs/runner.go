package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Handler does one job. An error makes the job run again after a backoff, until its
// attempts are used up. ctx ends at the kind's timeout or when the runner stops.
type Handler func(ctx context.Context, j app.Job) error

// Kind says how the jobs of one kind run.
type Kind struct {
	Handle Handler
	// Timeout bounds one run; zero means DefaultTimeout. It must be shorter than the lease,
	// or another worker would take the job while it still runs.
	Timeout time.Duration
	// Backoff is the wait after a failed attempt (1 for the first); nil means Backoff.
	Backoff func(attempt int) time.Duration
}

// Queue is what a runner needs of the store.
type Queue interface {
	ClaimJobs(ctx context.Context, worker string, kinds []string, limit int, lease time.Duration, now time.Time) ([]app.Job, error)
	CompleteJob(ctx context.Context, id int64, worker string, now time.Time) error
	FailJob(ctx context.Context, id int64, worker, cause string, retryIn time.Duration, now time.Time) (bool, error)
	ReleaseJob(ctx context.Context, id int64, worker string) error
}

// Defaults of a runner.
const (
	DefaultWorkers = 4
	DefaultPoll    = time.Second
	DefaultLease   = 5 * time.Minute
	DefaultTimeout = time.Minute
)

// Options tune a runner; zero values mean the defaults.
type Options struct {
	Workers int           // jobs run at once
	Poll    time.Duration // how often the table is asked for due jobs
	Lease   time.Duration // how long a claimed job is the runner's before others may take it
}

// Runner runs the jobs of the kinds registered with it, with a few workers, polling the
// jobs table and woken at once when this process enqueues a job. Any number of runners
// in any number of instances may share one database: each job is claimed by one.
type Runner struct {
	queue  Queue
	log    *slog.Logger
	opts   Options
	worker string
	kinds  map[string]Kind
	names  []string
	wake   chan struct{}
}

// NewRunner returns a runner over q; register the kinds before Run.
func NewRunner(q Queue, log *slog.Logger, o Options) *Runner {
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers
	}
	if o.Poll <= 0 {
		o.Poll = DefaultPoll
	}
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	return &Runner{queue: q, log: log, opts: o, worker: workerName(), kinds: map[string]Kind{}, wake: make(chan struct{}, 1)}
}

// workerName tells the runners of all instances apart, in the jobs table and the logs.
func workerName() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s:%d:%08x", host, os.Getpid(), rand.Uint32()) // #nosec G404 -- a name, not a secret
}

// Register makes the runner run jobs of kind. Registering a kind twice, or with a timeout
// that is not shorter than the lease, is a wiring mistake and panics.
func (r *Runner) Register(kind string, k Kind) {
	if _, ok := r.kinds[kind]; ok {
		panic("jobs: kind " + kind + " registered twice")
	}
	if k.Timeout <= 0 {
		k.Timeout = DefaultTimeout
	}
	if k.Timeout >= r.opts.Lease {
		panic(fmt.Sprintf("jobs: kind %s: timeout %s is not shorter than the lease %s", kind, k.Timeout, r.opts.Lease))
	}
	if k.Backoff == nil {
		k.Backoff = Backoff
	}
	r.kinds[kind] = k
	r.names = append(r.names, kind)
	slices.Sort(r.names)
}

// Wake makes the runner look for due jobs now rather than at its next poll.
func (r *Runner) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run claims and runs jobs until ctx ends. Jobs still running then are stopped and given
// back to the queue without counting the attempt; Run returns when they are.
func (r *Runner) Run(ctx context.Context) {
	slots := make(chan struct{}, r.opts.Workers)
	var wg sync.WaitGroup
	defer wg.Wait()
	poll := time.NewTimer(0)
	defer poll.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-poll.C:
		case <-r.wake:
		}
		r.claim(ctx, slots, &wg)
		poll.Reset(r.opts.Poll)
	}
}

// claim takes as many due jobs as there are free workers, again while it gets that many.
func (r *Runner) claim(ctx context.Context, slots chan struct{}, wg *sync.WaitGroup) {
	for len(r.names) > 0 {
		free := cap(slots) - len(slots)
		if free == 0 {
			return // a worker that finishes wakes the runner
		}
		jobs, err := r.queue.ClaimJobs(ctx, r.worker, r.names, free, r.opts.Lease, time.Now())
		if err != nil {
			if ctx.Err() == nil {
				r.log.Error("jobs: claim", "err", err)
			}
			return
		}
		for _, j := range jobs {
			slots <- struct{}{}
			wg.Go(func() {
				r.run(ctx, j)
				<-slots
				r.Wake()
			})
		}
		if len(jobs) < free {
			return
		}
	}
}

// errLeaseRanOut gives up a job whose last attempt never reported back: the instance
// running it stopped, or the attempt outlived its lease.
var errLeaseRanOut = errors.New("jobs: the last attempt did not finish within its lease")

func (r *Runner) run(ctx context.Context, j app.Job) {
	k := r.kinds[j.Kind]
	log := r.log.With("job", j.ID, "kind", j.Kind, "attempt", j.Attempt, "worker", r.worker)
	err := errLeaseRanOut
	if j.Attempt <= j.MaxAttempts {
		jctx, cancel := context.WithTimeout(ctx, k.Timeout)
		err = call(jctx, k.Handle, j)
		cancel()
	}
	// The bookkeeping outlives a stop, so that the job is not left leased.
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	now := time.Now()
	switch {
	case err == nil:
		err = r.queue.CompleteJob(bctx, j.ID, r.worker, now)
	case ctx.Err() != nil:
		log.Info("jobs: stopped, given back", "err", err)
		err = r.queue.ReleaseJob(bctx, j.ID, r.worker)
	default:
		retryIn, cause := k.Backoff(j.Attempt), err.Error()
		var dead bool
		dead, err = r.queue.FailJob(bctx, j.ID, r.worker, cause, retryIn, now)
		switch {
		case err != nil:
		case dead:
			log.Error("jobs: gave up", "err", cause)
		default:
			log.Warn("jobs: failed, will retry", "err", cause, "retry_in", retryIn.String())
		}
	}
	if err != nil {
		log.Error("jobs: record outcome", "err", err)
	}
}

// call runs h, turning a panic into the job's error.
func call(ctx context.Context, h Handler, j app.Job) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("jobs: panic: %v", p)
		}
	}()
	return h(ctx, j)
}

// Backoff waits 30 s after the first failed attempt and doubles the wait after each
// further one, up to 6 h, with a fifth of jitter either way so that jobs that failed
// together do not all retry together.
func Backoff(attempt int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempt && d < 6*time.Hour; i++ {
		d *= 2
	}
	return Jitter(min(d, 6*time.Hour))
}

// Jitter spreads d by up to a fifth either way.
func Jitter(d time.Duration) time.Duration {
	return d + time.Duration((rand.Float64()*0.4-0.2)*float64(d)) // #nosec G404 -- spreading retries needs no secret
}
