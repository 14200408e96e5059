// Package server puts the pages, the API and the operations endpoints behind one handler
// with the middleware they share. cmd/tillsammans serves it; end-to-end tests use it too.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tillsammans/tillsammans/internal/api"
	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/httpx"
	"github.com/tillsammans/tillsammans/internal/mail"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/web"
)

// MaxBody caps a request body; no form or JSON document of the platform comes near it.
// The upload route raises it for itself (httpx.AllowBody).
const MaxBody = 1 << 20

// Config is what the handler is built from.
type Config struct {
	Store *store.Store
	Files app.Blobs // attachments: internal/files over a folder or a bucket
	// Mail sends the platform's e-mail; nil means the outbox (log and /admin/outbox).
	Mail       mail.Sender
	BaseURL    string
	TrustProxy bool
	// LoopbackWebhooks lets webhooks post to this machine over plain http (development).
	LoopbackWebhooks bool
	// OIDC are the identity providers people may sign in through.
	OIDC []auth.OIDCProvider
	// RateWrites and RateSearches cap the writes and the searches a person makes a minute
	// (an address: httpx.AddressFactor times as many); 0 is no limit, as in tests.
	RateWrites, RateSearches int
	Log                      *slog.Logger
}

// Handler is the platform's whole HTTP handler.
type Handler struct {
	http.Handler
	router *httpx.Router
}

// Routes lists the pattern of every route the handler serves, pages, API and operations:
// the authorization test (TestRoutePolicies) wants a policy for each.
func (h *Handler) Routes() []string { return h.router.Routes() }

// New returns the platform's whole HTTP handler.
func New(c Config) (*Handler, error) {
	metrics := httpx.NewMetrics()
	for name, db := range c.Store.Pools() {
		metrics.Registry.MustRegister(collectors.NewDBStatsCollector(db, name))
	}
	metrics.Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	accounts := auth.NewAccounts(c.Store)
	if c.Mail == nil {
		c.Mail = mail.Outbox{Store: c.Store, Log: c.Log}
	}
	// One count for pages and API: a person's writes through either add up.
	limits := httpx.NewRateLimits(c.RateWrites, c.RateSearches, c.TrustProxy)
	pages, err := web.New(web.Config{
		Store: c.Store, Accounts: accounts, Mail: c.Mail, Files: c.Files, OIDC: c.OIDC,
		BaseURL: c.BaseURL, TrustProxy: c.TrustProxy, LoopbackWebhooks: c.LoopbackWebhooks, RateLimits: limits, Log: c.Log,
	})
	if err != nil {
		return nil, err
	}
	rt := httpx.NewRouter(metrics)
	pages.Register(rt)
	api.New(c.Store, accounts, c.Files, c.Log, c.LoopbackWebhooks, limits).Register(rt)
	rt.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	rt.HandleFunc("GET /readyz", readiness(c.Store, c.Log))
	rt.Handle("GET /metrics", promhttp.HandlerFor(metrics.Registry, promhttp.HandlerOpts{Registry: metrics.Registry}))

	// Cross-origin state-changing requests from browsers are refused (CSRF); API clients
	// that send no Origin or Sec-Fetch-Site header pass.
	var h http.Handler = http.NewCrossOriginProtection().Handler(rt)
	h = securityHeaders(strings.HasPrefix(c.BaseURL, "https://"), h)
	h = httpx.LimitBody(MaxBody, h)
	return &Handler{Handler: httpx.Observe(c.Log, metrics, h), router: rt}, nil
}

// readiness answers 200 when the database answers and its migrations are current.
func readiness(s *store.Store, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.Ready(ctx); err != nil {
			log.Warn("not ready", "err", err)
			http.Error(w, "not ready\n", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	}
}

// securityHeaders sets what every answer carries: a content security policy without
// inline code, no framing, no sniffing, no referrer outside the site, no powerful browser
// features, and under https a year of Strict-Transport-Security.
func securityHeaders(https bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
		if https {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}
