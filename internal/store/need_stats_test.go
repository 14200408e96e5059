package store_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/seed"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestKeptFiguresEqualRecount compares the kept figures with a recount from the needs
// themselves, as read through the public store methods, for several viewers and
// organisation filters, after seeding, moves, co-owners and edits.
func TestKeptFiguresEqualRecount(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		rng := rand.New(rand.NewPCG(7, 8))
		orgs, err := seed.Organisations(ctx, s, 4, 500, "x")
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		if err := seed.Needs(ctx, s, rng, orgs, 300, now, nil); err != nil {
			t.Fatal(err)
		}
		a, b := orgs[0], orgs[1]
		// Needs made one by one too: a draft, a submitted one, and one whose visibility changes.
		for i, vis := range []app.Visibility{app.VisiblePublic, app.VisibleSignedIn, app.VisiblePublic} {
			in := needInput(fmt.Sprint("Enskilt behov ", i), vis)
			in.OwnerID = &a.People[0]
			n := mustNeed(t, s, a.ID, a.People[0], in)
			if i > 0 {
				n = move(t, s, n, a.People[0], app.StateSubmitted)
			}
			if i == 2 {
				in.Visibility = app.VisibleOrganisation
				in.Normalise()
				if _, err := s.UpdateNeed(ctx, n.ID, in); err != nil {
					t.Fatal(err)
				}
			}
		}
		// B co-owns some of A's needs, including restricted ones; some needs move on.
		all, _ := s.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{OrgID: a.ID, Page: app.Page{Limit: 200}})
		for i, n := range all.Items {
			if i%4 == 0 && n.State != app.StateDraft {
				if err := s.JoinNeed(ctx, n.ID, b.ID, b.People[0], 10, 1); err != nil {
					t.Fatal(err)
				}
			}
			if i%7 == 0 {
				for _, to := range app.AllowedTransitions(n.State, []app.NeedRelation{app.RelAdmin}) {
					if _, err := s.TransitionNeed(ctx, n.ID, n.State, a.People[0], app.TransitionInput{To: to, Route: "buy", CloseReason: "solved",
						ProcurementContact: "x", At: now.Add(time.Hour)}); err == nil {
						break
					}
				}
			}
		}
		viewers := map[string]app.Viewer{
			"visitor":  {},
			"signedin": {UserID: 1},
			"memberA":  {UserID: 2, OrgIDs: []int64{a.ID}},
			"memberB":  {UserID: 3, OrgIDs: []int64{b.ID}},
			"memberAB": {UserID: 4, OrgIDs: []int64{a.ID, b.ID}},
			"admin":    {UserID: 5, Admin: true},
		}
		for name, v := range viewers {
			for _, org := range []int64{0, a.ID, b.ID} {
				got, err := s.NeedFigures(ctx, v, org, now.Add(2*time.Hour))
				if err != nil {
					t.Fatal(err)
				}
				want := recount(t, s, v, org, now.Add(2*time.Hour))
				if !sameFigures(got, want) {
					t.Errorf("%s, org %d:\n kept    %+v\n recount %+v", name, org, got, want)
				}
			}
		}
	})
}

// recount computes the figures the slow way, from every visible need and its history.
func recount(t *testing.T, s *store.Store, v app.Viewer, org int64, now time.Time) app.NeedFigures {
	t.Helper()
	f := app.NeedFigures{Count: map[app.NeedState]int{}, MedianSeconds: map[app.NeedState]int64{}}
	stays := map[app.NeedState][]int64{}
	var leads, opens []int64
	filter := app.NeedFilter{OrgID: org, Page: app.Page{Limit: 200}}
	for {
		l, err := s.ListNeeds(ctx, v, filter)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range l.Items {
			f.Count[n.State]++
			if n.State.Open() {
				f.Open++
				if n.SubmittedAt != nil {
					opens = append(opens, n.SubmittedAt.Unix()/86400)
				}
			}
			if n.LeadTimeSeconds != nil {
				leads = append(leads, *n.LeadTimeSeconds/86400)
			}
			h, err := s.NeedHistory(ctx, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			spent := map[app.NeedState]int64{}
			for i := 1; i < len(h); i++ {
				spent[h[i].From] += int64(h[i].At.Sub(h[i-1].At).Seconds())
			}
			for st, sec := range spent {
				stays[st] = append(stays[st], sec/86400)
			}
		}
		if l.NextCursor == nil {
			break
		}
		filter.Cursor = *l.NextCursor
	}
	mid := func(xs []int64) (int64, bool) {
		if len(xs) == 0 {
			return 0, false
		}
		slices.Sort(xs)
		return xs[len(xs)/2], true
	}
	for st, xs := range stays {
		if m, ok := mid(xs); ok {
			f.MedianSeconds[st] = m * 86400
		}
	}
	if m, ok := mid(leads); ok {
		v := m * 86400
		f.MedianLeadTime = &v
	}
	if m, ok := mid(opens); ok {
		v := (now.Unix()/86400 - m) * 86400
		f.MedianOpenAge = &v
	}
	return f
}

func sameFigures(a, b app.NeedFigures) bool {
	eqp := func(x, y *int64) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	if a.Open != b.Open || len(a.Count) != len(b.Count) || len(a.MedianSeconds) != len(b.MedianSeconds) {
		return false
	}
	for k, v := range a.Count {
		if b.Count[k] != v {
			return false
		}
	}
	for k, v := range a.MedianSeconds {
		if w, ok := b.MedianSeconds[k]; !ok || w != v {
			return false
		}
	}
	return eqp(a.MedianLeadTime, b.MedianLeadTime) && eqp(a.MedianOpenAge, b.MedianOpenAge)
}

// TestConcurrentMovesKeepFigures: coordinators of several organisations move needs on
// and off hold at once, on two stores over one database as two instances would: no move
// fails (PostgreSQL once found deadlocks between the kept buckets), and the kept figures
// still equal a recount.
func TestConcurrentMovesKeepFigures(t *testing.T) {
	storetest.ForEachPair(t, func(t *testing.T, s1, s2 *store.Store) {
		rng := rand.New(rand.NewPCG(9, 10))
		orgs, err := seed.Organisations(ctx, s1, 4, 600, "x")
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		if err := seed.Needs(ctx, s1, rng, orgs, 400, now, nil); err != nil {
			t.Fatal(err)
		}
		var needs []app.Need
		for _, o := range orgs {
			l, err := s1.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{OrgID: o.ID, States: []app.NeedState{app.StateBeingAnalysed}, Page: app.Page{Limit: 10}})
			if err != nil {
				t.Fatal(err)
			}
			needs = append(needs, l.Items...)
		}
		if len(needs) < 8 {
			t.Fatalf("only %d needs in analysis", len(needs))
		}
		owner := map[int64]int64{}
		for _, o := range orgs {
			owner[o.ID] = o.People[0]
		}
		var wg sync.WaitGroup
		errs := make(chan error, len(needs))
		for i, n := range needs {
			s := []*store.Store{s1, s2}[i%2]
			wg.Go(func() {
				state := n.State
				for range 6 {
					to := app.StateOnHold
					if state == app.StateOnHold {
						to = app.StateBeingAnalysed
					}
					if _, err := s.TransitionNeed(ctx, n.ID, state, owner[n.Organisation.ID], app.TransitionInput{To: to}); err != nil {
						errs <- fmt.Errorf("need %d %s → %s: %w", n.ID, state, to, err)
						return
					}
					state = to
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		v := app.Viewer{UserID: 1, Admin: true}
		got, err := s1.NeedFigures(ctx, v, 0, now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if want := recount(t, s1, v, 0, now.Add(time.Hour)); !sameFigures(got, want) {
			t.Errorf("kept    %+v\nrecount %+v", got, want)
		}
	})
}
