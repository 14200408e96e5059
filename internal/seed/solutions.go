package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/search/data"
)

// vocabularies are the words generated texts draw from, Swedish from the word list and
// English from the lexicon, shuffled once by a fixed seed so that a word's frequency does
// not follow the alphabet.
var vocabularies = sync.OnceValues(func() (sv, en []string) {
	sv = strings.Fields(data.SvWords)
	seen := map[string]bool{}
	for line := range strings.Lines(data.SvEn) {
		if _, e, ok := strings.Cut(strings.TrimSpace(line), "\t"); ok && !strings.Contains(e, " ") && !seen[e] {
			seen[e] = true
			en = append(en, e)
		}
	}
	r := rand.New(rand.NewPCG(7, 7)) // #nosec G404 -- synthetic data, the same every time
	r.Shuffle(len(sv), func(i, j int) { sv[i], sv[j] = sv[j], sv[i] })
	r.Shuffle(len(en), func(i, j int) { en[i], en[j] = en[j], en[i] })
	return sv, en
})

type language int

const (
	swedish language = iota
	english
)

// words draws n words of a language by Zipf's law (a few words often, most rarely).
func words(rng *rand.Rand, lang language, n int) string {
	sv, en := vocabularies()
	vocab := sv
	if lang == english {
		vocab = en
	}
	z := rand.NewZipf(rng, 1.1, 20, uint64(len(vocab)-1)) // #nosec G115 -- a list's length is not negative
	out := make([]string, n)
	for i := range out {
		out[i] = vocab[z.Uint64()]
	}
	return strings.Join(out, " ") + "."
}

var products = []struct{ sv, en, svText, enText string }{
	{"Distansbedömning", "Remote assessment", "Läkaren undersöker patienten på distans via en undersökningsstation.", "The doctor examines the patient remotely through an examination station."},
	{"Hemmonitorering", "Home monitoring", "Patienten mäter vikt, blodtryck och syremättnad hemma och värdena når vården.", "Patients measure weight, blood pressure and oxygen saturation at home and the readings reach the clinic."},
	{"Nattkamera", "Night camera", "Tillsyn nattetid med integritetsskyddad kamera utan att väcka de boende.", "Night-time supervision with a privacy-preserving camera that does not wake residents."},
	{"Läkemedelsautomat", "Medication dispenser", "Automaten påminner och lämnar ut rätt dos i rätt tid.", "The dispenser reminds and releases the right dose at the right time."},
	{"Videobesök", "Video visits", "Säkra videobesök mellan hemmet och vården.", "Secure video visits between home and care."},
	{"Fallsensor", "Fall sensor", "Sensorn upptäcker fall och larmar personalen.", "The sensor detects falls and alerts staff."},
	{"Trygghetslarm", "Social alarm", "Digitalt trygghetslarm som fungerar även med svag täckning.", "A digital social alarm that works even with weak coverage."},
	{"Tolktjänst", "Interpreting service", "Tolk på video inom några minuter.", "Video interpreting within minutes."},
	{"Beslutsstöd", "Decision support", "Stöd för bedömning och prioritering i akuta lägen.", "Support for assessment and triage in urgent situations."},
	{"Digital rehabilitering", "Digital rehabilitation", "Träningsprogram med fysioterapeut på distans.", "Exercise programmes with a remote physiotherapist."},
}

// Companies makes n supplier companies, each with one supplier. Numbers are kept valid
// and unique from offset on, apart from those of the public organisations.
func Companies(ctx context.Context, s Store, n, offset int, passwordHash string) ([]Org, error) {
	var out []Org
	for i := range n {
		in := app.OrganisationInput{Name: fmt.Sprintf("%s Vård AB %d", places[i%len(places)], offset+i), Kind: app.KindCompany,
			Size: app.SizeSME, Country: "SE", OrgNumber: OrgNumber(companySeries + offset + i),
			Description: "Leverantör av " + strings.ToLower(products[i%len(products)].sv) + ".", Capabilities: []string{products[i%len(products)].sv}}
		if err := in.Normalise(); err != nil {
			return nil, fmt.Errorf("seed: %s: %w", in.Name, err)
		}
		o, err := s.CreateOrganisation(ctx, in, 0)
		if err != nil {
			return nil, err
		}
		u, err := s.CreateUser(ctx, app.NewUser{Email: fmt.Sprintf("supplier%d@companies.seed.example", offset+i), Name: fmt.Sprintf("Supplier %d", offset+i), Lang: "sv"}, passwordHash)
		if err != nil {
			return nil, err
		}
		if err := s.AddRole(ctx, o.ID, u.ID, app.RoleSupplier); err != nil {
			return nil, err
		}
		out = append(out, Org{ID: o.ID, People: []int64{u.ID}})
	}
	return out, nil
}

// companySeries keeps the companies' organisation numbers apart from the public ones.
const companySeries = 50_000_000

// Solutions writes n solutions spread over companies in batches, calling progress after
// each batch, and refreshes the planner's figures. A third are written in English.
func Solutions(ctx context.Context, s Store, rng *rand.Rand, companies []Org, n int, progress func(done int)) error {
	const batch = 1000
	for done := 0; done < n; {
		size := min(batch, n-done)
		sols := make([]app.SeedSolution, size)
		for i := range sols {
			sols[i] = Solution(rng, companies[rng.IntN(len(companies))])
		}
		if err := s.SeedSolutions(ctx, sols); err != nil {
			return err
		}
		done += size
		if progress != nil {
			progress(done)
		}
	}
	return s.Analyze(ctx)
}

// Solution makes one solution of a company.
func Solution(rng *rand.Rand, company Org) app.SeedSolution {
	p := products[rng.IntN(len(products))]
	title, text, lang := p.sv+" "+fmt.Sprint(rng.IntN(1000)), p.svText, swedish
	if rng.IntN(3) == 0 {
		title, text, lang = p.en+" "+fmt.Sprint(rng.IntN(1000)), p.enText, english
	}
	in := app.SolutionInput{
		Title:        title,
		Description:  text + " " + words(rng, lang, 30+rng.IntN(50)),
		Type:         app.SolutionTypes[rng.IntN(len(app.SolutionTypes))],
		Tags:         pick(rng, tagPool, 1+rng.IntN(3)),
		TargetGroups: pick(rng, []string{"äldre", "barn", "unga", "personal", "anhöriga"}, 1),
		CareSettings: pick(rng, app.CareSettings, 1+rng.IntN(2)),
		TRL:          1 + rng.IntN(9),
		Deployment:   app.DeploymentStages[rng.IntN(len(app.DeploymentStages))],
	}
	return app.SeedSolution{OrgID: company.ID, CreatedBy: company.People[0], Input: in}
}
