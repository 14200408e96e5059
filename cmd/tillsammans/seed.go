package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/config"
	"github.com/tillsammans/tillsammans/internal/seed"
)

// seedCmd fills a database with a synthetic dataset in proportion, for load tests.
func seedCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("seed", "tillsammans seed --needs N [--solutions M] [--projects P] [--calls C] [--events E] [--comments N] [--orgs N] [--companies N] [--db DSN]",
		"Fill the database with synthetic public organisations, their staff and needs in every state with histories\nand comments, supplier companies with solutions, projects with partners, milestones and KPIs, funding calls,\nand events with registrations.", stderr)
	needs := fs.Int("needs", 1000, "how many needs")
	solutions := fs.Int("solutions", 0, "how many solutions")
	orgs := fs.Int("orgs", 40, "how many public organisations (each with a coordinator, a need submitter and a procurement officer)")
	companies := fs.Int("companies", 20, "how many supplier companies (each with a supplier), when there are solutions")
	projects := fs.Int("projects", -1, "how many projects (default: one for every ten needs)")
	calls := fs.Int("calls", -1, "how many funding calls (default: one for every ten projects)")
	events := fs.Int("events", -1, "how many events of the public organisations, with registrations (default: one per 1,000 needs, at least one)")
	comments := fs.Int("comments", -1, "how many comments on needs (default: one per 10 needs)")
	rngSeed := fs.Uint64("seed", 1, "random seed: the same seed makes the same dataset")
	if err := config.Parse(fs, args); err != nil {
		return err
	}
	if *projects == -1 {
		*projects = int(float64(*needs) * seed.ProjectsPerNeed)
	}
	if *calls == -1 {
		*calls = int(float64(*projects) * seed.CallsPerProject)
	}
	if *events < 0 {
		*events = max(1, *needs/1000)
	}
	if *comments < 0 {
		*comments = *needs / 10
	}
	if *needs < 0 || *orgs < 1 || *solutions < 0 || *companies < 1 || *projects < 0 || *calls < 0 {
		return fmt.Errorf("--needs, --solutions, --projects and --calls must be 0 or more, --orgs and --companies 1 or more")
	}
	s, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	// Numbers and e-mail addresses continue after what an earlier seed made.
	existing, err := s.ListUsers(ctx, app.UserFilter{Query: "@seed.example", Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	offset := len(existing.Items) / 3 * 1000
	start := time.Now()
	list, err := seed.Organisations(ctx, s, *orgs, offset, auth.HashPassword(seedPassword))
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(*rngSeed, uint64(offset))) // #nosec G404 -- synthetic data, the same for the same --seed
	err = seed.Needs(ctx, s, rng, list, *needs, time.Now(), func(done int) {
		fmt.Fprintf(stderr, "\r%s %d/%d", bar(done, *needs, 30), done, *needs)
	})
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	people := 3 * len(list)
	if *solutions > 0 {
		firms, err := seed.Companies(ctx, s, *companies, offset, auth.HashPassword(seedPassword))
		if err != nil {
			return err
		}
		people += len(firms)
		err = seed.Solutions(ctx, s, rng, firms, *solutions, func(done int) {
			fmt.Fprintf(stderr, "\r%s %d/%d solutions", bar(done, *solutions, 30), done, *solutions)
		})
		fmt.Fprintln(stderr)
		if err != nil {
			return err
		}
	}
	if *projects > 0 {
		_, err = seed.Projects(ctx, s, rng, list, *projects, time.Now(), func(done int) {
			fmt.Fprintf(stderr, "\r%s %d/%d projects", bar(done, *projects, 30), done, *projects)
		})
		fmt.Fprintln(stderr)
		if err != nil {
			return err
		}
	}
	if *calls > 0 {
		err = seed.Calls(ctx, s, rng, *calls, time.Now(), func(done int) {
			fmt.Fprintf(stderr, "\r%s %d/%d calls", bar(done, *calls, 30), done, *calls)
		})
		fmt.Fprintln(stderr)
		if err != nil {
			return err
		}
	}
	if err := seed.Events(ctx, s, rng, list, *events, time.Now()); err != nil {
		return err
	}
	if *needs > 0 {
		if err := seed.Comments(ctx, s, rng, list, *comments); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "seeded %d organisations with %d people, %d needs, %d solutions, %d projects and %d calls in %s; every seeded person's password is %q\n",
		len(list), people, *needs, *solutions, *projects, *calls, time.Since(start).Round(time.Millisecond), seedPassword)
	fmt.Fprintf(stdout, "and %d events with registrations, %d comments on needs\n", *events, *comments)
	return nil
}

// seedPassword is shared by every seeded person, so that load tests can sign in.
const seedPassword = "Tillsammans-seed-2026" // #nosec G101 -- synthetic accounts for load tests, printed by the command

// bar draws a progress bar of width characters.
func bar(done, total, width int) string {
	filled := width
	if total > 0 {
		filled = done * width / total
	}
	b := make([]rune, width)
	for i := range b {
		b[i] = '░'
		if i < filled {
			b[i] = '█'
		}
	}
	return "[" + string(b) + "]"
}

// reindex rebuilds the search index, with a progress line.
func reindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("reindex", "tillsammans reindex [--db DSN]",
		"Rebuild the search index of every need, solution, organisation and person (after the analyser changed).", stderr)
	if err := config.Parse(fs, args); err != nil {
		return err
	}
	s, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	n, err := s.Reindex(ctx, func(done int) { fmt.Fprintf(stderr, "\rindexed %d", done) })
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "indexed %d documents in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}
