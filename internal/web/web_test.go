package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/auth/authtest"
	"github.com/tillsammans/tillsammans/internal/files"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

var ctx = context.Background()

const goodPassword = "Fjällräven-Östersund-2026!"

// platform is a real handler on a real database, served over HTTP.
type platform struct {
	t        *testing.T
	store    *store.Store
	files    *files.Bucket // attachments, kept in filesDir, a temp folder
	filesDir string
	url      string
	recovery map[string][]string // administrators' unused recovery codes, by e-mail
}

func newPlatform(t *testing.T, dialect string, configure ...func(*server.Config)) *platform {
	t.Helper()
	s := storetest.Open(t, dialect)
	p := &platform{t: t, store: s, filesDir: t.TempDir(), recovery: map[string][]string{}}
	p.files = openFiles(t, p.filesDir)
	var h http.Handler
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(ts.Close)
	var err error
	c := server.Config{Store: s, Files: p.files, BaseURL: ts.URL, Log: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	for _, f := range configure {
		f(&c)
	}
	h, err = server.New(c)
	if err != nil {
		t.Fatal(err)
	}
	p.url = ts.URL
	return p
}

func openFiles(t *testing.T, dir string) *files.Bucket {
	t.Helper()
	f, err := files.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// testLog shows the server's warnings and errors with the test's output.
type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// browser keeps cookies and, like a form-posting browser, sends its own origin.
type browser struct {
	p    *platform
	c    *http.Client
	lang string
}

func (p *platform) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{p: p, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type response struct {
	status int
	header http.Header
	body   string
}

func (b *browser) do(method, path string, form url.Values) response {
	b.p.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.p.url+path, body)
	if err != nil {
		b.p.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", b.p.url)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if b.lang != "" {
		req.Header.Set("Accept-Language", b.lang)
	}
	res, err := b.c.Do(req)
	if err != nil {
		b.p.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, string(data)}
}

func (b *browser) get(path string) response { return b.do("GET", path, nil) }
func (b *browser) post(path string, form url.Values) response {
	if form == nil {
		form = url.Values{}
	}
	return b.do("POST", path, form)
}

func (r response) want(t *testing.T, status int, fragments ...string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body:\n%s", r.status, status, excerpt(r.body))
	}
	for _, f := range fragments {
		if !strings.Contains(r.body, f) {
			t.Fatalf("body lacks %q:\n%s", f, excerpt(r.body))
		}
	}
}

func excerpt(s string) string {
	if i := strings.Index(s, "<main"); i >= 0 {
		s = s[i:]
	}
	if len(s) > 3000 {
		s = s[:3000]
	}
	return s
}

func (p *platform) mustUser(email string, admin bool) app.User {
	p.t.Helper()
	accounts := auth.NewAccounts(p.store)
	u, err := accounts.SignUp(ctx, app.NewUser{Email: email, Name: strings.Split(email, "@")[0], Password: goodPassword, IsAdmin: admin})
	if err != nil {
		p.t.Fatal(err)
	}
	if admin {
		// An administrator's powers wait for two-step verification; each sign-in takes
		// one of the recovery codes.
		p.recovery[email] = authtest.TwoFactor(p.t, accounts, u)
		u.TwoFactor = true
	}
	return u
}

func (p *platform) signedIn(email string) *browser {
	p.t.Helper()
	b := p.browser()
	r := b.post("/login", url.Values{"email": {email}, "password": {goodPassword}})
	r.want(p.t, http.StatusSeeOther)
	if strings.HasPrefix(r.header.Get("Location"), "/login/code") {
		codes := p.recovery[email]
		if len(codes) == 0 {
			p.t.Fatalf("no recovery code left for %s", email)
		}
		b.post("/login/code", url.Values{"code": {codes[0]}}).want(p.t, http.StatusSeeOther)
		p.recovery[email] = codes[1:]
	}
	return b
}

func (p *platform) mustOrg(name, number string, admin int64) app.Organisation {
	p.t.Helper()
	in := app.OrganisationInput{Name: name, Kind: app.KindRegion, Country: "SE", OrgNumber: number}
	if err := in.Normalise(); err != nil {
		p.t.Fatal(err)
	}
	o, err := p.store.CreateOrganisation(ctx, in, admin)
	if err != nil {
		p.t.Fatal(err)
	}
	return o
}

func forEachDB(t *testing.T, fn func(t *testing.T, p *platform)) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { fn(t, newPlatform(t, d)) })
	}
}
