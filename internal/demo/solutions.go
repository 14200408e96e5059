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
