package store_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

func needInput(title string, vis app.Visibility) app.NeedInput {
	in := app.NeedInput{Title: title, HowMightWe: "Hur kan vi minska resorna för äldre i Härjedalen?", Problem: "Långa avstånd till akutvård.",
		CareSettings: []string{"primarvard", "ambulans"}, Tags: []string{"Distansvård", "glesbygd"}, VolumePeople: 1200, Visibility: vis,
		Benefits: []app.Benefit{{KPI: "Resor till akuten", Unit: "resor/år", Baseline: "800", Target: "400"}}}
	return in
}

func mustNeed(t *testing.T, s *store.Store, org, creator int64, in app.NeedInput) app.Need {
	t.Helper()
	if err := in.Normalise(); err != nil {
		t.Fatalf("need input: %v", err)
	}
	n, err := s.CreateNeed(ctx, org, creator, in)
	if err != nil {
		t.Fatalf("create need: %v", err)
	}
	return n
}

func move(t *testing.T, s *store.Store, n app.Need, actor int64, path ...app.NeedState) app.Need {
	t.Helper()
	for _, to := range path {
		var err error
		n, err = s.TransitionNeed(ctx, n.ID, n.State, actor, app.TransitionInput{To: to, Route: "pilot", CloseReason: "solved", ProcurementContact: "upphandling@region.example"})
		if err != nil {
			t.Fatalf("%s → %s: %v", n.State, to, err)
		}
	}
	return n
}

func TestNeedCreateAndRead(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", 0)
		in := needInput("Virtuellt akutrum i Härjedalen", app.VisiblePartners)
		in.OwnerID = &u.ID
		in.PartnerIDs = []int64{kommun.ID}
		n := mustNeed(t, s, region.ID, u.ID, in)
		if n.State != app.StateDraft || n.Owner == nil || n.Owner.Name != "Karin" || n.Organisation.Name != region.Name ||
			!slices.Equal(n.CareSettings, []string{"ambulans", "primarvard"}) || !slices.Equal(n.Tags, []string{"Distansvård", "glesbygd"}) ||
			len(n.Benefits) != 1 || len(n.Partners) != 1 || n.LeadTimeSeconds != nil {
			t.Fatalf("created = %+v", n)
		}
		// The owner must belong to the owning organisation.
		stranger := mustCreateUser(t, s, "x@example.se", "X")
		in.OwnerID = &stranger.ID
		_, err := s.UpdateNeed(ctx, n.ID, in)
		wantCode(t, err, app.Invalid)
		in.OwnerID = &u.ID
		in.PartnerIDs = []int64{424242}
		_, err = s.UpdateNeed(ctx, n.ID, in)
		wantCode(t, err, app.Invalid)
		if got, _ := s.Need(ctx, app.Viewer{Admin: true}, n.ID); len(got.Partners) != 1 {
			t.Fatalf("a refused update changed the partners: %+v", got.Partners)
		}
		_, err = s.Need(ctx, app.Viewer{Admin: true}, 424242)
		wantCode(t, err, app.NotFound)
	})
}

// TestNeedVisibility checks who sees a need, for every visibility and kind of viewer, in
// a single read and in lists and figures alike.
func TestNeedVisibility(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		owner := mustCreateUser(t, s, "owner@region.example", "Owner")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", owner.ID)
		partner := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", 0)
		coowner := mustCreateOrg(t, s, "Krokoms kommun", "212000-2395", 0)
		other := mustCreateOrg(t, s, "Bergs kommun", "212000-2387", 0)
		viewers := map[string]app.Viewer{
			"visitor":  {},
			"signedin": {UserID: 99},
			"owning":   {UserID: 98, OrgIDs: []int64{region.ID}},
			"partner":  {UserID: 97, OrgIDs: []int64{partner.ID}},
			"coowner":  {UserID: 96, OrgIDs: []int64{coowner.ID}},
			"other":    {UserID: 95, OrgIDs: []int64{other.ID}},
			"admin":    {UserID: 94, Admin: true},
		}
		want := map[app.Visibility][]string{
			app.VisibleOrganisation: {"owning", "coowner", "admin"},
			app.VisiblePartners:     {"owning", "partner", "coowner", "admin"},
			app.VisibleSignedIn:     {"signedin", "owning", "partner", "coowner", "other", "admin"},
			app.VisiblePublic:       {"visitor", "signedin", "owning", "partner", "coowner", "other", "admin"},
		}
		needs := map[app.Visibility]app.Need{}
		for _, vis := range app.Visibilities {
			in := needInput("Behov "+string(vis), vis)
			in.PartnerIDs = []int64{partner.ID}
			n := mustNeed(t, s, region.ID, owner.ID, in)
			// A draft stays inside the owning organisation, whatever its visibility.
			for name, v := range viewers {
				_, err := s.Need(ctx, v, n.ID)
				if ok := name == "owning" || name == "admin"; (err == nil) != ok {
					t.Errorf("draft %s seen by %s: %v", vis, name, err)
				}
			}
			n = move(t, s, n, owner.ID, app.StateSubmitted)
			if err := s.JoinNeed(ctx, n.ID, coowner.ID, owner.ID, 300, 0); err != nil {
				t.Fatal(err)
			}
			needs[vis] = n
		}
		// A draft withdrawn before it was ever submitted stays inside too.
		wd := move(t, s, mustNeed(t, s, region.ID, owner.ID, needInput("Tillbakadraget utkast", app.VisiblePublic)), owner.ID, app.StateWithdrawn)
		for name, v := range viewers {
			_, err := s.Need(ctx, v, wd.ID)
			if ok := name == "owning" || name == "admin"; (err == nil) != ok {
				t.Errorf("withdrawn draft seen by %s: %v", name, err)
			}
		}
		for vis, n := range needs {
			for name, v := range viewers {
				ok := slices.Contains(want[vis], name)
				_, err := s.Need(ctx, v, n.ID)
				if (err == nil) != ok {
					t.Errorf("%s need seen by %s: err %v, want seen %v", vis, name, err, ok)
				}
				if err != nil {
					wantCode(t, err, app.NotFound)
				}
			}
		}
		for name, v := range viewers {
			l, err := s.ListNeeds(ctx, v, app.NeedFilter{States: []app.NeedState{app.StateSubmitted}})
			if err != nil {
				t.Fatal(err)
			}
			var seen []string
			for _, n := range l.Items {
				seen = append(seen, string(n.Visibility))
			}
			f, err := s.NeedFigures(ctx, v, 0, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			wantN := 0
			for _, vis := range app.Visibilities {
				if slices.Contains(want[vis], name) {
					wantN++
				}
			}
			if len(l.Items) != wantN || f.Count[app.StateSubmitted] != wantN {
				t.Errorf("%s lists %v and counts %d, want %d", name, seen, f.Count[app.StateSubmitted], wantN)
			}
		}
	})
}

// TestNeedLifecycle walks a need along the main path, with every guard refusing first.
func TestNeedLifecycle(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "karin@region.example", "Karin")
		follower := mustCreateUser(t, s, "f@region.example", "F")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
		in := needInput("Digital nattillsyn", app.VisiblePublic)
		in.Problem, in.Benefits = "", nil
		n := mustNeed(t, s, region.ID, u.ID, in)
		s.Follow(ctx, n.ID, follower.ID, true)

		try := func(to app.NeedState, fields ...string) {
			t.Helper()
			_, err := s.TransitionNeed(ctx, n.ID, n.State, u.ID, app.TransitionInput{To: to})
			wantCode(t, err, app.Conflict)
			e := app.AsError(err)
			for _, f := range fields {
				if e.Fields[f] == "" {
					t.Errorf("→ %s: no problem with %s in %v", to, f, e.Fields)
				}
			}
		}
		try(app.StateSubmitted, "problem")
		in.Problem = "Nattliga besök väcker de boende."
		in.Normalise()
		s.UpdateNeed(ctx, n.ID, in)
		n = move(t, s, n, u.ID, app.StateSubmitted, app.StateBeingAnalysed)
		try(app.StateValidated, "owner_id", "benefits")
		in.OwnerID = &u.ID
		in.Benefits = []app.Benefit{{KPI: "Uppvaknanden", Unit: "per natt", Baseline: "3", Target: "1"}}
		s.UpdateNeed(ctx, n.ID, in)
		n = move(t, s, n, u.ID, app.StateValidated, app.StateMarketScan)

		// Leaving the market scan needs every contact summarised and the summary published.
		c, err := s.AddContact(ctx, app.SupplierContact{NeedID: n.ID, Date: "2026-10-01", SupplierName: "Norrsken Sensorik AB", OurPeople: "Karin",
			TheirPeople: "Oskar", Channel: "meeting", Purpose: "Dialogmöte", CreatedBy: app.UserRef{ID: u.ID}})
		if err != nil {
			t.Fatal(err)
		}
		try(app.StateMatched, "contacts", "dialogue_summary")
		s.SetContactSummary(ctx, n.ID, c.ID, "Visade kamerafri tillsyn.", true)
		s.SetDialogueSummary(ctx, n.ID, "Tre leverantörer visade lösningar.", false)
		try(app.StateMatched, "dialogue_summary")
		s.SetDialogueSummary(ctx, n.ID, "Tre leverantörer visade lösningar.", true)
		n = move(t, s, n, u.ID, app.StateMatched)
		try(app.StateRouteDecided, "route")
		n = move(t, s, n, u.ID, app.StateRouteDecided)
		if n.Route != "pilot" {
			t.Errorf("route = %q", n.Route)
		}
		n = move(t, s, n, u.ID, app.StateProcurement)
		if !n.ProcurementLocked() || n.ProcurementContact != "upphandling@region.example" {
			t.Errorf("procurement: %+v", n)
		}
		try(app.StateImplementation, "benefit_plan")
		in.BenefitPlan = "Mät uppvaknanden varje månad i ett år."
		s.UpdateNeed(ctx, n.ID, in)
		n = move(t, s, n, u.ID, app.StateImplementation)
		if n.LeadTimeSeconds == nil || *n.LeadTimeSeconds < 0 {
			t.Errorf("lead time = %v", n.LeadTimeSeconds)
		}
		for _, st := range []app.NeedState{app.StateDraft, app.StateSubmitted, app.StateBeingAnalysed, app.StateMarketScan, app.StateProcurement} {
			if _, ok := n.StageDurations[string(st)]; !ok {
				t.Errorf("no time recorded in %s: %v", st, n.StageDurations)
			}
		}
		// A stale move (from a state the need has left) is refused.
		_, err = s.TransitionNeed(ctx, n.ID, app.StateProcurement, u.ID, app.TransitionInput{To: app.StateImplementation})
		wantCode(t, err, app.Conflict)

		h, err := s.NeedHistory(ctx, n.ID)
		if err != nil || len(h) != 9 || h[0].To != app.StateDraft || h[len(h)-1].To != app.StateImplementation || h[1].Actor.Name != "Karin" {
			t.Fatalf("history = %+v, %v", h, err)
		}
		notes, _ := s.Notifications(ctx, follower.ID, app.Page{})
		if len(notes.Items) != 8 || notes.Items[0].Detail != "implementation" || notes.Items[0].Need.Title != "Digital nattillsyn" {
			t.Fatalf("follower's notifications = %+v", notes.Items)
		}
		unread := func() int {
			l, _ := s.Notifications(ctx, follower.ID, app.Page{})
			return len(slices.DeleteFunc(l.Items, func(n app.Notification) bool { return n.ReadAt != nil }))
		}
		if n := unread(); n != 8 {
			t.Errorf("unread = %d", n)
		}
		s.MarkNotificationsRead(ctx, follower.ID, time.Now())
		if n := unread(); n != 0 {
			t.Errorf("unread after marking = %d", n)
		}
		if mine, _ := s.Notifications(ctx, u.ID, app.Page{}); len(mine.Items) != 0 {
			t.Errorf("the actor was told of their own moves: %+v", mine.Items)
		}

		f, err := s.NeedFigures(ctx, app.Viewer{Admin: true}, region.ID, time.Now())
		if err != nil || f.Count[app.StateImplementation] != 1 || f.MedianLeadTime == nil || f.Open != 1 {
			t.Fatalf("figures = %+v, %v", f, err)
		}
	})
}

func TestNeedMergeAndCoOwners(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "karin@region.example", "Karin")
		v := mustCreateUser(t, s, "sara@kommun.example", "Sara")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", v.ID)
		berg := mustCreateOrg(t, s, "Bergs kommun", "212000-2387", 0)
		keep := move(t, s, mustNeed(t, s, region.ID, u.ID, needInput("Läkemedelsautomater", app.VisibleSignedIn)), u.ID, app.StateSubmitted)
		dup := move(t, s, mustNeed(t, s, kommun.ID, v.ID, needInput("Medicindispensrar i hemtjänsten", app.VisibleSignedIn)), v.ID, app.StateSubmitted)
		if err := s.JoinNeed(ctx, dup.ID, berg.ID, v.ID, 50, 0); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.JoinNeed(ctx, keep.ID, region.ID, u.ID, 1, 1), app.Conflict)

		_, err := s.TransitionNeed(ctx, dup.ID, dup.State, u.ID, app.TransitionInput{To: app.StateMerged})
		wantCode(t, err, app.Conflict)
		dup, err = s.TransitionNeed(ctx, dup.ID, dup.State, u.ID, app.TransitionInput{To: app.StateMerged, MergedInto: keep.ID})
		if err != nil || dup.MergedInto == nil || *dup.MergedInto != keep.ID {
			t.Fatalf("merged = %+v, %v", dup, err)
		}
		keep, _ = s.Need(ctx, app.Viewer{Admin: true}, keep.ID)
		var names []string
		for _, c := range keep.CoOwners {
			names = append(names, c.Organisation.Name)
		}
		if !slices.Equal(names, []string{"Bergs kommun", "Östersunds kommun"}) && !slices.Equal(names, []string{"Östersunds kommun", "Bergs kommun"}) {
			t.Errorf("co-owners after merge = %v", names)
		}
		if keep.TotalPeople() != 1200+50+1200 {
			t.Errorf("total volume = %d", keep.TotalPeople())
		}
		if ok, _ := s.Following(ctx, keep.ID, v.ID); !ok {
			t.Error("the duplicate's follower does not follow the survivor")
		}
	})
}

func TestNeedQuestionsAndContacts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "karin@region.example", "Karin")
		a := mustCreateUser(t, s, "anna@fjallvard.example", "Anna")
		b := mustCreateUser(t, s, "oskar@norrsken.example", "Oskar")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
		n := move(t, s, mustNeed(t, s, region.ID, u.ID, needInput("Egenmonitorering", app.VisibleSignedIn)), u.ID, app.StateSubmitted)
		q, err := s.AskQuestion(ctx, n.ID, a.ID, 0, "Vilka journalsystem används?")
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			all   bool
			asker int64
			want  int
		}{{true, 0, 1}, {false, a.ID, 1}, {false, b.ID, 0}} {
			if qs, _ := s.Questions(ctx, n.ID, tt.all, tt.asker); len(qs) != tt.want {
				t.Errorf("before the answer, all=%v asker=%d sees %d", tt.all, tt.asker, len(qs))
			}
		}
		if _, err := s.AnswerQuestion(ctx, n.ID, q.ID, u.ID, "Cosmic."); err != nil {
			t.Fatal(err)
		}
		if qs, _ := s.Questions(ctx, n.ID, false, b.ID); len(qs) != 1 || qs[0].Answer != "Cosmic." || qs[0].AnsweredBy.Name != "Karin" {
			t.Errorf("after the answer another supplier sees %+v", qs)
		}
		if notes, _ := s.Notifications(ctx, a.ID, app.Page{}); len(notes.Items) != 1 || notes.Items[0].Kind != "answer" {
			t.Errorf("asker's notifications = %+v", notes.Items)
		}
		_, err = s.AnswerQuestion(ctx, n.ID+1, q.ID, u.ID, "x")
		wantCode(t, err, app.NotFound)

		for i, published := range []bool{true, false} {
			if _, err := s.AddContact(ctx, app.SupplierContact{NeedID: n.ID, Date: fmt.Sprintf("2026-10-0%d", i+1), SupplierName: "X", OurPeople: "K",
				TheirPeople: "Y", Channel: "video", Purpose: "p", Summary: "s", Published: published, CreatedBy: app.UserRef{ID: u.ID}}); err != nil {
				t.Fatal(err)
			}
		}
		if all, _ := s.Contacts(ctx, n.ID, true); len(all) != 2 {
			t.Errorf("all contacts = %d", len(all))
		}
		if pub, _ := s.Contacts(ctx, n.ID, false); len(pub) != 1 || !pub[0].Published {
			t.Errorf("published contacts = %+v", pub)
		}
		if _, err := s.AddComment(ctx, n.ID, u.ID, "Intern bedömning."); err != nil {
			t.Fatal(err)
		}
		if cs, _ := s.Comments(ctx, n.ID); len(cs) != 1 || cs[0].Author.Name != "Karin" {
			t.Errorf("comments = %+v", cs)
		}
	})
}

func TestNeedListFiltersAndPages(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
		titles := []string{"Öppna data", "Akutrum", "Ärendehantering", "Bättre nattsömn", "Åtgärdsplaner"}
		for i, title := range titles {
			in := needInput(title, app.VisiblePublic)
			in.Urgency = app.Urgencies[i%4]
			if i%2 == 0 {
				in.CareSettings = []string{"hemtjanst"}
			}
			move(t, s, mustNeed(t, s, region.ID, u.ID, in), u.ID, app.StateSubmitted)
		}
		walk := func(f app.NeedFilter) []string {
			var got []string
			f.Limit = 2
			for range 10 {
				l, err := s.ListNeeds(ctx, app.Viewer{}, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, n := range l.Items {
					got = append(got, n.Title)
				}
				if l.NextCursor == nil {
					return got
				}
				f.Cursor = *l.NextCursor
			}
			t.Fatal("pages do not end")
			return nil
		}
		if got := walk(app.NeedFilter{Sort: "title"}); !slices.Equal(got, []string{"Akutrum", "Bättre nattsömn", "Åtgärdsplaner", "Ärendehantering", "Öppna data"}) {
			t.Errorf("by title: %v", got)
		}
		if got := walk(app.NeedFilter{}); !slices.Equal(got, []string{"Åtgärdsplaner", "Bättre nattsömn", "Ärendehantering", "Akutrum", "Öppna data"}) {
			t.Errorf("newest: %v", got)
		}
		if got := walk(app.NeedFilter{Sort: "urgency"}); len(got) != 5 || got[0] != "Bättre nattsömn" {
			t.Errorf("by urgency: %v", got)
		}
		if got := walk(app.NeedFilter{CareSetting: "hemtjanst"}); len(got) != 3 {
			t.Errorf("hemtjänst: %v", got)
		}
		if got := walk(app.NeedFilter{Tag: "DISTANSVÅRD", Urgency: "low"}); len(got) != 2 {
			t.Errorf("tag and urgency: %v", got)
		}
		if got := walk(app.NeedFilter{States: []app.NeedState{app.StateDraft}}); len(got) != 0 {
			t.Errorf("a visitor lists drafts: %v", got)
		}
		_, err := s.ListNeeds(ctx, app.Viewer{}, app.NeedFilter{Sort: "random"})
		wantCode(t, err, app.Invalid)
	})
}

// TestNeedFiguresAreExact backdates needs so that the medians are known.
func TestNeedFiguresAreExact(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
		day := 24 * time.Hour
		start := time.Now().Add(-100 * day).Truncate(time.Second)
		// Days spent being analysed: 2, 4, 9; two of the needs reach implementation.
		for i, analysed := range []int{2, 9, 4} {
			in := needInput(fmt.Sprint("Behov ", i), app.VisiblePublic)
			in.OwnerID = &u.ID
			in.BenefitPlan = "Mät."
			in.CreatedAt = start
			n := mustNeed(t, s, region.ID, u.ID, in)
			at := start
			steps := []struct {
				to   app.NeedState
				days int
			}{{app.StateSubmitted, 1}, {app.StateBeingAnalysed, 1}, {app.StateValidated, analysed}, {app.StateRouteDecided, 1}, {app.StateImplementation, 1}}
			if i == 1 {
				steps = steps[:3]
			}
			for _, st := range steps {
				at = at.Add(time.Duration(st.days) * day)
				var err error
				n, err = s.TransitionNeed(ctx, n.ID, n.State, u.ID, app.TransitionInput{To: st.to, At: at, Route: "buy"})
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		f, err := s.NeedFigures(ctx, app.Viewer{}, 0, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if got := f.MedianSeconds[app.StateBeingAnalysed]; got != int64(4*day/time.Second) {
			t.Errorf("median time being analysed = %v, want 4 days", time.Duration(got)*time.Second)
		}
		// Lead times (submitted → implementation): 1+2+1+1 = 5 and 1+4+1+1 = 7 days; the upper middle is 7.
		if f.MedianLeadTime == nil || *f.MedianLeadTime != int64(7*day/time.Second) {
			t.Errorf("median lead time = %v", f.MedianLeadTime)
		}
		// All three are still open (implementation is followed up), each submitted 99 days ago.
		if f.Open != 3 || f.MedianOpenAge == nil || (*f.MedianOpenAge)/86400 != 99 {
			t.Errorf("open = %d, median age = %v", f.Open, *f.MedianOpenAge)
		}
		if f.Count[app.StateImplementation] != 2 || f.Count[app.StateValidated] != 1 {
			t.Errorf("counts = %v", f.Count)
		}
	})
}
