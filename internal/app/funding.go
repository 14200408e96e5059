package app

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Call is a funding call (utlysning) of a programme, with the rules a consortium's
// application must meet. Calls are public.
type Call struct {
	ID          int64      `json:"id"`
	Programme   string     `json:"programme"`
	Funder      string     `json:"funder"`
	Identifier  string     `json:"call_id"`
	Title       string     `json:"title"`
	URL         string     `json:"url"`
	Description string     `json:"description"`
	OpensOn     string     `json:"opens_on"` // YYYY-MM-DD or empty
	Deadlines   []Deadline `json:"deadlines"`
	CallRules
	Tags      []string  `json:"tags"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// CallRules are what an application is checked against.
type CallRules struct {
	// Currency is the currency of the grant limits and of every amount of an application.
	Currency          string    `json:"currency"`
	EligibleCountries []string  `json:"eligible_countries"` // none: any
	EligibleKinds     []OrgKind `json:"eligible_kinds"`     // none: any
	MinPartners       int       `json:"min_partners"`
	MinCountries      int       `json:"min_countries"`
	RequiredCountries []string  `json:"required_countries"` // at least one partner from each
	Rates             []Rate    `json:"funding_rates"`
	MinGrant          int64     `json:"min_grant"` // minor units of Currency; 0: none
	MaxGrant          int64     `json:"max_grant"`
	TRLMin            int       `json:"trl_min"` // 0: none
	TRLMax            int       `json:"trl_max"`
}

// Rate is the highest share of a partner's budget the call pays, for partners of a
// country and kind; an empty country or kind matches any.
type Rate struct {
	Country string  `json:"country"`
	Kind    OrgKind `json:"kind"`
	Percent int     `json:"percent"`
}

// Deadline is one stage's deadline: a wall-clock time in a named zone, so that 17:00 in
// Stockholm stays 17:00 wherever the server runs.
type Deadline struct {
	Stage    string    `json:"stage"`
	Local    string    `json:"local"`     // YYYY-MM-DDTHH:MM
	TimeZone string    `json:"time_zone"` // IANA, e.g. Europe/Stockholm
	At       time.Time `json:"at"`        // the instant, derived
}

// CallRef names a call.
type CallRef struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Programme string `json:"programme"`
	Currency  string `json:"currency"`
}

// CallInput is what a person writes on a call.
type CallInput struct {
	Programme   string     `json:"programme"`
	Funder      string     `json:"funder"`
	Identifier  string     `json:"call_id"`
	Title       string     `json:"title"`
	URL         string     `json:"url"`
	Description string     `json:"description"`
	OpensOn     string     `json:"opens_on"`
	Deadlines   []Deadline `json:"deadlines"`
	CallRules
	Tags []string `json:"tags"`
}

const localLayout = "2006-01-02T15:04"

var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

// Normalise checks a call and derives each deadline's instant from its local time and zone.
func (in *CallInput) Normalise() error {
	f := FieldErrors{}
	checkTexts(f, map[string]*string{"title": &in.Title, "description": &in.Description})
	for name, p := range map[string]*string{"programme": &in.Programme, "funder": &in.Funder, "call_id": &in.Identifier, "url": &in.URL} {
		*p = normaliseSpace(*p)
		if utf8.RuneCountInString(*p) > maxNameLen*5 {
			f.Add(name, "err.too_long")
		}
	}
	if in.Programme == "" {
		f.Add("programme", "err.required")
	}
	if in.URL != "" && !strings.HasPrefix(in.URL, "https://") && !strings.HasPrefix(in.URL, "http://") {
		f.Add("url", "err.url")
	}
	checkDate(f, "opens_on", &in.OpensOn)
	for i := range in.Deadlines {
		d := &in.Deadlines[i]
		d.Stage, d.Local, d.TimeZone = normaliseSpace(d.Stage), strings.TrimSpace(d.Local), strings.TrimSpace(d.TimeZone)
		at, err := DeadlineTime(d.Local, d.TimeZone)
		if err != "" {
			f.Add("deadlines", err)
		}
		d.At = at
		if d.Stage == "" || utf8.RuneCountInString(d.Stage) > maxNameLen {
			f.Add("deadlines", "err.deadline_stage")
		}
	}
	slices.SortStableFunc(in.Deadlines, func(a, b Deadline) int { return a.At.Compare(b.At) })
	if len(in.Deadlines) > 10 {
		f.Add("deadlines", "err.too_many")
	}
	if in.Currency == "" {
		in.Currency = "EUR"
	}
	if !slices.Contains(Currencies, in.Currency) {
		f.Add("currency", "err.currency")
	}
	for name, list := range map[string]*[]string{"eligible_countries": &in.EligibleCountries, "required_countries": &in.RequiredCountries} {
		*list = NormaliseTags(*list)
		for i, c := range *list {
			(*list)[i] = strings.ToUpper(c)
			if !countryCode.MatchString((*list)[i]) {
				f.Add(name, "err.country")
			}
		}
	}
	for _, c := range in.RequiredCountries {
		if len(in.EligibleCountries) > 0 && !slices.Contains(in.EligibleCountries, c) {
			f.Add("required_countries", "err.required_not_eligible")
		}
	}
	for _, k := range in.EligibleKinds {
		if !slices.Contains(OrgKinds, k) {
			f.Add("eligible_kinds", "err.org_kind")
		}
	}
	in.EligibleKinds = slices.Compact(in.EligibleKinds)
	if in.MinPartners < 0 || in.MinPartners > 100 {
		f.Add("min_partners", "err.number")
	}
	if in.MinCountries < 0 || in.MinCountries > 50 {
		f.Add("min_countries", "err.number")
	}
	for _, r := range in.Rates {
		if r.Percent < 0 || r.Percent > 100 || r.Country != "" && !countryCode.MatchString(r.Country) ||
			r.Kind != "" && !slices.Contains(OrgKinds, r.Kind) {
			f.Add("funding_rates", "err.funding_rate")
		}
	}
	if in.MinGrant < 0 || in.MaxGrant < 0 || in.MaxGrant > maxAmount || in.MaxGrant > 0 && in.MinGrant > in.MaxGrant {
		f.Add("max_grant", "err.grant_range")
	}
	if in.TRLMin < 0 || in.TRLMax > 9 || in.TRLMin > 9 || in.TRLMax < 0 || in.TRLMax > 0 && in.TRLMin > in.TRLMax {
		f.Add("trl_max", "err.trl_window")
	}
	checkTags(f, "tags", &in.Tags)
	for name, s := range map[string]string{"title": in.Title, "description": in.Description, "programme": in.Programme} {
		if ContainsPersonalNumber(s) {
			f.Add(name, "err.personal_number")
		}
	}
	return f.Err()
}

// DeadlineTime reads a wall-clock time in an IANA zone; the key says what is wrong.
func DeadlineTime(local, zone string) (time.Time, string) {
	loc, err := LoadZone(zone)
	if err != nil {
		return time.Time{}, "err.time_zone"
	}
	t, err := time.ParseInLocation(localLayout, local, loc)
	if err != nil {
		return time.Time{}, "err.deadline_time"
	}
	return t, ""
}

// InZone is the deadline's instant in its own zone, as it is announced.
func (d Deadline) InZone() time.Time {
	t, _ := DeadlineTime(d.Local, d.TimeZone)
	return t
}

// NextDeadline is the first deadline after now, or nil when all have passed.
func (c Call) NextDeadline(now time.Time) *Deadline {
	for i, d := range c.Deadlines {
		if d.At.After(now) {
			return &c.Deadlines[i]
		}
	}
	return nil
}

// RateFor is the funding rate for a partner of this country and kind: the most specific
// rate that matches, or -1 when the call names none.
func (r CallRules) RateFor(country string, kind OrgKind) int {
	best, score := -1, -1
	for _, x := range r.Rates {
		if x.Country != "" && x.Country != country || x.Kind != "" && x.Kind != kind {
			continue
		}
		s := 0
		if x.Country != "" {
			s += 2
		}
		if x.Kind != "" {
			s++
		}
		if s > score {
			best, score = x.Percent, s
		}
	}
	return best
}

// CallFilter selects calls for the list.
type CallFilter struct {
	Open bool // only calls with a deadline ahead
	Now  time.Time
	Page
}

// Eligible reports whether the call funds an organisation of this country and kind.
func (r CallRules) Eligible(country string, kind OrgKind) bool {
	return r.countryEligible(country) && r.kindEligible(kind)
}

func (r CallRules) countryEligible(c string) bool {
	return len(r.EligibleCountries) == 0 || slices.Contains(r.EligibleCountries, c)
}

func (r CallRules) kindEligible(k OrgKind) bool {
	return len(r.EligibleKinds) == 0 || slices.Contains(r.EligibleKinds, k)
}

// CallMatch is an open call that fits a need or a project (the calls radar): the tags
// they share, and whether the owning organisation may be funded by it.
type CallMatch struct {
	Call     Call     `json:"call"`
	Shared   []string `json:"shared_tags"`
	Eligible bool     `json:"eligible"`
}
