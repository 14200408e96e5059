package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/config"
	"github.com/tillsammans/tillsammans/internal/search"
)

// evalCmd measures the matcher on an evaluation collection (../shared/eval/README.md):
// it imports the collection into a fresh database, ranks solutions for every need
// through the store, and prints nDCG@10, Recall@5 and MRR.
func evalCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("eval", "tillsammans eval [--dir DIR] [--run FILE] [--db DSN]",
		"Measure need→solution matching on a collection (needs.jsonl, solutions.jsonl, qrels.tsv): import it,\n"+
			"rank ten solutions for every need and print nDCG@10, Recall@5 and MRR. Without --db the collection goes\n"+
			"into a new SQLite database in a temporary folder.", stderr)
	dir := fs.String("dir", "../shared/eval/dev", "the collection's folder")
	run := fs.String("run", "", "also write the run (need TAB solution TAB rank) to FILE, for ../shared/eval/score")
	*db = ""
	if err := config.Parse(fs, args); err != nil {
		return err
	}
	c, err := search.ReadCollection(*dir)
	if err != nil {
		return err
	}
	if *db == "" {
		tmp, err := os.MkdirTemp("", "tillsammans-eval-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		*db = "sqlite:" + filepath.Join(tmp, "eval.db")
	}
	if err := importCmd(ctx, []string{"--needs", filepath.Join(*dir, "needs.jsonl"), "--solutions", filepath.Join(*dir, "solutions.jsonl"),
		"--org", "Utvärdering", "--db", *db}, io.Discard, io.Discard); err != nil {
		return fmt.Errorf("import %s: %w", *dir, err)
	}
	s, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	admin := app.Viewer{Admin: true}
	runs := map[string][]string{}
	var out *os.File
	if *run != "" {
		if out, err = os.Create(*run); err != nil {
			return err
		}
		defer out.Close()
	}
	for _, n := range c.Needs {
		l, err := s.ListNeeds(ctx, admin, app.NeedFilter{Ref: n.ID, Page: app.Page{Limit: 1}})
		if err != nil || len(l.Items) != 1 {
			return fmt.Errorf("need %s not imported: %v", n.ID, err)
		}
		ms, err := s.NeedMatches(ctx, admin, l.Items[0].ID, 10)
		if err != nil {
			return err
		}
		for i, m := range ms {
			runs[n.ID] = append(runs[n.ID], *m.Solution.Ref)
			if out != nil {
				fmt.Fprintf(out, "%s\t%s\t%d\n", n.ID, *m.Solution.Ref, i+1)
			}
		}
	}
	sc := c.Score(runs)
	fmt.Fprintf(stdout, "%s: %d needs, %d solutions: nDCG@10 %.3f  Recall@5 %.3f  MRR %.3f (%s)\n",
		*dir, len(c.Needs), len(c.Solutions), sc.NDCG10, sc.Recall5, sc.MRR, s.Dialect())
	return nil
}
