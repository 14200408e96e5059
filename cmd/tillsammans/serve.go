package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof" // #nosec G108 -- it registers on http.DefaultServeMux, which only --pprof-addr serves; the platform has its own mux
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/config"
	"github.com/tillsammans/tillsammans/internal/demo"
	"github.com/tillsammans/tillsammans/internal/files"
	"github.com/tillsammans/tillsammans/internal/jobs"
	"github.com/tillsammans/tillsammans/internal/mail"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store"
)

// ShutdownGrace is how long in-flight requests get to finish after SIGINT or SIGTERM.
const ShutdownGrace = 10 * time.Second

// memoryLimit is the soft limit of the Go heap that serve sets unless GOMEMLIMIT says
// otherwise: the collector works harder before the heap grows past it, so that a loaded
// instance with 100,000 needs stays under 150 MB resident. SQLite keeps its pages in the
// process, outside Go's heap, which gets 64 MiB of the 150 (unlimited, the instance
// peaked at 150–160 MB); PostgreSQL keeps them in its own processes, and at 64 MiB the
// collector ran all the time (search and kept lists at two thirds of their rate).
func memoryLimit(db string) int64 {
	if strings.HasPrefix(db, "sqlite:") {
		return 64 << 20
	}
	return 96 << 20
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := config.Serve(args, stderr)
	if err != nil {
		return err
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit(cfg.DB))
	}
	m := &Main{Config: cfg, Stdout: stdout, Log: newLogger(stderr, cfg.LogLevel)}
	if err := m.Open(ctx); err != nil {
		return err
	}
	defer m.Close()
	return m.Serve(ctx)
}

// Main is one running platform: the store, the HTTP server and the background jobs.
type Main struct {
	Config config.Config
	Stdout io.Writer
	Log    *slog.Logger

	Store    *store.Store
	Files    *files.Bucket
	Jobs     *jobs.Runner
	listener net.Listener
	http     *http.Server
}

// Open connects, migrates, loads the demo data if asked, and starts listening.
func (m *Main) Open(ctx context.Context) error {
	start := time.Now()
	s, err := store.Open(ctx, m.Config.DB)
	if err != nil {
		return err
	}
	m.Store = s
	if err := s.Migrate(ctx); err != nil {
		return err
	}
	var accounts []demo.Account
	if m.Config.Demo {
		var loaded bool
		if accounts, loaded, err = demo.Load(ctx, s); err != nil {
			return err
		}
		if !loaded {
			fmt.Fprintln(m.Stdout, "Demo: the database already has people; no demo data loaded.")
		}
	}
	if m.Files, err = files.OpenDir(m.Config.Files); err != nil {
		return err
	}
	m.Jobs = jobs.NewRunner(s, m.Log, jobs.Options{})
	s.OnJobEnqueued(m.Jobs.Wake)
	webhooks := &jobs.Webhooks{Store: s, Client: jobs.NewWebhookClient(m.Config.LoopbackWebhooks())}
	m.Jobs.Register(app.JobDeliverWebhook, webhooks.Kind())
	mailer := m.mailer()
	watches := &jobs.Watches{Store: s, Mail: mailer, BaseURL: m.Config.BaseURL, Log: m.Log}
	m.Jobs.Register(app.JobMatchWatches, watches.Match())
	m.Jobs.Register(app.JobWatchDigest, watches.Digest())
	events := &jobs.Events{Store: s, Mail: mailer, BaseURL: m.Config.BaseURL}
	m.Jobs.Register(app.JobEventPromoted, events.Promoted())
	m.Jobs.Register(app.JobEventReminders, events.Reminders())
	m.Jobs.Register(app.JobEventReminder, events.Reminder())
	m.Jobs.Register(app.JobEventCancelled, events.Cancelled())
	m.Jobs.Register(app.JobRoulette, (&jobs.Roulette{Store: s, Log: m.Log}).Pair())
	reminders := &jobs.Reminders{Store: s, Mail: mailer, BaseURL: m.Config.BaseURL}
	m.Jobs.Register(app.JobDeadlineReminder, reminders.Deadline())
	m.Jobs.Register(app.JobFollowUpReminder, reminders.FollowUp())
	var providers []auth.OIDCProvider
	if m.Config.OIDCConfig != "" {
		if providers, err = auth.ReadOIDCProviders(m.Config.OIDCConfig); err != nil {
			return err
		}
	}
	h, err := server.New(server.Config{Store: s, Files: m.Files, Mail: mailer, BaseURL: m.Config.BaseURL, TrustProxy: m.Config.TrustProxy,
		RateWrites: m.Config.RateWrites, RateSearches: m.Config.RateSearches,
		LoopbackWebhooks: m.Config.LoopbackWebhooks(), OIDC: providers, Log: m.Log})
	if err != nil {
		return err
	}
	m.http = &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(m.Log.Handler(), slog.LevelWarn),
	}
	if m.listener, err = net.Listen("tcp", m.Config.Addr); err != nil {
		return err
	}
	m.Log.Info("ready", "addr", m.listener.Addr().String(), "db", s.Dialect(), "startup", time.Since(start).String())
	fmt.Fprintf(m.Stdout, "Tillsammans är igång på %s (databas: %s)\n", m.URL(), s.Dialect())
	if len(accounts) > 0 {
		printAccounts(m.Stdout, accounts)
	}
	return nil
}

// mailer sends through the SMTP server, as jobs that retry while it fails, when one is
// configured; otherwise mail goes to the outbox.
func (m *Main) mailer() mail.Sender {
	if m.Config.SMTPAddr == "" {
		return mail.Outbox{Store: m.Store, Log: m.Log}
	}
	smtp := &mail.SMTP{Addr: m.Config.SMTPAddr, User: m.Config.SMTPUser, Password: m.Config.SMTPPassword, From: m.Config.MailFrom}
	m.Jobs.Register(app.JobSendMail, jobs.Kind{Handle: smtp.HandleJob, Timeout: mail.Timeout})
	return mail.Queue{Jobs: m.Store}
}

// URL is where the server answers.
func (m *Main) URL() string { return "http://" + m.listener.Addr().String() }

// Serve answers requests and runs the jobs until ctx ends, then shuts down gracefully.
func (m *Main) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- m.http.Serve(m.listener) }()
	var background sync.WaitGroup
	jobCtx, stopJobs := context.WithCancel(context.Background())
	background.Go(func() { jobs.RunHousekeeping(jobCtx, m.Store, m.Log) })
	background.Go(func() { m.Jobs.Run(jobCtx) })
	if m.Config.PprofAddr != "" {
		// http.DefaultServeMux holds only net/http/pprof's handlers.
		go func() { m.Log.Warn("pprof", "err", http.ListenAndServe(m.Config.PprofAddr, nil)) }() // #nosec G114 -- an operator's loopback address
	}
	// Jobs stop after the requests: a job still running is given back for another
	// instance, or this one's next start.
	defer func() { stopJobs(); background.Wait() }()

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	m.Log.Info("shutting down", "grace", ShutdownGrace.String())
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownGrace)
	defer cancel()
	if err := m.http.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Close releases the database and the file storage.
func (m *Main) Close() error {
	var err error
	if m.Files != nil {
		err = m.Files.Close()
	}
	if m.Store != nil {
		err = errors.Join(err, m.Store.Close())
	}
	return err
}

func printAccounts(w io.Writer, accounts []demo.Account) {
	fmt.Fprintf(w, "\nDemokonton (lösenord för alla: %s):\n", demo.Password)
	for _, a := range accounts {
		roles := make([]string, len(a.Roles))
		for i, r := range a.Roles {
			roles[i] = string(r)
		}
		what := a.Organisation + ": " + strings.Join(roles, ", ")
		if a.Admin {
			what = "plattformsadministratör"
		}
		fmt.Fprintf(w, "  %-40s %-18s %s\n", a.Email, a.Name, what)
	}
	fmt.Fprintln(w)
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	l.UnmarshalText([]byte(level))
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}
