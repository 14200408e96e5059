package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

func mustCall(t *testing.T, s *store.Store, in app.CallInput) app.Call {
	t.Helper()
	if err := in.Normalise(); err != nil {
		t.Fatalf("call input: %v", err)
	}
	c, err := s.CreateCall(ctx, 0, in)
	if err != nil {
		t.Fatalf("create call: %v", err)
	}
	return c
}

// TestCallDeadlinesKeepTheirZone: a deadline at 17:00 in Stockholm comes back as 17:00 in
// Stockholm from either database, whatever zone the server runs in.
func TestCallDeadlinesKeepTheirZone(t *testing.T) {
	saved := time.Local
	t.Cleanup(func() { time.Local = saved })
	time.Local = time.FixedZone("UTC-8", -8*3600)
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		in := app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen", Tags: []string{"e-hälsa"},
			Deadlines: []app.Deadline{{Stage: "Fullständig ansökan", Local: "2027-02-15T17:00", TimeZone: "Europe/Stockholm"},
				{Stage: "Idéskiss", Local: "2026-12-01T12:00", TimeZone: "Europe/Oslo"}},
			CallRules: app.CallRules{Currency: "EUR", RequiredCountries: []string{"SE", "NO"}, EligibleKinds: []app.OrgKind{app.KindRegion},
				Rates: []app.Rate{{Country: "SE", Percent: 50}}, MinGrant: 5_000_000, MaxGrant: 200_000_000, TRLMin: 3, TRLMax: 7}}
		c := mustCall(t, s, in)
		got, err := s.Call(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Deadlines) != 2 || got.Deadlines[0].Stage != "Idéskiss" {
			t.Fatalf("deadlines = %+v", got.Deadlines)
		}
		d := got.Deadlines[1]
		if d.Local != "2027-02-15T17:00" || d.At.Hour() != 17 || d.At.Location().String() != "Europe/Stockholm" ||
			!d.At.Equal(time.Date(2027, 2, 15, 16, 0, 0, 0, time.UTC)) {
			t.Errorf("deadline = %+v (UTC %v)", d, d.At.UTC())
		}
		if !slices.Equal(got.RequiredCountries, []string{"SE", "NO"}) || got.Rates[0].Percent != 50 || got.MaxGrant != 200_000_000 ||
			!slices.Equal(got.EligibleKinds, []app.OrgKind{app.KindRegion}) || !slices.Equal(got.Tags, []string{"e-hälsa"}) {
			t.Errorf("rules = %+v", got.CallRules)
		}
		// Open calls are those with a deadline ahead.
		for now, want := range map[time.Time]int{d.At.Add(-time.Minute): 1, d.At: 0} {
			l, err := s.ListCalls(ctx, app.CallFilter{Open: true, Now: now})
			if err != nil || len(l.Items) != want {
				t.Errorf("open calls at %v = %d, %v", now, len(l.Items), err)
			}
		}
	})
}

// TestApplicationsSeenByPartnersOnly: only members of an application's partners see it.
func TestApplicationsSeenByPartnersOnly(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		ingrid := mustCreateUser(t, s, "ingrid@levanger.example", "Ingrid")
		olle := mustCreateUser(t, s, "olle@annan.example", "Olle")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		levanger := mustCreateOrg(t, s, "Levanger kommune", "212000-2395", ingrid.ID)
		other := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", olle.ID)
		c := mustCall(t, s, app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen", CallRules: app.CallRules{Currency: "EUR"}})
		eur := func(a int64) app.Money { return app.Money{Amount: a, Currency: "EUR"} }
		in := app.ApplicationInput{CallID: c.ID, Title: "Akutrum över gränsen", Status: "drafting", Partners: []app.ApplicationPartnerInput{
			{OrganisationID: region.ID, Role: "lead", Budget: eur(40_000_000), Grant: eur(20_000_000), CoFinancing: eur(20_000_000), CoFinancingSource: "Regionens budget", CoFinancingConfirmed: true},
			{OrganisationID: levanger.ID, Role: "beneficiary", Budget: eur(30_000_000), Grant: eur(18_000_000)}}}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		a, err := s.CreateApplication(ctx, karin.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Partners) != 2 || a.Partners[0].Country != "SE" || !a.Partners[0].CoFinancingConfirmed || a.Partners[1].CoFinancing != eur(0) ||
			a.Call.Currency != "EUR" || a.RequestedGrant() != 38_000_000 || a.Lead().Organisation.ID != region.ID {
			t.Fatalf("application = %+v", a)
		}
		for _, c := range []struct {
			name string
			v    app.Viewer
			sees bool
		}{
			{"lead", app.Viewer{UserID: karin.ID, OrgIDs: []int64{region.ID}}, true},
			{"partner", app.Viewer{UserID: ingrid.ID, OrgIDs: []int64{levanger.ID}}, true},
			{"admin", app.Viewer{UserID: 99, Admin: true}, true},
			{"other organisation", app.Viewer{UserID: olle.ID, OrgIDs: []int64{other.ID}}, false},
			{"visitor", app.Viewer{}, false},
		} {
			_, err := s.Application(ctx, c.v, a.ID)
			if c.sees && err != nil || !c.sees && app.ErrorCode(err) != app.NotFound {
				t.Errorf("%s: read = %v", c.name, err)
			}
			l, err := s.ListApplications(ctx, c.v, 0, app.Page{})
			if err != nil || (len(l.Items) == 1) != c.sees {
				t.Errorf("%s: list = %v, %v", c.name, l.Items, err)
			}
		}
		// The call of an application stays; an unknown partner changes nothing.
		in2 := in
		in2.CallID = c.ID + 1
		_, err = s.UpdateApplication(ctx, a.ID, in2)
		wantCode(t, err, app.Invalid)
		in2 = in
		in2.Partners = append(slices.Clone(in.Partners), app.ApplicationPartnerInput{OrganisationID: 424242, Role: "associated", Budget: eur(0), Grant: eur(0), CoFinancing: eur(0)})
		_, err = s.UpdateApplication(ctx, a.ID, in2)
		wantCode(t, err, app.Invalid)
		if got, _ := s.Application(ctx, app.Viewer{Admin: true}, a.ID); len(got.Partners) != 2 {
			t.Errorf("partners after refused updates = %v", got.Partners)
		}
	})
}

// TestCallRadar: open calls rank by the tags they share with a need or a project (its
// needs' and solutions' tags), closed calls are left out, and eligibility follows the owner.
func TestCallRadar(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		in := needInput("Virtuellt akutrum", app.VisibleOrganisation) // tags Distansvård, glesbygd
		n := mustNeed(t, s, region.ID, karin.ID, in)
		sol := mustSolution(t, s, region.ID, 0, app.SolutionInput{Title: "Akutrummet", Type: "service", TRL: 7, Deployment: "pilot", Tags: []string{"Videomöte"}})
		p := mustProject(t, s, region.ID, karin.ID, app.ProjectInput{Title: "Akutrum", NeedIDs: []int64{n.ID}, SolutionIDs: []int64{sol.ID}})
		now := time.Now()
		open := []app.Deadline{{Stage: "Ansökan", Local: now.AddDate(0, 1, 0).Format("2006-01-02") + "T17:00", TimeZone: "Europe/Stockholm"}}
		call := func(title string, tags []string, deadlines []app.Deadline, kinds ...app.OrgKind) app.Call {
			return mustCall(t, s, app.CallInput{Programme: "Program", Title: title, Tags: tags, Deadlines: deadlines,
				CallRules: app.CallRules{Currency: "EUR", EligibleKinds: kinds}})
		}
		two := call("Två gemensamma", []string{"glesbygd", "DISTANSVÅRD", "e-hälsa"}, open, app.KindMunicipality) // mustCreateOrg makes municipalities
		one := call("En gemensam", []string{"glesbygd"}, open, app.KindCompany)
		video := call("Video", []string{"videomöte"}, open)
		call("Stängd", []string{"glesbygd", "distansvård"}, []app.Deadline{{Stage: "Ansökan", Local: "2020-01-01T17:00", TimeZone: "Europe/Stockholm"}})
		call("Annat ämne", []string{"tandvård"}, open)

		got, err := s.CallRadar(ctx, "need", n.ID, now, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Call.ID != two.ID || got[1].Call.ID != one.ID || !slices.Equal(got[0].Shared, []string{"glesbygd", "DISTANSVÅRD"}) ||
			!got[0].Eligible || got[1].Eligible {
			t.Fatalf("radar for the need = %+v", got)
		}
		got, err = s.CallRadar(ctx, "project", p.ID, now, 10)
		if err != nil || len(got) != 3 || got[0].Call.ID != two.ID || got[1].Call.ID != video.ID || got[2].Call.ID != one.ID { // among equals the newest
			t.Fatalf("radar for the project = %+v, %v", got, err)
		}
		if got, _ := s.CallRadar(ctx, "project", p.ID, now, 1); len(got) != 1 || got[0].Call.ID != two.ID {
			t.Errorf("limited radar = %+v", got)
		}
		// The need's radar is kept: a new call that fits shows at once (the newest first among equals), and once the
		// deadlines have passed, the calls are gone.
		three := call("Tre gemensamma", []string{"glesbygd", "distansvård", "Hemtjänst"}, open)
		if got, err := s.CallRadar(ctx, "need", n.ID, now, 10); err != nil || len(got) != 3 || got[0].Call.ID != three.ID {
			t.Errorf("radar after a new call = %+v, %v", got, err)
		}
		stockholm, err := time.LoadLocation("Europe/Stockholm")
		if err != nil {
			t.Fatal(err)
		}
		soon := call("Stänger om en timme", []string{"glesbygd"}, []app.Deadline{{Stage: "Ansökan",
			Local: now.Add(time.Hour).In(stockholm).Format("2006-01-02T15:04"), TimeZone: "Europe/Stockholm"}})
		if got, err := s.CallRadar(ctx, "need", n.ID, now, 10); err != nil || len(got) != 4 || got[2].Call.ID != soon.ID {
			t.Errorf("radar with a call closing soon = %+v, %v", got, err)
		}
		if got, err := s.CallRadar(ctx, "need", n.ID, now.Add(2*time.Hour), 10); err != nil || len(got) != 3 || slices.ContainsFunc(got, func(m app.CallMatch) bool { return m.Call.ID == soon.ID }) {
			t.Errorf("radar after its deadline = %+v, %v", got, err)
		}
		_, err = s.CallRadar(ctx, "project", 424242, now, 10)
		wantCode(t, err, app.NotFound)
	})
}

// TestPartnerRequests: the lead seeks a partner, two organisations offer, each sees only its
// own offer, and the accepted one joins the application.
func TestPartnerRequests(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		ingrid := mustCreateUser(t, s, "ingrid@levanger.example", "Ingrid")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		levanger := mustCreateOrg(t, s, "Levanger kommune", "212000-2395", ingrid.ID)
		other := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", 0)
		c := mustCall(t, s, app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen", CallRules: app.CallRules{Currency: "EUR"}})
		eur := app.Money{Currency: "EUR"}
		a, err := s.CreateApplication(ctx, karin.ID, app.ApplicationInput{CallID: c.ID, Title: "Akutrum", Status: "partner_search",
			Partners: []app.ApplicationPartnerInput{{OrganisationID: region.ID, Role: "lead", Budget: eur, Grant: eur, CoFinancing: eur}}})
		if err != nil {
			t.Fatal(err)
		}
		in := app.PartnerRequestInput{Role: "beneficiary", Competence: "Norsk kommun med hemtjänst", Country: "no", Deadline: "2099-01-31"}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		r, err := s.CreatePartnerRequest(ctx, a.ID, karin.ID, in)
		if err != nil || r.Organisation.ID != region.ID || r.Call.ID != c.ID || r.Country != "NO" {
			t.Fatalf("request = %+v, %v", r, err)
		}
		_, err = s.PartnerRequest(ctx, app.Viewer{}, r.ID)
		wantCode(t, err, app.NotFound)
		if l, _ := s.PartnerRequests(ctx, app.Viewer{}, c.ID, 0); len(l) != 0 {
			t.Errorf("a visitor lists %v", l)
		}
		if l, _ := s.PartnerRequests(ctx, app.Viewer{UserID: ingrid.ID}, c.ID, 0); len(l) != 1 {
			t.Errorf("the call's requests = %v", l)
		}

		offer := func(orgID int64, msg string) (app.PartnerOffer, error) {
			return s.OfferPartnership(ctx, r.ID, ingrid.ID, app.PartnerOfferInput{OrganisationID: orgID, Message: msg})
		}
		o1, err := offer(levanger.ID, "Vi har hemtjänst i fjällen.")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := offer(other.ID, "Vi också."); err != nil {
			t.Fatal(err)
		}
		_, err = offer(levanger.ID, "Igen")
		wantCode(t, err, app.Conflict)
		_, err = offer(region.ID, "Vi är redan med")
		wantCode(t, err, app.Conflict)
		if all, _ := s.PartnerOffers(ctx, r.ID, true, nil); len(all) != 2 {
			t.Errorf("all offers = %v", all)
		}
		if own, _ := s.PartnerOffers(ctx, r.ID, false, []int64{levanger.ID}); len(own) != 1 || own[0].Country != "SE" || own[0].By.Name != "Ingrid" {
			t.Errorf("own offers = %+v", own)
		}

		if o1, err = s.AcceptOffer(ctx, r.ID, o1.ID); err != nil || o1.Status != app.OfferAccepted {
			t.Fatalf("accept = %+v, %v", o1, err)
		}
		_, err = s.AcceptOffer(ctx, r.ID, o1.ID)
		wantCode(t, err, app.Conflict)
		_, err = s.AcceptOffer(ctx, r.ID+1, o1.ID)
		wantCode(t, err, app.NotFound)
		got, _ := s.Application(ctx, app.Viewer{Admin: true}, a.ID)
		if len(got.Partners) != 2 || got.Partners[1].Organisation.ID != levanger.ID || got.Partners[1].Role != "beneficiary" ||
			got.Partners[1].Budget != eur {
			t.Errorf("partners after accepting = %+v", got.Partners)
		}
	})
}

// TestPersonalDataOfProjectsAndFunding: a person's export holds what they wrote in project
// spaces, the values they measured, and their applications, partner requests and offers.
func TestPersonalDataOfProjectsAndFunding(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		other := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", karin.ID)
		p := mustProject(t, s, region.ID, karin.ID, app.ProjectInput{Title: "Akutrum"})
		if _, err := s.AddProjectPost(ctx, p.ID, karin.ID, "Piloten startar måndag."); err != nil {
			t.Fatal(err)
		}
		k, err := s.AddKPI(ctx, p.ID, app.KPIInput{Name: "Tid", Direction: "lower", Baseline: 180, BaselineDate: "2026-01-01", Target: 45})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddMeasurement(ctx, p.ID, k.ID, karin.ID, app.MeasurementInput{Date: "2026-03-01", Value: 120.5, Note: "Första"}); err != nil {
			t.Fatal(err)
		}
		c := mustCall(t, s, app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa", CallRules: app.CallRules{Currency: "EUR"}})
		eur := app.Money{Currency: "EUR"}
		a, err := s.CreateApplication(ctx, karin.ID, app.ApplicationInput{CallID: c.ID, Title: "Akutrum över gränsen", Status: "idea",
			Partners: []app.ApplicationPartnerInput{{OrganisationID: region.ID, Role: "lead", Budget: eur, Grant: eur, CoFinancing: eur}}})
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.CreatePartnerRequest(ctx, a.ID, karin.ID, app.PartnerRequestInput{Role: "beneficiary", Competence: "Norsk kommun", Deadline: "2099-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.OfferPartnership(ctx, r.ID, karin.ID, app.PartnerOfferInput{OrganisationID: other.ID, Message: "Vi kan."}); err != nil {
			t.Fatal(err)
		}
		d, err := s.PersonalData(ctx, karin.ID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]app.PersonalText{}
		for _, x := range d.Texts {
			got[x.Kind] = x
		}
		for kind, ok := range map[string]bool{
			"project_post":    got["project_post"].ProjectID == p.ID && got["project_post"].Text == "Piloten startar måndag.",
			"kpi_measurement": got["kpi_measurement"].ProjectID == p.ID && got["kpi_measurement"].Text == "2026-03-01: 120.5 Första",
			"application":     got["application"].ApplicationID == a.ID,
			"partner_request": got["partner_request"].ApplicationID == a.ID && strings.HasPrefix(got["partner_request"].Text, "Norsk kommun"),
			"partner_offer":   got["partner_offer"].PartnerRequestID == r.ID && got["partner_offer"].Text == "Vi kan.",
		} {
			if !ok {
				t.Errorf("%s in the export: %+v", kind, got[kind])
			}
		}
	})
}
