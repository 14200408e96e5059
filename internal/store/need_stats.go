package store

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// The dashboard's figures are kept, not recomputed: every change to a need takes away
// what it contributed to need_stats_* and adds what it contributes now, in the same
// transaction. A viewer's figures are then the sum of the buckets of the audiences they
// see, plus the few needs they see through a relation (co-owner, partner), which are
// added one by one. Times are kept in whole days (a stay of 36 hours counts as 1 day).

const day = 86400

// statKey is one bucket a need contributes one to.
type statKey struct {
	org                   int64
	audience, kind, state string
	bucket                int64
}

// needFacts are what a need contributes to the figures.
type needFacts struct {
	org                    int64
	visibility             app.Visibility
	state                  app.NeedState
	submitted, implemented *time.Time
	stays                  map[app.NeedState]int64 // seconds of completed stays
}

// audience says which viewers see a need without a relation to it.
func (f needFacts) audience() string {
	switch {
	case f.submitted == nil:
		return "unsubmitted"
	case f.visibility == app.VisiblePublic:
		return "public"
	case f.visibility == app.VisibleSignedIn:
		return "signed_in"
	}
	return "restricted"
}

func (f needFacts) keys() []statKey {
	a := f.audience()
	keys := []statKey{{f.org, a, "count", string(f.state), 0}}
	for st, sec := range f.stays {
		keys = append(keys, statKey{f.org, a, "stay", string(st), sec / day})
	}
	if f.submitted != nil && f.implemented != nil {
		keys = append(keys, statKey{f.org, a, "lead", "", int64(f.implemented.Sub(*f.submitted).Seconds()) / day})
	}
	if f.submitted != nil && f.state.Open() {
		keys = append(keys, statKey{f.org, a, "open", "", f.submitted.Unix() / day})
	}
	return keys
}

// loadFacts reads the facts of the needs n that from (a FROM and WHERE clause) selects.
func loadFacts(ctx context.Context, c conn, from string, args ...any) (map[int64]*needFacts, error) {
	out := map[int64]*needFacts{}
	rows, err := c.query(ctx, `SELECT n.id, n.org_id, n.visibility, n.state, n.submitted_at, n.implemented_at `+from, args...)
	if err != nil {
		return nil, fmt.Errorf("store: need facts: %w", err)
	}
	var ids []any
	for rows.Next() {
		var id int64
		f := &needFacts{stays: map[app.NeedState]int64{}}
		if err := rows.Scan(&id, &f.org, &f.visibility, &f.state, &f.submitted, &f.implemented); err != nil {
			rows.Close()
			return nil, err
		}
		out[id] = f
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return out, err
	}
	rows, err = c.query(ctx, `SELECT need_id, state, seconds FROM need_state_times WHERE need_id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, sec int64
		var st app.NeedState
		if err := rows.Scan(&id, &st, &sec); err != nil {
			return nil, err
		}
		out[id].stays[st] = sec
	}
	return out, rows.Err()
}

// statDeltas are changes to kept buckets, to be written at once.
type statDeltas map[statKey]int64

func (d statDeltas) add(keys []statKey, delta int64) statDeltas {
	for _, k := range keys {
		d[k] += delta
	}
	return d
}

// addStats writes the deltas to both tables, skipping those that come to nothing. Rows are
// updated in one order of their keys in every transaction, so that two transactions never
// hold rows the other waits for (PostgreSQL found such deadlocks when coordinators moved
// needs through two instances at once).
func addStats(ctx context.Context, c conn, d statDeltas) error {
	type allKey struct {
		audience, kind, state string
		bucket                int64
	}
	all := map[allKey]int64{}
	for k, n := range d {
		all[allKey{k.audience, k.kind, k.state, k.bucket}] += n
	}
	orgKeys := slices.SortedFunc(maps.Keys(d), func(a, b statKey) int {
		return cmp.Or(cmp.Compare(a.org, b.org), cmp.Compare(a.audience, b.audience), cmp.Compare(a.kind, b.kind),
			cmp.Compare(a.state, b.state), cmp.Compare(a.bucket, b.bucket))
	})
	for _, k := range orgKeys {
		if d[k] == 0 {
			continue
		}
		if _, err := c.exec(ctx, `INSERT INTO need_stats_org (org_id, audience, kind, state, bucket, n) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (org_id, audience, kind, state, bucket) DO UPDATE SET n = need_stats_org.n + excluded.n`,
			k.org, k.audience, k.kind, k.state, k.bucket, d[k]); err != nil {
			return fmt.Errorf("store: stats: %w", err)
		}
	}
	allKeys := slices.SortedFunc(maps.Keys(all), func(a, b allKey) int {
		return cmp.Or(cmp.Compare(a.audience, b.audience), cmp.Compare(a.kind, b.kind), cmp.Compare(a.state, b.state), cmp.Compare(a.bucket, b.bucket))
	})
	for _, k := range allKeys {
		if all[k] == 0 {
			continue
		}
		if _, err := c.exec(ctx, `INSERT INTO need_stats_all (audience, kind, state, bucket, n) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (audience, kind, state, bucket) DO UPDATE SET n = need_stats_all.n + excluded.n`,
			k.audience, k.kind, k.state, k.bucket, all[k]); err != nil {
			return fmt.Errorf("store: stats: %w", err)
		}
	}
	return nil
}

// restat runs change on need id inside a transaction and moves its contribution to the
// kept figures from what it was to what it is.
func restat(ctx context.Context, c conn, id int64, change func() error) error {
	before, err := loadFacts(ctx, c, "FROM needs n WHERE n.id = ?", id)
	if err != nil {
		return err
	}
	d := statDeltas{}
	if f, ok := before[id]; ok {
		d.add(f.keys(), -1)
	}
	if err := change(); err != nil {
		return err
	}
	after, err := loadFacts(ctx, c, "FROM needs n WHERE n.id = ?", id)
	if err != nil {
		return err
	}
	if f, ok := after[id]; ok {
		d.add(f.keys(), 1)
	}
	return addStats(ctx, c, d)
}

// NeedFigures counts and measures the needs the viewer may see, of one organisation
// (owning or co-owning) or of all when orgID is 0, from the kept buckets.
func (s *Store) NeedFigures(ctx context.Context, v app.Viewer, orgID int64, now time.Time) (app.NeedFigures, error) {
	buckets := map[[2]string]map[int64]int64{} // (kind, state) → bucket → n
	add := func(kind, state string, bucket, n int64) {
		k := [2]string{kind, state}
		if buckets[k] == nil {
			buckets[k] = map[int64]int64{}
		}
		buckets[k][bucket] += n
	}
	sum := func(query string, args ...any) error {
		rows, err := s.r().query(ctx, `SELECT kind, state, bucket, sum(n) FROM `+query+` GROUP BY kind, state, bucket`, args...)
		if err != nil {
			return fmt.Errorf("store: figures: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var kind, state string
			var bucket, n int64
			if err := rows.Scan(&kind, &state, &bucket, &n); err != nil {
				return err
			}
			add(kind, state, bucket, n)
		}
		return rows.Err()
	}
	member := orgID != 0 && slices.Contains(v.OrgIDs, orgID)
	auds := []any{"public"}
	if v.SignedIn() || v.Admin {
		auds = append(auds, "signed_in")
	}
	if v.Admin || member {
		auds = append(auds, "restricted", "unsubmitted")
	}
	in := placeholders(len(auds))
	var err error
	var related string // the needs seen through a relation, added one by one
	vis, visArgs := visibleNeeds(v)
	relArgs := visArgs
	switch {
	case orgID == 0:
		err = sum(`need_stats_all WHERE audience IN (`+in+`)`, auds...)
		if err == nil && !v.Admin && len(v.OrgIDs) > 0 {
			ids := make([]any, len(v.OrgIDs))
			for i, id := range v.OrgIDs {
				ids[i] = id
			}
			err = sum(`need_stats_org WHERE org_id IN (`+placeholders(len(ids))+`) AND audience IN ('restricted', 'unsubmitted')`, ids...)
			// Found from the relations, not by scanning the needs: few needs are related.
			in := placeholders(len(ids))
			related = `FROM (SELECT need_id AS id FROM need_coowners WHERE org_id IN (` + in + `)
				UNION SELECT need_id FROM need_partners WHERE org_id IN (` + in + `)) r CROSS JOIN needs n
				WHERE n.id = r.id AND n.visibility IN ('organisation', 'partners') AND n.org_id NOT IN (` + in + `) AND ` + vis
			relArgs = append(append(append(slices.Clone(ids), ids...), ids...), visArgs...)
		}
	default:
		err = sum(`need_stats_org WHERE org_id = ? AND audience IN (`+in+`)`, append([]any{orgID}, auds...)...)
		// The organisation's co-owned needs (never its own: an owner cannot join), and, for
		// those outside it, its own needs they see through a relation; each found by an
		// index, not by scanning the needs.
		related = "FROM (SELECT need_id AS id FROM need_coowners WHERE org_id = ?"
		relArgs = []any{orgID}
		if !v.Admin && !member {
			related += " UNION SELECT id FROM needs WHERE org_id = ? AND visibility IN ('organisation', 'partners') AND submitted_at IS NOT NULL"
			relArgs = append(relArgs, orgID)
		}
		related += ") r CROSS JOIN needs n WHERE n.id = r.id AND " + vis
		relArgs = append(relArgs, visArgs...)
	}
	if err != nil {
		return app.NeedFigures{}, err
	}
	if related != "" {
		facts, err := loadFacts(ctx, s.r(), related, relArgs...)
		if err != nil {
			return app.NeedFigures{}, err
		}
		for _, f := range facts {
			for _, k := range f.keys() {
				add(k.kind, k.state, k.bucket, 1)
			}
		}
	}
	f := app.NeedFigures{Count: map[app.NeedState]int{}, MedianSeconds: map[app.NeedState]int64{}}
	for k, b := range buckets {
		kind, state := k[0], app.NeedState(k[1])
		switch kind {
		case "count":
			f.Count[state] = int(b[0])
			if state.Open() {
				f.Open += int(b[0])
			}
		case "stay":
			if m, ok := medianBucket(b); ok {
				f.MedianSeconds[state] = m * day
			}
		case "lead":
			if m, ok := medianBucket(b); ok {
				lead := m * day
				f.MedianLeadTime = &lead
			}
		case "open":
			if m, ok := medianBucket(b); ok {
				age := (now.Unix()/day - m) * day // whole days, like every kept time
				f.MedianOpenAge = &age
			}
		}
	}
	for st, n := range f.Count {
		if n == 0 {
			delete(f.Count, st)
		}
	}
	return f, nil
}

// medianBucket is the bucket of the item at index total/2 in sorted order (the upper
// middle of an even count), as the exact median would be.
func medianBucket(b map[int64]int64) (int64, bool) {
	var total int64
	keys := make([]int64, 0, len(b))
	for k, n := range b {
		if n > 0 {
			keys = append(keys, k)
			total += n
		}
	}
	if total == 0 {
		return 0, false
	}
	slices.Sort(keys)
	target, seen := total/2, int64(0)
	for _, k := range keys {
		if seen += b[k]; seen > target {
			return k, true
		}
	}
	return keys[len(keys)-1], true
}
