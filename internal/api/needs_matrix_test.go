package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

// The authorization matrix: every role × every visibility (and a draft and a need under
// the procurement lock) × every action, through the HTTP API. The expected answer of each
// cell is computed from the rules of DESIGN.md written out below, not from the policy under
// test; a denied "see" must also mean that the need appears in no list, search or export.

// matrixRole is a role with what the rules need to know about it.
type matrixRole struct {
	name     string
	p        person
	owning   bool               // belongs to the owning organisation
	partner  bool               // belongs to a partner organisation named in partner_ids
	supplier bool               // holds the supplier role (in a company)
	admin    bool               // platform admin
	rels     []app.NeedRelation // how the role stands to the owning organisation's needs
}

func (r matrixRole) signedIn() bool { return r.p.ID != 0 }

// insider: the owning (and co-owning) organisations and platform admins see internal
// comments, every question and the whole contact log.
func (r matrixRole) insider() bool { return r.owning || r.admin }

// sees: a draft stays inside the owning organisation; otherwise the visibility decides.
func (r matrixRole) sees(vis app.Visibility, st app.NeedState) bool {
	switch {
	case r.admin || r.owning:
		return true
	case st == app.StateDraft:
		return false
	case vis == app.VisiblePublic:
		return true
	case vis == app.VisibleSignedIn:
		return r.signedIn()
	case vis == app.VisiblePartners:
		return r.partner
	}
	return false
}

// matrixColumn is one kind of need: a visibility and a state.
type matrixColumn struct {
	name  string
	vis   app.Visibility
	state app.NeedState
}

func (c matrixColumn) locked() bool { return c.state == app.StateProcurement }

// moveFor is the move tried in the transition cells: the first the lifecycle table allows
// an owner or coordinator from the column's state.
func moveFor(st app.NeedState) app.NeedState {
	return app.AllowedTransitions(st, []app.NeedRelation{app.RelOwner, app.RelCoordinator})[0]
}

// Actions of the matrix.
const (
	actSee        = "see"
	actList       = "list"
	actSearch     = "search"
	actEdit       = "edit"
	actTransition = "transition"
	actComment    = "comment"
	actContacts   = "see contacts"
	actAsk        = "ask"
	actExport     = "export"
	actMatches    = "matches"
)

var matrixActions = []string{actSee, actList, actSearch, actEdit, actTransition, actComment, actContacts, actAsk, actExport, actMatches}

// expect is the one table of the matrix: whether role r may do act on a need of column c,
// and the status it gets when it may not.
func expect(r matrixRole, c matrixColumn, act string) (allow bool, deny int) {
	sees := r.sees(c.vis, c.state)
	if !sees {
		return false, http.StatusNotFound
	}
	deny = http.StatusForbidden
	if !r.signedIn() {
		deny = http.StatusUnauthorized
	}
	has := func(rels ...app.NeedRelation) bool {
		return slices.ContainsFunc(r.rels, func(x app.NeedRelation) bool { return slices.Contains(rels, x) })
	}
	switch act {
	case actSee, actList, actSearch, actExport, actMatches:
		return true, 0
	case actEdit:
		return has(app.RelOwner, app.RelCoordinator, app.RelAdmin), deny
	case actTransition:
		if len(r.rels) > 0 {
			deny = http.StatusConflict // may move the need, but not this way: 409 with the allowed moves
		}
		return slices.Contains(app.AllowedTransitions(c.state, r.rels), moveFor(c.state)), deny
	case actComment:
		return r.insider(), deny
	case actContacts:
		return r.insider() || !c.locked(), deny
	case actAsk:
		if r.supplier && !r.insider() && (c.locked() || !c.state.Open()) {
			deny = http.StatusConflict // questions are closed, and the answer says where to ask
		}
		return r.supplier && !r.insider() && !c.locked() && c.state.Open(), deny
	}
	panic("unknown action " + act)
}

// Markers of what only the owning side may read; their appearance elsewhere is a leak.
const (
	markUnpublished = "HEMLIGKONTAKT"
	markComment     = "INTERNKOMMENTAR"
	markDraftSum    = "UTKASTSAMMANFATTNING"
)

func TestNeedAuthorizationMatrix(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		ctx := context.Background()
		roles := []matrixRole{
			{name: "visitor"},
			{name: "member of the owning organisation", p: w.member, owning: true},
			{name: "member of a partner organisation", p: w.partner, partner: true},
			{name: "supplier", p: w.supplier, supplier: true},
			{name: "coordinator", p: w.coord, owning: true, rels: []app.NeedRelation{app.RelCoordinator}},
			{name: "procurement officer", p: w.proc, owning: true, rels: []app.NeedRelation{app.RelProcurement}},
			{name: "platform admin", p: w.admin, admin: true, rels: []app.NeedRelation{app.RelAdmin}},
		}
		columns := []matrixColumn{
			{"organisation", app.VisibleOrganisation, app.StateSubmitted},
			{"partners", app.VisiblePartners, app.StateSubmitted},
			{"signed_in", app.VisibleSignedIn, app.StateSubmitted},
			{"public", app.VisiblePublic, app.StateSubmitted},
			{"public draft", app.VisiblePublic, app.StateDraft},
			{"public in procurement", app.VisiblePublic, app.StateProcurement},
		}
		tag := func(c matrixColumn) string { return "matris-" + strings.ReplaceAll(c.name, " ", "-") }
		// newNeed makes a need of the column with what only the owning side may read: an
		// unpublished contact, an internal comment, an unpublished dialogue summary, and a
		// competitor's answered question.
		newNeed := func(c matrixColumn, tags ...string) app.Need {
			in := w.input("Matris "+c.name, c.vis)
			in.Tags = append([]string{"matris"}, tags...)
			n := w.need(t, in)
			if c.state != app.StateDraft {
				n = w.move(t, n, pathTo(c.state)...)
			}
			for _, published := range []bool{true, false} {
				info := "Publicerad information"
				if !published {
					info = markUnpublished
				}
				if _, err := e.store.AddContact(ctx, app.SupplierContact{NeedID: n.ID, Date: "2026-11-02", SupplierName: "Vårdbolaget AB",
					OurPeople: "Cecilia", TheirPeople: "Sara", Channel: "meeting", Purpose: "Dialog", InfoGiven: info, Summary: "Sammanfattad",
					Published: published, CreatedBy: app.UserRef{ID: w.coord.ID}}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := e.store.AddComment(ctx, n.ID, w.member.ID, markComment); err != nil {
				t.Fatal(err)
			}
			if err := e.store.SetDialogueSummary(ctx, n.ID, markDraftSum, false); err != nil {
				t.Fatal(err)
			}
			q, err := e.store.AskQuestion(ctx, n.ID, w.supplier2.ID, w.company2.ID, "Vilka standarder gäller?")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.store.AnswerQuestion(ctx, n.ID, q.ID, w.coord.ID, "HL7 FHIR."); err != nil {
				t.Fatal(err)
			}
			return e.stored(t, n.ID)
		}
		base := map[string]app.Need{}
		for _, c := range columns {
			base[c.name] = newNeed(c, tag(c))
		}
		lists := map[string][]int64{}
		// found: what full-text search and a solution's matches name for each role.
		found, matched := map[string][]int64{}, map[string][]int64{}
		sol, err := e.store.CreateSolution(ctx, w.company.ID, w.supplier.ID, app.SolutionInput{Title: "Matris för akut bedömning på distans",
			Description: "Akut bedömning på nära håll i glesbygd.", Type: "service", TRL: 8, Deployment: "in_use"})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range roles {
			lists[r.name] = e.needIDs(t, r.p.token, "limit=4")
			var res app.SearchResult
			e.do(t, call{method: "GET", path: "/api/v1/search?type=need&q=matris&limit=100", token: r.p.token}).decode(t, &res)
			for _, h := range res.Items {
				found[r.name] = append(found[r.name], h.ID)
			}
			var ms struct{ Items []app.Match }
			e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/solutions/%d/matches?limit=50", sol.ID), token: r.p.token}).decode(t, &ms)
			for _, m := range ms.Items {
				matched[r.name] = append(matched[r.name], m.Need.ID)
			}
		}

		// noLeak fails when a body an outsider receives carries what only the owning side may read.
		noLeak := func(t *testing.T, r matrixRole, what string, body []byte) {
			t.Helper()
			if r.insider() {
				return
			}
			for _, m := range []string{markUnpublished, markComment, markDraftSum, "Konkurrenten AB", `"Sven"`} {
				if strings.Contains(string(body), m) {
					t.Errorf("%s: %s shows %q to %s", r.name, what, m, r.name)
				}
			}
		}

		cells, leakChecks := 0, 0
		for _, r := range roles {
			for _, c := range columns {
				n := base[c.name]
				for _, act := range matrixActions {
					allow, deny := expect(r, c, act)
					want := deny
					if allow {
						want = map[string]int{actAsk: 201, actComment: 201}[act]
						if want == 0 {
							want = http.StatusOK
						}
					}
					name := fmt.Sprintf("%s/%s/%s", r.name, c.name, act)
					cells++
					// bearer: the document requires a token for the action; a visitor's request breaks it.
					check := func(method, path, body string, bearer bool) result {
						t.Helper()
						req := reqValid
						if bearer && !r.signedIn() {
							req = reqInvalid
						}
						res := e.do(t, call{method: method, path: path, token: r.p.token, body: body, req: req})
						if res.status != want {
							t.Errorf("%s: %s %s = %d, want %d: %s", name, method, path, res.status, want, res.body)
						}
						noLeak(t, r, name, res.body)
						return res
					}
					switch act {
					case actSee:
						check("GET", needPath(n.ID), "", false)
					case actList, actSearch:
						got := lists[r.name]
						if act == actSearch {
							got = e.needIDs(t, r.p.token, "tag="+strings.ToUpper(tag(c)))
							if allow && !slices.Equal(got, []int64{n.ID}) || !allow && len(got) != 0 {
								t.Errorf("%s: search for %s = %v", name, tag(c), got)
							}
						}
						if slices.Contains(got, n.ID) != allow {
							t.Errorf("%s: in the list = %v, want %v", name, !allow, allow)
						}
						if act == actSearch && slices.Contains(found[r.name], n.ID) != allow {
							t.Errorf("%s: found by full-text search = %v, want %v", name, !allow, allow)
						}
					case actMatches:
						check("GET", needPath(n.ID, "/matches"), "", false)
						if slices.Contains(matched[r.name], n.ID) != allow {
							t.Errorf("%s: among the solution's matches = %v, want %v", name, !allow, allow)
						}
					case actEdit:
						check("PATCH", needPath(n.ID), `{"title":"Matris `+c.name+` ändrad av `+r.name+`"}`, true)
					case actTransition:
						// A fresh need for every cell: an allowed move changes it.
						fresh := newNeed(c, "matris-flytt")
						res := check("POST", needPath(fresh.ID, "/transitions"), `{"to":"`+string(moveFor(c.state))+`","comment":"Matris"}`, true)
						after := e.stored(t, fresh.ID)
						if allow != (after.State == moveFor(c.state)) {
							t.Errorf("%s: state after = %s", name, after.State)
						}
						if want == http.StatusConflict {
							var body transitionError
							res.decode(t, &body)
							if got, want := body.Error.Allowed, stateNames(app.AllowedTransitions(c.state, r.rels)); !slices.Equal(got, want) {
								t.Errorf("%s: allowed = %v, want %v", name, got, want)
							}
						}
					case actComment:
						check("POST", needPath(n.ID, "/comments"), `{"body":"Matriskommentar"}`, true)
					case actContacts:
						res := check("GET", needPath(n.ID, "/contacts"), "", false)
						if allow {
							var l struct{ Items []app.SupplierContact }
							res.decode(t, &l)
							if wantN := map[bool]int{true: 2, false: 1}[r.insider()]; len(l.Items) != wantN {
								t.Errorf("%s: %d contacts, want %d", name, len(l.Items), wantN)
							}
						}
					case actAsk:
						check("POST", needPath(n.ID, "/questions"), `{"question":"Matrisfråga?"}`, true)
					case actExport:
						res := check("GET", needPath(n.ID, "/export"), "", false)
						if allow {
							var x map[string]any
							res.decode(t, &x)
							if (x["comments"] != nil) != r.insider() {
								t.Errorf("%s: comments in the export = %v", name, x["comments"] != nil)
							}
							contacts, _ := x["contacts"].([]any)
							all, some := r.insider(), !c.locked()
							if wantN := map[bool]int{true: 2, false: 1}[all]; (all || some) && len(contacts) != wantN || !(all || some) && x["contacts"] != nil {
								t.Errorf("%s: contacts in the export = %v", name, x["contacts"])
							}
						}
					}
				}
			}
		}

		// Nothing leaks through lists or exports: after every move, each role's lists hold
		// exactly the needs it sees, and every other need is not found wherever it is asked for.
		all, err := e.store.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{Page: app.Page{Limit: app.MaxLimit}})
		if err != nil || all.NextCursor != nil {
			t.Fatalf("all needs: %v", err)
		}
		for _, r := range roles {
			var want []int64
			for _, n := range all.Items {
				if r.sees(n.Visibility, n.State) {
					want = append(want, n.ID)
				}
			}
			for _, q := range []string{"", "limit=3&sort=title", "tag=matris", fmt.Sprintf("organisation_id=%d", w.region.ID), "state=" + strings.Join(stateNames(app.NeedStates), ",")} {
				got := e.needIDs(t, r.p.token, q)
				leakChecks++
				if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
					t.Errorf("%s: GET /api/v1/needs?%s = %v, want %v", r.name, q, got, want)
				}
			}
			for _, n := range all.Items {
				if r.sees(n.Visibility, n.State) {
					continue
				}
				for _, sub := range []string{"", "/history", "/questions", "/contacts", "/export"} {
					leakChecks++
					e.do(t, call{method: "GET", path: needPath(n.ID, sub), token: r.p.token}).want(t, http.StatusNotFound, "not_found")
				}
			}
		}
		// The Atom feed of needs is read by anyone: it holds exactly what a visitor sees.
		res, err := e.srv.Client().Get(e.srv.URL + "/feeds/needs.atom")
		if err != nil {
			t.Fatal(err)
		}
		feed, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("feed: %d, %v", res.StatusCode, err)
		}
		for _, c := range columns {
			allow, _ := expect(roles[0], c, actSee)
			if in := strings.Contains(string(feed), fmt.Sprintf("/needs/%d<", base[c.name].ID)) ||
				strings.Contains(string(feed), fmt.Sprintf("/needs/%d\"", base[c.name].ID)); in != allow {
				t.Errorf("feed: the %s need in it = %v, want %v", c.name, in, allow)
			}
			cells++
		}
		noLeak(t, roles[0], "the needs feed", feed)
		t.Logf("authorization matrix: %d cells (%d roles × %d kinds of need × %d actions, and the feed), %d leak checks",
			cells, len(roles), len(columns), len(matrixActions), leakChecks)
	})
}
