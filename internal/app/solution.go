package app

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Fixed vocabularies of a solution record.
var (
	SolutionTypes     = []string{"software", "device", "service", "platform", "other"}
	DeploymentStages  = []string{"concept", "pilot", "in_use", "scaled"}
	MDRClasses        = []string{"none", "I", "IIa", "IIb", "III"}
	DataLocations     = []string{"sweden", "eu_eea", "outside_eu"}
	IdentityProviders = []string{"siths", "bankid", "freja", "oidc", "saml"}
	// SecretableFields are the fields a supplier may mark as business secret.
	SecretableFields = []string{"description", "interoperability", "hosting", "data_location", "accessibility", "evidence", "references"}
)

// Solution is a product or service a supplier organisation offers. Solutions are public;
// only the fields the supplier marks as business secret are hidden from outsiders.
type Solution struct {
	ID               int64     `json:"id"`
	Ref              *string   `json:"ref"`
	Organisation     OrgRef    `json:"organisation"`
	CreatedBy        UserRef   `json:"created_by"`
	Title            string    `json:"title"`
	Description      string    `json:"description"`
	Type             string    `json:"type"`
	Tags             []string  `json:"tags"`
	TargetGroups     []string  `json:"target_groups"`
	CareSettings     []string  `json:"care_settings"`
	TRL              int       `json:"trl"`
	Deployment       string    `json:"deployment"`
	MedicalDevice    bool      `json:"medical_device"`
	MDRClass         string    `json:"mdr_class"`
	CEMarked         bool      `json:"ce_marked"`
	Interoperability []string  `json:"interoperability"`
	Hosting          string    `json:"hosting"`
	DataLocation     string    `json:"data_location"`
	Accessibility    string    `json:"accessibility"`
	IdentitySupport  []string  `json:"identity_support"`
	Evidence         string    `json:"evidence"`
	References       string    `json:"references"`
	SecretFields     []string  `json:"secret_fields"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// SolutionInput is what a supplier writes on a solution.
type SolutionInput struct {
	Ref              *string  `json:"ref"`
	Title            string   `json:"title"`
	Description      string   `json:"description"`
	Type             string   `json:"type"`
	Tags             []string `json:"tags"`
	TargetGroups     []string `json:"target_groups"`
	CareSettings     []string `json:"care_settings"`
	TRL              int      `json:"trl"`
	Deployment       string   `json:"deployment"`
	MedicalDevice    bool     `json:"medical_device"`
	MDRClass         string   `json:"mdr_class"`
	CEMarked         bool     `json:"ce_marked"`
	Interoperability []string `json:"interoperability"`
	Hosting          string   `json:"hosting"`
	DataLocation     string   `json:"data_location"`
	Accessibility    string   `json:"accessibility"`
	IdentitySupport  []string `json:"identity_support"`
	Evidence         string   `json:"evidence"`
	References       string   `json:"references"`
	SecretFields     []string `json:"secret_fields"`
}

// SolutionFilter selects solutions for the list.
type SolutionFilter struct {
	Type        string
	CareSetting string
	TRLMin      int
	Tag         string
	OrgID       int64
	Ref         string
	Sort        string // title (default, in Swedish order) or newest
	Page
}

// Input is what a person wrote on a solution, as the starting point of a change.
func (s Solution) Input() SolutionInput {
	return SolutionInput{Ref: s.Ref, Title: s.Title, Description: s.Description, Type: s.Type, Tags: s.Tags, TargetGroups: s.TargetGroups,
		CareSettings: s.CareSettings, TRL: s.TRL, Deployment: s.Deployment, MedicalDevice: s.MedicalDevice, MDRClass: s.MDRClass,
		CEMarked: s.CEMarked, Interoperability: s.Interoperability, Hosting: s.Hosting, DataLocation: s.DataLocation,
		Accessibility: s.Accessibility, IdentitySupport: s.IdentitySupport, Evidence: s.Evidence, References: s.References,
		SecretFields: s.SecretFields}
}

// HideSecrets blanks the fields marked as business secret, for those outside the supplier.
func (s *Solution) HideSecrets() {
	for _, f := range s.SecretFields {
		switch f {
		case "description":
			s.Description = ""
		case "interoperability":
			s.Interoperability = []string{}
		case "hosting":
			s.Hosting = ""
		case "data_location":
			s.DataLocation = ""
		case "accessibility":
			s.Accessibility = ""
		case "evidence":
			s.Evidence = ""
		case "references":
			s.References = ""
		}
	}
}

// IsSecret reports whether the supplier marked field as business secret.
func (s Solution) IsSecret(field string) bool { return slices.Contains(s.SecretFields, field) }

// Normalise trims the input and checks it: lengths, known values, and no personal
// identity numbers anywhere.
func (in *SolutionInput) Normalise() error {
	f := FieldErrors{}
	if in.Ref != nil {
		r := strings.TrimSpace(*in.Ref)
		switch {
		case r == "":
			in.Ref = nil
		case utf8.RuneCountInString(r) > maxNameLen:
			f.Add("ref", "err.too_long")
		default:
			in.Ref = &r
		}
	}
	checkTexts(f, in.textFields())
	if in.Type == "" {
		in.Type = "software"
	}
	if !slices.Contains(SolutionTypes, in.Type) {
		f.Add("type", "err.solution_type")
	}
	if in.Deployment == "" {
		in.Deployment = "concept"
	}
	if !slices.Contains(DeploymentStages, in.Deployment) {
		f.Add("deployment", "err.deployment")
	}
	if in.MDRClass == "" {
		in.MDRClass = "none"
	}
	if !slices.Contains(MDRClasses, in.MDRClass) {
		f.Add("mdr_class", "err.mdr_class")
	} else if in.MedicalDevice && in.MDRClass == "none" {
		f.Add("mdr_class", "err.mdr_class_required")
	} else if !in.MedicalDevice && in.MDRClass != "none" {
		f.Add("medical_device", "err.mdr_class_not_device")
	}
	if in.DataLocation != "" && !slices.Contains(DataLocations, in.DataLocation) {
		f.Add("data_location", "err.data_location")
	}
	if in.TRL == 0 {
		in.TRL = 1
	}
	if in.TRL < 1 || in.TRL > 9 {
		f.Add("trl", "err.trl")
	}
	checkChoices(f, "care_settings", &in.CareSettings, CareSettings, "err.care_setting")
	checkChoices(f, "identity_support", &in.IdentitySupport, IdentityProviders, "err.identity_support")
	checkChoices(f, "secret_fields", &in.SecretFields, SecretableFields, "err.secret_field")
	for name, list := range map[string]*[]string{"tags": &in.Tags, "target_groups": &in.TargetGroups, "interoperability": &in.Interoperability} {
		checkTags(f, name, list)
	}
	for name, text := range in.texts() {
		if ContainsPersonalNumber(text) {
			f.Add(name, "err.personal_number")
		}
	}
	return f.Err()
}

func (in *SolutionInput) texts() map[string]string {
	m := map[string]string{"tags": strings.Join(in.Tags, " "), "target_groups": strings.Join(in.TargetGroups, " "),
		"interoperability": strings.Join(in.Interoperability, " ")}
	for name, p := range in.textFields() {
		m[name] = *p
	}
	return m
}

func (in *SolutionInput) textFields() map[string]*string {
	return map[string]*string{"title": &in.Title, "description": &in.Description, "hosting": &in.Hosting,
		"accessibility": &in.Accessibility, "evidence": &in.Evidence, "references": &in.References}
}

// SeedSolution is a generated solution for load tests, written without checks.
type SeedSolution struct {
	OrgID, CreatedBy int64
	Input            SolutionInput
}
