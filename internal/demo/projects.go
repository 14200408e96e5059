package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// kpiSpec is a KPI of a demo project with its measurements, each so many months after
// the baseline.
type kpiSpec struct {
	in       app.KPIInput
	baseline int // months before now
	values   []float64
	notes    []string
}

// partnerSpec is a partner of a demo project; its budget in whole kronor.
type partnerSpec struct {
	org, role, contribution string
	budget                  int64
}

// projectSpec completes the pilot a demo need started when it moved to piloting.
type projectSpec struct {
	need     string // the need's title
	in       app.ProjectInput
	manager  string // by personKey
	partners []partnerSpec
	solution string
	kpis     []kpiSpec
	decision *app.ProjectDecision
}

var projectSpecs = []projectSpec{
	{need: "Virtuellt akutrum i Härjedalen", manager: "karin", solution: "Virtuellt akutrum",
		partners: []partnerSpec{{"Fjällvård Digital AB", "Leverantör", "Akutrummen med utrustning, drift och utbildning", 1_450_000},
			{"Mittuniversitetet", "Utvärdering", "Följeforskning och nyttoanalys", 380_000}},
		in: app.ProjectInput{Title: "Virtuella akutmottagningar i Härjedalen", Type: "pilot", Public: true,
			TestSite: "Hälsocentralerna i Funäsdalen och Sveg",
			Description: "Sjuksköterskan undersöker patienten i **akutrummet** på hälsocentralen; akutläkaren i Östersund är med via video " +
				"och ser mätvärdena direkt. Den som kan behandlas på hemorten slipper 25 mil till akutmottagningen.",
			Lessons: "Ljuset vid undersökningsbritsen och en fast rutin för vem som kopplar upp läkaren betydde mer än tekniken. " +
				"Ambulanssjukvården behöver vara med från första dagen.",
			Milestones: []app.Milestone{{Title: "Akutrummet i Funäsdalen i drift", Status: "done"}, {Title: "Akutrummet i Sveg i drift", Status: "done"},
				{Title: "Utvärdering av Mittuniversitetet", Status: "in_progress"}, {Title: "Beslut om spridning i länet", Status: "planned"}}},
		kpis: []kpiSpec{
			{in: app.KPIInput{Name: "Tid till läkarbedömning", Unit: "minuter", Direction: app.LowerIsBetter, Baseline: 190, Target: 45,
				Source: "Journalsystemet: tid från ankomst till läkarens första anteckning, median per månad"}, baseline: 8,
				values: []float64{150, 96, 64, 52, 47}, notes: []string{"Första månaden i Funäsdalen", "", "Sveg med från denna månad", "", "Högsäsong"}},
			{in: app.KPIInput{Name: "Undvikta överflyttningar till sjukhus", Unit: "patienter per månad", Direction: app.HigherIsBetter, Baseline: 0, Target: 30,
				Source: "Akutrummets logg, granskad av akutkliniken"}, baseline: 8, values: []float64{9, 17, 22, 27, 31}},
			{in: app.KPIInput{Name: "Sparade resekilometer", Unit: "km per månad", Direction: app.HigherIsBetter, Baseline: 0, Target: 20000,
				Source: "Beräknat: undvikta resor gånger avståndet till Östersund tur och retur"}, baseline: 8,
				values: []float64{6200, 11800, 14900, 17600, 19800}},
		}},
	{need: "Egenmonitorering i hemmet vid hjärtsvikt", manager: "erik", solution: "Egenmonitorering vid KOL och hjärtsvikt",
		partners: []partnerSpec{{"Storsjö Hälsodata AB", "Leverantör", "Plattform, mätutrustning och support", 920_000},
			{"Östersunds kommun", "Hemsjukvård", "Hjälper patienter som inte klarar mätningarna själva", 150_000}},
		in: app.ProjectInput{Title: "Egenmonitorering i hemmet vid hjärtsvikt", Type: "pilot", Public: true,
			TestSite: "Hälsocentralerna i Strömsund och Hammarstrand",
			Description: "Patienter med hjärtsvikt väger sig och mäter blodtryck hemma; hjärtsviktssjuksköterskan ser värdena och " +
				"ringer upp vid tecken på försämring. Kommunens hemsjukvård hjälper den som behöver.",
			Lessons: "Utlånade surfplattor gjorde att även de utan smarttelefon kunde vara med. Larmgränserna behövde justeras per patient.",
			Milestones: []app.Milestone{{Title: "40 patienter inskrivna", Status: "done"}, {Title: "Patientenkät efter sex månader", Status: "done"},
				{Title: "Upphandling av tjänsten", Status: "done"}}},
		kpis: []kpiSpec{
			{in: app.KPIInput{Name: "Oplanerade inläggningar för hjärtsvikt", Unit: "inläggningar per år (takt)", Direction: app.LowerIsBetter, Baseline: 310, Target: 220,
				Source: "Vårdadministrativa systemet, jämfört med året före start"}, baseline: 12, values: []float64{290, 258, 231}},
			{in: app.KPIInput{Name: "Patienter som känner sig trygga hemma", Unit: "%", Direction: app.HigherIsBetter, Baseline: 61, Target: 80,
				Source: "Patientenkät"}, baseline: 12, values: []float64{74, 83}},
		},
		decision: &app.ProjectDecision{Decision: "go", Rationale: "Färre inläggningar och tryggare patienter. Tjänsten upphandlas och införs på alla hälsocentraler."}},
}

// loadProjects completes the pilots that the demo needs started when they moved to
// piloting: partners with budgets, milestones, KPIs measured month by month and a decision.
func loadProjects(ctx context.Context, s app.Store, orgs map[string]int64, users map[string]int64, now time.Time) error {
	needs, err := s.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	sols, err := s.ListSolutions(ctx, app.SolutionFilter{Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	for _, spec := range projectSpecs {
		var needID, solID int64
		for _, n := range needs.Items {
			if n.Title == spec.need {
				needID = n.ID
			}
		}
		for _, x := range sols.Items {
			if x.Title == spec.solution {
				solID = x.ID
			}
		}
		refs, err := s.NeedProjects(ctx, app.Viewer{Admin: true}, needID)
		if err != nil || len(refs) != 1 || solID == 0 {
			return fmt.Errorf("demo: the pilot of %q: %v, %v", spec.need, refs, err)
		}
		in := spec.in
		manager := users[spec.manager]
		in.ManagerID, in.NeedIDs, in.SolutionIDs = &manager, []int64{needID}, []int64{solID}
		in.StartDate = now.AddDate(0, -8, 0).Format(time.DateOnly)
		in.EndDate = now.AddDate(0, 6, 0).Format(time.DateOnly)
		for _, p := range spec.partners {
			in.Partners = append(in.Partners, app.ProjectPartnerInput{OrganisationID: orgs[p.org], Role: p.role, Contribution: p.contribution,
				Budget: app.Money{Amount: p.budget * 100, Currency: "SEK"}})
		}
		for i := range in.Milestones {
			in.Milestones[i].Due = now.AddDate(0, 2*i-6, 0).Format(time.DateOnly)
		}
		if err := in.Normalise(); err != nil {
			return fmt.Errorf("demo: project %s: %w", in.Title, err)
		}
		id := refs[0].ID
		if _, err := s.UpdateProject(ctx, id, in); err != nil {
			return fmt.Errorf("demo: project %s: %w", in.Title, err)
		}
		for _, k := range spec.kpis {
			k.in.BaselineDate = now.AddDate(0, -k.baseline, 0).Format(time.DateOnly)
			if err := k.in.Normalise(); err != nil {
				return fmt.Errorf("demo: kpi %s: %w", k.in.Name, err)
			}
			kpi, err := s.AddKPI(ctx, id, k.in)
			if err != nil {
				return err
			}
			for i, v := range k.values {
				// Spread from the baseline to this month.
				m := app.MeasurementInput{Date: now.AddDate(0, (i+1)*k.baseline/len(k.values)-k.baseline, 0).Format(time.DateOnly), Value: v}
				if i < len(k.notes) {
					m.Note = k.notes[i]
				}
				if _, err := s.AddMeasurement(ctx, id, kpi.ID, manager, m); err != nil {
					return err
				}
			}
		}
		if spec.decision != nil {
			if _, err := s.DecideProject(ctx, id, manager, *spec.decision); err != nil {
				return err
			}
		}
		if _, err := s.AddProjectPost(ctx, id, manager, "Välkomna till projektrummet! Protokoll och planering delar vi här."); err != nil {
			return err
		}
	}
	return nil
}

// loadFunding adds an Interreg Sverige–Norge call with its rules and an application being
// drafted that still lacks the Norwegian partner the call requires: the region seeks one,
// and Levanger kommune has offered.
func loadFunding(ctx context.Context, s app.Store, orgs map[string]int64, users map[string]int64, now time.Time) error {
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return err
	}
	day := func(days int) string { return now.In(stockholm).AddDate(0, 0, days).Format(time.DateOnly) + "T17:00" }
	in := app.CallInput{Programme: "Interreg Sverige–Norge", Funder: "Europeiska regionala utvecklingsfonden och Interreg-midler",
		Identifier: "ISN-2027-HV", Title: "Hälsa och välfärd över gränsen", URL: "https://www.interreg-sverige-norge.com/",
		Description: "Gränsöverskridande samarbete som gör vård och omsorg tillgänglig i glesbygd, med digitala lösningar " +
			"som prövas på båda sidor om gränsen.",
		OpensOn: now.AddDate(0, 0, -20).Format(time.DateOnly),
		Deadlines: []app.Deadline{{Stage: "Idéskiss", Local: day(30), TimeZone: "Europe/Stockholm"},
			{Stage: "Fullständig ansökan", Local: day(75), TimeZone: "Europe/Stockholm"}},
		CallRules: app.CallRules{Currency: "EUR", EligibleCountries: []string{"SE", "NO"}, RequiredCountries: []string{"SE", "NO"},
			EligibleKinds: []app.OrgKind{app.KindRegion, app.KindMunicipality, app.KindStateAgency, app.KindAcademia, app.KindNonprofit, app.KindHealthTrust},
			MinPartners:   2, MinCountries: 2, Rates: []app.Rate{{Country: "SE", Percent: 60}, {Country: "NO", Percent: 50}},
			MinGrant: 50_000_00, MaxGrant: 2_000_000_00, TRLMin: 4, TRLMax: 8},
		Tags: []string{"gränssamverkan", "e-hälsa", "glesbygd"}}
	if err := in.Normalise(); err != nil {
		return fmt.Errorf("demo: call: %w", err)
	}
	c, err := s.CreateCall(ctx, users["karin"], in)
	if err != nil {
		return err
	}
	eur := func(euros int64) app.Money { return app.Money{Amount: euros * 100, Currency: "EUR"} }
	a := app.ApplicationInput{CallID: c.ID, Title: "Akutrum över gränsen", Status: "drafting", TRL: 7,
		Summary: "Virtuella akutrum i fjällen på båda sidor om gränsen, byggda på erfarenheterna från Härjedalen.",
		Partners: []app.ApplicationPartnerInput{
			{OrganisationID: orgs["Region Jämtland Härjedalen"], Role: "lead", Budget: eur(620_000), Grant: eur(372_000), CoFinancing: eur(248_000),
				CoFinancingSource: "Regionens utvecklingsmedel", CoFinancingConfirmed: true},
			{OrganisationID: orgs["Mittuniversitetet"], Role: "beneficiary", Budget: eur(210_000), Grant: eur(126_000), CoFinancing: eur(84_000),
				CoFinancingSource: "Fakultetens forskningsmedel"},
			{OrganisationID: orgs["Fjällvård Digital AB"], Role: "associated", Budget: eur(0), Grant: eur(0), CoFinancing: eur(0)}}}
	if err := a.Normalise(); err != nil {
		return fmt.Errorf("demo: application: %w", err)
	}
	created, err := s.CreateApplication(ctx, users["karin"], a)
	if err != nil {
		return err
	}
	seek := app.PartnerRequestInput{Role: "beneficiary", Country: "NO", Deadline: now.AddDate(0, 0, 25).Format(time.DateOnly),
		Competence:  "Norsk kommune eller helseforetak med legevakt i fjellet",
		Description: "Vi söker en norsk partner som vill pröva virtuella akutrum på sin sida av gränsen och dela erfarenheter med Härjedalen."}
	if err := seek.Normalise(); err != nil {
		return fmt.Errorf("demo: partner request: %w", err)
	}
	r, err := s.CreatePartnerRequest(ctx, created.ID, users["karin"], seek)
	if err != nil {
		return err
	}
	_, err = s.OfferPartnership(ctx, r.ID, users["ingrid"], app.PartnerOfferInput{OrganisationID: orgs["Levanger kommune"],
		Message: "Levanger kommune er interessert. Vi har legevakt for hele Innherred og ønsker å prøve videokonsultasjon. Kontakt Ingrid Haugen."})
	return err
}
