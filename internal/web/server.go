// Package web serves the server-rendered pages: one file per page, all routes in
// routes.go, templates and static files embedded in the binary.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/httpx"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/mail"
)

// Server holds what the pages need.
type Server struct {
	store      app.Store
	accounts   *auth.Accounts
	sso        *auth.SSO
	mail       mail.Sender
	files      app.Blobs
	baseURL    *url.URL
	trustProxy bool
	limits     *httpx.RateLimits
	// loopbackWebhooks lets webhooks post to this machine, in development.
	loopbackWebhooks bool
	log              *slog.Logger
	pages            pages
	cache            keptMap[keptPage] // pages kept once rendered (page_cache.go)
	filling          singleflight.Group
}

// Config wires a Server.
type Config struct {
	Store      app.Store
	Accounts   *auth.Accounts
	Mail       mail.Sender
	Files      app.Blobs // where attachments are kept
	BaseURL    string
	TrustProxy bool
	// LoopbackWebhooks lets webhooks post to this machine over plain http (development).
	LoopbackWebhooks bool
	// OIDC are the identity providers people may sign in through.
	OIDC []auth.OIDCProvider
	// RateLimits caps writes and searches per person and address; nil: none.
	RateLimits *httpx.RateLimits
	Log        *slog.Logger
}

func New(c Config) (*Server, error) {
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("web: base url: %w", err)
	}
	if c.Files == nil {
		return nil, errors.New("web: no file storage (Config.Files)")
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	return &Server{store: c.Store, accounts: c.Accounts, sso: auth.NewSSO(c.Store, u, c.OIDC), mail: c.Mail, files: c.Files, baseURL: u, trustProxy: c.TrustProxy, limits: c.RateLimits,
		loopbackWebhooks: c.LoopbackWebhooks, log: c.Log, pages: p, cache: keptMap[keptPage]{budget: pageCacheBudget}}, nil
}

// SessionCookie carries the session secret; the database holds only its hash.
const SessionCookie = "tillsammans_session"

// request is what every page handler knows about who asks, and in which language.
type request struct {
	lang    string
	actor   auth.Actor
	session string // the cookie's secret, empty for visitors
	unread  int    // unread notifications, shown in the header
	// onShow is what a showing of the page does again when the page is served as kept
	// (page_cache.go): it reads again the material whose every read the audit log records.
	onShow func(context.Context) error
}

// handler is a page: it writes a response or returns an error that becomes an error page.
type handler func(w http.ResponseWriter, r *http.Request, rq *request) error

// page resolves the language and the signed-in person, then runs h.
func (s *Server) page(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq := &request{lang: i18n.FromRequest(r)}
		err := s.loadActor(r.Context(), r, rq)
		if err == nil {
			err = s.limits.Check(r, rq.actor.ID)
		}
		if err != nil {
			s.renderError(w, r, rq, err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Vary", "Cookie, Accept-Language")
		// The audit log records who acts.
		r = r.WithContext(app.WithActor(r.Context(), rq.actor.ID))
		if err := h(w, r, rq); err != nil {
			s.renderError(w, r, rq, err)
		}
	})
}

func (s *Server) loadActor(ctx context.Context, r *http.Request, rq *request) error {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	p, err := s.accounts.SessionUser(ctx, c.Value)
	if app.ErrorCode(err) == app.NotFound {
		return nil // expired or signed out elsewhere: a visitor again
	}
	if err != nil {
		return err
	}
	rq.actor, rq.unread, rq.session = auth.NewActor(p.User, p.Memberships), p.Unread, c.Value
	if _, err := r.Cookie(i18n.CookieName); err != nil && i18n.Supported(p.User.Lang) {
		rq.lang = p.User.Lang
	}
	return nil
}

// LoadActor adds a user's memberships, which the policy decides by.
func LoadActor(ctx context.Context, s app.Store, u app.User) (auth.Actor, error) {
	ms, err := s.UserMemberships(ctx, u.ID)
	if err != nil {
		return auth.Actor{}, err
	}
	return auth.NewActor(u, ms), nil
}

// statusOf maps an error code to an HTTP status; the API uses the same map.
func StatusOf(code app.Code) int {
	switch code {
	case app.Invalid:
		return http.StatusUnprocessableEntity
	case app.Unauthenticated:
		return http.StatusUnauthorized
	case app.Forbidden:
		return http.StatusForbidden
	case app.NotFound:
		return http.StatusNotFound
	case app.Conflict:
		return http.StatusConflict
	case app.RateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, rq *request, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		err = app.Errorf(app.Invalid, "err.body_too_large")
	}
	e := app.AsError(err)
	if e.Code == app.Internal {
		s.log.Error("page", "request_id", httpx.RequestID(r.Context()), "path", r.URL.Path, "err", err)
	}
	if e.Code == app.Unauthenticated && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if e.RetryAfter > 0 {
		w.Header().Set("Retry-After", fmt.Sprint(int(e.RetryAfter.Seconds()+0.5)))
	}
	v := s.view(r, rq, "err.title")
	v.Data = i18n.T(rq.lang, e.Message, e.Args...)
	s.render(w, StatusOf(e.Code), "error", v)
}

// setSessionCookie starts or ends (secret "") a browser session.
func (s *Server) setSessionCookie(w http.ResponseWriter, secret string) {
	c := &http.Cookie{Name: SessionCookie, Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.baseURL.Scheme == "https"}
	if secret == "" {
		c.MaxAge = -1
	} else {
		c.Expires = time.Now().Add(auth.SessionLifetime)
	}
	http.SetCookie(w, c)
}

// flash remembers a message key for the next page, which shows it once.
const flashCookie = "flash"

func (s *Server) flash(w http.ResponseWriter, key string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: key, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.baseURL.Scheme == "https", MaxAge: 60})
}

// redirect answers a successful form with 303 See Other and a message for the next page.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, flashKey string) error {
	if flashKey != "" {
		s.flash(w, flashKey)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// safeNext keeps a post-sign-in redirect on this site.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || u.IsAbs() || u.Host != "" || len(next) < 1 || next[0] != '/' || (len(next) > 1 && next[1] == '/') || (len(next) > 1 && next[1] == '\\') {
		return "/"
	}
	return next
}
