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
	fs, db := newFlags("seed", "tillsammans seed --needs N [--orgs N] [--db DSN]",
		"Fill the database with synthetic public organisations, their staff and needs in every state with histories.", stderr)
	needs := fs.Int("needs", 1000, "how many needs")
	orgs := fs.Int("orgs", 40, "how many public organisations (each with a coordinator, a need submitter and a procurement officer)")
	rngSeed := fs.Uint64("seed", 1, "random seed: the same seed makes the same dataset")
	if err := config.Parse(fs, args); err != nil {
		return err
	}
	if *needs < 0 || *orgs < 1 {
		return fmt.Errorf("--needs must be 0 or more and --orgs 1 or more")
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
	rng := rand.New(rand.NewPCG(*rngSeed, uint64(offset)))
	err = seed.Needs(ctx, s, rng, list, *needs, time.Now(), func(done int) {
		fmt.Fprintf(stderr, "\r%s %d/%d", bar(done, *needs, 30), done, *needs)
	})
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seeded %d organisations with %d people and %d needs in %s; every seeded person's password is %q\n",
		len(list), 3*len(list), *needs, time.Since(start).Round(time.Millisecond), seedPassword)
	return nil
}

// seedPassword is shared by every seeded person, so that load tests can sign in.
const seedPassword = "Tillsammans-seed-2026"

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
