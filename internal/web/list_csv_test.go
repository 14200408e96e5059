package web_test

import (
	"encoding/csv"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// readCSV checks what every list's CSV file has in common (a byte-order mark, semicolons,
// the header in the person's language) and returns its rows after the header.
func readCSV(t *testing.T, r response, firstHeader string) [][]string {
	t.Helper()
	r.want(t, http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	body, ok := strings.CutPrefix(r.body, "\ufeff")
	if !ok {
		t.Fatalf("no byte-order mark: %q", r.body[:min(len(r.body), 40)])
	}
	cr := csv.NewReader(strings.NewReader(body))
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not read back: %v\n%s", err, body)
	}
	if len(rows) == 0 || rows[0][0] != firstHeader {
		t.Fatalf("header = %v, want it to start with %q", rows[:min(len(rows), 1)], firstHeader)
	}
	return rows[1:]
}

var (
	listedNeed = regexp.MustCompile(`<h2><a href="/needs/(\d+)">`)
	nextPage   = regexp.MustCompile(`<a rel="next" href="([^"]+)">`)
)

// listedNeeds follows the list's pages and returns the ids of every need it shows.
func listedNeeds(t *testing.T, b *browser, path string) []string {
	t.Helper()
	var ids []string
	for pages := 0; path != ""; pages++ {
		if pages > 20 {
			t.Fatal("the list's pages do not end")
		}
		r := b.get(path)
		r.want(t, http.StatusOK)
		for _, m := range listedNeed.FindAllStringSubmatch(r.body, -1) {
			ids = append(ids, m[1])
		}
		path = ""
		if m := nextPage.FindStringSubmatch(r.body); m != nil {
			path = html.UnescapeString(m[1])
		}
	}
	slices.Sort(ids)
	return ids
}

// linkedIDs reads the record ids from the last column, the absolute link.
func linkedIDs(t *testing.T, rows [][]string, prefix string) []string {
	t.Helper()
	var ids []string
	for _, row := range rows {
		id, ok := strings.CutPrefix(row[len(row)-1], prefix)
		if !ok {
			t.Fatalf("link %q does not start with %q", row[len(row)-1], prefix)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// TestNeedListCSVHoldsWhatTheListShows: for people who see different needs, the CSV file of
// a filter has exactly the needs that the list shows them over all its pages.
func TestNeedListCSVHoldsWhatTheListShows(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		w := newNeedWorld(t, p)
		karin, _, err := p.store.UserCredentials(ctx, "karin@region.example")
		if err != nil {
			t.Fatal(err)
		}
		// More public needs than one page of the CSV's queries (200) holds.
		now := time.Now()
		var many []app.SeedNeed
		for i := range 205 {
			many = append(many, app.SeedNeed{OrgID: w.region.ID, CreatedBy: karin.ID,
				Input:   app.NeedInput{Title: fmt.Sprintf("Publikt behov %03d", i), Urgency: "low", Visibility: app.VisiblePublic, CareSettings: []string{"hemtjanst"}},
				History: []app.NeedTransition{{To: app.StateDraft, At: now}, {From: app.StateDraft, To: app.StateSubmitted, At: now, Actor: app.UserRef{ID: karin.ID}}}})
		}
		if err := p.store.SeedNeeds(ctx, many); err != nil {
			t.Fatal(err)
		}
		need := func(title string, vis app.Visibility, submit bool, partners ...int64) app.Need {
			in := app.NeedInput{Title: title, HowMightWe: "Hur kan vi …?", Problem: "Ett problem.", CareSettings: []string{"primarvard"},
				Tags: []string{"export"}, Urgency: "high", Visibility: vis, PartnerIDs: partners}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			n, err := p.store.CreateNeed(ctx, w.region.ID, karin.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			if submit {
				if n, err = p.store.TransitionNeed(ctx, n.ID, n.State, karin.ID, app.TransitionInput{To: app.StateSubmitted}); err != nil {
					t.Fatal(err)
				}
			}
			return n
		}
		internal := need("Internt behov", app.VisibleOrganisation, true)
		need("Behov för partner", app.VisiblePartners, true, w.kommun.ID)
		need("Behov för inloggade", app.VisibleSignedIn, true)
		need(`=HYPERLINK("http://example.com") Formelbehov`, app.VisiblePublic, true)
		need("Utkast", app.VisiblePublic, false)

		viewers := map[string]*browser{"visitor": p.browser(), "supplier": p.signedIn("anna@fjallvard.example"),
			"partner": p.signedIn("sara@kommun.example"), "owner": w.coordinator}
		want := map[string]int{"visitor": 206, "supplier": 207, "partner": 208, "owner": 210}
		for name, b := range viewers {
			for _, filter := range []string{"", "?urgency=high&sort=title", "?state=submitted&tag=EXPORT"} {
				listed := listedNeeds(t, b, "/needs"+filter)
				rows := readCSV(t, b.get("/needs.csv"+filter), i18n.T("sv", "field.title"))
				if got := linkedIDs(t, rows, p.url+"/needs/"); !slices.Equal(got, listed) {
					t.Errorf("%s, filter %q: the CSV has needs %v, the list shows %v", name, filter, got, listed)
				}
				if filter == "" && len(listed) != want[name] {
					t.Errorf("%s sees %d needs, want %d", name, len(listed), want[name])
				}
			}
		}
		// The need for the organisation only: in the owner's file, not in the supplier's.
		id := fmt.Sprint(internal.ID)
		if !slices.Contains(linkedIDs(t, readCSV(t, w.coordinator.get("/needs.csv"), "Rubrik"), p.url+"/needs/"), id) {
			t.Error("the owning organisation's file lacks its internal need")
		}
		supplierRows := readCSV(t, viewers["supplier"].get("/needs.csv?urgency=high"), "Rubrik")
		if slices.Contains(linkedIDs(t, supplierRows, p.url+"/needs/"), id) {
			t.Error("a supplier's file has a need for the organisation only")
		}
		// Formulas are made text; the cells are in the person's language.
		var formula []string
		for _, row := range supplierRows {
			if strings.Contains(row[0], "Formelbehov") {
				formula = row
			}
		}
		if formula == nil || !strings.HasPrefix(formula[0], `'=HYPERLINK`) || formula[2] != "Inskickat" || formula[5] != "Primärvård" || formula[6] != "export" {
			t.Errorf("formula need's row = %q", formula)
		}
		en := p.browser()
		en.lang = "en"
		readCSV(t, en.get("/needs.csv?urgency=high"), "Title")
		// A filter the list refuses is refused here too, with a page that says why.
		viewers["supplier"].get("/needs.csv?sort=bogus").want(t, http.StatusUnprocessableEntity)
		// The list links to its file with the filter it shows.
		viewers["supplier"].get("/needs?urgency=high&tag=export").want(t, http.StatusOK, `href="/needs.csv?tag=export&amp;urgency=high"`)
	})
}

// TestOtherListsAsCSV: solutions (without the business secrets the page hides), organisations
// and an organisation's members.
func TestOtherListsAsCSV(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		w := newNeedWorld(t, p)
		in := app.SolutionInput{Title: "Nattlig tillsyn", Description: "=1+1 hemlig beskrivning", Tags: []string{"tillsyn"},
			CareSettings: []string{"hemtjanst"}, TRL: 7, SecretFields: []string{"description"}}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		sol, err := p.store.CreateSolution(ctx, w.firm.ID, 0, in)
		if err != nil {
			t.Fatal(err)
		}
		insider, outsider := p.signedIn("anna@fjallvard.example"), p.browser()
		for _, c := range []struct {
			b    *browser
			desc string
		}{{insider, "'=1+1 hemlig beskrivning"}, {outsider, ""}} {
			rows := readCSV(t, c.b.get("/solutions.csv?trl_min=7&tag=tillsyn"), "Rubrik")
			if len(rows) != 1 || rows[0][0] != "Nattlig tillsyn" || rows[0][1] != "Fjällvård Digital AB" || rows[0][3] != "7" ||
				rows[0][7] != c.desc || rows[0][9] != p.url+"/solutions/"+fmt.Sprint(sol.ID) {
				t.Errorf("solutions = %q", rows)
			}
			if rows := readCSV(t, c.b.get("/solutions.csv?trl_min=8"), "Rubrik"); len(rows) != 0 {
				t.Errorf("the TRL filter let %q through", rows)
			}
		}
		outsider.get("/solutions").want(t, http.StatusOK, `href="/solutions.csv?"`)

		named, err := app.NamedOrganisation("Golvkänsla AB", app.KindCompany)
		if err != nil {
			t.Fatal(err)
		}
		golv, err := p.store.CreateOrganisation(ctx, named, 0)
		if err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, outsider.get("/organisations.csv?kind=company"), "Namn")
		var names []string
		for _, r := range rows {
			names = append(names, r[0])
			if r[0] == "Golvkänsla AB" && (r[3] != "" || r[8] != p.url+"/organisations/"+fmt.Sprint(golv.ID)) {
				t.Errorf("organisation without a number = %q", r)
			}
		}
		if !slices.Equal(names, []string{"Fjällvård Digital AB", "Golvkänsla AB", "Norrsken Sensorik AB"}) {
			t.Errorf("companies = %v", names)
		}
		outsider.get("/organisations/"+fmt.Sprint(golv.ID)).want(t, http.StatusOK, "Inte angivet")
		outsider.get("/organisations?kind=company").want(t, http.StatusOK, `href="/organisations.csv?kind=company"`)

		members := fmt.Sprintf("/organisations/%d/members.csv", w.region.ID)
		rows = readCSV(t, w.coordinator.get(members), "Namn")
		if len(rows) != 1 || rows[0][1] != "karin@region.example" || rows[0][2] != "Innovationsledare, Organisationsadministratör" {
			t.Errorf("members = %q", rows)
		}
		insider.get(members).want(t, http.StatusForbidden)
		outsider.get(members).want(t, http.StatusSeeOther)
	})
}
