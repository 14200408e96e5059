package app

import (
	"slices"
	"strconv"
	"strings"
)

// Currencies money may be kept in: the hub works across Sweden and Norway, and EU
// programmes pay in euro.
var Currencies = []string{"SEK", "NOK", "EUR"}

// Money is an amount in minor units (öre, øre, cent) of a currency: integers, so that
// budgets add up exactly.
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// maxAmount bounds an amount (10^13 minor units: a hundred thousand million kronor) so
// that sums of a few hundred never overflow.
const maxAmount = 10_000_000_000_000

// check adds a problem of field when the currency is unknown or the amount out of range.
func (m Money) check(f FieldErrors, field string) {
	if !slices.Contains(Currencies, m.Currency) {
		f.Add(field, "err.currency")
	}
	if m.Amount < 0 || m.Amount > maxAmount {
		f.Add(field, "err.amount")
	}
}

// ParseAmount reads an amount as a person types it, "12 500", "12500,50" or "12500.5", into
// minor units; ok is false when it is not a non-negative amount with at most two decimals.
func ParseAmount(s string) (minor int64, ok bool) {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), "")
	if s == "" {
		return 0, true
	}
	whole, frac, _ := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	if len(frac) > 2 || whole == "" && frac == "" {
		return 0, false
	}
	frac += strings.Repeat("0", 2-len(frac))
	w, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || w < 0 || w > maxAmount || strings.ContainsAny(whole+frac, "+-") {
		return 0, false
	}
	return w, true
}
