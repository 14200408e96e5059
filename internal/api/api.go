// Package api serves the JSON API under /api/v1 for scripts and other systems, with
// personal access tokens, one error shape and an OpenAPI document.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/httpx"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/web"
)

// Server holds what the endpoints need.
type Server struct {
	store    app.Store
	accounts *auth.Accounts
	files    app.Blobs
	log      *slog.Logger
	// loopbackWebhooks lets webhooks post to this machine over plain http (development).
	loopbackWebhooks bool
	limits           *httpx.RateLimits
}

// New returns the API over s, with files kept in blobs; loopbackWebhooks lets webhooks post
// to this machine over plain http, in development and tests; limits caps writes and
// searches (nil: none).
func New(s app.Store, a *auth.Accounts, blobs app.Blobs, log *slog.Logger, loopbackWebhooks bool, limits *httpx.RateLimits) *Server {
	return &Server{store: s, accounts: a, files: blobs, log: log, loopbackWebhooks: loopbackWebhooks, limits: limits}
}

// request is who asks, and in which language errors are answered.
type request struct {
	lang  string
	actor auth.Actor
}

type handler func(w http.ResponseWriter, r *http.Request, rq *request) error

// endpoint authenticates by bearer token (or by the browser's session) and answers errors as JSON.
func (s *Server) endpoint(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq := &request{lang: i18n.FromRequest(r)}
		err := s.authenticate(r.Context(), r, rq)
		if err == nil {
			err = s.limits.Check(r, rq.actor.ID)
		}
		if err == nil {
			// The audit log records who acts.
			err = h(w, r.WithContext(app.WithActor(r.Context(), rq.actor.ID)), rq)
		}
		if err != nil {
			s.writeError(w, r, rq, err)
		}
	})
}

func (s *Server) authenticate(ctx context.Context, r *http.Request, rq *request) error {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, secret, ok := strings.Cut(h, " ")
		secret = strings.TrimSpace(secret)
		if !ok || !strings.EqualFold(scheme, "Bearer") || secret == "" {
			return app.Errorf(app.Unauthenticated, "err.token_invalid")
		}
		u, err := s.accounts.TokenUser(ctx, secret)
		if app.ErrorCode(err) == app.NotFound {
			return app.Errorf(app.Unauthenticated, "err.token_invalid")
		}
		if err != nil {
			return err
		}
		rq.actor, err = web.LoadActor(ctx, s.store, u)
		return err
	}
	c, err := r.Cookie(web.SessionCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	p, err := s.accounts.SessionUser(ctx, c.Value)
	if app.ErrorCode(err) == app.NotFound {
		return nil
	}
	if err != nil {
		return err
	}
	rq.actor = auth.NewActor(p.User, p.Memberships)
	return nil
}

// errorBody is the one error shape of the API.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    app.Code          `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	// Allowed lists the values that would have been accepted: the states an illegal move
	// could have gone to instead.
	Allowed []string `json:"allowed,omitempty"`
}

// badRequest marks input that could not be read at all (400), as against read but invalid (422).
type badRequest struct{ err *app.Error }

func (b badRequest) Error() string { return b.err.Error() }
func (b badRequest) Unwrap() error { return b.err }

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, rq *request, err error) {
	status := 0
	var br badRequest
	var mna methodNotAllowed
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &mna):
		status = http.StatusMethodNotAllowed
	case errors.As(err, &tooBig):
		err, status = app.Errorf(app.Invalid, "err.body_too_large"), http.StatusRequestEntityTooLarge
	case errors.As(err, &br):
		status = http.StatusBadRequest
	}
	e := app.AsError(err)
	if status == 0 {
		status = web.StatusOf(e.Code)
	}
	if e.Code == app.Internal {
		s.log.Error("api", "request_id", httpx.RequestID(r.Context()), "path", r.URL.Path, "err", err)
	}
	if e.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(e.RetryAfter.Seconds())+1))
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tillsammans"`)
	}
	body := errorBody{errorDetail{Code: e.Code, Message: i18n.T(rq.lang, e.Message, e.Args...), Allowed: e.Allowed}}
	if len(e.Fields) > 0 {
		body.Error.Fields = make(map[string]string, len(e.Fields))
		for f, k := range e.Fields {
			body.Error.Fields[f] = i18n.T(rq.lang, k)
		}
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// decode reads one JSON object into dst, refusing unknown fields, wrong types, trailing
// data and other content types, with the offending field named.
func decode(r *http.Request, dst any) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return badRequest{app.Errorf(app.Invalid, "err.content_type")}
	}
	return decodeJSON(r.Body, dst)
}

func decodeJSON(body io.Reader, dst any) error {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	var tooBig *http.MaxBytesError
	if err == nil {
		_, terr := dec.Token()
		switch {
		case terr == io.EOF:
			return nil
		case errors.As(terr, &tooBig):
			return terr
		}
		err = errors.New("trailing data")
	}
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return err
	case errors.As(err, &typeErr) && jsonField(typeErr.Field) != "":
		return badRequest{&app.Error{Code: app.Invalid, Message: "err.json_invalid", Fields: map[string]string{jsonField(typeErr.Field): "err.json_field_type"}}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return badRequest{&app.Error{Code: app.Invalid, Message: "err.json_invalid", Fields: map[string]string{name: "err.json_field_unknown"}}}
	}
	return badRequest{app.Errorf(app.Invalid, "err.json_invalid")}
}

// jsonField is the JSON name of a field in a decoding error's path. Go names the fields of
// an embedded struct after its type ("NeedInput.title"); JSON names here are lower case, so
// a segment in upper case is a Go type, not the client's.
func jsonField(path string) string {
	var parts []string
	for p := range strings.SplitSeq(path, ".") {
		if p != "" && !unicode.IsUpper([]rune(p)[0]) {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ".")
}

// page reads limit and cursor from the query.
func page(r *http.Request) (app.Page, error) {
	q := r.URL.Query()
	p := app.Page{Cursor: q.Get("cursor")}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > app.MaxLimit {
			return p, badRequest{&app.Error{Code: app.Invalid, Message: "err.invalid_input", Fields: map[string]string{"limit": "err.limit"}}}
		}
		p.Limit = n
	}
	return p, nil
}

// listError answers a bad cursor like a bad limit: the query could not be read (400).
func listError(err error) error {
	if e := app.AsError(err); e.Code == app.Invalid && e.Fields["cursor"] != "" {
		return badRequest{e}
	}
	return err
}

func pathID(r *http.Request, name, notFoundKey string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id < 1 {
		return 0, app.Errorf(app.NotFound, notFoundKey)
	}
	return id, nil
}

func requireSignedIn(rq *request) error { return rq.actor.Require(rq.actor.SignedIn()) }

var errNotFound = fmt.Errorf("api: %w", app.Errorf(app.NotFound, "err.page_not_found"))

// methodNotAllowed marks a known path asked with a method it does not take (405).
type methodNotAllowed struct{ err *app.Error }

func (m methodNotAllowed) Error() string { return m.err.Error() }
func (m methodNotAllowed) Unwrap() error { return m.err }

var errMethodNotAllowed = methodNotAllowed{app.Errorf(app.Invalid, "err.method_not_allowed")}
