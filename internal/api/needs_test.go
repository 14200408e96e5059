package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/server"
)

// person is someone signed up, with an API token.
type person struct {
	app.User
	token string
}

// needWorld is a region with its people, a partner municipality, another municipality that
// may co-own needs, two supplier companies and a platform admin.
type needWorld struct {
	*env
	region, kommun, krokom, company, company2 app.Organisation

	owner       person // need_submitter of the region: an owner of its needs
	coord       person // innovation coordinator of the region
	proc        person // procurement officer of the region
	member      person // plain member of the region
	partner     person // member of the partner municipality
	krokomCoord person // coordinator of a municipality that may join as co-owner
	supplier    person // supplier of one company
	supplier2   person // supplier of a competitor
	admin       person // platform admin
}

func newNeedWorld(t *testing.T, e *env) *needWorld {
	t.Helper()
	w := &needWorld{env: e}
	w.region = e.org(t, app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, OrgNumber: "232100-0214", Country: "SE"}, 0)
	w.kommun = e.org(t, kommun("Östersunds kommun", 1), 0)
	w.krokom = e.org(t, kommun("Krokoms kommun", 2), 0)
	w.company = e.org(t, app.OrganisationInput{Name: "Vårdbolaget AB", Kind: app.KindCompany, Size: app.SizeSME, OrgNumber: orgNumber(50), Country: "SE"}, 0)
	w.company2 = e.org(t, app.OrganisationInput{Name: "Konkurrenten AB", Kind: app.KindCompany, Size: app.SizeLarge, OrgNumber: orgNumber(51), Country: "SE"}, 0)
	mk := func(name string, admin bool, org app.Organisation, role app.Role) person {
		u, token := e.person(t, name, admin)
		if org.ID != 0 {
			if err := e.store.AddRole(context.Background(), org.ID, u.ID, role); err != nil {
				t.Fatal(err)
			}
		}
		return person{u, token}
	}
	w.owner = mk("Olle", false, w.region, app.RoleNeedSubmitter)
	w.coord = mk("Cecilia", false, w.region, app.RoleCoordinator)
	w.proc = mk("Petra", false, w.region, app.RoleProcurementOfficer)
	w.member = mk("Maja", false, w.region, app.RoleMember)
	w.partner = mk("Pelle", false, w.kommun, app.RoleMember)
	w.krokomCoord = mk("Kalle", false, w.krokom, app.RoleCoordinator)
	w.supplier = mk("Sara", false, w.company, app.RoleSupplier)
	w.supplier2 = mk("Sven", false, w.company2, app.RoleSupplier)
	w.admin = mk("Adam", true, app.Organisation{}, "")
	return w
}

// input is a complete need of the region: it passes every guard up to implementation.
func (w *needWorld) input(title string, vis app.Visibility) app.NeedInput {
	owner := w.owner.ID
	return app.NeedInput{Title: title, HowMightWe: "Hur kan vi ge invånare i Härjedalen akut bedömning på nära håll?",
		Problem: "Det är upp till 20 mil till närmaste akutmottagning.", CurrentPractice: "Ambulans eller egen bil till Östersund.",
		Consequence: "Onödiga resor och sena bedömningar.", TargetGroups: "Invånare i Härjedalen", CareSettings: []string{"primarvard", "ambulans"},
		Tags: []string{"distansvård", "glesbygd"}, VolumePeople: 10000, VolumeEvents: 800, Urgency: "high",
		Benefits:    []app.Benefit{{KPI: "Resor till akuten", Unit: "resor/år", Baseline: "800", Target: "400"}},
		BenefitPlan: "Följs upp kvartalsvis av primärvården.", Visibility: vis, PartnerIDs: []int64{w.kommun.ID}, OwnerID: &owner}
}

// need registers a need of the region directly in the store.
func (w *needWorld) need(t *testing.T, in app.NeedInput) app.Need {
	t.Helper()
	if err := in.Normalise(); err != nil {
		t.Fatalf("need input: %v", err)
	}
	n, err := w.store.CreateNeed(context.Background(), w.region.ID, w.owner.ID, in)
	if err != nil {
		t.Fatalf("create need: %v", err)
	}
	return n
}

// move walks a need through states directly in the store, as the region's coordinator,
// meeting every guard on the way.
func (w *needWorld) move(t *testing.T, n app.Need, path ...app.NeedState) app.Need {
	t.Helper()
	ctx := context.Background()
	for _, to := range path {
		if n.State == app.StateMarketScan {
			if err := w.store.SetDialogueSummary(ctx, n.ID, "Tre leverantörer visade lösningar för distansbedömning.", true); err != nil {
				t.Fatal(err)
			}
		}
		var err error
		n, err = w.store.TransitionNeed(ctx, n.ID, n.State, w.coord.ID, app.TransitionInput{To: to, Route: "pilot", CloseReason: "solved",
			ProcurementContact: "upphandling@regionjh.se"})
		if err != nil {
			t.Fatalf("%s → %s: %v", n.State, to, err)
		}
	}
	return n
}

// The main path from a draft.
var mainPath = []app.NeedState{app.StateSubmitted, app.StateBeingAnalysed, app.StateValidated, app.StateMarketScan, app.StateMatched,
	app.StateRouteDecided, app.StatePiloting, app.StateProcurement, app.StateImplementation, app.StateBenefitFollowUp, app.StateSpread}

// pathTo is the main path from a draft up to and including st.
func pathTo(st app.NeedState) []app.NeedState {
	i := slices.Index(mainPath, st)
	return mainPath[:i+1]
}

// needJSON is a need as the API answers it.
type needJSON struct {
	app.Need
	TotalVolumePeople int `json:"total_volume_people"`
	TotalVolumeEvents int `json:"total_volume_events"`
}

type needList struct {
	Items []struct {
		needJSON
	} `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func needPath(id int64, rest ...string) string {
	return fmt.Sprintf("/api/v1/needs/%d", id) + strings.Join(rest, "")
}

// getNeed reads a need through the API as the holder of token ("" for a visitor).
func (e *env) getNeed(t *testing.T, token string, id int64) needJSON {
	t.Helper()
	r := e.do(t, call{method: "GET", path: needPath(id), token: token})
	r.want(t, http.StatusOK, "")
	var n needJSON
	r.decode(t, &n)
	return n
}

// needIDs walks every page of a list of needs and returns the ids in order.
func (e *env) needIDs(t *testing.T, token, query string) []int64 {
	t.Helper()
	var ids []int64
	sep := "?"
	if query != "" {
		query, sep = "?"+query, "&"
	}
	path := "/api/v1/needs" + query
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("the pages do not end")
		}
		r := e.do(t, call{method: "GET", path: path, token: token})
		r.want(t, http.StatusOK, "")
		var l needList
		r.decode(t, &l)
		if l.Items == nil {
			t.Fatalf("%s: items is null", path)
		}
		for _, n := range l.Items {
			ids = append(ids, n.ID)
		}
		if l.NextCursor == nil {
			return ids
		}
		path = "/api/v1/needs" + query + sep + "cursor=" + *l.NextCursor
	}
}

// needCount counts every need in the store, whoever may see it.
func (e *env) needCount(t *testing.T) int {
	t.Helper()
	n := 0
	f := app.NeedFilter{Page: app.Page{Limit: app.MaxLimit}}
	for {
		l, err := e.store.ListNeeds(context.Background(), app.Viewer{Admin: true}, f)
		if err != nil {
			t.Fatal(err)
		}
		n += len(l.Items)
		if l.NextCursor == nil {
			return n
		}
		f.Cursor = *l.NextCursor
	}
}

// stored is a need as the store has it, with the time in the current state left out: that
// grows while a test runs.
func (e *env) stored(t *testing.T, id int64) app.Need {
	t.Helper()
	n, err := e.store.Need(context.Background(), app.Viewer{Admin: true}, id)
	if err != nil {
		t.Fatal(err)
	}
	delete(n.StageDurations, string(n.State))
	return n
}

func sameNeed(a, b app.Need) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func (e *env) history(t *testing.T, token string, id int64) []app.NeedTransition {
	t.Helper()
	r := e.do(t, call{method: "GET", path: needPath(id, "/history"), token: token})
	r.want(t, http.StatusOK, "")
	var l struct {
		Items      []app.NeedTransition `json:"items"`
		NextCursor *string              `json:"next_cursor"`
	}
	r.decode(t, &l)
	if l.NextCursor != nil {
		t.Errorf("history next_cursor = %q", *l.NextCursor)
	}
	return l.Items
}

// issueBody is the request of the issue's API section, as a client sends it.
func issueBody(orgID int64) string {
	return fmt.Sprintf(`{"organisation_id":%d,"title":"Virtuellt akutrum i Härjedalen","how_might_we":"Hur kan vi ge invånare i Härjedalen akut bedömning utan att resa 20 mil?","problem":"Det är långt till akutmottagningen i Östersund.","care_settings":["primarvard","ambulans"],"tags":["distansvård","glesbygd"],"visibility":"public"}`, orgID)
}

func TestCreateNeed(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)

		r := e.do(t, call{method: "POST", path: "/api/v1/needs", token: w.owner.token, body: issueBody(w.region.ID)})
		r.want(t, http.StatusCreated, "")
		var n needJSON
		r.decode(t, &n)
		if loc := r.header.Get("Location"); loc != needPath(n.ID) {
			t.Errorf("Location = %q for %d", loc, n.ID)
		}
		var raw map[string]any
		r.decode(t, &raw)
		for _, k := range []string{"state", "visibility", "stage_durations", "lead_time_seconds"} {
			if _, ok := raw[k]; !ok {
				t.Errorf("the need's JSON lacks %q: %s", k, r.body)
			}
		}
		if raw["lead_time_seconds"] != nil {
			t.Errorf("lead_time_seconds of a draft = %v, want null", raw["lead_time_seconds"])
		}
		if n.State != app.StateDraft || n.Visibility != app.VisiblePublic || n.Title != "Virtuellt akutrum i Härjedalen" ||
			n.Organisation.ID != w.region.ID || n.CreatedBy.ID != w.owner.ID || n.Owner != nil || n.SubmittedAt != nil || n.Urgency != "medium" ||
			!slices.Equal(n.CareSettings, []string{"ambulans", "primarvard"}) || !slices.Equal(n.Tags, []string{"distansvård", "glesbygd"}) ||
			n.Benefits == nil || n.Partners == nil || n.CoOwners == nil {
			t.Errorf("created = %+v", n)
		}
		if d, ok := n.StageDurations["draft"]; !ok || d < 0 || len(n.StageDurations) != 1 {
			t.Errorf("stage_durations = %v, want only draft", n.StageDurations)
		}
		if got := e.getNeed(t, w.owner.token, n.ID); got.ID != n.ID || got.Title != n.Title || got.State != app.StateDraft {
			t.Errorf("GET Location = %+v", got)
		}
		// A draft stays inside the owning organisation, public or not.
		for _, token := range []string{"", w.supplier.token, w.partner.token} {
			e.do(t, call{method: "GET", path: needPath(n.ID), token: token}).want(t, http.StatusNotFound, "not_found")
		}
		if h := e.history(t, w.owner.token, n.ID); len(h) != 1 || h[0].From != "" || h[0].To != app.StateDraft || h[0].Actor.ID != w.owner.ID {
			t.Errorf("history of a new draft = %+v", h)
		}

		// Every field, by a coordinator.
		body := fmt.Sprintf(`{"organisation_id":%d,"title":"  Digital  nattillsyn ","how_might_we":"Hur kan vi se till brukare på natten utan att väcka dem?",
			"problem":"Nattliga besök stör sömnen.","current_practice":"Tre besök per natt.","consequence":"Sämre sömn och fler fall.",
			"target_groups":"Brukare i hemtjänst","constraints":"Samtycke krävs.","care_settings":["hemtjanst"],"tags":["Nattillsyn","nattillsyn","kamera"],
			"volume_people":120,"volume_events":40000,"urgency":"critical","benefits":[{"kpi":"Nattliga besök","unit":"besök/natt","baseline":"3","target":"1"},{"kpi":"","unit":"","baseline":"","target":""}],
			"benefit_plan":"Mäts varje månad.","visibility":"partners","partner_ids":[%d,%d],"owner_id":%d}`, w.region.ID, w.kommun.ID, w.region.ID, w.owner.ID)
		r = e.do(t, call{method: "POST", path: "/api/v1/needs", token: w.coord.token, body: body})
		r.want(t, http.StatusCreated, "")
		r.decode(t, &n)
		if n.Title != "Digital nattillsyn" || n.CurrentPractice != "Tre besök per natt." || n.Consequence == "" || n.TargetGroups == "" ||
			n.Constraints != "Samtycke krävs." || !slices.Equal(n.Tags, []string{"Nattillsyn", "kamera"}) || n.VolumePeople != 120 ||
			n.VolumeEvents != 40000 || n.TotalVolumePeople != 120 || n.TotalVolumeEvents != 40000 || n.Urgency != "critical" ||
			len(n.Benefits) != 1 || n.Benefits[0].Target != "1" || n.BenefitPlan != "Mäts varje månad." || n.Visibility != app.VisiblePartners ||
			len(n.Partners) != 1 || n.Partners[0].ID != w.kommun.ID || n.Owner == nil || n.Owner.ID != w.owner.ID || n.CreatedBy.ID != w.coord.ID {
			t.Errorf("created with every field = %+v", n)
		}
		before := e.needCount(t)

		valid := func(change string) string { return strings.TrimSuffix(issueBody(w.region.ID), "}") + change + "}" }
		tests := []struct {
			name   string
			c      call
			status int
			fields []string
		}{
			{"visitor", call{body: valid(""), token: "-", req: reqInvalid}, 401, nil},
			{"bad token", call{body: valid(""), token: "tls_nope"}, 401, nil},
			{"supplier", call{body: valid(""), token: w.supplier.token}, 403, nil},
			{"plain member of the organisation", call{body: valid(""), token: w.member.token}, 403, nil},
			{"procurement officer", call{body: valid(""), token: w.proc.token}, 403, nil},
			{"coordinator of another organisation", call{body: valid(""), token: w.krokomCoord.token}, 403, nil},
			{"in a company", call{body: valid(fmt.Sprintf(`,"organisation_id":%d`, w.company.ID)), token: w.supplier.token}, 403, nil},
			{"no organisation", call{body: `{"title":"Behov"}`, req: reqInvalid}, 422, []string{"organisation_id"}},
			{"no title", call{body: fmt.Sprintf(`{"organisation_id":%d}`, w.region.ID), req: reqInvalid}, 422, []string{"title"}},
			{"blank title and no organisation", call{body: `{"title":"   "}`, req: reqInvalid}, 422, []string{"title", "organisation_id"}},
			{"title too long", call{body: valid(`,"title":"` + strings.Repeat("å", 201) + `"`)}, 422, []string{"title"}},
			{"personal number in the problem", call{body: valid(`,"problem":"Patienten 19121212-1212 har KOL"`)}, 422, []string{"problem"}},
			{"personal number in a benefit", call{body: valid(`,"benefits":[{"kpi":"Besök av 121212-1212","unit":"","baseline":"","target":""}]`)}, 422, []string{"benefits"}},
			{"personal number in a tag", call{body: valid(`,"tags":["1212121212"]`)}, 422, []string{"tags"}},
			{"benefit without KPI", call{body: valid(`,"benefits":[{"kpi":"","unit":"st","baseline":"1","target":"2"}]`)}, 422, []string{"benefits"}},
			{"unknown care setting", call{body: valid(`,"care_settings":["rymden"]`), req: reqInvalid}, 422, []string{"care_settings"}},
			{"unknown visibility", call{body: valid(`,"visibility":"everyone"`), req: reqInvalid}, 422, []string{"visibility"}},
			{"unknown urgency", call{body: valid(`,"urgency":"asap"`), req: reqInvalid}, 422, []string{"urgency"}},
			{"negative volume", call{body: valid(`,"volume_people":-1`), req: reqInvalid}, 422, []string{"volume_people"}},
			{"owner outside the organisation", call{body: valid(fmt.Sprintf(`,"owner_id":%d`, w.supplier.ID))}, 422, []string{"owner_id"}},
			{"unknown partner", call{body: valid(`,"partner_ids":[999999]`)}, 422, []string{"partner_ids"}},
			{"malformed JSON", call{body: `{"title":`, req: reqInvalid}, 400, nil},
			{"unknown field", call{body: valid(`,"state":"validated"`), req: reqInvalid}, 400, []string{"state"}},
			{"created_at is not input", call{body: valid(`,"created_at":"2020-01-01T00:00:00Z"`), req: reqInvalid}, 400, []string{"created_at"}},
			{"wrong type", call{body: valid(`,"volume_people":"många"`), req: reqInvalid}, 400, []string{"volume_people"}},
			{"wrong type in a list", call{body: valid(`,"partner_ids":["x"]`), req: reqInvalid}, 400, []string{"partner_ids"}},
			{"trailing data", call{body: valid("") + `{}`, req: reqUnchecked}, 400, nil},
			{"wrong content type", call{body: valid(""), contentType: "text/plain", req: reqInvalid}, 400, nil},
			{"too large", call{body: valid(`,"problem":"` + strings.Repeat("a", server.MaxBody) + `"`)}, 413, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.c.method, tt.c.path = "POST", "/api/v1/needs"
				switch tt.c.token {
				case "":
					tt.c.token = w.owner.token
				case "-":
					tt.c.token = ""
				}
				code := map[int]string{400: "invalid", 401: "unauthenticated", 403: "forbidden", 413: "invalid", 422: "invalid"}[tt.status]
				e.do(t, tt.c).want(t, tt.status, code, tt.fields...)
				if got := e.needCount(t); got != before {
					t.Errorf("%d needs after a failure, want %d", got, before)
				}
			})
		}

		t.Run("messages in the language asked for", func(t *testing.T) {
			body := valid(`,"problem":"Ring 19121212-1212","volume_events":-5`)
			for _, lang := range []string{"", "sv", "en", "en-GB,en;q=0.8", "de"} {
				want := "sv"
				if strings.HasPrefix(lang, "en") {
					want = "en"
				}
				r := e.do(t, call{method: "POST", path: "/api/v1/needs", token: w.owner.token, body: body, lang: lang, req: reqInvalid})
				r.want(t, 422, "invalid", "problem", "volume_events")
				got := r.err(t)
				if got.Message != i18n.T(want, "err.invalid_input") || got.Fields["problem"] != i18n.T(want, "err.personal_number") ||
					got.Fields["volume_events"] != i18n.T(want, "err.volume") {
					t.Errorf("Accept-Language %q: %+v, want %s", lang, got, want)
				}
			}
			if i18n.T("sv", "err.personal_number") == i18n.T("en", "err.personal_number") {
				t.Error("the Swedish and English messages are the same")
			}
		})
	})
}

func TestListNeeds(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		mk := func(title string, vis app.Visibility, urgency app.Urgency, care []string, tags []string, path ...app.NeedState) app.Need {
			in := w.input(title, vis)
			in.Urgency, in.CareSettings, in.Tags = urgency, care, tags
			return w.move(t, w.need(t, in), path...)
		}
		akut := mk("Virtuellt akutrum", app.VisiblePublic, "critical", []string{"primarvard", "ambulans"}, []string{"Distansvård"}, pathTo(app.StateMarketScan)...)
		natt := mk("Ökad trygghet på natten", app.VisiblePublic, "high", []string{"hemtjanst"}, []string{"nattillsyn"}, app.StateSubmitted)
		dosett := mk("Läkemedelsautomater", app.VisiblePublic, "low", []string{"hemtjanst", "egenvard"}, []string{"läkemedel", "distansvård"}, app.StateSubmitted, app.StateBeingAnalysed)
		egen := mk("Egenmonitorering hemma", app.VisiblePublic, "medium", []string{"egenvard"}, nil)
		intern := mk("Ärendehantering", app.VisibleOrganisation, "medium", []string{"sjukhusvard"}, []string{"distansvård"}, app.StateSubmitted)
		// Krokom co-owns the night-time need.
		if err := e.store.JoinNeed(context.Background(), natt.ID, w.krokom.ID, w.krokomCoord.ID, 50, 0); err != nil {
			t.Fatal(err)
		}
		ids := func(ns ...app.Need) []int64 {
			var out []int64
			for _, n := range ns {
				out = append(out, n.ID)
			}
			return out
		}
		same := func(a, b []int64) bool {
			return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
		}

		tests := []struct {
			query string
			token string
			want  []int64
			order bool // the order matters
		}{
			{"", "", ids(dosett, natt, akut), true}, // a visitor: public needs that are not drafts, newest first
			{"", w.member.token, ids(intern, egen, dosett, natt, akut), true},
			{"", w.supplier.token, ids(dosett, natt, akut), true},
			{"sort=oldest", w.member.token, ids(akut, natt, dosett, egen, intern), true},
			{"sort=title", w.member.token, ids(egen, dosett, akut, intern, natt), true}, // Swedish order: Ä and Ö after Z
			{"sort=urgency", w.member.token, ids(akut, natt, intern, egen, dosett), true},
			{"state=submitted", w.member.token, ids(natt, intern), false},
			{"state=draft,being_analysed", w.member.token, ids(egen, dosett), false},
			{"state=draft&state=market_scan", w.member.token, ids(egen, akut), false},
			{"state=draft", w.supplier.token, nil, false},
			{"care_setting=hemtjanst", "", ids(natt, dosett), false},
			{"tag=DISTANSVÅRD", w.member.token, ids(akut, dosett, intern), false},
			{"tag=distansvård", w.supplier.token, ids(akut, dosett), false},
			{"tag=okänd", w.member.token, nil, false},
			{fmt.Sprintf("organisation_id=%d", w.krokom.ID), w.member.token, ids(natt), false},
			{fmt.Sprintf("organisation_id=%d", w.region.ID), "", ids(akut, natt, dosett), false},
			{"urgency=low", w.member.token, ids(dosett), false},
			{"urgency=medium&state=submitted", w.member.token, ids(intern), false},
			{"ref=RJH-2026-1", w.member.token, nil, false},
			{"limit=1", w.member.token, ids(intern, egen, dosett, natt, akut), true},
			{"limit=2&sort=title", w.member.token, ids(egen, dosett, akut, intern, natt), true},
			{"limit=1&sort=urgency", w.member.token, ids(akut, natt, intern, egen, dosett), true},
			{"limit=1&sort=oldest&state=submitted", w.member.token, ids(natt, intern), true},
			{"", w.admin.token, ids(intern, egen, dosett, natt, akut), true},
		}
		for _, tt := range tests {
			got := e.needIDs(t, tt.token, tt.query)
			if (tt.order && !slices.Equal(got, tt.want)) || (!tt.order && !same(got, tt.want)) {
				t.Errorf("GET /api/v1/needs?%s = %v, want %v", tt.query, got, tt.want)
			}
		}

		// Items are summaries; the need itself has the rest.
		r := e.do(t, call{method: "GET", path: "/api/v1/needs?state=submitted", token: w.member.token})
		var raw struct {
			Items []map[string]any `json:"items"`
		}
		r.decode(t, &raw)
		for _, it := range raw.Items {
			for _, k := range []string{"state", "visibility", "lead_time_seconds", "co_owners", "total_volume_people"} {
				if _, ok := it[k]; !ok {
					t.Errorf("list item lacks %q", k)
				}
			}
			if _, ok := it["dialogue_summary"]; ok {
				t.Error("a list item carries the dialogue summary")
			}
			if it["id"] == float64(natt.ID) && it["total_volume_people"] != float64(natt.VolumePeople+50) {
				t.Errorf("total volume with the co-owner = %v", it["total_volume_people"])
			}
		}

		bad := []struct {
			name  string
			query string
			field string
			req   int
		}{
			{"unknown state", "state=done", "state", reqInvalid},
			{"empty state", "state=", "state", reqInvalid},
			{"trailing comma", "state=draft,", "state", reqInvalid},
			{"one bad state of two", "state=draft&state=Draft", "state", reqInvalid},
			{"unknown care setting", "care_setting=rymden", "care_setting", reqInvalid},
			{"unknown urgency", "urgency=asap", "urgency", reqInvalid},
			{"unknown sort", "sort=random", "sort", reqInvalid},
			{"organisation not a number", "organisation_id=region", "organisation_id", reqInvalid},
			{"organisation 0", "organisation_id=0", "organisation_id", reqInvalid},
			{"limit 0", "limit=0", "limit", reqInvalid},
			{"limit 201", "limit=201", "limit", reqInvalid},
			{"cursor not base64", "cursor=%21%21", "cursor", reqValid},
		}
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) {
				e.do(t, call{method: "GET", path: "/api/v1/needs?" + tt.query, req: tt.req}).want(t, http.StatusBadRequest, "invalid", tt.field)
			})
		}
		e.do(t, call{method: "GET", path: "/api/v1/needs", token: "tls_nope"}).want(t, http.StatusUnauthorized, "unauthenticated")
	})
}

func TestGetNeed(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		n := w.move(t, w.need(t, w.input("Virtuellt akutrum", app.VisibleOrganisation)), app.StateSubmitted)
		got := e.getNeed(t, w.member.token, n.ID)
		if got.ID != n.ID || got.State != app.StateSubmitted || got.SubmittedAt == nil || got.LeadTimeSeconds != nil ||
			len(got.Benefits) != 1 || len(got.Partners) != 1 || got.Owner == nil || got.Owner.ID != w.owner.ID {
			t.Errorf("need = %+v", got)
		}
		if _, ok := got.StageDurations["draft"]; !ok {
			t.Errorf("stage_durations = %v, want draft and submitted", got.StageDurations)
		}
		// A need one may not see is answered exactly like one that does not exist.
		hidden := e.do(t, call{method: "GET", path: needPath(n.ID), token: w.supplier.token})
		hidden.want(t, http.StatusNotFound, "not_found")
		missing := e.do(t, call{method: "GET", path: needPath(999999), token: w.supplier.token})
		missing.want(t, http.StatusNotFound, "not_found")
		if string(hidden.body) != string(missing.body) {
			t.Errorf("hidden %s differs from missing %s", hidden.body, missing.body)
		}
		e.do(t, call{method: "GET", path: needPath(n.ID)}).want(t, http.StatusNotFound, "not_found")
		e.do(t, call{method: "GET", path: "/api/v1/needs/akut", req: reqInvalid}).want(t, http.StatusNotFound, "not_found")
		e.do(t, call{method: "GET", path: "/api/v1/needs/0", req: reqInvalid}).want(t, http.StatusNotFound, "not_found")
		e.do(t, call{method: "DELETE", path: needPath(n.ID), token: w.admin.token}).want(t, http.StatusMethodNotAllowed, "invalid")
	})
}

func TestUpdateNeed(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		n := w.move(t, w.need(t, w.input("Virtuellt akutrum", app.VisiblePublic)), app.StateSubmitted)
		path := needPath(n.ID)

		r := e.do(t, call{method: "PATCH", path: path, token: w.owner.token, body: `{"title":" Virtuellt  akutrum i Härjedalen ","tags":["akut"],"volume_people":12000}`})
		r.want(t, http.StatusOK, "")
		var got needJSON
		r.decode(t, &got)
		if got.Title != "Virtuellt akutrum i Härjedalen" || !slices.Equal(got.Tags, []string{"akut"}) || got.VolumePeople != 12000 ||
			got.Problem != n.Problem || !slices.Equal(got.CareSettings, n.CareSettings) || len(got.Benefits) != 1 || len(got.Partners) != 1 ||
			got.Owner == nil || got.Visibility != app.VisiblePublic || got.State != app.StateSubmitted {
			t.Errorf("after PATCH = %+v", got)
		}
		// owner_id null leaves the need without a named owner; left out, the owner stays.
		r = e.do(t, call{method: "PATCH", path: path, token: w.coord.token, body: `{"owner_id":null,"partner_ids":[]}`})
		r.want(t, http.StatusOK, "")
		r.decode(t, &got)
		if got.Owner != nil || len(got.Partners) != 0 || got.Title != "Virtuellt akutrum i Härjedalen" {
			t.Errorf("after clearing owner and partners = %+v", got)
		}
		r = e.do(t, call{method: "PATCH", path: path, token: w.admin.token, body: fmt.Sprintf(`{"owner_id":%d}`, w.coord.ID)})
		r.want(t, http.StatusOK, "")
		r.decode(t, &got)
		if got.Owner == nil || got.Owner.ID != w.coord.ID || got.Owner.Name != "Cecilia" {
			t.Errorf("owner = %+v", got.Owner)
		}
		e.do(t, call{method: "PATCH", path: path, token: w.owner.token, body: `{}`}).want(t, http.StatusOK, "")
		before := e.stored(t, n.ID)

		merged := w.move(t, w.need(t, w.input("Dubblett", app.VisiblePublic)), app.StateSubmitted)
		if _, err := e.store.TransitionNeed(context.Background(), merged.ID, merged.State, w.coord.ID, app.TransitionInput{To: app.StateMerged, MergedInto: n.ID}); err != nil {
			t.Fatal(err)
		}
		hidden := w.move(t, w.need(t, w.input("Internt", app.VisibleOrganisation)), app.StateSubmitted)
		tests := []struct {
			name   string
			c      call
			status int
			fields []string
		}{
			{"visitor", call{body: `{"title":"X"}`, req: reqInvalid}, 401, nil},
			{"supplier", call{token: w.supplier.token, body: `{"title":"X"}`}, 403, nil},
			{"plain member", call{token: w.member.token, body: `{"title":"X"}`}, 403, nil},
			{"procurement officer", call{token: w.proc.token, body: `{"title":"X"}`}, 403, nil},
			{"partner", call{token: w.partner.token, body: `{"title":"X"}`}, 403, nil},
			{"a need one cannot see", call{token: w.supplier.token, path: needPath(hidden.ID), body: `{"title":"X"}`}, 404, nil},
			{"unknown need", call{token: w.owner.token, path: needPath(999999), body: `{"title":"X"}`}, 404, nil},
			{"a merged need", call{token: w.owner.token, path: needPath(merged.ID), body: `{"title":"X"}`}, 403, nil},
			{"empty title", call{token: w.owner.token, body: `{"title":""}`}, 422, []string{"title"}},
			{"personal number", call{token: w.owner.token, body: `{"constraints":"Gäller 121212-1212"}`}, 422, []string{"constraints"}},
			{"unknown care setting", call{token: w.owner.token, body: `{"care_settings":["månen"]}`, req: reqInvalid}, 422, []string{"care_settings"}},
			{"owner outside", call{token: w.owner.token, body: fmt.Sprintf(`{"owner_id":%d}`, w.partner.ID)}, 422, []string{"owner_id"}},
			{"unknown partner", call{token: w.owner.token, body: `{"partner_ids":[999999],"title":"Ny"}`}, 422, []string{"partner_ids"}},
			{"owner not a number", call{token: w.owner.token, body: `{"owner_id":"Olle"}`, req: reqInvalid}, 400, []string{"owner_id"}},
			{"unknown field", call{token: w.owner.token, body: `{"state":"spread"}`, req: reqInvalid}, 400, []string{"state"}},
			{"malformed JSON", call{token: w.owner.token, body: `{"title"`, req: reqInvalid}, 400, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.c.method = "PATCH"
				if tt.c.path == "" {
					tt.c.path = path
				}
				code := map[int]string{400: "invalid", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 422: "invalid"}[tt.status]
				e.do(t, tt.c).want(t, tt.status, code, tt.fields...)
				if got := e.stored(t, n.ID); !sameNeed(got, before) {
					t.Errorf("changed by a failed PATCH:\n got %+v\nwant %+v", got, before)
				}
			})
		}
	})
}

// rels are the relations the test gives each of the region's people to its needs, by the
// rules in DESIGN.md: not read from the policy under test.
func (w *needWorld) rels(p person) []app.NeedRelation {
	switch p.ID {
	case w.owner.ID:
		return []app.NeedRelation{app.RelOwner}
	case w.coord.ID:
		return []app.NeedRelation{app.RelCoordinator}
	case w.proc.ID:
		return []app.NeedRelation{app.RelProcurement}
	case w.admin.ID:
		return []app.NeedRelation{app.RelAdmin}
	}
	return nil
}

func stateNames(ss []app.NeedState) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, string(s))
	}
	return out
}

type transitionError struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
		Allowed []string          `json:"allowed"`
	} `json:"error"`
}

func TestNeedTransitions(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)

		t.Run("illegal moves list the allowed ones", func(t *testing.T) {
			for _, from := range []app.NeedState{app.StateDraft, app.StateSubmitted, app.StateValidated, app.StateRouteDecided, app.StateProcurement, app.StateClosed} {
				n := w.need(t, w.input("Behov i "+string(from), app.VisiblePublic))
				switch from {
				case app.StateDraft:
				case app.StateClosed:
					n = w.move(t, n, app.StateSubmitted, app.StateClosed)
				default:
					n = w.move(t, n, pathTo(from)...)
				}
				for _, p := range []person{w.owner, w.coord, w.proc, w.admin} {
					rels := w.rels(p)
					allowed := app.AllowedTransitions(from, rels)
					// A move nobody may make from here, and one somebody else may make.
					for _, to := range []app.NeedState{app.StateSpread, app.StateDraft, app.StateBeingAnalysed, app.StateImplementation} {
						if slices.Contains(allowed, to) {
							continue
						}
						r := e.do(t, call{method: "POST", path: needPath(n.ID, "/transitions"), token: p.token, body: `{"to":"` + string(to) + `","comment":"Försök"}`})
						r.want(t, http.StatusConflict, "conflict")
						var body transitionError
						r.decode(t, &body)
						if !slices.Equal(body.Error.Allowed, stateNames(allowed)) && !(len(allowed) == 0 && body.Error.Allowed == nil) {
							t.Errorf("%s by %s, %s → %s: allowed = %v, want %v", from, p.Name, from, to, body.Error.Allowed, allowed)
						}
						if body.Error.Message != i18n.T("sv", "err.transition_not_allowed") {
							t.Errorf("message = %q", body.Error.Message)
						}
					}
				}
				if got := e.stored(t, n.ID); got.State != from {
					t.Errorf("state after refused moves = %s, want %s", got.State, from)
				}
			}
		})

		n := w.move(t, w.need(t, w.input("Virtuellt akutrum", app.VisiblePublic)), app.StateSubmitted)
		hidden := w.move(t, w.need(t, w.input("Internt", app.VisibleOrganisation)), app.StateSubmitted)
		other := w.move(t, w.need(t, w.input("Annat", app.VisibleOrganisation)), app.StateSubmitted)
		before := e.stored(t, n.ID)
		beforeHistory := len(e.history(t, w.admin.token, n.ID))
		tests := []struct {
			name   string
			c      call
			status int
			code   string
			fields []string
		}{
			{"visitor", call{body: `{"to":"being_analysed"}`, req: reqInvalid}, 401, "unauthenticated", nil},
			{"supplier", call{token: w.supplier.token, body: `{"to":"being_analysed"}`}, 403, "forbidden", nil},
			{"plain member", call{token: w.member.token, body: `{"to":"being_analysed"}`}, 403, "forbidden", nil},
			{"partner", call{token: w.partner.token, body: `{"to":"withdrawn"}`}, 403, "forbidden", nil},
			{"a need one cannot see", call{token: w.supplier.token, path: needPath(hidden.ID, "/transitions"), body: `{"to":"withdrawn"}`}, 404, "not_found", nil},
			{"unknown need", call{token: w.admin.token, path: needPath(999999, "/transitions"), body: `{"to":"withdrawn"}`}, 404, "not_found", nil},
			{"unknown state", call{token: w.coord.token, body: `{"to":"done"}`, req: reqInvalid}, 422, "invalid", []string{"to"}},
			{"no state", call{token: w.coord.token, body: `{"comment":"Vidare"}`, req: reqInvalid}, 422, "invalid", []string{"to"}},
			{"personal number in the comment", call{token: w.coord.token, body: `{"to":"being_analysed","comment":"Gäller 19121212-1212"}`}, 422, "invalid", []string{"comment"}},
			{"unknown route", call{token: w.coord.token, body: `{"to":"being_analysed","route":"teleport"}`, req: reqInvalid}, 422, "invalid", []string{"route"}},
			{"unknown close reason", call{token: w.coord.token, body: `{"to":"closed","close_reason":"tired"}`, req: reqInvalid}, 422, "invalid", []string{"close_reason"}},
			{"close without a reason", call{token: w.coord.token, body: `{"to":"closed"}`}, 409, "conflict", []string{"close_reason"}},
			{"merge without a survivor", call{token: w.coord.token, body: `{"to":"merged"}`}, 409, "conflict", []string{"merged_into"}},
			{"merge into itself", call{token: w.coord.token, body: fmt.Sprintf(`{"to":"merged","merged_into":%d}`, n.ID)}, 409, "conflict", []string{"merged_into"}},
			{"merge into an unknown need", call{token: w.coord.token, body: `{"to":"merged","merged_into":999999}`}, 422, "invalid", []string{"merged_into"}},
			{"wrong type", call{token: w.coord.token, body: `{"to":7}`, req: reqInvalid}, 400, "invalid", []string{"to"}},
			{"unknown field", call{token: w.coord.token, body: `{"to":"being_analysed","at":"2020-01-01T00:00:00Z"}`, req: reqInvalid}, 400, "invalid", []string{"at"}},
			{"malformed JSON", call{token: w.coord.token, body: `{"to":`, req: reqInvalid}, 400, "invalid", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.c.method = "POST"
				if tt.c.path == "" {
					tt.c.path = needPath(n.ID, "/transitions")
				}
				e.do(t, tt.c).want(t, tt.status, tt.code, tt.fields...)
				if got := e.stored(t, n.ID); !sameNeed(got, before) {
					t.Errorf("changed by a refused move:\n got %+v\nwant %+v", got, before)
				}
				if h := len(e.history(t, w.admin.token, n.ID)); h != beforeHistory {
					t.Errorf("history has %d moves after a refused one, want %d", h, beforeHistory)
				}
			})
		}
		// Merging into a need of the same organisation works; the followers move there.
		r := e.do(t, call{method: "POST", path: needPath(n.ID, "/transitions"), token: w.coord.token, body: fmt.Sprintf(`{"to":"merged","merged_into":%d,"comment":"Samma behov"}`, other.ID)})
		r.want(t, http.StatusOK, "")
		var merged needJSON
		r.decode(t, &merged)
		if merged.State != app.StateMerged || merged.MergedInto == nil || *merged.MergedInto != other.ID {
			t.Errorf("merged = %+v", merged)
		}
	})
}

// TestNeedWalk moves a need from registration to spread through the API, meeting every
// guard on the way, and checks the figures and the history.
func TestNeedWalk(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		r := e.do(t, call{method: "POST", path: "/api/v1/needs", token: w.owner.token, body: issueBody(w.region.ID)})
		r.want(t, http.StatusCreated, "")
		var n needJSON
		r.decode(t, &n)

		type step struct {
			by     person
			body   string
			status int
			fields []string
		}
		var moves []struct {
			by      person
			from    app.NeedState
			to      app.NeedState
			comment string
		}
		do := func(s step) {
			t.Helper()
			r := e.do(t, call{method: "POST", path: needPath(n.ID, "/transitions"), token: s.by.token, body: s.body})
			if s.status != http.StatusOK {
				r.want(t, s.status, "conflict", s.fields...)
				return
			}
			r.want(t, http.StatusOK, "")
			var in app.TransitionInput
			if err := json.Unmarshal([]byte(s.body), &in); err != nil {
				t.Fatal(err)
			}
			from := n.State
			r.decode(t, &n)
			if n.State != in.To {
				t.Fatalf("state = %s, want %s", n.State, in.To)
			}
			moves = append(moves, struct {
				by      person
				from    app.NeedState
				to      app.NeedState
				comment string
			}{s.by, from, in.To, in.Comment})
			if _, ok := n.StageDurations[string(from)]; !ok {
				t.Errorf("stage_durations %v lacks %s", n.StageDurations, from)
			}
			if (n.LeadTimeSeconds != nil) != slices.Contains([]app.NeedState{app.StateImplementation, app.StateBenefitFollowUp, app.StateSpread}, n.State) {
				t.Errorf("lead_time_seconds in %s = %v", n.State, n.LeadTimeSeconds)
			}
		}
		patch := func(by person, body string) {
			t.Helper()
			e.do(t, call{method: "PATCH", path: needPath(n.ID), token: by.token, body: body}).want(t, http.StatusOK, "")
		}

		do(step{w.owner, `{"to":"submitted","comment":"Skickas in för bedömning."}`, 200, nil})
		do(step{w.owner, `{"to":"being_analysed"}`, 409, nil}) // the coordinator's move
		do(step{w.coord, `{"to":"being_analysed","comment":"Vi analyserar.","route":"buy","close_reason":"other","merged_into":1}`, 200, nil})
		if n.Route != "" || n.CloseReason != "" || n.MergedInto != nil {
			t.Errorf("what only other moves read was recorded: %q %q %v", n.Route, n.CloseReason, n.MergedInto)
		}
		do(step{w.coord, `{"to":"validated"}`, 409, []string{"owner_id", "benefits"}})
		patch(w.owner, fmt.Sprintf(`{"owner_id":%d,"benefits":[{"kpi":"Resor till akuten","unit":"resor/år","baseline":"800","target":"400"}]}`, w.owner.ID))
		do(step{w.coord, `{"to":"validated","comment":"Behovet är bekräftat."}`, 200, nil})
		do(step{w.coord, `{"to":"market_scan","comment":"Tidig dialog."}`, 200, nil})

		// The market dialogue: a contact, its summary, the published summary of the dialogue.
		r = e.do(t, call{method: "POST", path: needPath(n.ID, "/contacts"), token: w.coord.token,
			body: fmt.Sprintf(`{"date":"2026-11-02","supplier_organisation_id":%d,"our_people":"Cecilia","their_people":"Sara","channel":"video","purpose":"Dialogmöte"}`, w.company.ID)})
		r.want(t, http.StatusCreated, "")
		var contact app.SupplierContact
		r.decode(t, &contact)
		do(step{w.coord, `{"to":"matched"}`, 409, []string{"contacts", "dialogue_summary"}})
		e.do(t, call{method: "PATCH", path: needPath(n.ID, fmt.Sprintf("/contacts/%d", contact.ID)), token: w.coord.token,
			body: `{"summary":"Visade en lösning för videobedömning.","published":true}`}).want(t, http.StatusOK, "")
		do(step{w.coord, `{"to":"matched"}`, 409, []string{"dialogue_summary"}})
		e.do(t, call{method: "PUT", path: needPath(n.ID, "/dialogue-summary"), token: w.coord.token,
			body: `{"summary":"Tre leverantörer kan leverera.","published":true}`}).want(t, http.StatusOK, "")
		do(step{w.coord, `{"to":"matched","comment":"Två lösningar passar."}`, 200, nil})
		do(step{w.coord, `{"to":"route_decided"}`, 409, []string{"route"}})
		do(step{w.coord, `{"to":"route_decided","route":"pilot","comment":"Vi piloterar."}`, 200, nil})
		if n.Route != "pilot" {
			t.Errorf("route = %q", n.Route)
		}
		do(step{w.coord, `{"to":"piloting"}`, 200, nil})
		do(step{w.proc, `{"to":"procurement"}`, 409, []string{"procurement_contact"}})
		do(step{w.proc, `{"to":"procurement","procurement_contact":"upphandling@regionjh.se","comment":"Upphandling startar."}`, 200, nil})
		if n.ProcurementContact != "upphandling@regionjh.se" {
			t.Errorf("procurement_contact = %q", n.ProcurementContact)
		}
		patch(w.owner, `{"benefit_plan":""}`)
		do(step{w.proc, `{"to":"implementation"}`, 409, []string{"benefit_plan"}})
		patch(w.owner, `{"benefit_plan":"Följs upp varje kvartal."}`)
		if n.LeadTimeSeconds != nil {
			t.Fatalf("lead time before implementation = %d", *n.LeadTimeSeconds)
		}
		do(step{w.proc, `{"to":"implementation","comment":"Avtal klart."}`, 200, nil})
		if n.LeadTimeSeconds == nil || *n.LeadTimeSeconds < 0 {
			t.Fatalf("lead_time_seconds after implementation = %v", n.LeadTimeSeconds)
		}
		var raw map[string]any
		e.do(t, call{method: "GET", path: needPath(n.ID), token: ""}).decode(t, &raw)
		if _, ok := raw["lead_time_seconds"].(float64); !ok {
			t.Errorf("lead_time_seconds = %#v, want a number", raw["lead_time_seconds"])
		}
		do(step{w.owner, `{"to":"benefit_follow_up"}`, 200, nil})
		// Spread: once another organisation took the pilot's solution into use.
		do(step{w.coord, `{"to":"spread"}`, 409, []string{"adoptions"}})
		pilots, err := e.store.NeedProjects(context.Background(), app.Viewer{Admin: true}, n.ID)
		if err != nil || len(pilots) != 1 {
			t.Fatalf("the need's pilot: %v, %v", pilots, err)
		}
		e.do(t, call{method: "POST", path: fmt.Sprintf("/api/v1/projects/%d/adoptions", pilots[0].ID), token: w.coord.token,
			body: fmt.Sprintf(`{"organisation_id":%d,"date":%q,"scope":"Hemsjukvården i hela kommunen."}`, w.kommun.ID,
				time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly))}).want(t, http.StatusCreated, "")
		do(step{w.coord, `{"to":"spread","comment":"Tre kommuner till."}`, 200, nil})
		for _, st := range []app.NeedState{app.StateDraft, app.StateSubmitted, app.StateBeingAnalysed, app.StateValidated, app.StateMarketScan,
			app.StateMatched, app.StateRouteDecided, app.StatePiloting, app.StateProcurement, app.StateImplementation, app.StateBenefitFollowUp, app.StateSpread} {
			if d, ok := n.StageDurations[string(st)]; !ok || d < 0 {
				t.Errorf("stage_durations[%s] = %d, %v", st, d, ok)
			}
		}

		h := e.history(t, "", n.ID)
		if len(h) != len(moves)+1 {
			t.Fatalf("history has %d entries, want %d: %+v", len(h), len(moves)+1, h)
		}
		if h[0].From != "" || h[0].To != app.StateDraft || h[0].Actor.ID != w.owner.ID {
			t.Errorf("first entry = %+v", h[0])
		}
		for i, m := range moves {
			got := h[i+1]
			if got.From != m.from || got.To != m.to || got.Actor.ID != m.by.ID || got.Actor.Name != m.by.Name || got.Comment != m.comment ||
				got.At.IsZero() || got.At.Before(h[i].At) || got.ID <= h[i].ID {
				t.Errorf("history[%d] = %+v, want %s → %s by %s with %q", i+1, got, m.from, m.to, m.by.Name, m.comment)
			}
		}
	})
}

func TestNeedCoOwners(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		n := w.move(t, w.need(t, w.input("Läkemedelsautomater", app.VisibleSignedIn)), app.StateSubmitted)
		hidden := w.move(t, w.need(t, w.input("Internt", app.VisibleOrganisation)), app.StateSubmitted)
		pub := w.move(t, w.need(t, w.input("Publikt", app.VisiblePublic)), app.StateSubmitted)
		path := needPath(n.ID, "/co-owners")
		before := e.stored(t, n.ID)
		tests := []struct {
			name   string
			c      call
			status int
			code   string
			fields []string
		}{
			{"visitor", call{path: needPath(pub.ID, "/co-owners"), body: fmt.Sprintf(`{"organisation_id":%d}`, w.krokom.ID), req: reqInvalid}, 401, "unauthenticated", nil},
			{"visitor, a need for the signed-in", call{body: fmt.Sprintf(`{"organisation_id":%d}`, w.krokom.ID), req: reqInvalid}, 404, "not_found", nil},
			{"supplier", call{token: w.supplier.token, body: fmt.Sprintf(`{"organisation_id":%d}`, w.company.ID)}, 403, "forbidden", nil},
			{"the owning organisation", call{token: w.coord.token, body: fmt.Sprintf(`{"organisation_id":%d}`, w.region.ID)}, 403, "forbidden", nil},
			{"a plain member of another organisation", call{token: w.partner.token, body: fmt.Sprintf(`{"organisation_id":%d}`, w.kommun.ID)}, 403, "forbidden", nil},
			{"an organisation one does not coordinate", call{token: w.krokomCoord.token, body: fmt.Sprintf(`{"organisation_id":%d}`, w.kommun.ID)}, 403, "forbidden", nil},
			{"no organisation", call{token: w.krokomCoord.token, body: `{"volume_people":5}`, req: reqInvalid}, 422, "invalid", []string{"organisation_id"}},
			{"negative volume", call{token: w.krokomCoord.token, body: fmt.Sprintf(`{"organisation_id":%d,"volume_events":-2}`, w.krokom.ID), req: reqInvalid}, 422, "invalid", []string{"volume_events"}},
			{"a need one cannot see", call{token: w.krokomCoord.token, path: needPath(hidden.ID, "/co-owners"), body: fmt.Sprintf(`{"organisation_id":%d}`, w.krokom.ID)}, 404, "not_found", nil},
			{"wrong type", call{token: w.krokomCoord.token, body: `{"organisation_id":"Krokom"}`, req: reqInvalid}, 400, "invalid", []string{"organisation_id"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.c.method = "POST"
				if tt.c.path == "" {
					tt.c.path = path
				}
				e.do(t, tt.c).want(t, tt.status, tt.code, tt.fields...)
				if got := e.stored(t, n.ID); !sameNeed(got, before) {
					t.Errorf("changed by a refused join: %+v", got.CoOwners)
				}
			})
		}
		r := e.do(t, call{method: "POST", path: path, token: w.krokomCoord.token, body: fmt.Sprintf(`{"organisation_id":%d,"volume_people":300,"volume_events":20}`, w.krokom.ID)})
		r.want(t, http.StatusOK, "")
		var got needJSON
		r.decode(t, &got)
		if len(got.CoOwners) != 1 || got.CoOwners[0].Organisation.ID != w.krokom.ID || got.CoOwners[0].VolumePeople != 300 ||
			got.TotalVolumePeople != n.VolumePeople+300 || got.TotalVolumeEvents != n.VolumeEvents+20 {
			t.Errorf("after joining = %+v", got)
		}
		// Once a co-owner, not again; and now an insider.
		e.do(t, call{method: "POST", path: path, token: w.krokomCoord.token, body: fmt.Sprintf(`{"organisation_id":%d}`, w.krokom.ID)}).want(t, http.StatusForbidden, "forbidden")
		e.do(t, call{method: "GET", path: needPath(n.ID, "/comments"), token: w.krokomCoord.token}).want(t, http.StatusOK, "")
	})
}

type questionJSON struct {
	ID         int64        `json:"id"`
	AskedBy    *app.UserRef `json:"asked_by"`
	AskerOrg   *app.OrgRef  `json:"asker_organisation"`
	Question   string       `json:"question"`
	Answer     string       `json:"answer"`
	AnsweredBy *app.UserRef `json:"answered_by"`
}

func (e *env) questions(t *testing.T, token string, id int64) []questionJSON {
	t.Helper()
	r := e.do(t, call{method: "GET", path: needPath(id, "/questions"), token: token})
	r.want(t, http.StatusOK, "")
	var l struct {
		Items []questionJSON `json:"items"`
	}
	r.decode(t, &l)
	if l.Items == nil {
		t.Fatal("questions: items is null")
	}
	return l.Items
}

func TestNeedQuestions(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		n := w.move(t, w.need(t, w.input("Digital nattillsyn", app.VisiblePublic)), pathTo(app.StateMarketScan)...)
		path := needPath(n.ID, "/questions")

		r := e.do(t, call{method: "POST", path: path, token: w.supplier.token, body: `{"question":"  Vilka journalsystem ska lösningen tala med? "}`})
		r.want(t, http.StatusCreated, "")
		var q questionJSON
		r.decode(t, &q)
		if q.Question != "Vilka journalsystem ska lösningen tala med?" || q.AskedBy == nil || q.AskedBy.ID != w.supplier.ID ||
			q.AskerOrg == nil || q.AskerOrg.ID != w.company.ID || q.Answer != "" || q.AnsweredBy != nil {
			t.Errorf("asked = %+v", q)
		}
		// Unanswered, the question is the asker's and the owning side's.
		for token, want := range map[string]int{w.supplier.token: 1, w.coord.token: 1, w.member.token: 1, w.supplier2.token: 0, "": 0, w.partner.token: 0} {
			if got := e.questions(t, token, n.ID); len(got) != want {
				t.Errorf("%d questions seen, want %d", len(got), want)
			}
		}
		r = e.do(t, call{method: "POST", path: needPath(n.ID, fmt.Sprintf("/questions/%d/answer", q.ID)), token: w.coord.token, body: `{"answer":"Cosmic och Lifecare."}`})
		r.want(t, http.StatusOK, "")
		r.decode(t, &q)
		if q.Answer != "Cosmic och Lifecare." || q.AnsweredBy == nil || q.AnsweredBy.ID != w.coord.ID {
			t.Errorf("answered = %+v", q)
		}
		// Answered, everyone who can see the need reads it; who asked only the owning side and the asker.
		for _, tt := range []struct {
			p     person
			asker bool
		}{{w.supplier, true}, {w.coord, true}, {w.member, true}, {w.admin, true}, {w.supplier2, false}, {w.partner, false}, {person{}, false}} {
			got := e.questions(t, tt.p.token, n.ID)
			if len(got) != 1 || got[0].Answer != "Cosmic och Lifecare." || (got[0].AskedBy != nil) != tt.asker || (got[0].AskerOrg != nil) != tt.asker {
				t.Errorf("%q sees %+v", tt.p.Name, got)
			}
		}

		tests := []struct {
			name   string
			c      call
			status int
			code   string
			fields []string
		}{
			{"visitor asks", call{body: `{"question":"Hej?"}`, req: reqInvalid}, 401, "unauthenticated", nil},
			{"coordinator asks", call{token: w.coord.token, body: `{"question":"Hej?"}`}, 403, "forbidden", nil},
			{"member of the region asks", call{token: w.member.token, body: `{"question":"Hej?"}`}, 403, "forbidden", nil},
			{"partner asks", call{token: w.partner.token, body: `{"question":"Hej?"}`}, 403, "forbidden", nil},
			{"empty question", call{token: w.supplier2.token, body: `{"question":"  "}`}, 422, "invalid", []string{"question"}},
			{"personal number", call{token: w.supplier2.token, body: `{"question":"Gäller det 121212-1212?"}`}, 422, "invalid", []string{"question"}},
			{"no question", call{token: w.supplier2.token, body: `{}`, req: reqInvalid}, 422, "invalid", []string{"question"}},
			{"supplier answers", call{token: w.supplier.token, path: needPath(n.ID, fmt.Sprintf("/questions/%d/answer", q.ID)), body: `{"answer":"Ja"}`}, 403, "forbidden", nil},
			{"member answers", call{token: w.member.token, path: needPath(n.ID, fmt.Sprintf("/questions/%d/answer", q.ID)), body: `{"answer":"Ja"}`}, 403, "forbidden", nil},
			{"unknown question", call{token: w.coord.token, path: needPath(n.ID, "/questions/999999/answer"), body: `{"answer":"Ja"}`}, 404, "not_found", nil},
			{"empty answer", call{token: w.coord.token, path: needPath(n.ID, fmt.Sprintf("/questions/%d/answer", q.ID)), body: `{"answer":""}`}, 422, "invalid", []string{"answer"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.c.method = "POST"
				if tt.c.path == "" {
					tt.c.path = path
				}
				e.do(t, tt.c).want(t, tt.status, tt.code, tt.fields...)
				if got := e.questions(t, w.admin.token, n.ID); len(got) != 1 || got[0].Answer != "Cosmic och Lifecare." {
					t.Errorf("questions after a failure = %+v", got)
				}
			})
		}

		// The procurement lock closes questions and says where to ask instead.
		n = w.move(t, w.store2need(t, n.ID), app.StateMatched, app.StateRouteDecided, app.StateProcurement)
		for _, lang := range []string{"sv", "en"} {
			r := e.do(t, call{method: "POST", path: path, token: w.supplier2.token, body: `{"question":"Får vi lämna anbud tillsammans?"}`, lang: lang})
			r.want(t, http.StatusConflict, "conflict")
			if msg := r.err(t).Message; msg != i18n.T(lang, "err.questions_locked", "upphandling@regionjh.se") ||
				!strings.HasSuffix(msg, "upphandling@regionjh.se") || strings.Contains(msg, "%!") {
				t.Errorf("%s: message = %q", lang, msg)
			}
		}
		if got := e.questions(t, w.supplier2.token, n.ID); len(got) != 1 {
			t.Errorf("answers during the lock = %+v", got)
		}
		// A need that is no longer worked on takes no questions.
		closed := w.move(t, w.need(t, w.input("Avslutat", app.VisiblePublic)), app.StateSubmitted, app.StateClosed)
		e.do(t, call{method: "POST", path: needPath(closed.ID, "/questions"), token: w.supplier.token, body: `{"question":"Hej?"}`}).want(t, http.StatusConflict, "conflict")
	})
}

// store2need reads a need back from the store for further moves.
func (w *needWorld) store2need(t *testing.T, id int64) app.Need {
	t.Helper()
	n, err := w.store.Need(context.Background(), app.Viewer{Admin: true}, id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestNeedComments(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		n := w.move(t, w.need(t, w.input("Egenmonitorering", app.VisiblePartners)), app.StateSubmitted)
		pub := w.move(t, w.need(t, w.input("Publikt", app.VisiblePublic)), app.StateSubmitted)
		path := needPath(n.ID, "/comments")

		r := e.do(t, call{method: "POST", path: path, token: w.member.token, body: `{"body":"Vi bör prata med hemsjukvården först."}`})
		r.want(t, http.StatusCreated, "")
		var c app.Comment
		r.decode(t, &c)
		if c.Body != "Vi bör prata med hemsjukvården först." || c.Author.ID != w.member.ID || c.Author.Name != "Maja" {
			t.Errorf("comment = %+v", c)
		}
		for _, p := range []person{w.member, w.coord, w.proc, w.owner, w.admin} {
			r := e.do(t, call{method: "GET", path: path, token: p.token})
			r.want(t, http.StatusOK, "")
			var l struct{ Items []app.Comment }
			r.decode(t, &l)
			if len(l.Items) != 1 || l.Items[0].Author.Name != "Maja" {
				t.Errorf("%s sees %+v", p.Name, l.Items)
			}
		}
		tests := []struct {
			name   string
			c      call
			status int
			code   string
			fields []string
		}{
			{"partner reads", call{method: "GET", token: w.partner.token}, 403, "forbidden", nil},
			{"partner writes", call{token: w.partner.token, body: `{"body":"Hej"}`}, 403, "forbidden", nil},
			{"supplier reads a public need's", call{method: "GET", path: needPath(pub.ID, "/comments"), token: w.supplier.token}, 403, "forbidden", nil},
			{"visitor reads a public need's", call{method: "GET", path: needPath(pub.ID, "/comments"), req: reqInvalid}, 401, "unauthenticated", nil},
			{"supplier reads one it cannot see", call{method: "GET", token: w.supplier.token}, 404, "not_found", nil},
			{"visitor writes on one it cannot see", call{body: `{"body":"Hej"}`, req: reqInvalid}, 404, "not_found", nil},
			{"empty", call{token: w.member.token, body: `{"body":""}`}, 422, "invalid", []string{"body"}},
			{"personal number", call{token: w.member.token, body: `{"body":"Ring 191212121212"}`}, 422, "invalid", []string{"body"}},
			{"unknown field", call{token: w.member.token, body: `{"text":"Hej"}`, req: reqInvalid}, 400, "invalid", []string{"text"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if tt.c.method == "" {
					tt.c.method = "POST"
				}
				if tt.c.path == "" {
					tt.c.path = path
				}
				e.do(t, tt.c).want(t, tt.status, tt.code, tt.fields...)
				if cs, err := e.store.Comments(context.Background(), n.ID); err != nil || len(cs) != 1 {
					t.Errorf("comments after a failure: %d, %v", len(cs), err)
				}
			})
		}
	})
}

func TestNeedContacts(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		n := w.move(t, w.need(t, w.input("Virtuellt akutrum", app.VisiblePublic)), pathTo(app.StateMarketScan)...)
		path := needPath(n.ID, "/contacts")
		contacts := func(token string) []app.SupplierContact {
			t.Helper()
			r := e.do(t, call{method: "GET", path: path, token: token})
			r.want(t, http.StatusOK, "")
			var l struct{ Items []app.SupplierContact }
			r.decode(t, &l)
			return l.Items
		}

		r := e.do(t, call{method: "POST", path: path, token: w.coord.token, body: fmt.Sprintf(`{"date":"2026-11-02","supplier_organisation_id":%d,
			"our_people":"Cecilia, Petra","their_people":"Sara","channel":"meeting","purpose":"Dialogmöte om videobedömning",
			"info_given":"Behovsbeskrivningen","info_received":"Produktblad"}`, w.company.ID)})
		r.want(t, http.StatusCreated, "")
		var c app.SupplierContact
		r.decode(t, &c)
		if c.SupplierOrg == nil || c.SupplierOrg.Name != "Vårdbolaget AB" || c.SupplierName != "Vårdbolaget AB" || c.Published ||
			c.CreatedBy.ID != w.coord.ID || c.CreatedBy.Name != "Cecilia" || c.Date != "2026-11-02" || c.NeedID != n.ID {
			t.Errorf("contact = %+v", c)
		}
		r = e.do(t, call{method: "POST", path: path, token: w.proc.token, body: `{"date":"2026-11-03","supplier_name":"Okänd AB","our_people":"Petra",
			"their_people":"Säljare","channel":"phone","purpose":"Fråga om prisnivå","summary":"Gav ungefärliga priser.","published":true}`})
		r.want(t, http.StatusCreated, "")
		if got := contacts(w.member.token); len(got) != 2 {
			t.Errorf("the owning side sees %d contacts, want 2", len(got))
		}
		for _, token := range []string{w.supplier.token, w.supplier2.token, ""} {
			if got := contacts(token); len(got) != 1 || got[0].SupplierName != "Okänd AB" {
				t.Errorf("outside the owning side: %+v", got)
			}
		}
		r = e.do(t, call{method: "PATCH", path: path + fmt.Sprintf("/%d", c.ID), token: w.coord.token, body: `{"summary":"Visade videobedömning.","published":true}`})
		r.want(t, http.StatusOK, "")
		r.decode(t, &c)
		if c.Summary != "Visade videobedömning." || !c.Published || c.SupplierOrg == nil {
			t.Errorf("after PATCH = %+v", c)
		}
		if got := contacts(w.supplier2.token); len(got) != 2 {
			t.Errorf("published to all: %d", len(got))
		}
		r = e.do(t, call{method: "PATCH", path: path + fmt.Sprintf("/%d", c.ID), token: w.coord.token, body: `{"published":false}`})
		r.want(t, http.StatusOK, "")
		r.decode(t, &c)
		if c.Summary != "Visade videobedömning." || c.Published {
			t.Errorf("after unpublishing = %+v", c)
		}
		count := len(contacts(w.admin.token))

		valid := func(change string) string {
			return `{"date":"2026-11-04","supplier_name":"X AB","our_people":"Cecilia","their_people":"Y","channel":"email","purpose":"Fråga"` + change + `}`
		}
		tests := []struct {
			name   string
			c      call
			status int
			code   string
			fields []string
		}{
			{"visitor", call{body: valid(""), req: reqInvalid}, 401, "unauthenticated", nil},
			{"supplier", call{token: w.supplier.token, body: valid("")}, 403, "forbidden", nil},
			{"plain member", call{token: w.member.token, body: valid("")}, 403, "forbidden", nil},
			{"need owner", call{token: w.owner.token, body: valid("")}, 403, "forbidden", nil},
			{"bad date", call{token: w.coord.token, body: valid(`,"date":"2 november"`)}, 422, "invalid", []string{"date"}},
			{"unknown channel", call{token: w.coord.token, body: valid(`,"channel":"brevduva"`), req: reqInvalid}, 422, "invalid", []string{"channel"}},
			{"missing people", call{token: w.coord.token, body: valid(`,"our_people":"","their_people":" "`)}, 422, "invalid", []string{"our_people", "their_people"}},
			{"no supplier", call{token: w.coord.token, body: valid(`,"supplier_name":""`)}, 422, "invalid", []string{"supplier_name"}},
			{"unknown supplier organisation", call{token: w.coord.token, body: valid(`,"supplier_organisation_id":999999`)}, 422, "invalid", []string{"supplier_organisation_id"}},
			{"published without summary", call{token: w.coord.token, body: valid(`,"published":true`)}, 422, "invalid", []string{"summary"}},
			{"personal number", call{token: w.coord.token, body: valid(`,"info_received":"Patient 121212-1212"`)}, 422, "invalid", []string{"info_received"}},
			{"unknown field", call{token: w.coord.token, body: valid(`,"need_id":1`), req: reqInvalid}, 400, "invalid", []string{"need_id"}},
			{"PATCH by a supplier", call{method: "PATCH", path: path + fmt.Sprintf("/%d", c.ID), token: w.supplier.token, body: `{"published":true}`}, 403, "forbidden", nil},
			{"PATCH unknown entry", call{method: "PATCH", path: path + "/999999", token: w.coord.token, body: `{"published":true}`}, 404, "not_found", nil},
			{"PATCH publish without summary", call{method: "PATCH", path: path + fmt.Sprintf("/%d", c.ID), token: w.coord.token, body: `{"summary":"","published":true}`}, 422, "invalid", []string{"summary"}},
			{"PATCH personal number", call{method: "PATCH", path: path + fmt.Sprintf("/%d", c.ID), token: w.coord.token, body: `{"summary":"121212-1212"}`}, 422, "invalid", []string{"summary"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if tt.c.method == "" {
					tt.c.method = "POST"
				}
				if tt.c.path == "" {
					tt.c.path = path
				}
				e.do(t, tt.c).want(t, tt.status, tt.code, tt.fields...)
				got := contacts(w.admin.token)
				if len(got) != count || got[0].Summary != "Visade videobedömning." || got[0].Published {
					t.Errorf("contacts after a failure = %+v", got)
				}
			})
		}

		t.Run("dialogue summary", func(t *testing.T) {
			sp := needPath(n.ID, "/dialogue-summary")
			e.do(t, call{method: "PUT", path: sp, token: w.coord.token, body: `{"summary":"Utkast: två leverantörer.","published":false}`}).want(t, http.StatusOK, "")
			if got := e.getNeed(t, w.supplier.token, n.ID); got.DialogueSummary != "" || got.SummaryPublished {
				t.Errorf("an unpublished summary shown to a supplier: %q", got.DialogueSummary)
			}
			if got := e.getNeed(t, w.member.token, n.ID); got.DialogueSummary != "Utkast: två leverantörer." {
				t.Errorf("the owning side sees %q", got.DialogueSummary)
			}
			r := e.do(t, call{method: "PUT", path: sp, token: w.proc.token, body: `{"summary":"Två leverantörer kan leverera.","published":true}`})
			r.want(t, http.StatusOK, "")
			for _, token := range []string{w.supplier.token, ""} {
				if got := e.getNeed(t, token, n.ID); got.DialogueSummary != "Två leverantörer kan leverera." || !got.SummaryPublished {
					t.Errorf("published summary = %q", got.DialogueSummary)
				}
			}
			for _, tt := range []struct {
				name   string
				c      call
				status int
				fields []string
			}{
				{"supplier", call{token: w.supplier.token, body: `{"summary":"X","published":true}`}, 403, nil},
				{"owner", call{token: w.owner.token, body: `{"summary":"X","published":true}`}, 403, nil},
				{"visitor", call{body: `{"summary":"X","published":true}`, req: reqInvalid}, 401, nil},
				{"published missing", call{token: w.coord.token, body: `{"summary":"X"}`, req: reqInvalid}, 422, []string{"published"}},
				{"publishing nothing", call{token: w.coord.token, body: `{"summary":" ","published":true}`}, 422, []string{"summary"}},
				{"personal number", call{token: w.coord.token, body: `{"summary":"19121212-1212","published":false}`}, 422, []string{"summary"}},
			} {
				tt.c.method, tt.c.path = "PUT", sp
				code := map[int]string{401: "unauthenticated", 403: "forbidden", 422: "invalid"}[tt.status]
				e.do(t, tt.c).want(t, tt.status, code, tt.fields...)
				if got := e.stored(t, n.ID); got.DialogueSummary != "Två leverantörer kan leverera." || !got.SummaryPublished {
					t.Errorf("%s: summary after a failure = %q", tt.name, got.DialogueSummary)
				}
			}
		})

		t.Run("procurement lock", func(t *testing.T) {
			w.move(t, w.store2need(t, n.ID), app.StateRouteDecided, app.StateProcurement)
			e.do(t, call{method: "GET", path: path, token: w.supplier.token}).want(t, http.StatusForbidden, "forbidden")
			e.do(t, call{method: "GET", path: path}).want(t, http.StatusUnauthorized, "unauthenticated")
			if got := contacts(w.member.token); len(got) != count {
				t.Errorf("the owning side during the lock sees %d", len(got))
			}
			if got := e.getNeed(t, w.supplier.token, n.ID); got.DialogueSummary != "" {
				t.Errorf("summary during the lock = %q", got.DialogueSummary)
			}
		})
	})
}

type exportJSON struct {
	Need       needJSON              `json:"need"`
	History    []app.NeedTransition  `json:"history"`
	Questions  []questionJSON        `json:"questions"`
	Contacts   []app.SupplierContact `json:"contacts"`
	Comments   []app.Comment         `json:"comments"`
	ExportedBy *app.UserRef          `json:"exported_by"`
}

func (e *env) export(t *testing.T, token string, id int64) (exportJSON, map[string]any) {
	t.Helper()
	r := e.do(t, call{method: "GET", path: needPath(id, "/export"), token: token})
	r.want(t, http.StatusOK, "")
	var x exportJSON
	r.decode(t, &x)
	var raw map[string]any
	r.decode(t, &raw)
	return x, raw
}

func TestNeedExport(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		ctx := context.Background()
		n := w.move(t, w.need(t, w.input("Virtuellt akutrum", app.VisiblePublic)), pathTo(app.StateMarketScan)...)
		q1, err := e.store.AskQuestion(ctx, n.ID, w.supplier.ID, w.company.ID, "Vilka journalsystem?")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.store.AnswerQuestion(ctx, n.ID, q1.ID, w.coord.ID, "Cosmic."); err != nil {
			t.Fatal(err)
		}
		if _, err := e.store.AskQuestion(ctx, n.ID, w.supplier2.ID, w.company2.ID, "Hur många brukare?"); err != nil {
			t.Fatal(err)
		}
		for _, published := range []bool{true, false} {
			if _, err := e.store.AddContact(ctx, app.SupplierContact{NeedID: n.ID, Date: "2026-11-02", SupplierName: "Vårdbolaget AB", OurPeople: "Cecilia",
				TheirPeople: "Sara", Channel: "video", Purpose: "Dialog", Summary: "Sammanfattning", Published: published, CreatedBy: app.UserRef{ID: w.coord.ID}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.store.AddComment(ctx, n.ID, w.member.ID, "Internt: leverantör A verkar starkast."); err != nil {
			t.Fatal(err)
		}

		x, raw := e.export(t, w.member.token, n.ID)
		if x.Need.ID != n.ID || len(x.History) != 5 || len(x.Questions) != 2 || len(x.Contacts) != 2 || len(x.Comments) != 1 ||
			x.ExportedBy == nil || x.ExportedBy.ID != w.member.ID || raw["exported_at"] == nil {
			t.Errorf("the owning side's export = %+v", x)
		}
		x, raw = e.export(t, w.supplier2.token, n.ID)
		if len(x.Questions) != 2 || x.Questions[1].AskedBy == nil || x.Questions[0].AskedBy != nil || len(x.Contacts) != 1 || raw["comments"] != nil ||
			strings.Contains(fmt.Sprint(raw), "starkast") {
			t.Errorf("a supplier's export = %+v", x)
		}
		x, raw = e.export(t, "", n.ID)
		if len(x.Questions) != 1 || len(x.Contacts) != 1 || raw["comments"] != nil || raw["exported_by"] != nil || len(x.History) != 5 {
			t.Errorf("a visitor's export = %+v", raw)
		}
		w.move(t, w.store2need(t, n.ID), app.StateRouteDecided, app.StateProcurement)
		if _, raw := e.export(t, w.supplier.token, n.ID); raw["contacts"] != nil || raw["comments"] != nil {
			t.Errorf("a supplier's export during the lock = %+v", raw)
		}
		hidden := w.need(t, w.input("Utkast", app.VisiblePublic))
		e.do(t, call{method: "GET", path: needPath(hidden.ID, "/export"), token: w.supplier.token}).want(t, http.StatusNotFound, "not_found")
		e.do(t, call{method: "GET", path: needPath(hidden.ID, "/history"), token: w.supplier.token}).want(t, http.StatusNotFound, "not_found")
		e.do(t, call{method: "GET", path: needPath(hidden.ID, "/questions"), token: w.supplier.token}).want(t, http.StatusNotFound, "not_found")
	})
}
