package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/auth/authtest"
	"github.com/tillsammans/tillsammans/internal/files/filestest"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// The OpenAPI document, loaded and validated once; every response the tests receive is
// checked against it, so that a handler that drifts from the document fails a test.
var spec struct {
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	err    error
}

func openAPI(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	spec.once.Do(func() {
		data, err := os.ReadFile("openapi.json")
		if err != nil {
			spec.err = err
			return
		}
		doc, err := openapi3.NewLoader().LoadFromData(data)
		if err != nil {
			spec.err = fmt.Errorf("load: %w", err)
			return
		}
		if err := doc.Validate(context.Background()); err != nil {
			spec.err = fmt.Errorf("validate: %w", err)
			return
		}
		spec.doc = doc
		spec.router, spec.err = gorillamux.NewRouter(doc)
	})
	if spec.err != nil {
		t.Fatalf("openapi.json: %v", spec.err)
	}
	return spec.doc, spec.router
}

// Whether the document must accept the request a test sends.
const (
	reqValid     = iota // the document accepts the request
	reqInvalid          // the request breaks the document on purpose, and the document must say so
	reqUnchecked        // the document cannot tell (e.g. trailing data after the JSON object)
)

// call is one request.
type call struct {
	method, path string
	token        string // sent as a bearer token unless empty
	auth         string // a whole Authorization header, instead of token
	body         string // sent as application/json unless contentType is set
	contentType  string
	lang         string // Accept-Language
	req          int    // reqValid, reqInvalid or reqUnchecked
}

type result struct {
	status int
	header http.Header
	body   []byte
}

func (r result) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

type apiError struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"`
}

func (r result) err(t *testing.T) apiError {
	t.Helper()
	var b struct{ Error apiError }
	r.decode(t, &b)
	return b.Error
}

type env struct {
	srv      *httptest.Server
	store    *store.Store
	accounts *auth.Accounts
}

func newEnv(t *testing.T, s *store.Store) *env {
	t.Helper()
	h, err := server.New(server.Config{Store: s, Files: filestest.Open(t), BaseURL: "http://example.test", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &env{srv: srv, store: s, accounts: auth.NewAccounts(s)}
}

// forEachDB runs fn on a fresh server over each database.
func forEachDB(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) { fn(t, newEnv(t, s)) })
}

// person signs up an account named name (e-mail name@example.se) and returns it with an API token.
func (e *env) person(t *testing.T, name string, admin bool) (app.User, string) {
	t.Helper()
	ctx := context.Background()
	u, err := e.accounts.SignUp(ctx, app.NewUser{Email: strings.ToLower(name) + "@example.se", Name: name, Password: "korrekt häst batteri häftklammer", IsAdmin: admin})
	if err != nil {
		t.Fatalf("sign up %s: %v", name, err)
	}
	if admin {
		// An administrator's powers wait for two-step verification.
		authtest.TwoFactor(t, e.accounts, u)
		u.TwoFactor = true
	}
	secret, _, err := e.accounts.CreateToken(ctx, u.ID, "test")
	if err != nil {
		t.Fatalf("token for %s: %v", name, err)
	}
	return u, secret
}

// org registers an organisation in the store, with creatorID (if not 0) as its org_admin.
func (e *env) org(t *testing.T, in app.OrganisationInput, creatorID int64) app.Organisation {
	t.Helper()
	if err := in.Normalise(); err != nil {
		t.Fatalf("organisation %+v: %v", in, err)
	}
	o, err := e.store.CreateOrganisation(context.Background(), in, creatorID)
	if err != nil {
		t.Fatalf("create organisation %s: %v", in.Name, err)
	}
	return o
}

// kommun is a valid municipality input with the Swedish organisation number made from n.
func kommun(name string, n int) app.OrganisationInput {
	return app.OrganisationInput{Name: name, Kind: app.KindMunicipality, OrgNumber: orgNumber(n), Country: "SE"}
}

// orgNumber returns a valid Swedish organisationsnummer (Luhn check digit) made from n.
func orgNumber(n int) string {
	d := fmt.Sprintf("55%07d", n)
	sum := 0
	for i, c := range d {
		v := int(c - '0')
		if i%2 == 0 {
			if v *= 2; v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return fmt.Sprintf("%s-%s%d", d[:6], d[6:], (10-sum%10)%10)
}

// do sends c to the server and checks the request (as c.req says) and the response against
// the OpenAPI document: a status or body the document does not describe fails the test.
func (e *env) do(t *testing.T, c call) result {
	t.Helper()
	newRequest := func(base string) *http.Request {
		var body io.Reader
		if c.body != "" {
			body = strings.NewReader(c.body)
		}
		r, err := http.NewRequest(c.method, base+c.path, body)
		if err != nil {
			t.Fatal(err)
		}
		if c.body != "" {
			ct := c.contentType
			if ct == "" {
				ct = "application/json"
			}
			r.Header.Set("Content-Type", ct)
		}
		switch {
		case c.auth != "":
			r.Header.Set("Authorization", c.auth)
		case c.token != "":
			r.Header.Set("Authorization", "Bearer "+c.token)
		}
		if c.lang != "" {
			r.Header.Set("Accept-Language", c.lang)
		}
		return r
	}
	res, err := e.srv.Client().Do(newRequest(e.srv.URL))
	if err != nil {
		t.Fatalf("%s %s: %v", c.method, c.path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read: %v", c.method, c.path, err)
	}
	r := result{status: res.StatusCode, header: res.Header, body: body}
	checkAgainstDocument(t, c, newRequest("http://example.test"), r)
	return r
}

func checkAgainstDocument(t *testing.T, c call, req *http.Request, r result) {
	t.Helper()
	doc, router := openAPI(t)
	if r.status >= 400 {
		var v any
		if err := json.Unmarshal(r.body, &v); err != nil {
			t.Fatalf("%s %s: %d body is not JSON: %q", c.method, c.path, r.status, r.body)
		}
		if err := doc.Components.Schemas["Error"].Value.VisitJSON(v, openapi3.EnableJSONSchema2020()); err != nil {
			t.Fatalf("%s %s: %d body does not match Error: %v\n%s", c.method, c.path, r.status, err, r.body)
		}
	}
	route, params, err := router.FindRoute(req)
	if err != nil {
		// Only the catch-all answers what the document does not have: 404 for an unknown
		// path, 405 (with Allow) for a known path asked with another method.
		if r.status != http.StatusNotFound && (r.status != http.StatusMethodNotAllowed || r.header.Get("Allow") == "") {
			t.Fatalf("%s %s: not in the document (%v) but answered %d", c.method, c.path, err, r.status)
		}
		return
	}
	opts := &openapi3filter.Options{
		IncludeResponseStatus: true,
		SkipSettingDefaults:   true,
		MultiError:            true,
		AuthenticationFunc: func(_ context.Context, in *openapi3filter.AuthenticationInput) error {
			if in.SecuritySchemeName != "bearer" {
				return fmt.Errorf("unknown security scheme %q", in.SecuritySchemeName)
			}
			a := in.RequestValidationInput.Request.Header.Get("Authorization")
			if scheme, token, ok := strings.Cut(a, " "); !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
				return errors.New("no bearer token")
			}
			return nil
		},
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	switch err := openapi3filter.ValidateRequest(context.Background(), in); {
	case c.req == reqValid && err != nil:
		t.Errorf("%s %s: the document refuses the request: %v", c.method, c.path, err)
	case c.req == reqInvalid && err == nil:
		t.Errorf("%s %s: the document accepts a request that should break it", c.method, c.path)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: r.status, Header: r.header, Options: opts}
	out.SetBodyBytes(r.body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Fatalf("%s %s: %d response does not match the document: %v\n%s", c.method, c.path, r.status, err, r.body)
	}
}

// want checks the status and, for errors, the code and the fields named.
func (r result) want(t *testing.T, status int, code string, fields ...string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d: %s", r.status, status, r.body)
	}
	if code == "" {
		return
	}
	e := r.err(t)
	if e.Code != code {
		t.Errorf("code = %q, want %q", e.Code, code)
	}
	for _, f := range fields {
		if e.Fields[f] == "" {
			t.Errorf("fields = %v, want %q named", e.Fields, f)
		}
	}
	if len(fields) == 0 && len(e.Fields) > 0 {
		t.Errorf("fields = %v, want none", e.Fields)
	}
}

type orgList struct {
	Items      []app.Organisation `json:"items"`
	NextCursor *string            `json:"next_cursor"`
}

type memberList struct {
	Items      []app.Membership `json:"items"`
	NextCursor *string          `json:"next_cursor"`
}

type me struct {
	app.User
	Memberships []app.Membership `json:"memberships"`
}

// allOrgs returns every organisation the list gives, walking its pages.
func (e *env) allOrgs(t *testing.T) []app.Organisation {
	t.Helper()
	var all []app.Organisation
	path := "/api/v1/organisations?limit=200"
	for {
		var l orgList
		e.do(t, call{method: "GET", path: path}).decode(t, &l)
		all = append(all, l.Items...)
		if l.NextCursor == nil {
			return all
		}
		path = "/api/v1/organisations?limit=200&cursor=" + *l.NextCursor
	}
}

func (e *env) me(t *testing.T, token string) me {
	t.Helper()
	var m me
	r := e.do(t, call{method: "GET", path: "/api/v1/me", token: token})
	r.want(t, http.StatusOK, "")
	r.decode(t, &m)
	return m
}

func (e *env) members(t *testing.T, orgID int64) map[int64][]app.Role {
	t.Helper()
	ms, err := e.store.Members(context.Background(), orgID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64][]app.Role{}
	for _, m := range ms {
		out[m.User.ID] = m.Roles
	}
	return out
}

func TestOpenAPIDocument(t *testing.T) {
	doc, _ := openAPI(t)
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q", doc.OpenAPI)
	}
	e := newEnv(t, storetest.Open(t, "sqlite"))
	r := e.do(t, call{method: "GET", path: "/api/v1/openapi.json"})
	r.want(t, http.StatusOK, "")
	file, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.body, file) {
		t.Error("the served document differs from openapi.json")
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	// Paths the document does not have answer the one error shape.
	e.do(t, call{method: "GET", path: "/api/v1/nothing-here"}).want(t, http.StatusNotFound, "not_found")
	e.do(t, call{method: "DELETE", path: "/api/v1/organisations/1"}).want(t, http.StatusMethodNotAllowed, "invalid")
}

func TestMe(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		anna, token := e.person(t, "Anna", false)
		o := e.org(t, kommun("Östersunds kommun", 1), anna.ID)

		m := e.me(t, token)
		if m.ID != anna.ID || m.Email != "anna@example.se" || m.Name != "Anna" || m.IsAdmin || m.Lang != "sv" {
			t.Errorf("me = %+v", m.User)
		}
		if len(m.Memberships) != 1 || m.Memberships[0].Organisation.ID != o.ID || m.Memberships[0].Organisation.Name != o.Name ||
			!slices.Equal(m.Memberships[0].Roles, []app.Role{app.RoleOrgAdmin}) {
			t.Errorf("memberships = %+v", m.Memberships)
		}

		// The scheme name is case-insensitive (RFC 9110), and /me does not repeat the caller in each membership.
		r := e.do(t, call{method: "GET", path: "/api/v1/me", auth: "bearer " + token})
		r.want(t, http.StatusOK, "")
		if strings.Contains(string(r.body), `"user"`) {
			t.Errorf("/me memberships carry a user: %s", r.body)
		}

		_, otherToken := e.person(t, "Bertil", false)
		if m := e.me(t, otherToken); len(m.Memberships) != 0 || m.Memberships == nil {
			t.Errorf("memberships of a person without any = %#v, want []", m.Memberships)
		}

		tests := []struct {
			name string
			c    call
		}{
			{"no token", call{req: reqInvalid}},
			{"bad token", call{token: "tls_not-a-token"}},
			{"revoked-looking token without prefix", call{token: "abc"}},
			{"empty bearer", call{auth: "Bearer ", req: reqInvalid}},
			{"basic auth", call{auth: "Basic YW5uYTpodW5kMg==", req: reqInvalid}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.c.method, tt.c.path = "GET", "/api/v1/me"
				r := e.do(t, tt.c)
				r.want(t, http.StatusUnauthorized, "unauthenticated")
				if h := r.header.Get("WWW-Authenticate"); h != `Bearer realm="tillsammans"` {
					t.Errorf("WWW-Authenticate = %q", h)
				}
				if ct := r.header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type = %q", ct)
				}
				if r.err(t).Message == "" {
					t.Error("no message")
				}
			})
		}
	})
}

func TestCreateOrganisation(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		anna, token := e.person(t, "Anna", false)
		before := len(e.allOrgs(t))

		r := e.do(t, call{method: "POST", path: "/api/v1/organisations", token: token,
			body: `{"name":"Östersunds kommun","kind":"municipality","org_number":"2120002411","country":"SE"}`})
		r.want(t, http.StatusCreated, "")
		var o app.Organisation
		r.decode(t, &o)
		if loc := r.header.Get("Location"); loc != fmt.Sprintf("/api/v1/organisations/%d", o.ID) {
			t.Errorf("Location = %q for id %d", loc, o.ID)
		}
		if o.Name != "Östersunds kommun" || o.Kind != app.KindMunicipality || o.OrgNumber != "212000-2411" || o.Country != "SE" ||
			o.Size != "" || o.MemberCount != 1 || o.Capabilities == nil || len(o.Capabilities) != 0 || o.CreatedAt.IsZero() {
			t.Errorf("created = %+v", o)
		}
		var got app.Organisation
		e.do(t, call{method: "GET", path: r.header.Get("Location")}).decode(t, &got)
		if got.ID != o.ID || got.OrgNumber != o.OrgNumber {
			t.Errorf("GET Location = %+v", got)
		}
		m := e.me(t, token)
		if len(m.Memberships) != 1 || m.Memberships[0].Organisation.ID != o.ID || !slices.Equal(m.Memberships[0].Roles, []app.Role{app.RoleOrgAdmin}) {
			t.Errorf("the creator's memberships = %+v, want org_admin of %d", m.Memberships, o.ID)
		}
		if ms := e.members(t, o.ID); len(ms) != 1 || !slices.Equal(ms[anna.ID], []app.Role{app.RoleOrgAdmin}) {
			t.Errorf("members = %v", ms)
		}
		before++

		valid := func(change string) string {
			return `{"name":"Region Jämtland Härjedalen","kind":"region","org_number":"232100-0214","country":"SE"` + change + `}`
		}
		tests := []struct {
			name   string
			c      call
			status int
			fields []string
		}{
			{"company without size", call{body: `{"name":"Bolaget AB","kind":"company","org_number":"` + orgNumber(7) + `","country":"SE"}`}, 422, []string{"size"}},
			{"size on a region", call{body: valid(`,"size":"sme"`)}, 422, []string{"size"}},
			{"bad check digit", call{body: valid(`,"org_number":"232100-0215"`)}, 422, []string{"org_number"}},
			{"no org number", call{body: `{"name":"Region Jämtland Härjedalen","kind":"region","country":"SE"}`, req: reqInvalid}, 422, []string{"org_number"}},
			{"no name", call{body: valid(`,"name":"   "`)}, 422, []string{"name"}},
			{"unknown kind", call{body: valid(`,"kind":"church"`), req: reqInvalid}, 422, []string{"kind"}},
			{"health trust in Sweden", call{body: valid(`,"kind":"health_trust"`)}, 422, []string{"kind"}},
			{"unknown country", call{body: valid(`,"country":"DK"`)}, 422, []string{"country"}},
			{"county of the other country", call{body: valid(`,"county":"Trøndelag"`)}, 422, []string{"county"}},
			{"malformed JSON", call{body: `{"name":"Region`, req: reqInvalid}, 400, nil},
			{"not an object", call{body: `["Region"]`, req: reqInvalid}, 400, nil},
			{"trailing data", call{body: valid("") + `{}`, req: reqUnchecked}, 400, nil},
			{"unknown field", call{body: valid(`,"colour":"red"`), req: reqInvalid}, 400, []string{"colour"}},
			{"wrong type", call{body: valid(`,"name":42`), req: reqInvalid}, 400, []string{"name"}},
			{"wrong type in a list", call{body: valid(`,"capabilities":["ai",7]`), req: reqInvalid}, 400, []string{"capabilities"}},
			{"wrong content type", call{body: valid(""), contentType: "text/plain", req: reqInvalid}, 400, nil},
			{"form content type", call{body: "name=Region", contentType: "application/x-www-form-urlencoded", req: reqInvalid}, 400, nil},
			{"no body", call{req: reqInvalid}, 400, nil},
			{"too large", call{body: valid(`,"description":"` + strings.Repeat("a", server.MaxBody) + `"`)}, 413, nil},
			{"duplicate org number", call{body: valid(`,"org_number":"16212000-2411"`)}, 409, []string{"org_number"}},
			{"no token", call{body: valid(""), token: "-", req: reqInvalid}, 401, nil},
			{"bad token", call{body: valid(""), token: "tls_nope"}, 401, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.c.method, tt.c.path = "POST", "/api/v1/organisations"
				switch tt.c.token {
				case "":
					tt.c.token = token
				case "-":
					tt.c.token = ""
				}
				code := map[int]string{400: "invalid", 401: "unauthenticated", 409: "conflict", 413: "invalid", 422: "invalid"}[tt.status]
				e.do(t, tt.c).want(t, tt.status, code, tt.fields...)
				if n := len(e.allOrgs(t)); n != before {
					t.Errorf("%d organisations after a failure, want %d", n, before)
				}
				if m := e.me(t, token); len(m.Memberships) != 1 {
					t.Errorf("memberships after a failure = %+v", m.Memberships)
				}
			})
		}

		t.Run("messages in the language asked for", func(t *testing.T) {
			body := valid(`,"org_number":"232100-0215"`)
			for _, lang := range []string{"", "en", "en-GB,en;q=0.8", "sv-SE", "de"} {
				want := "sv"
				if strings.HasPrefix(lang, "en") {
					want = "en"
				}
				r := e.do(t, call{method: "POST", path: "/api/v1/organisations", token: token, body: body, lang: lang})
				r.want(t, 422, "invalid", "org_number")
				got := r.err(t)
				if got.Message != i18n.T(want, "err.invalid_input") || got.Fields["org_number"] != i18n.T(want, "err.org_number_se") {
					t.Errorf("Accept-Language %q: error = %+v, want %s", lang, got, want)
				}
			}
			if i18n.T("sv", "err.org_number_se") == i18n.T("en", "err.org_number_se") {
				t.Error("the Swedish and English messages are the same")
			}
		})
	})
}

func TestListOrganisations(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		_, token := e.person(t, "Anna", false)
		names := []string{"Östersunds kommun", "Alingsås kommun", "Ängelholms kommun", "Bodens kommun", "Åre kommun"}
		byID := map[int64]string{}
		for i, n := range names {
			o := e.org(t, kommun(n, i+1), 0)
			byID[o.ID] = n
		}
		e.org(t, app.OrganisationInput{Name: "Helse Nord", Kind: app.KindHealthTrust, OrgNumber: "974760673", Country: "NO"}, 0)
		e.org(t, app.OrganisationInput{Name: "Vårdbolaget AB", Kind: app.KindCompany, Size: app.SizeSME, OrgNumber: orgNumber(99), Country: "SE", Capabilities: []string{"AI"}}, 0)

		// Walk pages of two of the municipalities: each appears once, in Swedish order.
		var seen []string
		path := "/api/v1/organisations?kind=municipality&limit=2"
		for pages := 0; ; pages++ {
			if pages > len(names) {
				t.Fatal("the pages do not end")
			}
			var l orgList
			r := e.do(t, call{method: "GET", path: path})
			r.want(t, http.StatusOK, "")
			r.decode(t, &l)
			if l.Items == nil || len(l.Items) > 2 {
				t.Fatalf("page %d has %d items", pages, len(l.Items))
			}
			for _, o := range l.Items {
				if byID[o.ID] != o.Name {
					t.Errorf("unexpected %d %q", o.ID, o.Name)
				}
				seen = append(seen, o.Name)
			}
			if l.NextCursor == nil {
				if len(l.Items) != 1 {
					t.Errorf("last page has %d items, want 1", len(l.Items))
				}
				break
			}
			path = "/api/v1/organisations?kind=municipality&limit=2&cursor=" + *l.NextCursor
		}
		want := []string{"Alingsås kommun", "Bodens kommun", "Åre kommun", "Ängelholms kommun", "Östersunds kommun"}
		if !slices.Equal(seen, want) {
			t.Errorf("walked %q, want %q", seen, want)
		}

		filters := []struct {
			query string
			want  int
		}{
			{"", 7},
			{"?country=NO", 1},
			{"?kind=company", 1},
			{"?q=KOMMUN", 5},
			{"?q=%C3%A5re", 1},
			{"?q=nothing", 0},
			{"?limit=200", 7},
			{"?limit=1", 1},
		}
		for _, f := range filters {
			var l orgList
			e.do(t, call{method: "GET", path: "/api/v1/organisations" + f.query, token: token}).decode(t, &l)
			if len(l.Items) != f.want {
				t.Errorf("%s: %d items, want %d", f.query, len(l.Items), f.want)
			}
		}

		tests := []struct {
			name   string
			c      call
			status int
			fields []string
		}{
			{"limit 0", call{path: "?limit=0", req: reqInvalid}, 400, []string{"limit"}},
			{"limit 500", call{path: "?limit=500", req: reqInvalid}, 400, []string{"limit"}},
			{"limit -1", call{path: "?limit=-1", req: reqInvalid}, 400, []string{"limit"}},
			{"limit not a number", call{path: "?limit=ten", req: reqInvalid}, 400, []string{"limit"}},
			{"cursor not base64", call{path: "?cursor=%21%21%21"}, 400, []string{"cursor"}},
			{"cursor without an id", call{path: "?cursor=AA"}, 400, []string{"cursor"}},
			{"unknown kind", call{path: "?kind=church", req: reqInvalid}, 400, []string{"kind"}},
			{"unknown country", call{path: "?country=DK", req: reqInvalid}, 400, []string{"country"}},
			{"bad token", call{token: "tls_nope"}, 401, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.c.method, tt.c.path = "GET", "/api/v1/organisations"+tt.c.path
				code := map[int]string{400: "invalid", 401: "unauthenticated", 422: "invalid"}[tt.status]
				e.do(t, tt.c).want(t, tt.status, code, tt.fields...)
			})
		}
	})
}

func TestGetOrganisation(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		_, token := e.person(t, "Anna", false)
		o := e.org(t, app.OrganisationInput{Name: "Vårdbolaget AB", Kind: app.KindCompany, Size: app.SizeLarge, OrgNumber: orgNumber(5), Country: "SE",
			County: "Jämtland", Description: "Digitala vårdtjänster.", Capabilities: []string{"E-hälsa", "AI"}}, 0)
		for _, token := range []string{"", token} {
			var got app.Organisation
			r := e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/organisations/%d", o.ID), token: token})
			r.want(t, http.StatusOK, "")
			r.decode(t, &got)
			if got.Name != o.Name || got.Size != app.SizeLarge || got.County != "Jämtland" || !slices.Equal(got.Capabilities, []string{"E-hälsa", "AI"}) || got.MemberCount != 0 {
				t.Errorf("got %+v", got)
			}
		}
		tests := []struct {
			path string
			req  int
		}{
			{"/api/v1/organisations/999999", reqValid},
			{"/api/v1/organisations/abc", reqInvalid},
			{"/api/v1/organisations/0", reqInvalid},
			{"/api/v1/organisations/-1", reqInvalid},
			{"/api/v1/organisations/99999999999999999999", reqInvalid},
		}
		for _, tt := range tests {
			e.do(t, call{method: "GET", path: tt.path, req: tt.req}).want(t, http.StatusNotFound, "not_found")
		}
	})
}

func TestUpdateOrganisation(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		anna, owner := e.person(t, "Anna", false)
		_, other := e.person(t, "Bertil", false)
		_, admin := e.person(t, "Cecilia", true)
		o := e.org(t, app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, OrgNumber: "232100-0214", Country: "SE",
			County: "Jämtland", Description: "Hälso- och sjukvård.", Capabilities: []string{"telemedicin"}}, anna.ID)
		taken := e.org(t, kommun("Östersunds kommun", 1), 0)
		path := fmt.Sprintf("/api/v1/organisations/%d", o.ID)
		get := func(t *testing.T) app.Organisation {
			t.Helper()
			var got app.Organisation
			e.do(t, call{method: "GET", path: path}).decode(t, &got)
			return got
		}

		r := e.do(t, call{method: "PATCH", path: path, token: owner, body: `{"description":"  Vård i Jämtland och Härjedalen. "}`})
		r.want(t, http.StatusOK, "")
		var got app.Organisation
		r.decode(t, &got)
		want := o
		want.Description = "Vård i Jämtland och Härjedalen."
		want.UpdatedAt = got.UpdatedAt
		if got.UpdatedAt.Before(o.UpdatedAt) {
			t.Errorf("updated_at went back: %v < %v", got.UpdatedAt, o.UpdatedAt)
		}
		if !sameOrg(got, want) {
			t.Errorf("after PATCH description:\n got %+v\nwant %+v", got, want)
		}
		if g := get(t); !sameOrg(g, got) {
			t.Errorf("GET after PATCH = %+v, want %+v", g, got)
		}

		r = e.do(t, call{method: "PATCH", path: path, token: admin, body: `{"capabilities":["AI"," ai ","Välfärdsteknik"],"county":"","size":""}`})
		r.want(t, http.StatusOK, "")
		r.decode(t, &got)
		if !slices.Equal(got.Capabilities, []string{"AI", "Välfärdsteknik"}) || got.County != "" || got.Description != want.Description || got.Name != o.Name {
			t.Errorf("after the platform admin's PATCH: %+v", got)
		}
		e.do(t, call{method: "PATCH", path: path, token: owner, body: `{}`}).want(t, http.StatusOK, "")
		before := get(t)

		tests := []struct {
			name   string
			c      call
			status int
			code   string
			fields []string
		}{
			{"another signed-in person", call{token: other, body: `{"name":"Kapad"}`}, 403, "forbidden", nil},
			{"a visitor", call{body: `{"name":"Kapad"}`, req: reqInvalid}, 401, "unauthenticated", nil},
			{"bad token", call{token: "tls_nope", body: `{"name":"Kapad"}`}, 401, "unauthenticated", nil},
			{"empty name", call{token: owner, body: `{"name":""}`}, 422, "invalid", []string{"name"}},
			{"bad check digit", call{token: owner, body: `{"org_number":"232100-0215"}`}, 422, "invalid", []string{"org_number"}},
			{"company without size", call{token: owner, body: `{"kind":"company"}`}, 422, "invalid", []string{"size"}},
			{"Norwegian number in Sweden", call{token: owner, body: `{"org_number":"974760673"}`}, 422, "invalid", []string{"org_number"}},
			{"org number taken", call{token: owner, body: `{"org_number":"` + taken.OrgNumber + `"}`}, 409, "conflict", []string{"org_number"}},
			{"unknown field", call{token: owner, body: `{"member_count":9}`, req: reqInvalid}, 400, "invalid", []string{"member_count"}},
			{"wrong type", call{token: owner, body: `{"capabilities":"ai"}`, req: reqInvalid}, 400, "invalid", []string{"capabilities"}},
			{"malformed JSON", call{token: owner, body: `{"name":`, req: reqInvalid}, 400, "invalid", nil},
			{"wrong content type", call{token: owner, body: `{"name":"X"}`, contentType: "text/json", req: reqInvalid}, 400, "invalid", nil},
			{"unknown organisation", call{token: owner, path: "/api/v1/organisations/999999", body: `{"name":"X"}`}, 404, "not_found", nil},
			{"non-numeric id", call{token: owner, path: "/api/v1/organisations/x", body: `{"name":"X"}`, req: reqInvalid}, 404, "not_found", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.c.method = "PATCH"
				if tt.c.path == "" {
					tt.c.path = path
				}
				e.do(t, tt.c).want(t, tt.status, tt.code, tt.fields...)
				if g := get(t); !sameOrg(g, before) {
					t.Errorf("changed by a failed PATCH:\n got %+v\nwant %+v", g, before)
				}
			})
		}
	})
}

func sameOrg(a, b app.Organisation) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Kind == b.Kind && a.Size == b.Size && a.OrgNumber == b.OrgNumber &&
		a.Country == b.Country && a.County == b.County && a.Description == b.Description &&
		slices.Equal(a.Capabilities, b.Capabilities) && a.MemberCount == b.MemberCount &&
		a.CreatedAt.Equal(b.CreatedAt) && a.UpdatedAt.Equal(b.UpdatedAt)
}

func TestMembers(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		anna, orgAdmin := e.person(t, "Anna", false)
		bertil, member := e.person(t, "Bertil", false)
		cecilia, outsider := e.person(t, "Cecilia", false)
		david, _ := e.person(t, "David", false)
		_, platformAdmin := e.person(t, "Erik", true)
		o := e.org(t, kommun("Östersunds kommun", 1), anna.ID)
		if err := e.store.AddRole(ctx, o.ID, bertil.ID, app.RoleMember); err != nil {
			t.Fatal(err)
		}
		membersPath := fmt.Sprintf("/api/v1/organisations/%d/members", o.ID)
		rolesPath := func(u app.User) string { return fmt.Sprintf("%s/%d", membersPath, u.ID) }

		t.Run("list", func(t *testing.T) {
			for _, tt := range []struct {
				name   string
				token  string
				emails bool
			}{
				{"org admin", orgAdmin, true},
				{"platform admin", platformAdmin, true},
				{"member", member, false},
				{"outsider", outsider, false},
			} {
				var l memberList
				r := e.do(t, call{method: "GET", path: membersPath, token: tt.token})
				r.want(t, http.StatusOK, "")
				r.decode(t, &l)
				if len(l.Items) != 2 || l.NextCursor != nil {
					t.Fatalf("%s: members = %+v", tt.name, l)
				}
				for _, m := range l.Items {
					if m.Organisation.ID != o.ID || m.User.ID == 0 || m.User.Name == "" || len(m.Roles) == 0 {
						t.Errorf("%s: member %+v", tt.name, m)
					}
					if (m.User.Email != "") != tt.emails {
						t.Errorf("%s: e-mail %q shown = %v, want %v", tt.name, m.User.Email, m.User.Email != "", tt.emails)
					}
				}
			}
			e.do(t, call{method: "GET", path: membersPath, req: reqInvalid}).want(t, http.StatusUnauthorized, "unauthenticated")
			e.do(t, call{method: "GET", path: "/api/v1/organisations/999999/members", token: member}).want(t, http.StatusNotFound, "not_found")
			e.do(t, call{method: "GET", path: "/api/v1/organisations/x/members", token: member, req: reqInvalid}).want(t, http.StatusNotFound, "not_found")
		})

		t.Run("set roles", func(t *testing.T) {
			var l memberList
			r := e.do(t, call{method: "PUT", path: rolesPath(bertil), token: orgAdmin, body: `{"roles":["need_submitter","member","need_submitter"]}`})
			r.want(t, http.StatusOK, "")
			r.decode(t, &l)
			if got := e.members(t, o.ID)[bertil.ID]; !slices.Equal(got, []app.Role{app.RoleMember, app.RoleNeedSubmitter}) {
				t.Errorf("Bertil's roles = %v", got)
			}
			if len(l.Items) != 2 || l.Items[0].User.Email == "" {
				t.Errorf("answer = %+v", l)
			}

			tests := []struct {
				name   string
				c      call
				status int
				code   string
				fields []string
			}{
				{"last org admin", call{path: rolesPath(anna), token: orgAdmin, body: `{"roles":["member"]}`}, 409, "conflict", nil},
				{"last org admin leaves", call{path: rolesPath(anna), token: orgAdmin, body: `{"roles":[]}`}, 409, "conflict", nil},
				{"org admin adds a non-member", call{path: rolesPath(david), token: orgAdmin, body: `{"roles":["member"]}`}, 404, "not_found", nil},
				{"invalid role", call{path: rolesPath(bertil), token: orgAdmin, body: `{"roles":["member","king"]}`, req: reqInvalid}, 422, "invalid", []string{"roles"}},
				{"no roles named", call{path: rolesPath(bertil), token: orgAdmin, body: `{}`, req: reqInvalid}, 422, "invalid", []string{"roles"}},
				{"member", call{path: rolesPath(bertil), token: member, body: `{"roles":["org_admin"]}`}, 403, "forbidden", nil},
				{"outsider", call{path: rolesPath(cecilia), token: outsider, body: `{"roles":["org_admin"]}`}, 403, "forbidden", nil},
				{"visitor", call{path: rolesPath(bertil), body: `{"roles":["org_admin"]}`, req: reqInvalid}, 401, "unauthenticated", nil},
				{"unknown person", call{path: membersPath + "/999999", token: platformAdmin, body: `{"roles":["member"]}`}, 404, "not_found", nil},
				{"non-numeric person", call{path: membersPath + "/x", token: platformAdmin, body: `{"roles":["member"]}`, req: reqInvalid}, 404, "not_found", nil},
				{"unknown organisation", call{path: fmt.Sprintf("/api/v1/organisations/999999/members/%d", bertil.ID), token: platformAdmin, body: `{"roles":["member"]}`}, 404, "not_found", nil},
				{"roles not a list", call{path: rolesPath(bertil), token: orgAdmin, body: `{"roles":"member"}`, req: reqInvalid}, 400, "invalid", []string{"roles"}},
				{"unknown field", call{path: rolesPath(bertil), token: orgAdmin, body: `{"role":"member"}`, req: reqInvalid}, 400, "invalid", []string{"role"}},
				{"malformed JSON", call{path: rolesPath(bertil), token: orgAdmin, body: `{"roles":[`, req: reqInvalid}, 400, "invalid", nil},
			}
			before := e.members(t, o.ID)
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					tt.c.method = "PUT"
					e.do(t, tt.c).want(t, tt.status, tt.code, tt.fields...)
					if got := e.members(t, o.ID); fmt.Sprint(got) != fmt.Sprint(before) {
						t.Errorf("members changed by a failure: %v, want %v", got, before)
					}
				})
			}
		})

		t.Run("platform admin adds a non-member", func(t *testing.T) {
			e.do(t, call{method: "PUT", path: rolesPath(cecilia), token: platformAdmin, body: `{"roles":["supplier"]}`}).want(t, http.StatusOK, "")
			if got := e.members(t, o.ID)[cecilia.ID]; !slices.Equal(got, []app.Role{app.RoleSupplier}) {
				t.Errorf("Cecilia's roles = %v", got)
			}
			if m := e.me(t, outsider); len(m.Memberships) != 1 || m.Memberships[0].Organisation.ID != o.ID {
				t.Errorf("Cecilia's memberships = %+v", m.Memberships)
			}
		})

		t.Run("hand over and leave", func(t *testing.T) {
			e.do(t, call{method: "PUT", path: rolesPath(bertil), token: orgAdmin, body: `{"roles":["org_admin"]}`}).want(t, http.StatusOK, "")
			e.do(t, call{method: "PUT", path: rolesPath(anna), token: orgAdmin, body: `{"roles":[]}`}).want(t, http.StatusOK, "")
			ms := e.members(t, o.ID)
			if _, ok := ms[anna.ID]; ok || !slices.Equal(ms[bertil.ID], []app.Role{app.RoleOrgAdmin}) {
				t.Errorf("members = %v", ms)
			}
			// Anna no longer manages the organisation.
			e.do(t, call{method: "PUT", path: rolesPath(cecilia), token: orgAdmin, body: `{"roles":["member"]}`}).want(t, http.StatusForbidden, "forbidden")
		})
	})
}

func TestUsers(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		admin, adminToken := e.person(t, "Admin", true)
		anna, annaToken := e.person(t, "Anna", false)

		var l struct {
			Items      []app.User `json:"items"`
			NextCursor *string    `json:"next_cursor"`
		}
		r := e.do(t, call{method: "GET", path: "/api/v1/users", token: adminToken})
		r.want(t, http.StatusOK, "")
		r.decode(t, &l)
		if len(l.Items) != 2 || l.NextCursor != nil {
			t.Errorf("users = %+v", l)
		}
		r = e.do(t, call{method: "GET", path: "/api/v1/users?limit=1&q=ANNA", token: adminToken})
		r.want(t, http.StatusOK, "")
		r.decode(t, &l)
		if len(l.Items) != 1 || l.Items[0].ID != anna.ID || l.NextCursor != nil {
			t.Errorf("users matching anna = %+v", l)
		}
		r = e.do(t, call{method: "GET", path: "/api/v1/users?limit=1", token: adminToken})
		r.decode(t, &l)
		if len(l.Items) != 1 || l.NextCursor == nil {
			t.Fatalf("first page of one = %+v", l)
		}
		first := l.Items[0].ID
		e.do(t, call{method: "GET", path: "/api/v1/users?limit=1&cursor=" + *l.NextCursor, token: adminToken}).decode(t, &l)
		if len(l.Items) != 1 || l.Items[0].ID == first || l.NextCursor != nil {
			t.Errorf("second page of one = %+v", l)
		}

		var u app.User
		r = e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/users/%d", anna.ID), token: adminToken})
		r.want(t, http.StatusOK, "")
		r.decode(t, &u)
		if u.ID != anna.ID || u.Email != anna.Email || u.Name != "Anna" {
			t.Errorf("user = %+v", u)
		}

		r = e.do(t, call{method: "POST", path: "/api/v1/users", token: adminToken, contentType: "application/json; charset=utf-8",
			body: `{"email":" Doris@Example.SE ","name":"Doris","password":"korrekt häst batteri häftklammer","lang":"en"}`})
		r.want(t, http.StatusCreated, "")
		r.decode(t, &u)
		if loc := r.header.Get("Location"); loc != fmt.Sprintf("/api/v1/users/%d", u.ID) {
			t.Errorf("Location = %q for %d", loc, u.ID)
		}
		if u.Email != "doris@example.se" || u.Name != "Doris" || u.Lang != "en" || u.IsAdmin {
			t.Errorf("created = %+v", u)
		}
		count := func(t *testing.T) int {
			t.Helper()
			var l struct{ Items []app.User }
			e.do(t, call{method: "GET", path: "/api/v1/users?limit=200", token: adminToken}).decode(t, &l)
			return len(l.Items)
		}
		before := count(t)

		newUser := func(change string) string {
			return `{"email":"erik@example.se","name":"Erik","password":"korrekt häst batteri häftklammer"` + change + `}`
		}
		tests := []struct {
			name   string
			c      call
			status int
			code   string
			fields []string
		}{
			{"list as non-admin", call{method: "GET", path: "/api/v1/users", token: annaToken}, 403, "forbidden", nil},
			{"list as visitor", call{method: "GET", path: "/api/v1/users", req: reqInvalid}, 401, "unauthenticated", nil},
			{"list with limit 0", call{method: "GET", path: "/api/v1/users?limit=0", token: adminToken, req: reqInvalid}, 400, "invalid", []string{"limit"}},
			{"list with a bad cursor", call{method: "GET", path: "/api/v1/users?cursor=%2A", token: adminToken}, 400, "invalid", []string{"cursor"}},
			{"get as non-admin", call{method: "GET", path: fmt.Sprintf("/api/v1/users/%d", admin.ID), token: annaToken}, 403, "forbidden", nil},
			{"get as visitor", call{method: "GET", path: fmt.Sprintf("/api/v1/users/%d", admin.ID), req: reqInvalid}, 401, "unauthenticated", nil},
			{"get unknown", call{method: "GET", path: "/api/v1/users/999999", token: adminToken}, 404, "not_found", nil},
			{"get non-numeric", call{method: "GET", path: "/api/v1/users/me", token: adminToken, req: reqInvalid}, 404, "not_found", nil},
			{"create as non-admin", call{method: "POST", path: "/api/v1/users", token: annaToken, body: newUser("")}, 403, "forbidden", nil},
			{"create as visitor", call{method: "POST", path: "/api/v1/users", body: newUser(""), req: reqInvalid}, 401, "unauthenticated", nil},
			{"common password", call{method: "POST", path: "/api/v1/users", token: adminToken, body: newUser(`,"password":"lösenord1234"`)}, 422, "invalid", []string{"password"}},
			{"short password", call{method: "POST", path: "/api/v1/users", token: adminToken, body: newUser(`,"password":"kort"`)}, 422, "invalid", []string{"password"}},
			{"bad e-mail and no name", call{method: "POST", path: "/api/v1/users", token: adminToken, body: newUser(`,"email":"erik","name":""`)}, 422, "invalid", []string{"email", "name"}},
			{"unknown language", call{method: "POST", path: "/api/v1/users", token: adminToken, body: newUser(`,"lang":"de"`), req: reqInvalid}, 422, "invalid", []string{"lang"}},
			{"duplicate e-mail", call{method: "POST", path: "/api/v1/users", token: adminToken, body: newUser(`,"email":"ANNA@example.se"`)}, 409, "conflict", []string{"email"}},
			{"unknown field", call{method: "POST", path: "/api/v1/users", token: adminToken, body: newUser(`,"role":"admin"`), req: reqInvalid}, 400, "invalid", []string{"role"}},
			{"wrong type", call{method: "POST", path: "/api/v1/users", token: adminToken, body: newUser(`,"is_admin":"yes"`), req: reqInvalid}, 400, "invalid", []string{"is_admin"}},
			{"wrong content type", call{method: "POST", path: "/api/v1/users", token: adminToken, body: newUser(""), contentType: "text/plain", req: reqInvalid}, 400, "invalid", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e.do(t, tt.c).want(t, tt.status, tt.code, tt.fields...)
				if n := count(t); n != before {
					t.Errorf("%d users after a failure, want %d", n, before)
				}
			})
		}
	})
}
