package app

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// OrgKind is the kind of an organisation, as the API names it.
type OrgKind string

const (
	KindRegion       OrgKind = "region"
	KindMunicipality OrgKind = "municipality" // kommun, or Norwegian kommune
	KindStateAgency  OrgKind = "state_agency"
	KindCompany      OrgKind = "company"
	KindAcademia     OrgKind = "academia"
	KindNonprofit    OrgKind = "nonprofit"
	KindHealthTrust  OrgKind = "health_trust" // Norwegian helseforetak
)

// PublicKinds are the kinds of public bodies, which own needs.
var PublicKinds = []OrgKind{KindRegion, KindMunicipality, KindStateAgency, KindHealthTrust}

// OrgKinds lists every kind in the order forms show them.
var OrgKinds = []OrgKind{KindRegion, KindMunicipality, KindStateAgency, KindCompany, KindAcademia, KindNonprofit, KindHealthTrust}

// IsPublic reports whether organisations of this kind are public bodies (LOU applies).
func (k OrgKind) IsPublic() bool { return slices.Contains(PublicKinds, k) }

// OrgSize applies to companies only.
type OrgSize string

const (
	SizeSME   OrgSize = "sme"
	SizeLarge OrgSize = "large"
)

// Organisation is a region, municipality, company or other body whose people use the platform.
type Organisation struct {
	ID           int64    `json:"id"`
	Name         string   `json:"name"`
	Kind         OrgKind  `json:"kind"`
	Size         OrgSize  `json:"size,omitempty"`
	OrgNumber    string   `json:"org_number"`
	Country      string   `json:"country"`
	County       string   `json:"county"`
	Description  string   `json:"description"`
	Capabilities []string `json:"capabilities"`
	MemberCount  int      `json:"member_count"`
	// SSOOnly: the staff sign in through the organisation's identity provider only.
	SSOOnly   bool      `json:"sso_only"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// OrganisationInput is what a person may set on an organisation.
type OrganisationInput struct {
	Name         string   `json:"name"`
	Kind         OrgKind  `json:"kind"`
	Size         OrgSize  `json:"size"`
	OrgNumber    string   `json:"org_number"`
	Country      string   `json:"country"`
	County       string   `json:"county"`
	Description  string   `json:"description"`
	Capabilities []string `json:"capabilities"`
}

// Counties are the Swedish län and Norwegian fylker offered in forms.
var Counties = map[string][]string{
	"SE": {"Blekinge", "Dalarna", "Gotland", "Gävleborg", "Halland", "Jämtland", "Jönköping", "Kalmar", "Kronoberg", "Norrbotten", "Skåne", "Stockholm", "Södermanland", "Uppsala", "Värmland", "Västerbotten", "Västernorrland", "Västmanland", "Västra Götaland", "Örebro", "Östergötland"},
	"NO": {"Agder", "Akershus", "Buskerud", "Finnmark", "Innlandet", "Møre og Romsdal", "Nordland", "Oslo", "Rogaland", "Telemark", "Troms", "Trøndelag", "Vestfold", "Vestland", "Østfold"},
}

const (
	maxNameLen        = 200
	maxDescriptionLen = 10000
	maxCapabilities   = 50
	maxTagLen         = 60
)

// Normalise trims the input and validates it, returning per-field problems.
func (in *OrganisationInput) Normalise() error {
	in.Country = strings.ToUpper(strings.TrimSpace(in.Country))
	in.County = strings.TrimSpace(in.County)
	in.Description = strings.TrimSpace(in.Description)
	in.Capabilities = NormaliseTags(in.Capabilities)

	f := FieldErrors{}
	var k string
	if in.Name, k = NormaliseName(in.Name); k != "" {
		f.Add("name", k)
	}
	if !slices.Contains(OrgKinds, in.Kind) {
		f.Add("kind", "err.org_kind")
	}
	if !validCountry(in.Country) {
		f.Add("country", "err.country")
	}
	if in.Kind == KindCompany {
		if in.Size != SizeSME && in.Size != SizeLarge {
			f.Add("size", "err.org_size")
		}
	} else if in.Size != "" {
		f.Add("size", "err.org_size_only_company")
	}
	if in.Kind == KindHealthTrust && in.Country != "NO" {
		f.Add("kind", "err.health_trust_norway")
	}
	if strings.TrimSpace(in.OrgNumber) == "" {
		f.Add("org_number", "err.required")
	} else if n, ok := NormaliseOrgNumber(in.Country, in.OrgNumber); ok {
		in.OrgNumber = n
	} else if in.Country == "NO" {
		f.Add("org_number", "err.org_number_no")
	} else {
		f.Add("org_number", "err.org_number_se")
	}
	if in.County != "" && !slices.Contains(Counties[in.Country], in.County) {
		f.Add("county", "err.county")
	}
	if utf8.RuneCountInString(in.Description) > maxDescriptionLen {
		f.Add("description", "err.too_long")
	}
	if len(in.Capabilities) > maxCapabilities {
		f.Add("capabilities", "err.too_many_tags")
	}
	for _, t := range in.Capabilities {
		if utf8.RuneCountInString(t) > maxTagLen {
			f.Add("capabilities", "err.tag_too_long")
		}
	}
	return f.Err()
}

// NamedOrganisation is an organisation that an import names but does not describe: it has
// no organisation number and, for a company, no size, until someone who knows completes it
// (the forms and the API ask for both before they save it again). It is recorded as
// Swedish, because a country cannot be left open and the collections the platform imports
// are Swedish.
func NamedOrganisation(name string, kind OrgKind) (OrganisationInput, error) {
	in := OrganisationInput{Kind: kind, Country: "SE"}
	f := FieldErrors{}
	var k string
	if in.Name, k = NormaliseName(name); k != "" {
		f.Add("name", k)
	} else if ContainsPersonalNumber(in.Name) {
		f.Add("name", "err.personal_number")
	}
	if !slices.Contains(OrgKinds, kind) {
		f.Add("kind", "err.org_kind")
	}
	return in, f.Err()
}

// NormaliseTags trims tags and drops repeats regardless of case, keeping the first
// spelling (so that FHIR and KOL stay capitals) and the order.
func NormaliseTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = normaliseSpace(t)
		if t != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, t) }) {
			out = append(out, t)
		}
	}
	return out
}

// SplitTags parses a comma-separated list as typed in a form.
func SplitTags(s string) []string { return NormaliseTags(strings.Split(s, ",")) }

// OrganisationFilter selects organisations for a list.
type OrganisationFilter struct {
	Query   string // part of the name
	Kind    OrgKind
	Country string
	Page
}

// Check refuses a kind or country that no organisation can have.
func (f OrganisationFilter) Check() error {
	e := FieldErrors{}
	if f.Kind != "" && !slices.Contains(OrgKinds, f.Kind) {
		e.Add("kind", "err.org_kind")
	}
	if f.Country != "" && !validCountry(f.Country) {
		e.Add("country", "err.country")
	}
	return e.Err()
}
