package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
)

// The demo needs are replayed, not inserted: every need is created, edited and moved
// through the store exactly as people would through the API, and every move is checked
// against the same transition table and policy. So the demo is a believable record with
// histories, stage times and lead times, and it breaks loudly when the rules change.
// (That followers, askers and co-owners can see the needs is checked by the test, not
// here, to keep start-up fast.)
//
// Times are relative to the moment of loading, so the demo always looks recent. The
// store can backdate a need's creation and its moves; questions, answers, comments,
// co-owners, followers and the contact log's created_at carry the time of loading.

// needSpec is one demo need and its history.
type needSpec struct {
	key     string // names the need for merges
	org     string // owning organisation (orgKeys)
	by      string // the person who writes it (people's key)
	owner   string // the need owner, named during the analysis, before validation
	daysAgo int    // when the draft was started
	// need is what the submitter writes. Expected benefits are added during the
	// analysis when the need gets as far as validation, else written from the start.
	need     app.NeedInput
	partners []string // partner organisations, for partner visibility
	plan     string   // the benefit plan, written before implementation
	path     []step   // the moves, in order
	// summary is the dialogue summary, published when the need leaves market scan
	// (still unpublished while it is in market scan).
	summary   string
	contacts  []contact // supplier contacts, logged during market scan
	questions []question
	comments  []comment
	coOwners  []coOwner
	followers []string
}

// step is one move, made `after` days after the previous event.
type step struct {
	to     app.NeedState
	after  int
	by     string
	note   string
	route  app.Route
	reason app.CloseReason
	lock   string // procurement contact: where suppliers ask instead
	into   string // the surviving need's key, for a merge
	// adopted are the other organisations that took the solution into use before the
	// move, recorded on the need's project (Spread asks for one).
	adopted []adoption
}

// adoption is an organisation (a key) that took a need's solution into use, and how widely.
type adoption struct{ org, scope string }

// contact is one entry of the supplier contact log, `day` days into the market scan. An
// empty summary leaves it unsummarised.
type contact struct {
	day                      int
	supplier                 string // an organisation key, or empty for a company not on the platform
	supplierName             string // when not on the platform
	ours, theirs             string
	channel, purpose         string
	given, received, summary string
}

// question is asked by a supplier while the need is in state `in`; an empty answer
// leaves it open.
type question struct {
	in                 app.NeedState
	by, text           string
	answeredBy, answer string
}

// comment is an internal comment written while the need is in state `in`.
type comment struct {
	in       app.NeedState
	by, body string
}

// coOwner is another organisation saying "vi har också detta behov" in state `in`.
type coOwner struct {
	in             app.NeedState
	org, by        string
	people, events int
}

// orgKeys names the demo organisations for the need specs.
var orgKeys = map[string]string{
	"region": "Region Jämtland Härjedalen", "kommun": "Östersunds kommun", "levanger": "Levanger kommune",
	"hnt": "Helse Nord-Trøndelag HF", "miun": "Mittuniversitetet", "fjallvard": "Fjällvård Digital AB",
	"norrsken": "Norrsken Sensorik AB", "dosera": "Dosera Hälsa AB", "storsjo": "Storsjö Hälsodata AB",
}

type needLoader struct {
	ctx    context.Context
	s      app.Store
	now    time.Time
	orgs   map[string]int64
	actors map[string]auth.Actor
	needs  map[string]int64
}

// loadNeeds replays every need spec. orgs are keyed by name, users by people's key.
func loadNeeds(ctx context.Context, s app.Store, orgs map[string]int64, users map[string]int64, now time.Time) error {
	l := &needLoader{ctx: ctx, s: s, now: now.UTC(), orgs: map[string]int64{}, actors: map[string]auth.Actor{}, needs: map[string]int64{}}
	for key, name := range orgKeys {
		id, ok := orgs[name]
		if !ok {
			return fmt.Errorf("demo: no organisation %q", name)
		}
		l.orgs[key] = id
	}
	for key, id := range users {
		u, err := s.User(ctx, id)
		if err != nil {
			return err
		}
		ms, err := s.UserMemberships(ctx, id)
		if err != nil {
			return err
		}
		l.actors[key] = auth.Actor{User: u, Memberships: ms}
	}
	for i, spec := range needSpecs {
		if err := l.load(i, spec); err != nil {
			return fmt.Errorf("demo: need %s: %w", spec.key, err)
		}
	}
	return nil
}

func (l *needLoader) actor(key string) (auth.Actor, error) {
	a, ok := l.actors[key]
	if !ok {
		return a, fmt.Errorf("no demo person %q", key)
	}
	return a, nil
}

func (l *needLoader) org(key string) (int64, error) {
	id, ok := l.orgs[key]
	if !ok {
		return 0, fmt.Errorf("no demo organisation %q", key)
	}
	return id, nil
}

// times are when the need was created and when each move was made: working hours,
// strictly increasing, all in the past.
func (l *needLoader) times(i int, spec needSpec) ([]time.Time, error) {
	day := l.now.Truncate(24 * time.Hour)
	at := day.AddDate(0, 0, -spec.daysAgo).Add(clock(i * 7))
	out := []time.Time{at}
	for j, st := range spec.path {
		next := at.Truncate(24*time.Hour).AddDate(0, 0, st.after).Add(clock(i*7 + j + 1))
		if !next.After(at) {
			next = at.Add(90 * time.Minute)
		}
		if !next.Before(l.now) {
			return nil, fmt.Errorf("the move to %s would lie in the future: start earlier or shorten the gaps", st.to)
		}
		out = append(out, next)
		at = next
	}
	return out, nil
}

// clock spreads the moves over the working day (07:30 to 16:30 UTC).
func clock(seed int) time.Duration {
	return 7*time.Hour + 30*time.Minute + time.Duration(seed*37%540)*time.Minute
}

func (l *needLoader) load(i int, spec needSpec) error {
	times, err := l.times(i, spec)
	if err != nil {
		return err
	}
	by, err := l.actor(spec.by)
	if err != nil {
		return err
	}
	orgID, err := l.org(spec.org)
	if err != nil {
		return err
	}
	if !by.CanCreateNeedIn(orgID) {
		return fmt.Errorf("%s may not register needs in %s", spec.by, spec.org)
	}
	in := spec.need
	benefits := in.Benefits
	if slices.ContainsFunc(spec.path, func(st step) bool { return st.to == app.StateValidated }) {
		in.Benefits = nil
	}
	for _, p := range spec.partners {
		id, err := l.org(p)
		if err != nil {
			return err
		}
		in.PartnerIDs = append(in.PartnerIDs, id)
	}
	in.CreatedAt = times[0]
	if err := in.Normalise(); err != nil {
		return err
	}
	n, err := l.s.CreateNeed(l.ctx, orgID, by.ID, in)
	if err != nil {
		return err
	}
	l.needs[spec.key] = n.ID
	seen := map[app.NeedState]bool{}
	if err := l.during(spec, &n, seen, by, times[0], l.end(times, 0)); err != nil {
		return err
	}
	for j, st := range spec.path {
		actor, err := l.actor(st.by)
		if err != nil {
			return err
		}
		if err := l.prepare(spec, &n, &in, benefits, st, actor, times[j+1]); err != nil {
			return err
		}
		if err := app.CheckTransition(n.State, st.to, actor.NeedRelations(n)); err != nil {
			return fmt.Errorf("%s → %s by %s: %w", n.State, st.to, st.by, err)
		}
		t := app.TransitionInput{To: st.to, Comment: st.note, Route: st.route, CloseReason: st.reason, ProcurementContact: st.lock, At: times[j+1]}
		if st.into != "" {
			if t.MergedInto = l.needs[st.into]; t.MergedInto == 0 {
				return fmt.Errorf("merge into %s, which is not loaded before it", st.into)
			}
		}
		from := n.State
		if n, err = l.s.TransitionNeed(l.ctx, n.ID, n.State, actor.ID, t); err != nil {
			return fmt.Errorf("%s → %s: %w", from, st.to, err)
		}
		if err := l.during(spec, &n, seen, actor, times[j+1], l.end(times, j+1)); err != nil {
			return err
		}
	}
	if n.State == app.StateMarketScan && spec.summary != "" {
		if err := l.s.SetDialogueSummary(l.ctx, n.ID, spec.summary, false); err != nil {
			return err
		}
	}
	for _, f := range spec.followers {
		a, err := l.actor(f)
		if err != nil {
			return err
		}
		if err := l.s.Follow(l.ctx, n.ID, a.ID, true); err != nil {
			return err
		}
	}
	return nil
}

// end is when the stay that began at times[j] ended: the next move, or now.
func (l *needLoader) end(times []time.Time, j int) time.Time {
	if j+1 < len(times) {
		return times[j+1]
	}
	return l.now
}

// prepare does what the guards of the next move, made by mover at, ask for, as the people
// would have.
func (l *needLoader) prepare(spec needSpec, n *app.Need, in *app.NeedInput, benefits []app.Benefit, st step, mover auth.Actor, at time.Time) error {
	edit := false
	switch st.to {
	case app.StateValidated:
		if in.OwnerID == nil {
			owner, err := l.actor(spec.owner)
			if err != nil {
				return err
			}
			in.OwnerID = &owner.ID
			in.Benefits = benefits
			edit = true
		}
	case app.StateImplementation:
		if in.BenefitPlan == "" {
			in.BenefitPlan = spec.plan
			edit = true
		}
	case app.StateSpread:
		if err := l.adopt(n, st.adopted, mover, at); err != nil {
			return err
		}
	}
	if edit {
		in.CreatedAt = time.Time{}
		if err := in.Normalise(); err != nil {
			return err
		}
		var err error
		if *n, err = l.s.UpdateNeed(l.ctx, n.ID, *in); err != nil {
			return err
		}
	}
	if n.State == app.StateMarketScan && !n.SummaryPublished {
		if _, err := app.CheckText("dialogue_summary", spec.summary, true); err != nil {
			return fmt.Errorf("leaving market scan needs a dialogue summary: %w", err)
		}
		if err := l.s.SetDialogueSummary(l.ctx, n.ID, spec.summary, true); err != nil {
			return err
		}
		n.DialogueSummary, n.SummaryPublished = spec.summary, true
	}
	return nil
}

// adopt records the adoptions on the need's project, an implementation project of the
// need's organisation when it has none (a need bought without a pilot), a week before at.
func (l *needLoader) adopt(n *app.Need, adopted []adoption, by auth.Actor, at time.Time) error {
	refs, err := l.s.NeedProjects(l.ctx, app.Viewer{Admin: true}, n.ID)
	if err != nil {
		return err
	}
	var projectID int64
	if len(refs) > 0 {
		projectID = refs[0].ID
	} else {
		in := app.ProjectInput{Title: n.Title, Type: "implementation", NeedIDs: []int64{n.ID}, ManagerID: &by.ID}
		if err := in.Normalise(); err != nil {
			return err
		}
		p, err := l.s.CreateProject(l.ctx, n.Organisation.ID, by.ID, in)
		if err != nil {
			return err
		}
		projectID = p.ID
	}
	for _, a := range adopted {
		org, err := l.org(a.org)
		if err != nil {
			return err
		}
		in := app.AdoptionInput{OrganisationID: org, Date: at.AddDate(0, 0, -7).Format(time.DateOnly), Scope: a.scope}
		if err := in.Normalise(l.now.Format(time.DateOnly)); err != nil {
			return err
		}
		if _, err := l.s.AddAdoption(l.ctx, projectID, by.ID, in); err != nil {
			return err
		}
	}
	return nil
}

// during adds what happened while the need was in its current state for the first
// time, between from and until: co-owners, the contact log, questions, comments.
func (l *needLoader) during(spec needSpec, n *app.Need, seen map[app.NeedState]bool, mover auth.Actor, from, until time.Time) error {
	state := n.State
	if seen[state] {
		return nil
	}
	seen[state] = true
	for _, c := range spec.coOwners {
		if c.in != state {
			continue
		}
		a, err := l.actor(c.by)
		if err != nil {
			return err
		}
		orgID, err := l.org(c.org)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(a.JoinableOrganisations(*n), func(o app.OrgRef) bool { return o.ID == orgID }) {
			return fmt.Errorf("%s may not join for %s", c.by, c.org)
		}
		if err := l.s.JoinNeed(l.ctx, n.ID, orgID, a.ID, c.people, c.events); err != nil {
			return err
		}
		if *n, err = l.s.Need(l.ctx, app.Viewer{Admin: true}, n.ID); err != nil {
			return err
		}
	}
	if state == app.StateMarketScan {
		if !mover.CanCoordinateNeed(*n) {
			return fmt.Errorf("%s may not keep the contact log", mover.Email)
		}
		for _, c := range spec.contacts {
			if err := l.addContact(n, mover, c, from, until); err != nil {
				return err
			}
		}
	}
	for _, q := range spec.questions {
		if q.in != state {
			continue
		}
		if err := l.ask(n, q); err != nil {
			return err
		}
	}
	for _, c := range spec.comments {
		if c.in != state {
			continue
		}
		a, err := l.actor(c.by)
		if err != nil {
			return err
		}
		if !a.IsNeedInsider(*n) {
			return fmt.Errorf("%s may not comment internally", c.by)
		}
		body, err := app.CheckText("body", c.body, true)
		if err != nil {
			return err
		}
		if _, err := l.s.AddComment(l.ctx, n.ID, a.ID, body); err != nil {
			return err
		}
	}
	return nil
}

func (l *needLoader) addContact(n *app.Need, by auth.Actor, c contact, from, until time.Time) error {
	date := from.Truncate(24*time.Hour).AddDate(0, 0, c.day)
	if !date.Before(until) {
		return fmt.Errorf("contact with %s%s on day %d lies after the market scan", c.supplier, c.supplierName, c.day)
	}
	sc := app.SupplierContact{NeedID: n.ID, Date: date.Format("2006-01-02"), SupplierName: c.supplierName, OurPeople: c.ours,
		TheirPeople: c.theirs, Channel: c.channel, Purpose: c.purpose, InfoGiven: c.given, InfoReceived: c.received,
		CreatedBy: app.UserRef{ID: by.ID}}
	if c.supplier != "" {
		id, err := l.org(c.supplier)
		if err != nil {
			return err
		}
		sc.SupplierOrg = &app.OrgRef{ID: id}
		sc.SupplierName = orgKeys[c.supplier]
	}
	if err := sc.Normalise(); err != nil {
		return err
	}
	added, err := l.s.AddContact(l.ctx, sc)
	if err != nil {
		return err
	}
	if c.summary == "" {
		return nil
	}
	summary, err := app.CheckText("summary", c.summary, true)
	if err != nil {
		return err
	}
	return l.s.SetContactSummary(l.ctx, n.ID, added.ID, summary, true)
}

func (l *needLoader) ask(n *app.Need, q question) error {
	a, err := l.actor(q.by)
	if err != nil {
		return err
	}
	if !a.CanAsk(*n) {
		return fmt.Errorf("%s may not ask in state %s", q.by, n.State)
	}
	text, err := app.CheckText("question", q.text, true)
	if err != nil {
		return err
	}
	asked, err := l.s.AskQuestion(l.ctx, n.ID, a.ID, a.SupplierOrg(), text)
	if err != nil || q.answer == "" {
		return err
	}
	b, err := l.actor(q.answeredBy)
	if err != nil {
		return err
	}
	if !b.CanCoordinateNeed(*n) {
		return fmt.Errorf("%s may not answer", q.answeredBy)
	}
	answer, err := app.CheckText("answer", q.answer, true)
	if err != nil {
		return err
	}
	_, err = l.s.AnswerQuestion(l.ctx, n.ID, asked.ID, b.ID, answer)
	return err
}
