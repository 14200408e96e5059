package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/config"
	"github.com/tillsammans/tillsammans/internal/loadtest"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/web"
)

// loadCmd starts the platform on a seeded database and drives it: each route alone at
// every connection, then all of them at once in proportion, with the trivial endpoint
// as the machine's ceiling, and prints the figures with the servers' memory and startup.
func loadCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("load", "tillsammans load [--db DSN] [--instances N] [--connections N] [--duration D]",
		"Start the platform on a database filled by `tillsammans seed` and measure requests per second and\nlatency per route, the trivial /healthz as the ceiling, and the servers' memory and startup.\nIts instances run with --rate-writes 0 --rate-searches 0: the harness is one address and one person.", stderr)
	instances := fs.Int("instances", 1, "how many serve processes on the database, requests spread over them in turn")
	conns := fs.Int("connections", 32, "concurrent connections")
	duration := fs.Duration("duration", 10*time.Second, "how long each phase lasts")
	if err := config.Parse(fs, args); err != nil {
		return err
	}
	if *instances < 1 || *conns < 1 || *duration <= 0 {
		return errors.New("--instances and --connections must be 1 or more, --duration positive")
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	fx, err := loadFixtures(ctx, s)
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	var servers []*instance
	defer func() {
		for _, in := range servers {
			in.stop()
		}
	}()
	for range *instances {
		// One address and one person send thousands of requests a second: no limits.
		in, err := startInstance(exe, "--db", *db, "--rate-writes", "0", "--rate-searches", "0")
		if err != nil {
			return err
		}
		servers = append(servers, in)
		fmt.Fprintf(stdout, "instance %s: ready %d ms after start; memory %s\n", in.url, in.startup.Milliseconds(), in.memory())
	}
	bases := make([]string, len(servers))
	for i, in := range servers {
		bases[i] = in.url
	}
	routes, needPages := fx.routes(bases)
	fmt.Fprintf(stdout, "%s, %d connections, %s per phase, %d instance(s) on %s\n", s.Dialect(), *conns, *duration, len(servers), s.Dialect())

	// A platform in use has shown its needs before: the first view of a need finds its
	// matches and keeps them, as the kept ones a change made stale are found again.
	warm := loadtest.Run([]loadtest.Route{{Name: "GET /needs/{id}, first view", Next: loadtest.Once(needPages)}}, *conns, 10*time.Minute)
	loadtest.Report(stdout, "Warm-up, each need page once:", warm, 0)

	ceilingRoute := loadtest.Route{Name: "GET /healthz (trivial)", Next: loadtest.Cycle(everywhere(bases, "GET", "/healthz", ""))}
	ceiling := loadtest.Run([]loadtest.Route{ceilingRoute}, *conns, *duration)
	var alone []loadtest.Result
	for _, r := range routes {
		alone = append(alone, loadtest.Run([]loadtest.Route{r}, *conns, *duration)...)
	}
	loadtest.Report(stdout, "Each route alone:", append(ceiling, alone...), ceiling[0].Rate)
	mixed := loadtest.Run(routes, *conns, *duration)
	total := 0.0
	for _, r := range mixed {
		total += r.Rate
	}
	loadtest.Report(stdout, fmt.Sprintf("All routes at once, connections shared by weight (%.0f req/s in all):", total), mixed, 0)
	for _, in := range servers {
		fmt.Fprintf(stdout, "instance %s after the run: memory %s\n", in.url, in.memory())
	}
	if v := loadtest.Verdicts(alone, ceiling[0].Rate); len(v) > 0 {
		fmt.Fprintf(stdout, "\nShort of the targets:\n  %s\n", strings.Join(v, "\n  "))
	} else {
		fmt.Fprintln(stdout, "\nEvery route with a target meets it.")
	}
	return nil
}

// fixtures are the people and records the requests use: a session per seeded
// coordinator, needs the first may see, needs in analysis or on hold that each may move,
// and a seat for each coordinator at each coming event.
type fixtures struct {
	sessions []string // one per coordinator, the first the reader's
	token    string   // the reader's API token
	visible  []int64  // needs the reader may see
	own      []int64  // needs of the reader's organisation, which the reader may comment on
	movable  []move
	seats    []seat
}

// seat is an event a coordinator registers for and cancels, or cancels and registers for
// again when they hold it already (from an earlier run), round and round. Every
// coordinator has a seat at every event, so that two requests for one seat are never
// under way at once.
type seat struct {
	event   int64
	session string
	held    bool
}

// move is a need in analysis or on hold and the session of its organisation's
// coordinator, who moves it to the other state and back, round and round.
type move struct {
	need    int64
	state   app.NeedState
	session string
}

// other is the state a move goes to first.
func (m move) other() app.NeedState {
	if m.state == app.StateOnHold {
		return app.StateBeingAnalysed
	}
	return app.StateOnHold
}

func loadFixtures(ctx context.Context, s *store.Store) (*fixtures, error) {
	users, err := s.ListUsers(ctx, app.UserFilter{Query: ".0@seed.example", Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return nil, err
	}
	if len(users.Items) == 0 {
		return nil, errors.New("no seeded people: fill the database first with `tillsammans seed --needs 100000 --solutions 100000`")
	}
	accounts := auth.NewAccounts(s)
	fx := &fixtures{}
	var events []int64 // that have not ended, as the reader sees them
	for i, u := range users.Items {
		secret, err := accounts.StartSession(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		fx.sessions = append(fx.sessions, secret)
		ms, err := s.UserMemberships(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		viewer := auth.NewActor(u, ms).Viewer()
		if i == 0 {
			if fx.token, _, err = accounts.CreateToken(ctx, u.ID, "tillsammans load"); err != nil {
				return nil, err
			}
			page := app.Page{Limit: app.MaxLimit}
			for len(fx.visible) < 1000 {
				l, err := s.ListNeeds(ctx, viewer, app.NeedFilter{Page: page})
				if err != nil {
					return nil, err
				}
				for _, n := range l.Items {
					fx.visible = append(fx.visible, n.ID)
				}
				if l.NextCursor == nil {
					break
				}
				page.Cursor = *l.NextCursor
			}
			evs, err := s.ListEvents(ctx, viewer, app.EventFilter{From: time.Now(), Page: app.Page{Limit: app.MaxLimit}})
			if err != nil {
				return nil, err
			}
			for _, e := range evs.Items {
				events = append(events, e.ID)
			}
		}
		for _, e := range events {
			_, err := s.Registration(ctx, e, u.ID)
			if err != nil && app.ErrorCode(err) != app.NotFound {
				return nil, err
			}
			fx.seats = append(fx.seats, seat{e, secret, err == nil})
		}
		for _, m := range ms {
			l, err := s.ListNeeds(ctx, viewer, app.NeedFilter{OrgID: m.Organisation.ID, Page: app.Page{Limit: app.MaxLimit}})
			if err != nil {
				return nil, err
			}
			for _, n := range l.Items {
				if i == 0 {
					fx.own = append(fx.own, n.ID)
				}
			}
			if l, err = s.ListNeeds(ctx, viewer, app.NeedFilter{States: []app.NeedState{app.StateBeingAnalysed, app.StateOnHold}, OrgID: m.Organisation.ID, Page: app.Page{Limit: app.MaxLimit}}); err != nil {
				return nil, err
			}
			for _, n := range l.Items {
				fx.movable = append(fx.movable, move{n.ID, n.State, secret})
			}
		}
	}
	return fx, nil
}

// request is one request to the instance at base, as the person of session ("" for a
// visitor), with a form body when form is not nil. It takes gzip, as browsers do; the
// harness counts the bytes a browser would get without unpacking them, which would take
// the cores from the server it measures.
func request(base, method, path string, form url.Values, session string) vegeta.Target {
	t := vegeta.Target{Method: method, URL: base + path, Header: http.Header{"Accept-Encoding": {"gzip"}}}
	if session != "" {
		t.Header.Set("Cookie", web.SessionCookie+"="+session)
	}
	if form != nil {
		t.Body = []byte(form.Encode())
		t.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return t
}

// everywhere is one request made to each instance in turn, for a route that always asks
// the same.
func everywhere(bases []string, method, path string, session string) []vegeta.Target {
	out := make([]vegeta.Target, len(bases))
	for i, b := range bases {
		out[i] = request(b, method, path, nil, session)
	}
	return out
}

// inTurn adds a request to list, sent to the next instance in turn: each request once,
// so that a write is not made twice.
func inTurn(list []vegeta.Target, bases []string, method, path string, form url.Values, session string) []vegeta.Target {
	return append(list, request(bases[len(list)%len(bases)], method, path, form, session))
}

// searches are what people type into the search box, common and rare.
var searches = []string{"hemsjukvård", "KOL", "video", "fallupptäckt", "läkemedel", "nattillsyn", "egenmonitorering hjärtsvikt",
	"distansvård glesbygd", "stroke rehabilitering", "trygghetslarm", "tolk", "ambulans beslutsstöd", "samiska", "AI", "FHIR",
	"särskilt boende", "psykiatri video", "nursing home", "remote monitoring", "Östersund"}

// routes are the requests of the platform's users; a route keeps its place in its list
// from one phase to the next, so that a need on hold is next taken back. The targets are
// the per-route figures of the acceptance of issue 7. The need pages are returned too,
// for the warm-up.
func (fx *fixtures) routes(bases []string) ([]loadtest.Route, []vegeta.Target) {
	reader := fx.sessions[0]
	var needPages, comments, matches, searchPages, registrations, moves []vegeta.Target
	for _, id := range fx.visible {
		needPages = inTurn(needPages, bases, "GET", fmt.Sprintf("/needs/%d", id), nil, reader)
		matches = inTurn(matches, bases, "GET", fmt.Sprintf("/api/v1/needs/%d/matches", id), nil, "")
		matches[len(matches)-1].Header.Set("Authorization", "Bearer "+fx.token)
	}
	for _, id := range fx.own {
		comments = inTurn(comments, bases, "POST", fmt.Sprintf("/needs/%d/comments", id), url.Values{"body": {"Vi har liknande erfarenheter i vår kommun."}}, reader)
	}
	for _, q := range searches {
		searchPages = append(searchPages, everywhere(bases, "GET", "/search?q="+url.QueryEscape(q), "")...)
	}
	for _, back := range []bool{false, true} {
		for _, st := range fx.seats {
			action := "register"
			if st.held != back {
				action = "cancel"
			}
			registrations = inTurn(registrations, bases, "POST", fmt.Sprintf("/events/%d/%s", st.event, action), url.Values{}, st.session)
		}
	}
	for _, back := range []bool{false, true} {
		for _, m := range fx.movable {
			to := m.other()
			if back {
				to = m.state
			}
			moves = inTurn(moves, bases, "POST", fmt.Sprintf("/needs/%d/transitions", m.need),
				url.Values{"to": {string(to)}, "comment": {"Vi väntar på besked från verksamheten."}}, m.session)
		}
	}
	out := []loadtest.Route{
		{Name: "GET /needs (anonymous)", Weight: 8, Target: 2000, Next: loadtest.Cycle(everywhere(bases, "GET", "/needs", ""))},
		{Name: "GET /needs (signed in)", Weight: 3, Next: loadtest.Cycle(everywhere(bases, "GET", "/needs", reader))},
		{Name: "GET /needs/{id} (signed in)", Weight: 6, Target: 1500, Next: loadtest.Cycle(needPages)},
		{Name: "GET /search?q=", Weight: 4, Target: 1000, Next: loadtest.Cycle(searchPages)},
		{Name: "GET /solutions (anonymous)", Weight: 3, Next: loadtest.Cycle(everywhere(bases, "GET", "/solutions", ""))},
		{Name: "GET /api/v1/needs/{id}/matches", Weight: 2, Next: loadtest.Cycle(matches)},
		{Name: "POST /needs/{id}/comments", Weight: 1, Next: loadtest.Cycle(comments)},
		{Name: "POST /needs/{id}/transitions", Weight: 1, Next: loadtest.Cycle(moves)},
	}
	if len(registrations) > 0 {
		out = append(out, loadtest.Route{Name: "POST /events/{id}/register|cancel", Weight: 1, Next: loadtest.Cycle(registrations)})
	}
	return out, needPages
}

// instance is a serve process that the harness or a test started.
type instance struct {
	cmd     *exec.Cmd
	url     string
	startup time.Duration
}

// startInstance runs `exe serve` with args on a free port, logging warnings and worse,
// and waits up to 30 s for it to say where it listens.
func startInstance(exe string, args ...string) (*instance, error) {
	cmd := exec.Command(exe, append([]string{"serve", "--addr", "127.0.0.1:0", "--log-level", "warn"}, args...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	in := &instance{cmd: cmd}
	listening := make(chan string, 1)
	go func() {
		lines, said := bufio.NewScanner(out), false
		for lines.Scan() {
			if i := strings.Index(lines.Text(), "http://"); i >= 0 && !said {
				listening <- strings.Fields(lines.Text()[i:])[0]
				said = true
			}
		}
		close(listening)
	}()
	select {
	case u, ok := <-listening:
		if !ok {
			cmd.Wait()
			return nil, errors.New("serve stopped before it listened")
		}
		in.url, in.startup = u, time.Since(start)
		return in, nil
	case <-time.After(30 * time.Second):
		in.stop()
		return nil, errors.New("serve did not listen within 30 s")
	}
}

// memory reads the process's resident memory now and at its peak.
func (in *instance) memory() string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", in.cmd.Process.Pid))
	if err != nil {
		return "memory unknown (" + err.Error() + ")"
	}
	var rss, peak string
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			rss = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			peak = strings.TrimSpace(v)
		}
	}
	return fmt.Sprintf("%s resident, peak %s", rss, peak)
}

func (in *instance) stop() {
	in.cmd.Process.Signal(os.Interrupt)
	in.cmd.Wait()
}
