package web

import (
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// CheckApplication checks an application against its call's rules now and words every
// problem in lang; the API answers with the same messages.
func CheckApplication(lang string, c app.Call, a app.Application, now time.Time) []app.Problem {
	problems := app.CheckApplication(c, a, now)
	for i := range problems {
		problems[i].Message = problemMessage(lang, c, problems[i])
	}
	if problems == nil {
		problems = []app.Problem{}
	}
	return problems
}

func problemMessage(lang string, c app.Call, p app.Problem) string {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	money := func(minor int64) string { return formatMoney(lang, app.Money{Amount: minor, Currency: c.Currency}) }
	name := ""
	if p.Partner != nil {
		name = p.Partner.Name
	}
	switch p.Rule {
	case app.RuleRequiredCountry:
		return t("check.required_country", countryName(lang, p.Country))
	case app.RuleMinPartners:
		return t("check.min_partners", p.Want, p.Have)
	case app.RuleMinCountries:
		return t("check.min_countries", p.Want, p.Have)
	case app.RuleFundingRate:
		return t("check.funding_rate", name, p.Have, p.Want)
	case app.RuleGrantBelowMin:
		return t("check.grant_below_min", money(p.Have), money(p.Want))
	case app.RuleGrantAboveMax:
		return t("check.grant_above_max", money(p.Have), money(p.Want))
	case app.RuleDeadlinePassed:
		return t("check.deadline_passed", p.Deadline.Stage, deadlineText(*p.Deadline))
	case app.RuleIneligibleCountry:
		return t("check.ineligible_country", name, countryName(lang, p.Country))
	case app.RuleIneligibleKind:
		return t("check.ineligible_kind", name, strings.ToLower(t("kind."+string(p.Kind))))
	case app.RuleTRL:
		return t("check.trl", p.Have, c.TRLMin, c.TRLMax)
	case app.RuleCurrency:
		return t("check.currency", name, c.Currency)
	}
	return p.Rule
}

// countryName names a country in lang where the catalogue knows it, else by its code.
func countryName(lang, code string) string {
	if i18n.Has(lang, "country."+code) {
		return i18n.T(lang, "country."+code)
	}
	return code
}

// deadlineText writes a deadline as it was announced: its wall-clock time and its zone.
func deadlineText(d app.Deadline) string {
	return d.InZone().Format("2006-01-02 15:04") + " (" + d.TimeZone + ")"
}
