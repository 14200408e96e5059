package server_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/files/filestest"
	"github.com/tillsammans/tillsammans/internal/seed"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
	"github.com/tillsammans/tillsammans/internal/web"
)

// TestPageCostDoesNotGrowWithRows records every statement the main pages send at 1,000
// needs and 1,000 solutions, makes the tables a hundred times larger, and asks the
// database how it would answer each statement then. On SQLite the plan must be the same
// and sort no whole table; on PostgreSQL, which plans by size, the pages it touches
// (EXPLAIN ANALYZE's buffers) may grow fivefold, plus the few pages of an index descent
// for each row it returns, while the tables grow a hundredfold. Matching's full-text
// queries are measured by the search benchmarks.
func TestPageCostDoesNotGrowWithRows(t *testing.T) {
	if raceDetector {
		t.Skip("one goroutine asks the database: the plain run of the suite covers it")
	}
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, dialect)
			hash := auth.HashPassword("Fjällräven-Östersund-2026!")
			orgs, err := seed.Organisations(ctx, s, 10, 0, hash)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(7, 8))
			if err := seed.Needs(ctx, s, rng, orgs, 1000, time.Now(), nil); err != nil {
				t.Fatal(err)
			}
			firms, err := seed.Companies(ctx, s, 5, 0, hash)
			if err != nil {
				t.Fatal(err)
			}
			if err := seed.Solutions(ctx, s, rng, firms, 1000, nil); err != nil {
				t.Fatal(err)
			}
			reader := orgs[0].People[0] // a coordinator
			own, err := s.ListNeeds(ctx, app.Viewer{UserID: reader, OrgIDs: []int64{orgs[0].ID}}, app.NeedFilter{OrgID: orgs[0].ID})
			if err != nil || len(own.Items) == 0 {
				t.Fatalf("no needs of the reader's organisation: %v", err)
			}
			sols, err := s.ListSolutions(ctx, app.SolutionFilter{})
			if err != nil || len(sols.Items) == 0 {
				t.Fatalf("no solutions: %v", err)
			}
			pages := []string{"/needs", "/needs?state=submitted", "/needs?sort=title", fmt.Sprintf("/needs/%d", own.Items[0].ID),
				"/needs/dashboard", "/solutions", fmt.Sprintf("/solutions/%d", sols.Items[0].ID), "/organisations",
				fmt.Sprintf("/organisations/%d", orgs[0].ID), "visitor:/needs", "visitor:/solutions"}
			statements := pageStatements(t, s, reader, pages)

			db := s.Pools()["write"]
			if db == nil {
				db = s.Pools()["main"]
			}
			before := map[string]planCost{}
			for _, st := range statements {
				before[st.SQL] = explain(t, db, dialect, st)
			}
			grow(t, db, 100)
			if err := s.Analyze(ctx); err != nil {
				t.Fatal(err)
			}
			var n int
			db.QueryRow(`SELECT count(*) FROM needs`).Scan(&n)
			if n < 100_000 {
				t.Fatalf("%d needs after growing", n)
			}
			for _, st := range statements {
				small, large := before[st.SQL], explain(t, db, dialect, st)
				switch dialect {
				case "sqlite":
					if large.plan != small.plan {
						t.Errorf("the plan changed from 1,000 to 100,000 needs:\n%s\nat 1,000:\n%s\nat 100,000:\n%s", st.SQL, small.plan, large.plan)
					}
					// A ranking of groups (the call radar's calls by the tags they share) sorts
					// its groups, which no index gives in order; what it groups is held to the
					// same plan above.
					if strings.Contains(large.plan, "USE TEMP B-TREE FOR ORDER BY") && strings.Contains(st.SQL, "LIMIT") &&
						!strings.Contains(large.plan, "USE TEMP B-TREE FOR GROUP BY") {
						t.Errorf("a page of rows is sorted from the whole table:\n%s\n%s", st.SQL, large.plan)
					}
				case "postgres":
					if large.buffers > 5*max(small.buffers, 10)+4*large.rows {
						t.Errorf("%d buffers at 100,000 needs against %d at 1,000:\n%s\n%s", large.buffers, small.buffers, st.SQL, large.plan)
					}
				}
			}
			t.Logf("%d statements of %d pages compared", len(statements), len(pages))
		})
	}
}

// pageStatements requests each page as the signed-in reader, or as a visitor where it
// says "visitor:", and returns the reading statements the store sent, each once.
func pageStatements(t *testing.T, s *store.Store, reader int64, pages []string) []store.Statement {
	t.Helper()
	h, err := server.New(server.Config{Store: s, Files: filestest.Open(t), BaseURL: "http://127.0.0.1", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	var log store.QueryLog
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(store.WithQueryLog(r.Context(), &log)))
	}))
	defer ts.Close()
	secret, err := auth.NewAccounts(s).StartSession(context.Background(), reader)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		path, visitor := strings.CutPrefix(p, "visitor:")
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		if !visitor {
			req.Header.Set("Cookie", web.SessionCookie+"="+secret)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
	}
	seen := map[string]bool{}
	var out []store.Statement
	for _, st := range log.Statements() {
		head := strings.ToUpper(strings.TrimSpace(st.SQL))
		if seen[st.SQL] || !(strings.HasPrefix(head, "SELECT") || strings.HasPrefix(head, "WITH")) {
			continue
		}
		seen[st.SQL] = true
		out = append(out, st)
	}
	if len(out) < len(pages) {
		t.Fatalf("only %d statements recorded for %d pages", len(out), len(pages))
	}
	return out
}

type planCost struct {
	plan    string
	buffers int // PostgreSQL: shared pages hit and read
	rows    int // PostgreSQL: rows returned
}

func explain(t *testing.T, db *sql.DB, dialect string, st store.Statement) planCost {
	t.Helper()
	if dialect == "sqlite" {
		rows, err := db.Query("EXPLAIN QUERY PLAN "+st.SQL, st.Args...)
		if err != nil {
			t.Fatalf("%v\n%s", err, st.SQL)
		}
		defer rows.Close()
		var lines []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, detail)
		}
		return planCost{plan: strings.Join(lines, "\n")}
	}
	var doc string
	if err := db.QueryRow("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) "+st.SQL, st.Args...).Scan(&doc); err != nil {
		t.Fatalf("%v\n%s", err, st.SQL)
	}
	var plans []struct {
		Plan struct {
			Hit  int `json:"Shared Hit Blocks"`
			Read int `json:"Shared Read Blocks"`
			Rows int `json:"Actual Rows"`
		}
	}
	if err := json.Unmarshal([]byte(doc), &plans); err != nil || len(plans) == 0 {
		t.Fatalf("EXPLAIN: %v %s", err, doc)
	}
	return planCost{plan: doc, buffers: plans[0].Plan.Hit + plans[0].Plan.Read, rows: plans[0].Plan.Rows}
}

// grow copies every need and solution, with what hangs on them, until there are factor
// times as many, by SQL that both databases speak.
func grow(t *testing.T, db *sql.DB, factor int) {
	t.Helper()
	span := func(table string) int64 {
		var n int64
		if err := db.QueryRow(`SELECT coalesce(max(id), 0) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	needs, solutions, transitions := span("needs"), span("solutions"), span("need_transitions")
	for _, c := range []struct {
		table   string
		parent  string
		offsets map[string]int64
	}{
		{"needs", "id", map[string]int64{"id": needs, "merged_into": needs}},
		{"need_care_settings", "need_id", map[string]int64{"need_id": needs}},
		{"need_tags", "need_id", map[string]int64{"need_id": needs}},
		{"need_benefits", "need_id", map[string]int64{"need_id": needs}},
		{"need_transitions", "need_id", map[string]int64{"id": transitions, "need_id": needs}},
		{"need_state_times", "need_id", map[string]int64{"need_id": needs}},
		{"solutions", "id", map[string]int64{"id": solutions}},
		{"solution_care_settings", "solution_id", map[string]int64{"solution_id": solutions}},
		{"solution_tags", "solution_id", map[string]int64{"solution_id": solutions}},
	} {
		rows, err := db.Query(`SELECT * FROM ` + c.table + ` WHERE 1 = 0`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		rows.Close()
		limit := c.offsets[c.parent]
		for k := 1; k < factor; k++ {
			exprs := make([]string, len(cols))
			for i, col := range cols {
				exprs[i] = col
				if off, ok := c.offsets[col]; ok {
					exprs[i] = fmt.Sprintf("%s + %d", col, int64(k)*off)
				}
			}
			q := fmt.Sprintf(`INSERT INTO %s (%s) SELECT %s FROM %s WHERE %s <= %d`, c.table, strings.Join(cols, ", "),
				strings.Join(exprs, ", "), c.table, c.parent, limit)
			if _, err := db.Exec(q); err != nil {
				t.Fatalf("%s: %v", c.table, err)
			}
		}
	}
}
