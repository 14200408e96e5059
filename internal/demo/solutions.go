package demo

import (
	"context"
	"fmt"

	"github.com/tillsammans/tillsammans/internal/app"
)

// solutionSpecs are the demo companies' solutions: the supplier, the person who registers
// it (by personKey), and what they wrote.
var solutionSpecs = []struct {
	org, by string
	in      app.SolutionInput
}{
	{"Fjällvård Digital AB", "anna", app.SolutionInput{Title: "Virtuellt akutrum", Type: "service", TRL: 8, Deployment: "in_use",
		Description: "Ett **virtuellt akutrum** på hälsocentralen: sjuksköterskan undersöker på plats, läkaren på akutmottagningen deltar via video och digitala instrument.",
		Tags:        []string{"distansvård", "virtuellt akutrum", "glesbygd"}, TargetGroups: []string{"invånare i glesbygd"}, CareSettings: []string{"primarvard", "sjukhusvard"},
		Interoperability: []string{"HL7", "Cosmic"}, Hosting: "Drift i svensk molntjänst", DataLocation: "sweden", Accessibility: "WCAG 2.1 AA för patientdelen",
		IdentitySupport: []string{"siths", "bankid"}, Evidence: "Utvärderad i två regioner: färre ambulansresor till akuten.", References: "Hälsocentraler i Jämtland",
		SecretFields: []string{"references"}}},
	{"Fjällvård Digital AB", "anna", app.SolutionInput{Title: "Videobesök i hemtjänsten", Type: "software", TRL: 9, Deployment: "scaled",
		Description: "Videosamtal mellan hemtjänst, sjuksköterska och den äldre, på surfplatta utan inloggning för den äldre.",
		Tags:        []string{"videomöten", "hemtjänst"}, TargetGroups: []string{"äldre", "hemtjänstpersonal"}, CareSettings: []string{"hemtjanst", "kommunal_hemsjukvard"},
		DataLocation: "eu_eea", IdentitySupport: []string{"siths", "freja"}}},
	{"Norrsken Sensorik AB", "oskar", app.SolutionInput{Title: "Digital nattillsyn", Type: "device", TRL: 9, Deployment: "scaled",
		Description: "Kamera med integritetsskydd som ersätter fysiska tillsynsbesök nattetid; personalen tittar bara in vid avtalad tid.",
		Tags:        []string{"digital nattillsyn", "kamera", "välfärdsteknik"}, TargetGroups: []string{"äldre i ordinärt boende"}, CareSettings: []string{"hemtjanst", "sarskilt_boende"},
		Hosting: "Egen drift i Umeå", DataLocation: "sweden", IdentitySupport: []string{"siths"}, Evidence: "Färre väckningar och bättre sömn enligt uppföljning i tre kommuner.",
		SecretFields: []string{"hosting"}}},
	{"Norrsken Sensorik AB", "oskar", app.SolutionInput{Title: "Fallsensor för särskilt boende", Type: "device", TRL: 6, Deployment: "pilot",
		MedicalDevice: true, MDRClass: "I", CEMarked: true,
		Description: "Radarsensor i taket som larmar vid fall, utan kamera och utan något att bära.",
		Tags:        []string{"fallprevention", "sensorer", "trygghetslarm"}, TargetGroups: []string{"äldre"}, CareSettings: []string{"sarskilt_boende"},
		DataLocation: "sweden", Evidence: "Pilot på två boenden 2025."}},
	{"Dosera Hälsa AB", "leila", app.SolutionInput{Title: "Läkemedelsautomat med påminnelse", Type: "device", TRL: 9, Deployment: "in_use",
		MedicalDevice: true, MDRClass: "IIa", CEMarked: true,
		Description: "Automat som lämnar ut rätt dos vid rätt tid och larmar hemtjänsten när en dos inte tas.",
		Tags:        []string{"läkemedelsautomat", "egenvård", "läkemedel"}, TargetGroups: []string{"äldre som bor hemma"}, CareSettings: []string{"hemtjanst", "egenvard"},
		Interoperability: []string{"FHIR"}, DataLocation: "eu_eea", IdentitySupport: []string{"siths", "bankid"},
		Evidence: "Frigjord tid i hemtjänsten: i snitt 40 minuter per brukare och vecka.", SecretFields: []string{"evidence"}}},
	{"Dosera Hälsa AB", "leila", app.SolutionInput{Title: "Dosera app för anhöriga", Type: "software", TRL: 5, Deployment: "concept",
		Description: "App där anhöriga ser att dosen är tagen och får besked när något avviker.",
		Tags:        []string{"anhöriga", "egenvård"}, TargetGroups: []string{"anhöriga"}, CareSettings: []string{"egenvard"}, IdentitySupport: []string{"bankid"}}},
	{"Storsjö Hälsodata AB", "per", app.SolutionInput{Title: "Egenmonitorering vid KOL och hjärtsvikt", Type: "platform", TRL: 9, Deployment: "scaled",
		MedicalDevice: true, MDRClass: "IIa", CEMarked: true,
		Description: "Patienten mäter blodtryck, vikt och syremättnad hemma; vården följer värdena och får larm vid försämring.",
		Tags:        []string{"egenmonitorering", "KOL", "hjärtsvikt", "distansvård"}, TargetGroups: []string{"personer med KOL", "personer med hjärtsvikt"},
		CareSettings: []string{"primarvard", "egenvard", "kommunal_hemsjukvard"}, Interoperability: []string{"FHIR", "HL7", "Cosmic", "TakeCare"},
		Hosting: "Svensk driftleverantör", DataLocation: "sweden", Accessibility: "WCAG 2.1 AA", IdentitySupport: []string{"siths", "bankid", "freja", "oidc"},
		Evidence: "Färre inläggningar i en randomiserad studie.", References: "Regioner i Norrland"}},
	{"Storsjö Hälsodata AB", "per", app.SolutionInput{Title: "Integrationsplattform för vårddata", Type: "platform", TRL: 7, Deployment: "pilot",
		Description: "Kopplar mätvärden från hemmet till journalsystemen över FHIR.",
		Tags:        []string{"FHIR", "integration"}, CareSettings: []string{"sjukhusvard", "primarvard"}, Interoperability: []string{"FHIR", "HL7"},
		Hosting: "Kundens egen drift eller vår", DataLocation: "sweden", IdentitySupport: []string{"siths", "saml"}, SecretFields: []string{"hosting", "interoperability"}}},
}

func loadSolutions(ctx context.Context, s app.Store, orgs map[string]int64, users map[string]int64) error {
	for _, spec := range solutionSpecs {
		in := spec.in
		if err := in.Normalise(); err != nil {
			return fmt.Errorf("demo: solution %s: %w", in.Title, err)
		}
		orgID, ok := orgs[spec.org]
		if !ok {
			return fmt.Errorf("demo: no organisation %q", spec.org)
		}
		if _, err := s.CreateSolution(ctx, orgID, users[spec.by], in); err != nil {
			return fmt.Errorf("demo: solution %s: %w", in.Title, err)
		}
	}
	return nil
}

// proposalSpecs are suppliers' proposals of their solutions for the demo needs, and what
// the needs' coordinators decided; watchSpecs are the suppliers' saved searches.
var (
	proposalSpecs = []struct {
		need, solution, by, rationale, decidedBy string
		decisions                                []app.ProposalStatus
	}{
		{"Virtuellt akutrum i Härjedalen", "Virtuellt akutrum", "anna",
			"Vi driver virtuella akutrum på två hälsocentraler i Norrland; stationen klarar svagt bredband och dokumenterar i Cosmic.",
			"karin", []app.ProposalStatus{app.ProposalShortlisted, app.ProposalPiloted}},
		{"Distansbedömning av akuta tandbesvär", "Virtuellt akutrum", "anna",
			"Undersökningsstationen har en intraoral kamera; tandläkaren kan bedöma på distans från kliniken i Östersund.", "", nil},
	}
	watchSpecs = []struct {
		by    string
		query app.SearchQuery
	}{
		{"anna", app.SearchQuery{Q: "distansbedömning glesbygd"}},
		{"oskar", app.SearchQuery{Tag: "nattillsyn"}},
	}
)

func loadProposals(ctx context.Context, s app.Store, users map[string]int64) error {
	needs, err := s.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	sols, err := s.ListSolutions(ctx, app.SolutionFilter{Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	find := func(title string, ids map[string]int64) (int64, error) {
		if id, ok := ids[title]; ok {
			return id, nil
		}
		return 0, fmt.Errorf("demo: no %q", title)
	}
	needIDs, solIDs := map[string]int64{}, map[string]int64{}
	for _, n := range needs.Items {
		needIDs[n.Title] = n.ID
	}
	for _, x := range sols.Items {
		solIDs[x.Title] = x.ID
	}
	for _, p := range proposalSpecs {
		needID, err := find(p.need, needIDs)
		if err != nil {
			return err
		}
		solID, err := find(p.solution, solIDs)
		if err != nil {
			return err
		}
		if _, err := s.ProposeSolution(ctx, needID, users[p.by], app.ProposalInput{SolutionID: solID, Rationale: p.rationale}); err != nil {
			return fmt.Errorf("demo: proposal for %s: %w", p.need, err)
		}
		for _, st := range p.decisions {
			if _, err := s.DecideProposal(ctx, needID, solID, users[p.decidedBy], app.ProposalDecision{Status: st}); err != nil {
				return fmt.Errorf("demo: decision for %s: %w", p.need, err)
			}
		}
	}
	for _, w := range watchSpecs {
		if _, err := s.CreateWatch(ctx, users[w.by], w.query); err != nil {
			return fmt.Errorf("demo: watch of %s: %w", w.by, err)
		}
	}
	return nil
}
