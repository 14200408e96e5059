package app

import (
	"slices"
	"testing"
	"time"
)

// interreg is a call like Interreg Aurora / Sverige–Norge: at least one Swedish and one
// Norwegian partner, three partners in two countries, public bodies and academia only,
// half of a Swedish budget and 60 % of a Norwegian municipality's, grants of 50 000 to
// 2 000 000 euro, TRL 3 to 7, and a deadline at 17:00 in Stockholm.
func interreg(t *testing.T) Call {
	t.Helper()
	in := CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen",
		Deadlines: []Deadline{{Stage: "Fullständig ansökan", Local: "2027-02-15T17:00", TimeZone: "Europe/Stockholm"}},
		CallRules: CallRules{Currency: "EUR", EligibleCountries: []string{"se", "NO"}, EligibleKinds: []OrgKind{KindRegion, KindMunicipality, KindAcademia, KindHealthTrust},
			MinPartners: 3, MinCountries: 2, RequiredCountries: []string{"SE", "NO"},
			Rates:    []Rate{{Country: "SE", Percent: 50}, {Country: "NO", Kind: KindMunicipality, Percent: 60}, {Percent: 40}},
			MinGrant: 5_000_000, MaxGrant: 200_000_000, TRLMin: 3, TRLMax: 7}}
	if err := in.Normalise(); err != nil {
		t.Fatal(err)
	}
	return Call{ID: 1, Programme: in.Programme, Title: in.Title, Deadlines: in.Deadlines, CallRules: in.CallRules}
}

func partner(id int64, name, country string, kind OrgKind, role string, budget, grant int64) ApplicationPartner {
	eur := func(a int64) Money { return Money{Amount: a, Currency: "EUR"} }
	return ApplicationPartner{Organisation: OrgRef{ID: id, Name: name, Kind: kind}, Country: country, Role: role,
		Budget: eur(budget), Grant: eur(grant), CoFinancing: eur(budget - grant)}
}

// TestCheckApplication covers every rule kind: a valid consortium passes, and each case
// breaks exactly one rule and is told exactly that.
func TestCheckApplication(t *testing.T) {
	c := interreg(t)
	before := time.Date(2027, 2, 15, 15, 59, 0, 0, time.UTC) // 16:59 in Stockholm
	region := partner(1, "Region Jämtland Härjedalen", "SE", KindRegion, "lead", 40_000_000, 20_000_000)
	levanger := partner(2, "Levanger kommune", "NO", KindMunicipality, "beneficiary", 30_000_000, 18_000_000)
	miun := partner(3, "Mittuniversitetet", "SE", KindAcademia, "beneficiary", 20_000_000, 10_000_000)
	valid := Application{Call: CallRef{ID: c.ID, Title: c.Title, Programme: c.Programme, Currency: c.Currency}, Status: "drafting", TRL: 5, Partners: []ApplicationPartner{region, levanger, miun}}

	with := func(change func(a *Application)) Application {
		a := valid
		a.Partners = slices.Clone(valid.Partners)
		change(&a)
		return a
	}
	cases := []struct {
		name string
		app  Application
		now  time.Time
		want []string
		// check looks at the facts of the one problem.
		check func(p Problem) bool
	}{
		{"valid", valid, before, nil, nil},
		{"no Norwegian partner", with(func(a *Application) {
			a.Partners[1] = partner(4, "Östersunds kommun", "SE", KindMunicipality, "beneficiary", 30_000_000, 15_000_000)
		}), before, []string{RuleRequiredCountry, RuleMinCountries}, func(p Problem) bool { return p.Country == "NO" }},
		{"too few partners", with(func(a *Application) { a.Partners = a.Partners[:2] }), before, []string{RuleMinPartners},
			func(p Problem) bool { return p.Have == 2 && p.Want == 3 }},
		{"too few countries", with(func(a *Application) {
			a.Partners[1] = partner(4, "Östersunds kommun", "SE", KindMunicipality, "beneficiary", 30_000_000, 15_000_000)
		}), before, []string{RuleMinCountries}, func(p Problem) bool { return p.Have == 1 && p.Want == 2 }},
		{"funding rate above the call's", with(func(a *Application) { a.Partners[0].Grant.Amount = 20_000_001 }), before,
			[]string{RuleFundingRate}, func(p Problem) bool { return p.Partner.ID == 1 && p.Have == 51 && p.Want == 50 }},
		{"Norwegian municipality's own rate", with(func(a *Application) { a.Partners[1].Grant.Amount = 18_000_001 }), before,
			[]string{RuleFundingRate}, func(p Problem) bool { return p.Partner.ID == 2 && p.Want == 60 }},
		{"grant below the minimum", with(func(a *Application) {
			for i := range a.Partners {
				a.Partners[i].Grant.Amount = 1_000_000
			}
		}), before, []string{RuleGrantBelowMin}, func(p Problem) bool { return p.Have == 3_000_000 && p.Want == 5_000_000 }},
		{"grant above the maximum", with(func(a *Application) {
			for i := range a.Partners {
				a.Partners[i].Budget.Amount, a.Partners[i].Grant.Amount = 300_000_000, 100_000_000
			}
		}), before, []string{RuleGrantAboveMax}, func(p Problem) bool { return p.Have == 300_000_000 }},
		{"deadline passed", valid, before.Add(time.Minute), []string{RuleDeadlinePassed},
			func(p Problem) bool { return p.Deadline.Local == "2027-02-15T17:00" }},
		{"deadline passed, but submitted in time", with(func(a *Application) { a.Status = "submitted" }), before.Add(time.Hour), nil, nil},
		{"ineligible country", with(func(a *Application) {
			a.Partners[2].Country, a.Partners[2].Grant.Amount = "FI", 8_000_000 // within the 40 % for any other partner
		}), before, []string{RuleIneligibleCountry},
			func(p Problem) bool { return p.Partner.ID == 3 && p.Country == "FI" }},
		{"ineligible organisation kind", with(func(a *Application) {
			a.Partners = append(a.Partners, partner(5, "Fjällvård Digital AB", "SE", KindCompany, "beneficiary", 10_000_000, 4_000_000))
		}), before, []string{RuleIneligibleKind}, func(p Problem) bool { return p.Partner.ID == 5 && p.Kind == KindCompany }},
		{"an associated company is not funded and may take part", with(func(a *Application) {
			a.Partners = append(a.Partners, partner(5, "Fjällvård Digital AB", "SE", KindCompany, "associated", 0, 0))
		}), before, nil, nil},
		{"TRL outside the window", with(func(a *Application) { a.TRL = 8 }), before, []string{RuleTRL}, func(p Problem) bool { return p.Have == 8 }},
		{"amounts in another currency", with(func(a *Application) { a.Partners[2].Budget.Currency = "SEK" }), before, []string{RuleCurrency},
			func(p Problem) bool { return p.Partner.ID == 3 }},
	}
	covered := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			call := c
			if tc.name == "too few countries" {
				call.RequiredCountries = nil // so that only the count of countries is short
			}
			got := CheckApplication(call, tc.app, tc.now)
			var rules []string
			for _, p := range got {
				rules = append(rules, p.Rule)
				covered[p.Rule] = true
			}
			if !slices.Equal(rules, tc.want) {
				t.Fatalf("rules = %v, want %v (%+v)", rules, tc.want, got)
			}
			if tc.check != nil && !tc.check(got[0]) {
				t.Errorf("problem = %+v", got[0])
			}
		})
	}
	for _, r := range []string{RuleRequiredCountry, RuleMinPartners, RuleMinCountries, RuleFundingRate, RuleGrantBelowMin, RuleGrantAboveMax,
		RuleDeadlinePassed, RuleIneligibleCountry, RuleIneligibleKind, RuleTRL, RuleCurrency} {
		if !covered[r] {
			t.Errorf("no case breaks the rule %s", r)
		}
	}
}

// TestDeadlineZone: a deadline at 17:00 in Stockholm is 16:00 UTC in winter and 15:00 in
// summer, whatever zone the process runs in.
func TestDeadlineZone(t *testing.T) {
	saved := time.Local
	t.Cleanup(func() { time.Local = saved })
	for _, zone := range []string{"America/Los_Angeles", "Asia/Tokyo", "UTC"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		time.Local = loc
		for local, utcHour := range map[string]int{"2027-02-15T17:00": 16, "2027-06-15T17:00": 15} {
			at, key := DeadlineTime(local, "Europe/Stockholm")
			if key != "" || at.UTC().Hour() != utcHour || at.Hour() != 17 || at.Location().String() != "Europe/Stockholm" {
				t.Errorf("TZ=%s: %s = %v (%s), UTC %v", zone, local, at, key, at.UTC())
			}
		}
	}
	for _, bad := range [][2]string{{"2027-02-15T17:00", ""}, {"2027-02-15T17:00", "Local"}, {"2027-02-15T17:00", "Mars/Olympus"}, {"15/2 17:00", "Europe/Oslo"}} {
		if _, key := DeadlineTime(bad[0], bad[1]); key == "" {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestParseAmount(t *testing.T) {
	for in, want := range map[string]int64{"12 500": 1_250_000, "12500,50": 1_250_050, "12500.5": 1_250_050, "0": 0, "": 0, "1\u00a0000": 100_000} {
		if got, ok := ParseAmount(in); !ok || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"-5", "1,234", "abc", "1.2.3", "+5", "99999999999999999"} {
		if _, ok := ParseAmount(in); ok {
			t.Errorf("ParseAmount(%q) accepted", in)
		}
	}
}
