package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/search"
)

// The search index: one row in search_docs per need, solution, organisation and person,
// written in the same transaction as the record, with kept document frequencies per kind.
// The database's full-text index picks candidates; internal/search ranks them.

// index kinds in search_docs.
const (
	kindNeed     = app.KindNeed
	kindSolution = app.KindSolution
	kindOrg      = app.KindOrganisation
	kindPerson   = app.KindPerson
)

// candidates is how many records the full-text index hands to the ranking, after the
// visibility of the best matchLimit was checked.
const (
	candidates       = 200
	searchCandidates = 100 // a search shows 20 and counts its facets over these
	matchLimit       = 1000
)

// retrievers is how many of a query's terms (the most telling) pick candidates. A term in
// more than commonShare of the documents picks none while rarer ones can: it would hand
// the ranking most of the collection, and it still counts in the score of every candidate.
const (
	retrievers  = 16
	commonShare = 0.05
)

// ftsQueries write the full-text table: remove a document (doc_id, kind and its old terms;
// none where its row goes with search_docs'), add or replace one from its search_docs row
// (doc_id), append the documents of a kind after a doc_id, clear everything.
type ftsQueries struct{ remove, add, append, clear string }

// indexDoc writes a record's entry and keeps the figures of its kind.
func indexDoc(ctx context.Context, c conn, kind string, id int64, r search.Record) error {
	e := search.Default().Index(r)
	var oldTerms string
	var oldLen int
	var docID int64
	err := c.queryRow(ctx, `SELECT doc_id, terms, len FROM search_docs WHERE kind = ? AND id = ?`, kind, id).Scan(&docID, &oldTerms, &oldLen)
	isNew := err == sql.ErrNoRows
	if err != nil && !isNew {
		return fmt.Errorf("store: index: %w", err)
	}
	if !isNew && oldTerms == e.Terms {
		_, err := c.exec(ctx, `UPDATE search_docs SET tags = ?, care = ?, trl = ? WHERE kind = ? AND id = ?`, e.Tags, e.Care, e.TRL, kind, id)
		return err
	}
	if err := c.queryRow(ctx, `
		INSERT INTO search_docs (kind, id, terms, len, tags, care, trl) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, id) DO UPDATE SET terms = excluded.terms, len = excluded.len, tags = excluded.tags,
			care = excluded.care, trl = excluded.trl
		RETURNING doc_id`,
		kind, id, e.Terms, e.Len, e.Tags, e.Care, e.TRL).Scan(&docID); err != nil {
		return fmt.Errorf("store: index: %w", err)
	}
	if fts := c.d.fts; !isNew && fts.remove != "" {
		if _, err := c.exec(ctx, fts.remove, docID, kind, oldTerms); err != nil {
			return fmt.Errorf("store: index: %w", err)
		}
	}
	if _, err := c.exec(ctx, c.d.fts.add, docID); err != nil {
		return fmt.Errorf("store: index: %w", err)
	}
	docs := 0
	if isNew {
		docs = 1
	}
	return keepFigures(ctx, c, kind, docs, e.Len-oldLen, termSet(oldTerms), termSet(e.Terms))
}

// unindexDoc removes a record's entry.
func unindexDoc(ctx context.Context, c conn, kind string, id int64) error {
	var terms string
	var n int
	var docID int64
	err := c.queryRow(ctx, `DELETE FROM search_docs WHERE kind = ? AND id = ? RETURNING doc_id, terms, len`, kind, id).Scan(&docID, &terms, &n)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: unindex: %w", err)
	}
	if fts := c.d.fts; fts.remove != "" {
		if _, err := c.exec(ctx, fts.remove, docID, kind, terms); err != nil {
			return fmt.Errorf("store: unindex: %w", err)
		}
	}
	return keepFigures(ctx, c, kind, -1, -n, termSet(terms), nil)
}

func termSet(encoded string) map[string]bool {
	set := map[string]bool{}
	for _, t := range search.Decode(encoded) {
		set[t.Term] = true
	}
	return set
}

// keepFigures moves the kept document count, total length and document frequencies.
func keepFigures(ctx context.Context, c conn, kind string, docs, length int, old, new map[string]bool) error {
	if _, err := c.exec(ctx, `
		INSERT INTO search_stats (kind, docs, total_len) VALUES (?, ?, ?)
		ON CONFLICT (kind) DO UPDATE SET docs = search_stats.docs + excluded.docs, total_len = search_stats.total_len + excluded.total_len`,
		kind, docs, length); err != nil {
		return err
	}
	var added, removed []string
	for t := range new {
		if !old[t] {
			added = append(added, t)
		}
	}
	for t := range old {
		if !new[t] {
			removed = append(removed, t)
		}
	}
	// A fixed order, so that concurrent writers on PostgreSQL lock rows alike.
	slices.Sort(added)
	slices.Sort(removed)
	for chunk := range slices.Chunk(added, 200) {
		args := make([]any, 0, 2*len(chunk))
		for _, t := range chunk {
			args = append(args, kind, t)
		}
		if _, err := c.exec(ctx, `INSERT INTO search_df (kind, term, df) VALUES `+
			strings.TrimSuffix(strings.Repeat("(?, ?, 1), ", len(chunk)), ", ")+
			` ON CONFLICT (kind, term) DO UPDATE SET df = search_df.df + 1`, args...); err != nil {
			return err
		}
	}
	for chunk := range slices.Chunk(removed, 200) {
		args := []any{kind}
		for _, t := range chunk {
			args = append(args, t)
		}
		if _, err := c.exec(ctx, `UPDATE search_df SET df = df - 1 WHERE kind = ? AND term IN (`+placeholders(len(chunk))+`)`, args...); err != nil {
			return err
		}
	}
	return nil
}

// bulkIndex indexes many new records of one kind in a transaction: it analyses them on
// every core and keeps their figures once at the end. This is how seeding and reindexing
// write 100,000 records in minutes.
type bulkIndex struct {
	kind    string
	after   int64 // the last doc_id before this batch
	pending []pendingDoc
}

type pendingDoc struct {
	id int64
	r  search.Record
}

// newBulkIndex starts a batch in the transaction c.
func newBulkIndex(ctx context.Context, c conn, kind string) (*bulkIndex, error) {
	b := &bulkIndex{kind: kind}
	err := c.queryRow(ctx, `SELECT COALESCE(MAX(doc_id), 0) FROM search_docs`).Scan(&b.after)
	return b, err
}

// bulkRows is how many entries one INSERT writes.
const bulkRows = 100

// add queues a record; flush writes the queue.
func (b *bulkIndex) add(id int64, r search.Record) { b.pending = append(b.pending, pendingDoc{id, r}) }

// analyse analyses the queued records on every core, in their order.
func (b *bulkIndex) analyse() []search.Entry {
	out := make([]search.Entry, len(b.pending))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(out); i += workers {
				out[i] = search.Default().Index(b.pending[i].r)
			}
		})
	}
	wg.Wait()
	return out
}

func (b *bulkIndex) flush(ctx context.Context, c conn) error {
	df := map[string]int{}
	size := 0
	entries := b.analyse()
	// Many rows a statement: a round trip per row was most of PostgreSQL's time.
	for start := 0; start < len(entries); start += bulkRows {
		end := min(start+bulkRows, len(entries))
		args := make([]any, 0, 7*(end-start))
		for i := start; i < end; i++ {
			e := entries[i]
			args = append(args, b.kind, b.pending[i].id, e.Terms, e.Len, e.Tags, e.Care, e.TRL)
			size += e.Len
			for t := range termSet(e.Terms) {
				df[t]++
			}
		}
		if _, err := c.exec(ctx, `INSERT INTO search_docs (kind, id, terms, len, tags, care, trl) VALUES `+
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?), ", end-start), ", "), args...); err != nil {
			return fmt.Errorf("store: index: %w", err)
		}
	}
	if err := keepFigures(ctx, c, b.kind, len(b.pending), size, nil, nil); err != nil {
		return err
	}
	// One statement for the batch: FTS5 writes its segments once.
	if _, err := c.exec(ctx, c.d.fts.append, b.kind, b.after); err != nil {
		return fmt.Errorf("store: index: %w", err)
	}
	terms := make([]string, 0, len(df))
	for t := range df {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	for chunk := range slices.Chunk(terms, 200) {
		args := make([]any, 0, 3*len(chunk))
		for _, t := range chunk {
			args = append(args, b.kind, t, df[t])
		}
		if _, err := c.exec(ctx, `INSERT INTO search_df (kind, term, df) VALUES `+
			strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(chunk)), ", ")+
			` ON CONFLICT (kind, term) DO UPDATE SET df = search_df.df + excluded.df`, args...); err != nil {
			return err
		}
	}
	b.pending = b.pending[:0]
	return c.queryRow(ctx, `SELECT COALESCE(MAX(doc_id), 0) FROM search_docs`).Scan(&b.after)
}

// stats reads the kept figures of kind for the terms of q.
func stats(ctx context.Context, c conn, kind string, q search.Query) (search.Stats, error) {
	st := search.Stats{DF: map[string]int{}}
	var total int64
	err := c.queryRow(ctx, `SELECT docs, total_len FROM search_stats WHERE kind = ?`, kind).Scan(&st.Docs, &total)
	if err == sql.ErrNoRows {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	if st.Docs > 0 {
		st.AvgLen = float64(total) / float64(st.Docs)
	}
	terms := make([]string, 0, len(q))
	for t := range q {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	for chunk := range slices.Chunk(terms, 64) {
		// Padded to a fixed length so that the statement is prepared once.
		args := []any{kind}
		for i := range 64 {
			t := ""
			if i < len(chunk) {
				t = chunk[i]
			}
			args = append(args, t)
		}
		rows, err := c.query(ctx, `SELECT term, df FROM search_df WHERE kind = ? AND term IN (`+placeholders(64)+`)`, args...)
		if err != nil {
			return st, err
		}
		for rows.Next() {
			var t string
			var df int
			if err := rows.Scan(&t, &df); err != nil {
				rows.Close()
				return st, err
			}
			st.DF[t] = df
		}
		if err := rows.Close(); err != nil {
			return st, err
		}
	}
	return st, nil
}

// retrieve returns the candidates of kind that meet the query and pass the extra
// condition cond (a visibility predicate over the joined record). A search (groups set)
// first asks for records that meet every word; a match, or a search that finds nothing so,
// asks for records holding any of the query's most telling terms.
func (s *Store) retrieve(ctx context.Context, kind string, q search.Profile, groups []search.Requirement, st search.Stats,
	join, cond string, condArgs []any) ([]search.Profile, error) {
	weights := map[string]float64{}
	for t, w := range q.Query {
		weights[t] = w * st.IDF(t)
	}
	if len(groups) > 1 {
		all := make([][]string, 0, len(groups))
		expect := st.Docs
		for _, g := range groups {
			var known []string
			sum := 0
			for _, t := range g {
				if df := st.DF[t]; df > 0 {
					known, sum = append(known, t), sum+df
				}
			}
			if len(known) == 0 {
				all = nil
				break
			}
			all, expect = append(all, known), min(expect, sum)
		}
		if all != nil {
			m := newFTSMatch(kind, all, weights, expect, rankedSearch, st.Docs, searchCandidates)
			out, err := s.candidates(ctx, m, q, searchCandidates, join, cond, condArgs)
			if len(out) > 0 || err != nil {
				return out, err
			}
		}
	}
	type weighted struct {
		term string
		w    float64
	}
	var ws, common []weighted
	for t, w := range weights {
		switch df := st.DF[t]; {
		case df == 0:
		case float64(df) > commonShare*float64(st.Docs):
			common = append(common, weighted{t, w})
		default:
			ws = append(ws, weighted{t, w})
		}
	}
	if len(ws) == 0 {
		// Only common terms: the most telling of them picks the candidates.
		ws = common
	}
	if len(ws) == 0 {
		return nil, nil
	}
	slices.SortFunc(ws, func(a, b weighted) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return strings.Compare(a.term, b.term)
	})
	terms := make([]string, 0, retrievers)
	expect := 0
	for _, w := range ws[:min(retrievers, len(ws))] {
		terms, expect = append(terms, w.term), expect+st.DF[w.term]
	}
	ranked, limit := rankedMatch, candidates
	if groups != nil {
		ranked, limit = rankedSearch, searchCandidates
	}
	return s.candidates(ctx, newFTSMatch(kind, [][]string{terms}, weights, expect, ranked, st.Docs, limit), q, limit, join, cond, condArgs)
}

// rankedSearch and rankedMatch are how many matching documents the database ranks at most
// for a search and for a match; beyond it, the newest candidates are taken as they are,
// since ranking them all would cost more than the answer may. A match, whose suggestions
// people act on, may spend more on its candidates than a search of a few words.
const (
	rankedSearch = 2000
	rankedMatch  = 5000
)

// ftsMatch is what the full-text index is asked: documents of a kind that meet every
// group of terms (a group by any of its terms).
type ftsMatch struct {
	kind    string
	groups  [][]string
	weights map[string]float64 // the terms' weights in the query
	ranked  bool               // best first; else newest first
	// recent, for a search that is not ranked, looks among the kind's newest recent
	// records only (0: all), where the database cannot stop at the newest matches; docs
	// is how many records of the kind there are.
	recent, docs int
}

// newFTSMatch asks for the documents of kind that meet groups, for limit candidates.
// Those that are expected to match more than ranked documents are taken newest first,
// looked for among a window of the newest records that should hold four times limit of
// them: enough, most often, that as many as limit pass the viewer's visibility (and the
// window grows when not).
func newFTSMatch(kind string, groups [][]string, weights map[string]float64, expect, ranked, docs, limit int) ftsMatch {
	m := ftsMatch{kind: kind, groups: groups, weights: weights, ranked: expect <= ranked, docs: docs}
	if !m.ranked && expect > 0 {
		m.recent = 4 * limit * docs / expect
	}
	return m
}

// candidates reads up to limit records that the full-text index finds for m and that pass
// the join and condition.
func (s *Store) candidates(ctx context.Context, m ftsMatch, q search.Profile, limit int, join, cond string, condArgs []any) ([]search.Profile, error) {
	from, order, args := s.dialect.match(m)
	args = append(args, condArgs...)
	if cond == "" {
		cond = "1 = 1"
	}
	// The full-text index alone picks the best matchLimit; the visibility of those is
	// checked, and the terms are read for the chosen few.
	rows, err := s.r().query(ctx, `
		SELECT c.id, c.terms, c.len, c.tags, c.care, c.trl FROM search_docs c WHERE c.doc_id IN (
			SELECT d.doc_id FROM `+from+` `+join+`
			WHERE `+cond+` ORDER BY `+order+`, d.id LIMIT `+fmt.Sprint(limit)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: retrieve: %w", err)
	}
	defer rows.Close()
	var out []search.Profile
	for rows.Next() {
		var id int64
		var e search.Entry
		if err := rows.Scan(&id, &e.Terms, &e.Len, &e.Tags, &e.Care, &e.TRL); err != nil {
			return nil, err
		}
		out = append(out, e.ProfileFor(id, q))
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(out) < limit && m.recent > 0 && s.dialect.recentWindow {
		// The window held fewer than were asked for (the words go together less often
		// than their counts say, or the viewer may see few): four times as many records
		// are looked at, and at last all of them.
		if m.recent *= 4; m.recent >= m.docs {
			m.recent = 0
		}
		return s.candidates(ctx, m, q, limit, join, cond, condArgs)
	}
	return out, nil
}

// entry reads the index entry of one record.
func (s *Store) entry(ctx context.Context, kind string, id int64) (search.Entry, error) {
	var e search.Entry
	err := s.r().queryRow(ctx, `SELECT terms, len, tags, care, trl FROM search_docs WHERE kind = ? AND id = ?`, kind, id).
		Scan(&e.Terms, &e.Len, &e.Tags, &e.Care, &e.TRL)
	return e, err
}

// rank scores the candidates of kind for the query profile.
func (s *Store) rank(ctx context.Context, kind string, q search.Profile, groups []search.Requirement, join, cond string, condArgs []any, limit int) ([]search.Suggestion, error) {
	st, err := stats(ctx, s.r(), kind, q.Query)
	if err != nil {
		return nil, err
	}
	cands, err := s.retrieve(ctx, kind, q, groups, st, join, cond, condArgs)
	if err != nil {
		return nil, err
	}
	return search.Rank(q, cands, st, limit), nil
}

// reasons names the reasons of a suggestion with the words of the record they came from.
func reasons(rs []search.Reason, words map[string]string) []app.MatchReason {
	out := make([]app.MatchReason, 0, len(rs))
	// A single letter ("e", of "e-post") tells nobody why two texts match: it is not named.
	name := func(terms []string) []string {
		var ns []string
		for _, t := range terms {
			n := words[t]
			if n == "" {
				n = search.Default().Label(t, search.Swedish)
			}
			if utf8.RuneCountInString(n) > 1 && !slices.Contains(ns, n) {
				ns = append(ns, n)
			}
		}
		return ns
	}
	for _, r := range rs {
		terms := name(r.Terms)
		if r.Kind == search.ReasonCareSetting {
			terms = search.Default().CareCodes(r.Terms)
		}
		if len(r.Terms) > 0 && len(terms) == 0 {
			continue
		}
		out = append(out, app.MatchReason{Kind: r.Kind, Terms: terms, TRL: r.TRL})
	}
	return out
}

// NeedMatches ranks solutions for a need the viewer may see; the best are kept
// (need_matches.go).
func (s *Store) NeedMatches(ctx context.Context, v app.Viewer, needID int64, limit int) ([]app.Match, error) {
	return s.keptMatch(ctx, v, needID, kindSolution, limit, func(n app.Need, limit int) ([]app.Match, error) {
		return s.suggest(ctx, kindNeed, needID, needRecord(n.Input()).Text, kindSolution, "", "", nil, limit)
	})
}

// suggest ranks the records of kind, among those that join and cond let through, for the
// indexed record (askKind, askID), and names them with reasons in the words of its text.
func (s *Store) suggest(ctx context.Context, askKind string, askID int64, text, kind, join, cond string, condArgs []any, limit int) ([]app.Match, error) {
	e, err := s.entry(ctx, askKind, askID)
	if err != nil {
		return nil, notFound(err, map[string]string{kindNeed: "err.need_not_found", kindSolution: "err.solution_not_found"}[askKind])
	}
	sugs, err := s.rank(ctx, kind, e.Asking(askID), nil, join, cond, condArgs, limit)
	if err != nil {
		return nil, err
	}
	return s.matched(ctx, kind, sugs, search.Default().Words(text))
}

// matched names the suggested records of a kind, in one query, with their reasons in the
// words of the record they were found for.
func (s *Store) matched(ctx context.Context, kind string, sugs []search.Suggestion, words map[string]string) ([]app.Match, error) {
	out := make([]app.Match, 0, len(sugs))
	if len(sugs) == 0 {
		return out, nil
	}
	query := map[string]string{
		kindSolution: `SELECT s.id, s.ref, s.title, '', o.id, o.name, o.kind FROM solutions s JOIN organisations o ON o.id = s.org_id WHERE s.id IN `,
		kindNeed:     `SELECT n.id, n.ref, n.title, n.state, o.id, o.name, o.kind FROM needs n JOIN organisations o ON o.id = n.org_id WHERE n.id IN `,
		kindOrg:      `SELECT o.id, NULL, o.name, '', o.id, o.name, o.kind FROM organisations o WHERE o.id IN `,
	}[kind]
	args := make([]any, len(sugs))
	for i, sg := range sugs {
		args[i] = sg.ID
	}
	rows, err := s.r().query(ctx, query+"("+placeholders(len(args))+")", args...)
	if err != nil {
		return nil, fmt.Errorf("store: matched: %w", err)
	}
	type named struct {
		ref   *string
		title string
		state app.NeedState
		org   app.OrgRef
	}
	names := map[int64]named{}
	for rows.Next() {
		var id int64
		var x named
		if err := rows.Scan(&id, &x.ref, &x.title, &x.state, &x.org.ID, &x.org.Name, &x.org.Kind); err != nil {
			rows.Close()
			return nil, err
		}
		names[id] = x
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	for _, sg := range sugs {
		x, ok := names[sg.ID]
		if !ok {
			continue // deleted since it was ranked
		}
		m := app.Match{Score: round(sg.Score), Reasons: reasons(sg.Reasons, words)}
		switch kind {
		case kindSolution:
			m.Solution = &app.SolutionRef{ID: sg.ID, Ref: x.ref, Title: x.title, Organisation: x.org}
		case kindNeed:
			m.Need = &app.MatchedNeed{ID: sg.ID, Ref: x.ref, Title: x.title, State: x.state, Organisation: x.org}
		default:
			org := x.org
			m.Organisation = &org
		}
		out = append(out, m)
	}
	return out, nil
}

// needsLookingForSolutions leaves out needs that were turned down, merged, withdrawn or
// closed.
var needsLookingForSolutions = fmt.Sprintf("n.state NOT IN ('%s', '%s', '%s', '%s')",
	app.StateRejected, app.StateMerged, app.StateWithdrawn, app.StateClosed)

// SolutionMatches ranks the needs the viewer may see for a solution that are still
// looking for one.
func (s *Store) SolutionMatches(ctx context.Context, v app.Viewer, solutionID int64, limit int) ([]app.Match, error) {
	sol, err := s.Solution(ctx, solutionID)
	if err != nil {
		return nil, err
	}
	vis, visArgs := visibleNeeds(v)
	return s.suggest(ctx, kindSolution, solutionID, solutionRecord(sol.Input()).Text, kindNeed,
		"JOIN needs n ON n.id = d.id", vis+" AND "+needsLookingForSolutions, visArgs, limit)
}

// SimilarNeeds ranks the open needs the viewer may see that resemble a need being written,
// so that its writer can join one instead of registering a duplicate.
func (s *Store) SimilarNeeds(ctx context.Context, v app.Viewer, text string, exclude int64, limit int) ([]app.Match, error) {
	toks := search.Default().Analyse(text)
	if len(toks) == 0 {
		return nil, nil
	}
	q := search.Profile{Query: search.NewQuery(toks)}
	vis, visArgs := visibleNeeds(v)
	sugs, err := s.rank(ctx, kindNeed, q, nil, "JOIN needs n ON n.id = d.id",
		vis+" AND "+needsLookingForSolutions+" AND n.submitted_at IS NOT NULL AND n.id <> ?", append(visArgs, exclude), limit)
	if err != nil {
		return nil, err
	}
	return s.matched(ctx, kindNeed, sugs, search.Default().Words(text))
}

// OrganisationMatches ranks the organisations that offer solutions and knowledge
// (companies, academia, non-profits) whose description and capabilities fit a need the
// viewer may see; the best are kept (need_matches.go).
func (s *Store) OrganisationMatches(ctx context.Context, v app.Viewer, needID int64, limit int) ([]app.Match, error) {
	return s.keptMatch(ctx, v, needID, kindOrg, limit, func(n app.Need, limit int) ([]app.Match, error) {
		return s.suggest(ctx, kindNeed, needID, needRecord(n.Input()).Text, kindOrg, "JOIN organisations o ON o.id = d.id",
			"o.id <> ? AND o.kind IN ('company', 'academia', 'nonprofit')", []any{n.Organisation.ID}, limit)
	})
}

// needRecord is what the index reads of a need.
func needRecord(in app.NeedInput) search.Record {
	return search.Record{
		Text: strings.Join([]string{in.Title, in.HowMightWe, in.Problem, in.CurrentPractice, in.Consequence, in.TargetGroups, in.Constraints}, "\n"),
		Tags: in.Tags, CareSettings: in.CareSettings,
	}
}

// solutionRecord is what the index reads of a solution: never a field its supplier
// marked as a business secret.
func solutionRecord(in app.SolutionInput) search.Record {
	parts := []string{in.Title, strings.Join(in.TargetGroups, ", ")}
	for _, f := range []struct{ field, text string }{{"description", in.Description}, {"evidence", in.Evidence}} {
		if !slices.Contains(in.SecretFields, f.field) {
			parts = append(parts, f.text)
		}
	}
	return search.Record{Text: strings.Join(parts, "\n"), Tags: in.Tags, CareSettings: in.CareSettings, TRL: in.TRL}
}

// orgRecord is what the index reads of an organisation.
func orgRecord(in app.OrganisationInput) search.Record {
	return search.Record{Text: in.Name + "\n" + in.Description + "\n" + strings.Join(in.Capabilities, ", ")}
}

// round keeps scores readable and equal on both databases.
func round(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }
