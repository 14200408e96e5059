package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

const password = "Fjällräven-Östersund-2026!"

// binary is the tillsammans command built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tillsammans-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "tillsammans")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cli runs a command in-process and returns its output.
func cli(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return out.String() + errOut.String(), err
}

func mustCLI(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	out, err := cli(t, stdin, args...)
	if err != nil {
		t.Fatalf("tillsammans %v: %v\n%s", args, err, out)
	}
	return out
}

func TestCommands(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := storetest.DSN(t, dialect)
			out := mustCLI(t, "", "migrate", "--db", db)
			if !strings.Contains(out, "applied") {
				t.Errorf("migrate: %s", out)
			}
			if out := mustCLI(t, "", "migrate", "--status", "--db", db); strings.Contains(out, "pending") {
				t.Errorf("status after migrate: %s", out)
			}
			out = mustCLI(t, password+"\n", "user", "create", "--email", "Karin@Region.example", "--name", "Karin Lindqvist", "--admin", "--password-stdin", "--db", db)
			if !strings.Contains(out, "<karin@region.example>") {
				t.Errorf("user create: %s", out)
			}
			for _, bad := range [][]string{
				{"user", "create", "--email", "x@region.example", "--name", "X", "--db", db},                                   // no --password-stdin
				{"user", "create", "--email", "x@region.example", "--name", "X", "--password-stdin", "--org", "1", "--db", db}, // --org without --role
				{"user", "create", "--email", "x@region.example", "--name", "X", "--password-stdin", "--org", "999", "--role", "member", "--db", db},
				{"user", "create", "--email", "karin@region.example", "--name", "X", "--password-stdin", "--db", db}, // taken
				{"token", "create", "--email", "nobody@region.example", "--name", "x", "--db", db},
				{"token", "create", "--email", "karin@region.example", "--db", db}, // no name
				{"bogus"},
			} {
				if out, err := cli(t, password+"\n", bad...); err == nil {
					t.Errorf("tillsammans %v succeeded: %s", bad, out)
				}
			}
			if out, err := cli(t, "lösenord1234\n", "user", "create", "--email", "y@region.example", "--name", "Y", "--password-stdin", "--db", db); err == nil || !strings.Contains(err.Error(), "too common") {
				t.Errorf("common password: %v %s", err, out)
			}
			token := strings.TrimSpace(mustCLI(t, "", "token", "create", "--email", "karin@region.example", "--name", "ci", "--db", db))
			if !strings.HasPrefix(token, "tls_") || strings.Contains(token, "\n") {
				t.Fatalf("token create printed %q", token)
			}
			s, err := store.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			u, _, err := s.UserCredentials(context.Background(), "karin@region.example")
			if err != nil || !u.IsAdmin {
				t.Fatalf("created user = %+v, %v", u, err)
			}
			if toks, _ := s.ListTokens(context.Background(), u.ID); len(toks) != 1 || toks[0].Name != "ci" {
				t.Errorf("tokens = %+v", toks)
			}
		})
	}
}

// TestLoadHarness runs the harness briefly on a small seeded database: every route of
// the mix is asked and answered without a failure, the ceiling is measured, and the
// server's memory and startup are printed. The figures themselves are for the machine
// to print (docs/performance.md), not for a test to judge.
func TestLoadHarness(t *testing.T) {
	db := storetest.DSN(t, "sqlite")
	mustCLI(t, "", "seed", "--needs", "300", "--solutions", "100", "--companies", "3", "--orgs", "3", "--events", "10", "--db", db)
	out, err := exec.Command(binary, "load", "--db", db, "--duration", "300ms", "--connections", "4").CombinedOutput()
	if err != nil {
		t.Fatalf("load: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{"ready", "GET /healthz (trivial)", "GET /needs (anonymous)", "GET /needs/{id} (signed in)", "GET /search?q=",
		"POST /needs/{id}/comments", "POST /needs/{id}/transitions", "POST /events/{id}/register|cancel", "All routes at once", "after the run: memory"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
	table, _, _ := strings.Cut(text, "\nShort of the targets")
	for _, line := range strings.Split(table, "\n") {
		f := strings.Fields(line)
		if len(f) > 8 && (f[0] == "GET" || f[0] == "POST") {
			// route words, then conns, requests, req/s, p50, p95, p99, failed
			i := slices.IndexFunc(f, func(s string) bool { _, err := strconv.Atoi(s); return err == nil })
			if i < 0 || i+6 >= len(f) || f[i+1] == "0" {
				t.Errorf("a route made no requests: %s", line)
				continue
			}
			// A phase's end may cut off a registration whose cancellation then finds
			// none (404), and the next registration of that seat one already held (409):
			// one of each per phase at most.
			allowed := 0
			if f[1] == "/events/{id}/register|cancel" {
				allowed = 2
			}
			if failed, _ := strconv.Atoi(f[i+6]); failed > allowed {
				t.Errorf("%d requests failed: %s", failed, line)
			}
		}
	}
}

func TestSeed(t *testing.T) {
	db := storetest.DSN(t, "sqlite")
	out := mustCLI(t, "", "seed", "--needs", "250", "--solutions", "120", "--companies", "4", "--orgs", "3", "--db", db)
	// Projects and calls in proportion by default: one for every ten needs, one for every ten projects.
	if !strings.Contains(out, "seeded 3 organisations with 13 people, 250 needs, 120 solutions, 25 projects and 2 calls") || !strings.Contains(out, "250/250") {
		t.Errorf("seed printed %q", out)
	}
	mustCLI(t, "", "seed", "--needs", "50", "--orgs", "2", "--projects", "7", "--calls", "3", "--db", db) // a second run adds, without clashing numbers
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f, err := s.NeedFigures(context.Background(), app.Viewer{Admin: true}, 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range f.Count {
		total += n
	}
	if total != 300 || len(f.Count) < 8 {
		t.Errorf("seeded needs by state = %v (%d in all)", f.Count, total)
	}
	projects, err := s.ListProjects(context.Background(), app.Viewer{Admin: true}, app.ProjectFilter{Page: app.Page{Limit: 200}})
	if err != nil || len(projects.Items) != 32 || len(projects.Items[0].Needs) == 0 || len(projects.Items[0].Milestones) != 4 {
		t.Errorf("seeded projects: %d, %v", len(projects.Items), err)
	}
	calls, err := s.ListCalls(context.Background(), app.CallFilter{Page: app.Page{Limit: 200}})
	if err != nil || len(calls.Items) != 5 || len(calls.Items[0].Tags) < 2 {
		t.Errorf("seeded calls: %d, %v", len(calls.Items), err)
	}
	// Seeded people can sign in with the printed password.
	if _, _, err := s.UserCredentials(context.Background(), "person3000.0@seed.example"); err != nil {
		t.Errorf("second seed's people: %v", err)
	}
	if _, err := cli(t, "", "seed", "--needs", "-1"); err == nil {
		t.Error("seed --needs -1 succeeded")
	}
	// The seeded solutions are searchable, and reindexing keeps them so.
	sols, err := s.ListSolutions(context.Background(), app.SolutionFilter{Page: app.Page{Limit: 200}})
	if err != nil || len(sols.Items) != 120 {
		t.Fatalf("seeded solutions %d, %v", len(sols.Items), err)
	}
	// 300 needs, 120 solutions, 9 organisations and 19 people.
	if out := mustCLI(t, "", "reindex", "--db", db); !strings.Contains(out, "indexed 448 documents") {
		t.Errorf("reindex printed %q", out)
	}
	res, err := s.Search(context.Background(), app.Viewer{}, app.SearchQuery{Q: sols.Items[0].Title, Kind: app.KindSolution, Limit: 5})
	if err != nil || len(res.Items) == 0 {
		t.Errorf("search for a seeded solution's title: %+v, %v", res.Items, err)
	}
}

// writeLines writes a JSON Lines file in a temporary folder.
func writeLines(t *testing.T, name string, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func openDB(t *testing.T, db string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// wantOutput checks that out has each of lines as a whole line.
func wantOutput(t *testing.T, out string, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains(out, l+"\n") {
			t.Errorf("output lacks %q:\n%s", l, out)
		}
	}
}

const (
	needN1 = `{"id": "N1", "lang": "sv", "title": "Tillsyn nattetid utan kamera", "description": "Nattpersonalen väcker de boende när de tittar till dem.", "tags": ["tillsyn", "SÄBO", "säbo"], "care_setting": ["särskilt boende", "Home care services"]}`
	needN2 = `{"id": "N2", "lang": "sv", "title": "Egenmätning av blodtryck", "description": "Patienter kallas till mottagningen bara för att mäta.", "tags": ["hypertoni"], "care_setting": ["primärvård", "egenvård"]}`
	solS1  = `{"id": "S1", "lang": "en", "title": "Radar night check", "description": "A radar sensor in the ceiling tells staff who is awake.", "provider": "Nattradar AB", "tags": ["radar", "night"], "trl": 8}`
	solS2  = `{"id": "S2", "lang": "sv", "title": "Videobesök i hemtjänsten", "description": "Surfplatta med stora knappar.", "provider": "Fjällvård Digital AB", "tags": ["video"], "trl": 9}`
)

func TestImport(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := storetest.DSN(t, dialect)
			mustCLI(t, "", "migrate", "--db", db)
			s := openDB(t, db)
			// A provider that is already on the platform, with its number, is used as it is.
			firm := app.OrganisationInput{Name: "Fjällvård Digital AB", Kind: app.KindCompany, Size: app.SizeSME, Country: "SE", OrgNumber: "556812-3409"}
			if err := firm.Normalise(); err != nil {
				t.Fatal(err)
			}
			known, err := s.CreateOrganisation(context.Background(), firm, 0)
			if err != nil {
				t.Fatal(err)
			}
			needs := writeLines(t, "needs.jsonl", needN1, "", needN2)
			solutions := writeLines(t, "solutions.jsonl", solS1, solS2)
			region := "Region Jämtland Härjedalen"
			out := mustCLI(t, "", "import", "--needs", needs, "--solutions", solutions, "--org", region, "--db", db)
			wantOutput(t, out, "needs: 2 created, 0 unchanged", "solutions: 2 created, 0 unchanged", "organisations: 2 created, without organisation numbers; complete them on their pages")
			if !strings.Contains(out, "4/4") {
				t.Errorf("no progress shown:\n%s", out)
			}

			// The needs are public, in market scan, with their history, tags and care settings;
			// a visitor sees them.
			l, err := s.ListNeeds(context.Background(), app.Viewer{}, app.NeedFilter{Sort: "oldest"})
			if err != nil || len(l.Items) != 2 {
				t.Fatalf("a visitor sees %d needs, %v", len(l.Items), err)
			}
			n := l.Items[0]
			if *n.Ref != "N1" || n.State != app.StateMarketScan || n.Visibility != app.VisiblePublic || n.Organisation.Name != region ||
				n.Organisation.Kind != app.KindRegion || n.Problem != "Nattpersonalen väcker de boende när de tittar till dem." || n.SubmittedAt == nil {
				t.Errorf("imported need = %+v", n)
			}
			if !slices.Equal(n.Tags, []string{"tillsyn", "SÄBO"}) || !slices.Equal(n.CareSettings, []string{"hemtjanst", "sarskilt_boende"}) {
				t.Errorf("tags %v, care settings %v", n.Tags, n.CareSettings)
			}
			h, err := s.NeedHistory(context.Background(), n.ID)
			if err != nil || len(h) != 5 || h[4].From != app.StateValidated || h[4].To != app.StateMarketScan || h[4].Actor.ID != 0 {
				t.Errorf("history = %+v, %v", h, err)
			}
			sols, err := s.ListSolutions(context.Background(), app.SolutionFilter{})
			if err != nil || len(sols.Items) != 2 {
				t.Fatalf("solutions = %+v, %v", sols.Items, err)
			}
			for _, x := range sols.Items {
				switch *x.Ref {
				case "S1":
					o, _ := s.Organisation(context.Background(), x.Organisation.ID)
					if o.Name != "Nattradar AB" || o.Kind != app.KindCompany || o.OrgNumber != "" || x.TRL != 8 || !slices.Equal(x.Tags, []string{"radar", "night"}) {
						t.Errorf("S1 = %+v of %+v", x, o)
					}
				case "S2":
					if x.Organisation.ID != known.ID {
						t.Errorf("S2 belongs to %+v, not to the provider already on the platform", x.Organisation)
					}
				}
			}

			// Again: nothing changes. A changed record is updated, and only that one.
			out = mustCLI(t, "", "import", "--needs", needs, "--solutions", solutions, "--org", region, "--db", db)
			wantOutput(t, out, "needs: 0 created, 2 unchanged", "solutions: 0 created, 2 unchanged")
			if strings.Contains(out, "organisations:") {
				t.Errorf("the second import created organisations:\n%s", out)
			}
			changed := writeLines(t, "needs.jsonl", strings.Replace(needN1, "utan kamera", "utan kamera eller mikrofon", 1), needN2)
			changedSols := writeLines(t, "solutions.jsonl", solS1, strings.Replace(solS2, `"trl": 9`, `"trl": 7`, 1))
			out = mustCLI(t, "", "import", "--needs", changed, "--solutions", changedSols, "--org", region, "--db", db)
			wantOutput(t, out, "needs: 0 created, 1 updated, 1 unchanged", "solutions: 0 created, 1 updated, 1 unchanged")
			got, _ := s.Need(context.Background(), app.Viewer{Admin: true}, n.ID)
			if got.Title != "Tillsyn nattetid utan kamera eller mikrofon" || got.State != app.StateMarketScan || !slices.Equal(got.Tags, n.Tags) {
				t.Errorf("updated need = %+v", got)
			}
			out = mustCLI(t, "", "import", "--needs", changed, "--solutions", changedSols, "--org", region, "--db", db)
			wantOutput(t, out, "needs: 0 created, 2 unchanged", "solutions: 0 created, 2 unchanged")

			// Bad lines are named with their line numbers, and nothing of the file is written,
			// not even its good lines.
			bad := writeLines(t, "bad.jsonl",
				`{"id": "N3", "lang": "sv", "title": "Bra rad", "description": "Ska inte skrivas.", "tags": [], "care_setting": ["psykiatri"]}`,
				`{"id": "N4", "lang": "sv", "title": "Trasig", `,
				`{"id": "N5", "lang": "de", "title": "", "description": "Patienten 19121212-1212 väntade.", "tags": [], "care_setting": ["akuten"]}`,
				`{"id": "N3", "lang": "sv", "title": "Samma id", "description": "", "tags": [], "care_setting": []}`,
				`{"id": "N6", "lang": "sv", "title": "Okänt fält", "description": "", "tags": [], "care_settings": []}`,
				`{"id": 7, "lang": "sv", "title": "Id som tal", "description": "", "tags": [], "care_setting": []}`,
				`["N8"]`)
			out, err = cli(t, "", "import", "--needs", bad, "--org", region, "--db", db)
			if err == nil {
				t.Fatalf("an import of bad lines succeeded:\n%s", out)
			}
			for _, want := range []string{
				"nothing imported:",
				bad + ":2: not valid JSON",
				bad + ":3: care_setting: unknown care setting \"akuten\"",
				"description: The text contains what looks like a Swedish personal identity number",
				"lang: want sv or en",
				"title: Is required.",
				bad + `:4: id: "N3" is also the id on line 1`,
				bad + `:5: unknown field "care_settings"`,
				bad + ":6: id: want text, not a JSON number",
				bad + ":7: want a JSON object, not a JSON array",
			} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error lacks %q:\n%v", want, err)
				}
			}
			if l, _ := s.ListNeeds(context.Background(), app.Viewer{Admin: true}, app.NeedFilter{Ref: "N3"}); len(l.Items) != 0 {
				t.Error("the good line of a bad file was written")
			}
			badSol := writeLines(t, "bad-solutions.jsonl", `{"id": "S9", "lang": "en", "title": "Utan TRL", "description": "", "provider": "X AB", "tags": []}`,
				`{"id": "S8", "lang": "en", "title": "TRL 12", "description": "", "provider": "", "tags": [], "trl": 12}`)
			_, err = cli(t, "", "import", "--solutions", badSol, "--db", db)
			if err == nil || !strings.Contains(err.Error(), "bad-solutions.jsonl:1: trl: Is required.") || !strings.Contains(err.Error(), "bad-solutions.jsonl:2: provider: Is required.; trl:") {
				t.Errorf("bad solutions: %v", err)
			}

			// The import does not move needs or solutions between organisations, and needs
			// belong to public bodies.
			_, err = cli(t, "", "import", "--needs", needs, "--org", "Östersunds kommun", "--db", db)
			if err == nil || !strings.Contains(err.Error(), `need N1 was imported into "Region Jämtland Härjedalen", not --org "Östersunds kommun"`) {
				t.Errorf("moving needs: %v", err)
			}
			moved := writeLines(t, "solutions.jsonl", strings.Replace(solS1, "Nattradar AB", "Fjällvård Digital AB", 1))
			_, err = cli(t, "", "import", "--solutions", moved, "--db", db)
			if err == nil || !strings.Contains(err.Error(), `solution S1 belongs to "Nattradar AB", not to provider "Fjällvård Digital AB"`) {
				t.Errorf("moving solutions: %v", err)
			}
			_, err = cli(t, "", "import", "--needs", needs, "--org", "Fjällvård Digital AB", "--db", db)
			if err == nil || !strings.Contains(err.Error(), "needs belong to public organisations") {
				t.Errorf("needs of a company: %v", err)
			}
			for _, args := range [][]string{{"import", "--db", db}, {"import", "--needs", needs, "--db", db}, {"import", "--needs", "/no/such/file", "--org", region, "--db", db}} {
				if out, err := cli(t, "", args...); err == nil {
					t.Errorf("tillsammans %v succeeded: %s", args, out)
				}
			}
		})
	}
}

// evalDir holds the matcher's development collection, beside the repository (or where
// TILLSAMMANS_EVAL_DIR says); the tests read it there and never copy it in
// (../shared/eval/README.md).
var evalDir = cmp.Or(os.Getenv("TILLSAMMANS_EVAL_DIR"), "../../../shared/eval/dev")

// TestImportEvalCollection imports the real collection twice on both databases.
func TestImportEvalCollection(t *testing.T) {
	needs, solutions := filepath.Join(evalDir, "needs.jsonl"), filepath.Join(evalDir, "solutions.jsonl")
	if _, err := os.Stat(needs); err != nil {
		t.Skipf("no evaluation collection: %v", err)
	}
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := storetest.DSN(t, dialect)
			args := []string{"import", "--needs", needs, "--solutions", solutions, "--org", "Region Jämtland Härjedalen", "--db", db}
			wantOutput(t, mustCLI(t, "", args...), "needs: 20 created, 0 unchanged", "solutions: 60 created, 0 unchanged",
				"organisations: 61 created, without organisation numbers; complete them on their pages")
			wantOutput(t, mustCLI(t, "", args...), "needs: 0 created, 20 unchanged", "solutions: 0 created, 60 unchanged")
			s := openDB(t, db)
			l, err := s.ListNeeds(context.Background(), app.Viewer{}, app.NeedFilter{States: []app.NeedState{app.StateMarketScan}, Page: app.Page{Limit: 50}})
			if err != nil || len(l.Items) != 20 {
				t.Fatalf("a visitor sees %d needs in market scan, %v", len(l.Items), err)
			}
			// Imported records are in the search index like any other: the matcher finds them.
			m, err := s.NeedMatches(context.Background(), app.Viewer{}, l.Items[0].ID, 5)
			if err != nil || len(m) == 0 {
				t.Errorf("matches for %s = %v, %v", *l.Items[0].Ref, m, err)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, cmd := range [][]string{{"serve"}, {"migrate"}, {"user", "create"}, {"token", "create"}, {"backup"}, {"restore"}, {"audit", "verify"}, {"seed"}, {"import"}} {
		out, _ := cli(t, "", append(cmd, "--help")...)
		if !strings.Contains(out, "Usage: tillsammans") || !strings.Contains(out, "-db") {
			t.Errorf("%v --help:\n%s", cmd, out)
		}
	}
}

func startServe(t *testing.T, db string, extra ...string) *instance {
	t.Helper()
	// The tests write from one address as fast as they can: no rate limits.
	inst, err := startInstance(binary, append([]string{"--db", db, "--files", filepath.Join(t.TempDir(), "files"), "--rate-writes", "0",
		"--rate-searches", "0"}, extra...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { inst.cmd.Process.Kill(); inst.cmd.Wait() })
	return inst
}

func TestTwoInstancesActAsOne(t *testing.T) {
	db := storetest.DSN(t, "postgres")
	mustCLI(t, password+"\n", "user", "create", "--email", "anna@region.example", "--name", "Anna", "--password-stdin", "--db", db)
	a, b := startServe(t, db), startServe(t, db)

	// A session started on one instance is valid on the other.
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.PostForm(a.url+"/login", url.Values{"email": {"anna@region.example"}, "password": {password}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in on a: %v %v", res.StatusCode, err)
	}
	res.Body.Close()
	au, _ := url.Parse(a.url)
	bu, _ := url.Parse(b.url)
	jar.SetCookies(bu, jar.Cookies(au))
	res, err = client.Get(b.url + "/profile")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("profile on b with a's session: %v %v", res.StatusCode, err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), "anna@region.example") {
		t.Fatal("profile on b does not show the person signed in on a")
	}
	// Signing out on b ends the session on a.
	res, _ = client.PostForm(b.url+"/logout", url.Values{})
	res.Body.Close()
	jar.SetCookies(au, jar.Cookies(bu))
	res, _ = client.Get(a.url + "/profile")
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("profile on a after sign-out on b: %d", res.StatusCode)
	}

	// Sign-in throttling counts failures across instances.
	for i := range app.MaxFailuresPerAccount {
		inst := []*instance{a, b}[i%2]
		res, _ := http.PostForm(inst.url+"/login", url.Values{"email": {"anna@region.example"}, "password": {"fel lösenord igen"}})
		res.Body.Close()
	}
	res, _ = http.PostForm(a.url+"/login", url.Values{"email": {"anna@region.example"}, "password": {password}})
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("after failures spread over two instances: %d", res.StatusCode)
	}

	// SIGTERM shuts an instance down cleanly.
	a.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error)
	go func() { done <- a.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(12 * time.Second):
		t.Fatal("no exit within the grace period")
	}
}

// TestKill9LosesNoAcknowledgedWrite kills a server during a stream of creates, on each
// database, and checks that every create it acknowledged is in the database.
func TestKill9LosesNoAcknowledgedWrite(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) { kill9(t, storetest.DSN(t, dialect)) })
	}
}

func kill9(t *testing.T, db string) {
	mustCLI(t, password+"\n", "user", "create", "--email", "writer@region.example", "--name", "Writer", "--password-stdin", "--db", db)
	token := strings.TrimSpace(mustCLI(t, "", "token", "create", "--email", "writer@region.example", "--name", "load", "--db", db))
	inst := startServe(t, db)

	post := func(ctx context.Context, path, body string) (int, []byte, error) {
		req, _ := http.NewRequestWithContext(ctx, "POST", inst.url+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		return res.StatusCode, b, err
	}
	code, b, err := post(context.Background(), "/api/v1/organisations",
		`{"name":"Krokoms kommun","kind":"municipality","org_number":"212000-2395","country":"SE"}`)
	var municipality struct{ ID int64 }
	if err != nil || code != http.StatusCreated || json.Unmarshal(b, &municipality) != nil {
		t.Fatalf("municipality: %d %v %s", code, err, b)
	}

	// Mixed writes: organisations, and needs (each with its search entry and kept figures).
	var mu sync.Mutex
	var acked []string
	var next int64
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				mu.Lock()
				next++
				n := next
				mu.Unlock()
				key, path, body := "org "+orgNumber(n), "/api/v1/organisations",
					fmt.Sprintf(`{"name":"Bolag %[1]s","kind":"company","size":"sme","org_number":"%[1]s","country":"SE"}`, orgNumber(n))
				if n%2 == 0 {
					key, path, body = fmt.Sprint("need Behov ", n), "/api/v1/needs", fmt.Sprintf(`{"organisation_id":%d,"title":"Behov %d",
						"how_might_we":"Hur kan vi ge vård nära?","problem":"Långt till akuten.","visibility":"public"}`, municipality.ID, n)
				}
				code, _, err := post(ctx, path, body)
				if err != nil {
					return // the server is gone
				}
				if code == http.StatusCreated {
					mu.Lock()
					acked = append(acked, key)
					mu.Unlock()
				}
			}
		}()
	}
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 200 || ctx.Err() != nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	inst.cmd.Process.Kill() // SIGKILL: no shutdown, no checkpoint
	inst.cmd.Wait()
	cancel()
	wg.Wait()
	if len(acked) < 50 {
		t.Fatalf("only %d creates acknowledged before the kill", len(acked))
	}

	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	have := map[string]bool{}
	for f := (app.OrganisationFilter{Page: app.Page{Limit: app.MaxLimit}}); ; {
		l, err := s.ListOrganisations(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range l.Items {
			have["org "+o.OrgNumber] = true
		}
		if l.NextCursor == nil {
			break
		}
		f.Cursor = *l.NextCursor
	}
	for f := (app.NeedFilter{Page: app.Page{Limit: app.MaxLimit}}); ; {
		l, err := s.ListNeeds(context.Background(), app.Viewer{Admin: true}, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range l.Items {
			have["need "+n.Title] = true
		}
		if l.NextCursor == nil {
			break
		}
		f.Cursor = *l.NextCursor
	}
	for _, k := range acked {
		if !have[k] {
			t.Errorf("acknowledged create %s lost", k)
		}
	}
	t.Logf("%d creates acknowledged before kill -9, all present; %d rows in all", len(acked), len(have))
	// The server restarts on the same file with no manual step.
	startServe(t, db)
}

// orgNumber makes the n-th valid Swedish organisation number of a test series.
func orgNumber(n int64) string {
	base := fmt.Sprintf("559%06d", n)
	for c := range 10 {
		d := base + fmt.Sprint(c)
		if _, ok := app.NormaliseOrgNumber("SE", d); ok {
			return d[:6] + "-" + d[6:]
		}
	}
	panic("no check digit")
}

func TestBackupWhileServing(t *testing.T) {
	db := storetest.DSN(t, "sqlite")
	mustCLI(t, password+"\n", "user", "create", "--email", "a@region.example", "--name", "A", "--password-stdin", "--db", db)
	startServe(t, db)
	to := filepath.Join(t.TempDir(), "copy.db")
	mustCLI(t, "", "backup", "--to", to, "--db", db)
	if _, err := cli(t, "", "backup", "--to", to, "--db", db); err == nil {
		t.Error("backup over an existing file succeeded")
	}
	s, err := store.Open(context.Background(), "sqlite:"+to)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Ready(context.Background()); err != nil {
		t.Fatalf("backup not ready: %v", err)
	}
	if _, _, err := s.UserCredentials(context.Background(), "a@region.example"); err != nil {
		t.Fatalf("backup lacks the user: %v", err)
	}
}

// TestEvalCommand measures the matcher on the collection through the command.
func TestEvalCommand(t *testing.T) {
	if _, err := os.Stat(filepath.Join(evalDir, "qrels.tsv")); err != nil {
		t.Skipf("no evaluation collection: %v", err)
	}
	run := filepath.Join(t.TempDir(), "run.tsv")
	out := mustCLI(t, "", "eval", "--dir", evalDir, "--run", run)
	var ndcg, recall, mrr float64
	if _, err := fmt.Sscanf(out[strings.Index(out, "nDCG@10"):], "nDCG@10 %f  Recall@5 %f  MRR %f", &ndcg, &recall, &mrr); err != nil {
		t.Fatalf("eval printed %q: %v", out, err)
	}
	t.Logf("%s", out)
	if ndcg < 0.75 || recall < 0.75 {
		t.Errorf("nDCG@10 %.3f, Recall@5 %.3f: want both ≥ 0.75", ndcg, recall)
	}
	if b, err := os.ReadFile(run); err != nil || strings.Count(string(b), "\n") < 100 {
		t.Errorf("run file: %d bytes, %v", len(b), err)
	}
}
