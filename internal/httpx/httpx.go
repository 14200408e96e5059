// Package httpx is what the web pages and the JSON API share at the HTTP boundary: one
// router that labels every route for logs and metrics, request ids, access logs, panics
// recovered, body limits and the client's address.
package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Router is a ServeMux whose handlers record their route pattern, so that logs and
// metrics name routes ("GET /organisations/{id}") rather than paths.
type Router struct {
	mux      *http.ServeMux
	metrics  *Metrics
	patterns []string
}

func NewRouter(m *Metrics) *Router { return &Router{mux: http.NewServeMux(), metrics: m} }

// Handle registers h for a ServeMux pattern.
func (rt *Router) Handle(pattern string, h http.Handler) {
	rt.patterns = append(rt.patterns, pattern)
	rt.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := r.Context().Value(infoKey{}).(*requestInfo); ok {
			info.route = pattern
		}
		h.ServeHTTP(w, r)
	}))
}

// Allowed lists the methods for which a route other than fallback would answer r's path,
// so that a catch-all can say 405 and Allow instead of 404.
func (rt *Router) Allowed(r *http.Request, fallback string) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := rt.mux.Handler(probe); pattern != "" && pattern != fallback && !strings.HasSuffix(pattern, " "+fallback) {
			out = append(out, m)
		}
	}
	return out
}

// Routes lists every pattern registered, in the order of registration: the authorization
// test walks them, so that a route without a policy fails it.
func (rt *Router) Routes() []string { return slices.Clone(rt.patterns) }

// HandleFunc registers f for a ServeMux pattern.
func (rt *Router) HandleFunc(pattern string, f http.HandlerFunc) { rt.Handle(pattern, f) }

func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) { rt.mux.ServeHTTP(w, r) }

type infoKey struct{}

type requestInfo struct {
	id    string
	route string
}

// RequestID returns the id given to the request by Observe.
func RequestID(ctx context.Context) string {
	if info, ok := ctx.Value(infoKey{}).(*requestInfo); ok {
		return info.id
	}
	return ""
}

// Metrics are the Prometheus series the server keeps.
type Metrics struct {
	Registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics registers the request series on a new registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tillsammans_http_requests_total", Help: "HTTP requests by route, method and status.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "tillsammans_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route"}),
	}
	m.Registry.MustRegister(m.requests, m.duration)
	return m
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Observe gives every request an id, recovers panics as 500, logs one line per request
// (never a header or body, so no password, token or cookie) and records metrics.
func Observe(log *slog.Logger, m *Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &requestInfo{id: newRequestID(), route: "unmatched"}
		w.Header().Set("X-Request-Id", info.id)
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				log.Error("panic", "request_id", info.id, "route", info.route, "panic", p, "stack", string(debug.Stack()))
				if sw.status == 0 {
					http.Error(sw, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
				}
			}
			d := time.Since(start)
			m.requests.WithLabelValues(info.route, strconv.Itoa(sw.status)).Inc()
			m.duration.WithLabelValues(info.route).Observe(d.Seconds())
			log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("request_id", info.id), slog.String("method", r.Method), slog.String("route", info.route),
				slog.String("path", r.URL.Path), slog.Int("status", sw.status), slog.Int("bytes", sw.bytes),
				slog.Duration("duration", d))
		}()
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), infoKey{}, info)))
	})
}

func newRequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// LimitBody caps every request body; a larger one fails to read with *http.MaxBytesError.
// A route that takes more, an upload, says so in the route table with AllowBody.
func LimitBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(context.WithValue(r.Context(), bodyKey{}, r.Body))
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

type bodyKey struct{}

// UploadTime is how long an upload may take to arrive, instead of the server's read timeout.
const UploadTime = 5 * time.Minute

// AllowBody lets one route read up to n bytes of body instead of LimitBody's cap, and gives
// the body UploadTime to arrive. It must come before anything reads the body.
func AllowBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if body, ok := r.Context().Value(bodyKey{}).(io.ReadCloser); ok {
			r.Body = http.MaxBytesReader(w, body, n)
			_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(UploadTime))
		}
		next.ServeHTTP(w, r)
	})
}

// ClientIP is the address the request came from. Behind a reverse proxy configure
// it to overwrite X-Forwarded-For; trusting the header otherwise would let anyone
// escape the sign-in throttle.
func ClientIP(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if f := r.Header.Get("X-Forwarded-For"); f != "" {
			first, _, _ := strings.Cut(f, ",")
			if ip := net.ParseIP(strings.TrimSpace(first)); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
