package api_test

import (
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

// The authorization matrices of projects (with their internal space) and applications:
// every role against an internal and a public project, and against an application, for
// every action. The expected answers come from the rules written out here, not from the
// policy under test; what may not be seen is 404 and in no list.

// fundingRole is a role with what the rules need to know about it.
type fundingRole struct {
	name    string
	p       person
	owner   bool // belongs to the project's owner, the application's lead
	manager bool // coordinator of the owner: may change the project
	partner bool // belongs to a partner
	admin   bool
}

func (r fundingRole) member() bool { return r.owner || r.partner || r.admin }

// denied is what a role that sees a record but may not act gets.
func (r fundingRole) denied() int {
	if r.p.ID == 0 {
		return http.StatusUnauthorized
	}
	return http.StatusForbidden
}

type fundingWorld struct {
	*env
	region, kommun, levanger, outsiderOrg app.Organisation
	roles                                 []fundingRole
}

func newFundingWorld(t *testing.T, e *env) *fundingWorld {
	t.Helper()
	w := &fundingWorld{env: e}
	w.region = e.org(t, app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, OrgNumber: "232100-0214", Country: "SE"}, 0)
	w.kommun = e.org(t, kommun("Härjedalens kommun", 1), 0)
	w.levanger = e.org(t, app.OrganisationInput{Name: "Levanger kommune", Kind: app.KindMunicipality, OrgNumber: "938587418", Country: "NO"}, 0)
	w.outsiderOrg = e.org(t, app.OrganisationInput{Name: "Vårdbolaget AB", Kind: app.KindCompany, Size: app.SizeSME, OrgNumber: orgNumber(50), Country: "SE"}, 0)
	mk := func(name string, admin bool, org app.Organisation, role app.Role) person {
		u, token := e.person(t, name, admin)
		if org.ID != 0 {
			if err := e.store.AddRole(context.Background(), org.ID, u.ID, role); err != nil {
				t.Fatal(err)
			}
		}
		return person{u, token}
	}
	w.roles = []fundingRole{
		{name: "visitor"},
		{name: "coordinator of the owner", p: mk("Cecilia", false, w.region, app.RoleCoordinator), owner: true, manager: true},
		{name: "member of the owner", p: mk("Maja", false, w.region, app.RoleMember), owner: true},
		{name: "member of a partner", p: mk("Pelle", false, w.kommun, app.RoleMember), partner: true},
		{name: "member of the Norwegian partner", p: mk("Ingrid", false, w.levanger, app.RoleMember), partner: true},
		{name: "outsider", p: mk("Sara", false, w.outsiderOrg, app.RoleSupplier)},
		{name: "platform admin", p: mk("Adam", true, app.Organisation{}, ""), admin: true, manager: true},
	}
	return w
}

// matrixPDF is the file the matrix uploads, as a multipart body.
const matrixPDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"

var uploadBody, uploadType = func() (string, string) {
	var b strings.Builder
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", "Projektplan.pdf")
	fw.Write([]byte(matrixPDF))
	mw.Close()
	return b.String(), mw.FormDataContentType()
}()

func TestProjectAuthorizationMatrix(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newFundingWorld(t, e)
		ctx := context.Background()
		coord := w.roles[1].p
		newProject := func(public bool) app.Project {
			in := app.ProjectInput{Title: fmt.Sprintf("Matris offentligt=%v", public), Public: public, ManagerID: &coord.ID,
				Partners: []app.ProjectPartnerInput{{OrganisationID: w.kommun.ID, Budget: app.Money{Amount: 100_00, Currency: "SEK"}},
					{OrganisationID: w.levanger.ID, Budget: app.Money{Amount: 100_00, Currency: "NOK"}}}}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			p, err := e.store.CreateProject(ctx, w.region.ID, coord.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.store.AddProjectPost(ctx, p.ID, coord.ID, "PROJEKTHEMLIGHET"); err != nil {
				t.Fatal(err)
			}
			return p
		}
		projects := map[bool]app.Project{false: newProject(false), true: newProject(true)}
		kpi, err := e.store.AddKPI(ctx, projects[false].ID, app.KPIInput{Name: "Tid till läkare", Direction: "lower", Baseline: 180, BaselineDate: "2025-12-01", Target: 45})
		if err != nil {
			t.Fatal(err)
		}
		kpiPublic, err := e.store.AddKPI(ctx, projects[true].ID, app.KPIInput{Name: "Tid till läkare", Direction: "lower", Baseline: 180, BaselineDate: "2025-12-01", Target: 45})
		if err != nil {
			t.Fatal(err)
		}
		kpis := map[bool]int64{false: kpi.ID, true: kpiPublic.ID}
		// A file in each project's space, uploaded by the coordinator; and an organisation
		// for each role to record as an adopter, since one organisation adopts once.
		fileIDs := map[bool]int64{}
		for public, p := range projects {
			res := e.do(t, call{method: "POST", path: fmt.Sprintf("/api/v1/projects/%d/files", p.ID), token: coord.token,
				body: uploadBody, contentType: uploadType})
			res.want(t, http.StatusCreated, "")
			var f app.Attachment
			res.decode(t, &f)
			fileIDs[public] = f.ID
		}
		adopters := make([]app.Organisation, len(w.roles))
		for i := range adopters {
			adopters[i] = e.org(t, kommun(fmt.Sprintf("Adopterande kommun %d", i), 100+i), 0)
		}
		partners := fmt.Sprintf(`[{"organisation_id":%d,"budget":{"amount":10000,"currency":"SEK"}},{"organisation_id":%d,"budget":{"amount":10000,"currency":"NOK"}}]`,
			w.kommun.ID, w.levanger.ID)

		const (
			actSee, actList, actKPIs, actEdit, actKPI, actMeasure, actDecide, actPosts, actPost = "see", "list", "kpis", "edit", "add kpi", "measure", "decide", "read space", "write space"
			actFiles, actDownload, actUpload, actAdoptions, actAdopt                            = "list files", "download", "upload", "adoptions", "adopt"
		)
		acts := []string{actSee, actList, actKPIs, actEdit, actKPI, actMeasure, actDecide, actPosts, actPost, actFiles, actDownload, actUpload, actAdoptions, actAdopt}
		expect := func(r fundingRole, public bool, act string) int {
			if !public && !r.member() {
				return http.StatusNotFound
			}
			allow := map[string]bool{actSee: true, actList: true, actKPIs: true, actEdit: r.manager, actKPI: r.manager, actDecide: r.manager,
				actMeasure: r.member(), actPosts: r.member(), actPost: r.member(), actFiles: r.member(), actDownload: r.member(), actUpload: r.member(),
				actAdoptions: true, actAdopt: r.manager}[act]
			switch {
			case !allow:
				return r.denied()
			case act == actKPI || act == actMeasure || act == actPost || act == actUpload || act == actAdopt:
				return http.StatusCreated
			}
			return http.StatusOK
		}
		cells := 0
		for ri, r := range w.roles {
			var listed []int64
			var l struct{ Items []app.Project }
			e.do(t, call{method: "GET", path: "/api/v1/projects", token: r.p.token}).decode(t, &l)
			for _, p := range l.Items {
				listed = append(listed, p.ID)
			}
			for _, public := range []bool{false, true} {
				p := projects[public]
				base := fmt.Sprintf("/api/v1/projects/%d", p.ID)
				for _, act := range acts {
					want := expect(r, public, act)
					cells++
					name := fmt.Sprintf("%s/public=%v/%s", r.name, public, act)
					if act == actList {
						if slices.Contains(listed, p.ID) != (want == http.StatusOK) {
							t.Errorf("%s: listed = %v", name, !(want == http.StatusOK))
						}
						continue
					}
					req := reqValid
					check := func(method, path, body string, bearer bool, contentType ...string) result {
						t.Helper()
						if bearer && r.p.ID == 0 {
							req = reqInvalid
						}
						res := e.do(t, call{method: method, path: path, token: r.p.token, body: body, req: req, contentType: strings.Join(contentType, "")})
						if res.status != want {
							t.Errorf("%s: %s %s = %d, want %d: %s", name, method, path, res.status, want, res.body)
						}
						if (strings.Contains(string(res.body), "PROJEKTHEMLIGHET") || strings.Contains(string(res.body), "%PDF")) && !r.member() {
							t.Errorf("%s: the project space shows to %s", name, r.name)
						}
						return res
					}
					switch act {
					case actSee:
						check("GET", base, "", false)
					case actKPIs:
						check("GET", base+"/kpis", "", false)
					case actEdit:
						check("PUT", base, fmt.Sprintf(`{"title":"Matris offentligt=%v","public":%v,"manager_id":%d,"partners":%s}`, public, public, coord.ID, partners), true)
					case actKPI:
						check("POST", base+"/kpis", `{"name":"Resor","direction":"lower","baseline":10,"baseline_date":"2025-12-01","target":5}`, true)
					case actMeasure:
						check("POST", fmt.Sprintf("%s/kpis/%d/measurements", base, kpis[public]), `{"date":"2026-03-01","value":120}`, true)
					case actDecide:
						check("PUT", base+"/decision", `{"decision":"go","rationale":"Målen nås."}`, true)
					case actPosts:
						check("GET", base+"/posts", "", true)
					case actPost:
						check("POST", base+"/posts", `{"body":"Hej projektet"}`, true)
					case actFiles:
						check("GET", base+"/files", "", true)
					case actDownload:
						if res := check("GET", fmt.Sprintf("%s/files/%d", base, fileIDs[public]), "", true); res.status == http.StatusOK && string(res.body) != matrixPDF {
							t.Errorf("%s: downloaded %q", name, res.body)
						}
					case actUpload:
						check("POST", base+"/files", uploadBody, true, uploadType)
					case actAdoptions:
						check("GET", base+"/adoptions", "", false)
					case actAdopt:
						check("POST", base+"/adoptions", fmt.Sprintf(`{"organisation_id":%d,"date":"2026-01-15"}`, adopters[ri].ID), true)
					}
				}
			}
		}
		// Lessons learned are searched among closed projects only: none is closed here.
		var found struct{ Items []app.Project }
		e.do(t, call{method: "GET", path: "/api/v1/projects?lessons=matris", token: coord.token}).decode(t, &found)
		if len(found.Items) != 0 {
			t.Errorf("lessons of open projects found: %v", found.Items)
		}
		// A partner taken off the internal project no longer sees it.
		internal := fmt.Sprintf("/api/v1/projects/%d", projects[false].ID)
		e.do(t, call{method: "PUT", path: internal, token: coord.token, body: `{"title":"Utan partner"}`}).want(t, http.StatusOK, "")
		e.do(t, call{method: "GET", path: internal, token: w.roles[3].p.token}).want(t, http.StatusNotFound, "not_found")
		t.Logf("project matrix: %d cells", cells)
	})
}

func TestApplicationAuthorizationMatrix(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newFundingWorld(t, e)
		ctx := context.Background()
		in := app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen", Deadlines: []app.Deadline{{Stage: "Ansökan", Local: "2099-02-15T17:00", TimeZone: "Europe/Stockholm"}},
			CallRules: app.CallRules{Currency: "EUR", RequiredCountries: []string{"SE", "NO"}, MinPartners: 2}}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		c, err := e.store.CreateCall(ctx, 0, in)
		if err != nil {
			t.Fatal(err)
		}
		body := func(partners ...string) string {
			return fmt.Sprintf(`{"call_id":%d,"title":"Akutrum över gränsen","status":"drafting","partners":[%s]}`, c.ID, strings.Join(partners, ","))
		}
		partner := func(org app.Organisation, role string) string {
			return fmt.Sprintf(`{"organisation_id":%d,"role":"%s","budget":{"amount":4000000,"currency":"EUR"},"requested_grant":{"amount":2000000,"currency":"EUR"}}`, org.ID, role)
		}
		coord := w.roles[1].p
		// Drafted by the region with a Swedish partner only: the Norwegian partner is missing.
		res := e.do(t, call{method: "POST", path: "/api/v1/applications", token: coord.token, body: body(partner(w.region, "lead"), partner(w.kommun, "beneficiary"))})
		res.want(t, http.StatusCreated, "")
		var a struct {
			ID     int64
			Checks []app.Problem
		}
		res.decode(t, &a)
		if len(a.Checks) != 1 || a.Checks[0].Rule != app.RuleRequiredCountry || a.Checks[0].Message != "Det saknas en partner från Norge, som utlysningen kräver." {
			t.Errorf("checks = %+v", a.Checks)
		}
		en := e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/applications/%d", a.ID), token: coord.token, lang: "en"})
		if !strings.Contains(string(en.body), "The call requires a partner from Norway") {
			t.Errorf("English checks: %s", en.body)
		}
		// A lead the caller does not belong to is refused.
		e.do(t, call{method: "POST", path: "/api/v1/applications", token: coord.token, body: body(partner(w.kommun, "lead"))}).want(t, http.StatusForbidden, "forbidden")
		// The Norwegian partner joins; the checks pass.
		withNO := body(partner(w.region, "lead"), partner(w.kommun, "beneficiary"), partner(w.levanger, "beneficiary"))
		res = e.do(t, call{method: "PUT", path: fmt.Sprintf("/api/v1/applications/%d", a.ID), token: coord.token, body: withNO})
		res.want(t, http.StatusOK, "")
		res.decode(t, &a)
		if len(a.Checks) != 0 {
			t.Errorf("checks with a Norwegian partner = %+v", a.Checks)
		}

		path := fmt.Sprintf("/api/v1/applications/%d", a.ID)
		cells := 0
		for _, r := range w.roles {
			sees := r.member()
			wantSee, wantEdit := http.StatusNotFound, http.StatusNotFound
			if sees {
				wantSee, wantEdit = http.StatusOK, r.denied()
			}
			if r.owner || r.admin {
				wantEdit = http.StatusOK
			}
			req := reqValid
			if r.p.ID == 0 {
				req = reqInvalid
			}
			if got := e.do(t, call{method: "GET", path: path, token: r.p.token, req: req}); got.status != wantSee {
				t.Errorf("%s: see = %d, want %d", r.name, got.status, wantSee)
			}
			if got := e.do(t, call{method: "PUT", path: path, token: r.p.token, body: withNO, req: req}); got.status != wantEdit {
				t.Errorf("%s: edit = %d, want %d: %s", r.name, got.status, wantEdit, got.body)
			}
			var l struct{ Items []struct{ ID int64 } }
			if r.p.ID != 0 {
				e.do(t, call{method: "GET", path: "/api/v1/applications", token: r.p.token}).decode(t, &l)
				if (len(l.Items) == 1) != sees {
					t.Errorf("%s: listed = %v", r.name, l.Items)
				}
			}
			cells += 3
		}
		t.Logf("application matrix: %d cells", cells)
	})
}

// TestCallRadarAPI: the calls radar of a need and of a project, for those who see them.
func TestCallRadarAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newFundingWorld(t, e)
		ctx := context.Background()
		coord := w.roles[1].p
		in := app.NeedInput{Title: "Akutrum", Tags: []string{"glesbygd", "distansvård"}, Visibility: app.VisibleOrganisation}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		n, err := e.store.CreateNeed(ctx, w.region.ID, coord.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		p, err := e.store.CreateProject(ctx, w.region.ID, coord.ID, app.ProjectInput{Title: "Akutrum", Type: "pilot", NeedIDs: []int64{n.ID}})
		if err != nil {
			t.Fatal(err)
		}
		ci := app.CallInput{Programme: "Interreg Aurora", Title: "Glesbygdens vård", Tags: []string{"Glesbygd"},
			Deadlines: []app.Deadline{{Stage: "Ansökan", Local: "2099-01-15T17:00", TimeZone: "Europe/Stockholm"}},
			CallRules: app.CallRules{Currency: "EUR", EligibleKinds: []app.OrgKind{app.KindRegion}}}
		if err := ci.Normalise(); err != nil {
			t.Fatal(err)
		}
		if _, err := e.store.CreateCall(ctx, 0, ci); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{fmt.Sprintf("/api/v1/needs/%d/calls", n.ID), fmt.Sprintf("/api/v1/projects/%d/calls", p.ID)} {
			res := e.do(t, call{method: "GET", path: path, token: coord.token})
			res.want(t, http.StatusOK, "")
			var l struct{ Items []app.CallMatch }
			res.decode(t, &l)
			if len(l.Items) != 1 || !l.Items[0].Eligible || !slices.Equal(l.Items[0].Shared, []string{"Glesbygd"}) {
				t.Errorf("%s = %+v", path, l.Items)
			}
			e.do(t, call{method: "GET", path: path, token: w.roles[5].p.token}).want(t, http.StatusNotFound, "not_found")
			e.do(t, call{method: "GET", path: path + "?limit=0", token: coord.token, req: reqInvalid}).want(t, http.StatusBadRequest, "invalid", "limit")
		}
	})
}

// TestPartnerRequestMatrix: who sees a partner request, who may offer, whose offers each
// role sees (never a competitor's), and who takes an offer into the application.
func TestPartnerRequestMatrix(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newFundingWorld(t, e)
		ctx := context.Background()
		visitor, coord, member, partner, norwegian, outsider, admin := w.roles[0], w.roles[1], w.roles[2], w.roles[3], w.roles[4], w.roles[5], w.roles[6]
		ci := app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen", CallRules: app.CallRules{Currency: "EUR"}}
		if err := ci.Normalise(); err != nil {
			t.Fatal(err)
		}
		c, err := e.store.CreateCall(ctx, 0, ci)
		if err != nil {
			t.Fatal(err)
		}
		eur := app.Money{Currency: "EUR"}
		a, err := e.store.CreateApplication(ctx, coord.p.ID, app.ApplicationInput{CallID: c.ID, Title: "Akutrum", Status: "partner_search",
			Partners: []app.ApplicationPartnerInput{{OrganisationID: w.region.ID, Role: "lead", Budget: eur, Grant: eur, CoFinancing: eur},
				{OrganisationID: w.kommun.ID, Role: "beneficiary", Budget: eur, Grant: eur, CoFinancing: eur}}})
		if err != nil {
			t.Fatal(err)
		}
		seek := fmt.Sprintf("/api/v1/applications/%d/partner-requests", a.ID)
		body := `{"role":"beneficiary","competence":"Norsk kommun med hemtjänst","country":"NO","deadline":"2099-01-31"}`
		// Only the lead seeks; the other partner may not, and those outside do not see the application.
		for r, want := range map[fundingRole]int{visitor: http.StatusNotFound, partner: http.StatusForbidden, norwegian: http.StatusNotFound,
			outsider: http.StatusNotFound} {
			req := reqValid
			if r.p.ID == 0 {
				req = reqInvalid
			}
			if got := e.do(t, call{method: "POST", path: seek, token: r.p.token, body: body, req: req}); got.status != want {
				t.Errorf("%s seeks a partner: %d, want %d", r.name, got.status, want)
			}
		}
		res := e.do(t, call{method: "POST", path: seek, token: member.p.token, body: body})
		res.want(t, http.StatusCreated, "")
		var pr app.PartnerRequest
		res.decode(t, &pr)
		base := fmt.Sprintf("/api/v1/partner-requests/%d", pr.ID)

		// Everyone signed in reads the request and finds it under the call.
		for _, r := range w.roles {
			want := http.StatusOK
			req := reqValid
			if r.p.ID == 0 {
				want, req = http.StatusUnauthorized, reqInvalid
			}
			if got := e.do(t, call{method: "GET", path: base, token: r.p.token, req: req}); got.status != want {
				t.Errorf("%s reads the request: %d, want %d", r.name, got.status, want)
			}
			got := e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/calls/%d/partner-requests", c.ID), token: r.p.token, req: req})
			if got.status != want {
				t.Errorf("%s lists the call's requests: %d, want %d", r.name, got.status, want)
			}
		}

		// Offers: from another organisation only, once, and not from a partner already in.
		offer := func(r fundingRole, org app.Organisation, msg string, want int) int64 {
			t.Helper()
			req := reqValid
			if r.p.ID == 0 {
				req = reqInvalid
			}
			res := e.do(t, call{method: "POST", path: base + "/offers", token: r.p.token, body: fmt.Sprintf(`{"organisation_id":%d,"message":%q}`, org.ID, msg), req: req})
			if res.status != want {
				t.Errorf("%s offers %s: %d, want %d: %s", r.name, org.Name, res.status, want, res.body)
			}
			var o app.PartnerOffer
			if want == http.StatusCreated {
				res.decode(t, &o)
			}
			return o.ID
		}
		offer(visitor, w.levanger, "Hej", http.StatusUnauthorized)
		offer(coord, w.region, "Vi själva", http.StatusForbidden)
		offer(admin, w.levanger, "Admin", http.StatusForbidden)
		offer(outsider, w.levanger, "Någon annans organisation", http.StatusForbidden)
		offer(partner, w.kommun, "Vi är redan med", http.StatusConflict)
		fromNorway := offer(norwegian, w.levanger, "NORSKT ERBJUDANDE", http.StatusCreated)
		offer(norwegian, w.levanger, "Igen", http.StatusConflict)
		fromCompany := offer(outsider, w.outsiderOrg, "KONKURRENTENS ERBJUDANDE", http.StatusCreated)

		// Each sees what it may: the seeking side all, the others their own, nobody a competitor's.
		for _, c := range []struct {
			r    fundingRole
			want []int64
		}{{coord, []int64{fromNorway, fromCompany}}, {member, []int64{fromNorway, fromCompany}}, {admin, []int64{fromNorway, fromCompany}},
			{norwegian, []int64{fromNorway}}, {outsider, []int64{fromCompany}}, {partner, nil}} {
			var l struct{ Items []app.PartnerOffer }
			e.do(t, call{method: "GET", path: base + "/offers", token: c.r.p.token}).decode(t, &l)
			var got []int64
			for _, o := range l.Items {
				got = append(got, o.ID)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%s sees offers %v, want %v", c.r.name, got, c.want)
			}
		}

		// Only the seeking organisation takes an offer in, once.
		accept := func(r fundingRole, id int64, want int) {
			t.Helper()
			req := reqValid
			if r.p.ID == 0 {
				req = reqInvalid
			}
			if got := e.do(t, call{method: "POST", path: fmt.Sprintf("%s/offers/%d/accept", base, id), token: r.p.token, req: req}); got.status != want {
				t.Errorf("%s accepts offer %d: %d, want %d: %s", r.name, id, got.status, want, got.body)
			}
		}
		accept(visitor, fromNorway, http.StatusUnauthorized)
		for _, r := range []fundingRole{partner, norwegian, outsider} {
			accept(r, fromNorway, http.StatusForbidden)
		}
		accept(coord, fromNorway, http.StatusOK)
		accept(admin, fromNorway, http.StatusConflict)
		accept(member, fromCompany, http.StatusOK)
		got, _ := e.store.Application(ctx, app.Viewer{Admin: true}, a.ID)
		if len(got.Partners) != 4 || got.Partners[2].Organisation.ID != w.levanger.ID || got.Partners[3].Organisation.ID != w.outsiderOrg.ID {
			t.Errorf("partners after accepting = %+v", got.Partners)
		}
		// Taken in, the Norwegian partner now sees the application.
		e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/applications/%d", a.ID), token: norwegian.p.token}).want(t, http.StatusOK, "")
	})
}

// TestPilotProjectAPI: a need moved to piloting joins a project of its own organisation that
// the mover may change; another organisation's project is refused by name and nothing moves.
func TestPilotProjectAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		ctx := context.Background()
		n := w.move(t, w.need(t, w.input("Akutrum", app.VisibleOrganisation)), pathTo(app.StateRouteDecided)...)
		own, err := e.store.CreateProject(ctx, w.region.ID, w.coord.ID, app.ProjectInput{Title: "Regionens pilot", Type: "pilot", ManagerID: &w.coord.ID})
		if err != nil {
			t.Fatal(err)
		}
		foreign, err := e.store.CreateProject(ctx, w.kommun.ID, 0, app.ProjectInput{Title: "Kommunens pilot", Type: "pilot", Public: true})
		if err != nil {
			t.Fatal(err)
		}
		move := func(projectID int64) result {
			return e.do(t, call{method: "POST", path: needPath(n.ID, "/transitions"), token: w.coord.token,
				body: fmt.Sprintf(`{"to":"piloting","project_id":%d}`, projectID)})
		}
		move(foreign.ID).want(t, http.StatusUnprocessableEntity, "invalid", "project_id")
		if got := e.stored(t, n.ID); got.State != app.StateRouteDecided {
			t.Fatalf("state after a refused move = %s", got.State)
		}
		move(own.ID).want(t, http.StatusOK, "")
		refs, err := e.store.NeedProjects(ctx, app.Viewer{Admin: true}, n.ID)
		if err != nil || len(refs) != 1 || refs[0].ID != own.ID {
			t.Errorf("the need's projects = %v, %v", refs, err)
		}
	})
}

// TestAdoptionAndFileInput: what the adoption and file endpoints refuse, field by field,
// with nothing written.
func TestAdoptionAndFileInput(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newFundingWorld(t, e)
		coord := w.roles[1].p
		p, err := e.store.CreateProject(context.Background(), w.region.ID, coord.ID, app.ProjectInput{Title: "Nattillsyn", Type: "pilot", ManagerID: &coord.ID})
		if err != nil {
			t.Fatal(err)
		}
		adopt := fmt.Sprintf("/api/v1/projects/%d/adoptions", p.ID)
		post := func(body string) result {
			return e.do(t, call{method: "POST", path: adopt, token: coord.token, body: body})
		}
		post(fmt.Sprintf(`{"organisation_id":%d,"date":"2026-01-15"}`, w.region.ID)).want(t, http.StatusUnprocessableEntity, "invalid", "organisation_id")
		post(fmt.Sprintf(`{"organisation_id":%d,"date":"2999-01-15"}`, w.kommun.ID)).want(t, http.StatusUnprocessableEntity, "invalid", "date")
		post(`{"organisation_id":424242,"date":"2026-01-15"}`).want(t, http.StatusUnprocessableEntity, "invalid", "organisation_id")
		e.do(t, call{method: "POST", path: adopt, token: coord.token, body: `{"organisation_id":"x"}`, req: reqInvalid}).want(t, http.StatusBadRequest, "invalid", "organisation_id")
		res := post(fmt.Sprintf(`{"organisation_id":%d,"date":"2026-01-15","scope":"Hela hemtjänsten"}`, w.kommun.ID))
		res.want(t, http.StatusCreated, "")
		post(fmt.Sprintf(`{"organisation_id":%d,"date":"2026-02-15"}`, w.kommun.ID)).want(t, http.StatusConflict, "conflict", "organisation_id")
		var l struct{ Items []app.Adoption }
		e.do(t, call{method: "GET", path: adopt, token: coord.token}).decode(t, &l)
		if len(l.Items) != 1 || l.Items[0].Scope != "Hela hemtjänsten" || l.Items[0].Organisation.ID != w.kommun.ID {
			t.Errorf("adoptions = %+v", l.Items)
		}
		var got app.Project
		e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/projects/%d", p.ID), token: coord.token}).decode(t, &got)
		if got.Adoptions != 1 {
			t.Errorf("project counts %d adoptions", got.Adoptions)
		}

		files := fmt.Sprintf("/api/v1/projects/%d/files", p.ID)
		upload := func(name, content string) result {
			var b strings.Builder
			mw := multipart.NewWriter(&b)
			fw, _ := mw.CreateFormFile("file", name)
			fw.Write([]byte(content))
			mw.Close()
			return e.do(t, call{method: "POST", path: files, token: coord.token, body: b.String(), contentType: mw.FormDataContentType()})
		}
		upload("logga.svg", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`).want(t, http.StatusUnprocessableEntity, "invalid", "file")
		upload("plan.pdf", "<html><script>alert(1)</script></html>").want(t, http.StatusUnprocessableEntity, "invalid", "file")
		upload("tom.pdf", "").want(t, http.StatusUnprocessableEntity, "invalid", "file")
		var fl struct{ Items []app.Attachment }
		e.do(t, call{method: "GET", path: files, token: coord.token}).decode(t, &fl)
		if len(fl.Items) != 0 {
			t.Errorf("refused files were kept: %+v", fl.Items)
		}
	})
}
