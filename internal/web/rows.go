package web

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

// extraRows is how many empty rows a form offers beyond the filled ones (partners,
// milestones, deadlines, rates).
const extraRows = 2

// row is one row of a repeated group of fields in a form, by column name.
type row map[string]string

// formRows reads a repeated group of fields, prefix+column for each column, row by row;
// rows left wholly empty are dropped.
func formRows(f url.Values, prefix string, columns ...string) []row {
	n := 0
	for _, c := range columns {
		n = max(n, len(f[prefix+c]))
	}
	var out []row
	for i := range n {
		r, empty := row{}, true
		for _, c := range columns {
			if vs := f[prefix+c]; i < len(vs) {
				r[c] = strings.TrimSpace(vs[i])
				empty = empty && r[c] == ""
			}
		}
		if !empty {
			out = append(out, r)
		}
	}
	return out
}

// withExtraRows adds the empty rows a form offers to fill in.
func withExtraRows(rows []row) []row {
	for range extraRows {
		rows = append(rows, row{})
	}
	return rows
}

// formAmount reads an amount typed in a form into minor units; one that does not parse is
// -1, which validation refuses by name.
func formAmount(s string) int64 {
	n, ok := app.ParseAmount(s)
	if !ok {
		return -1
	}
	return n
}

// amountValue writes minor units as a form shows them: whole units when there are no
// cents, else with two decimals, the decimal mark of the language.
func amountValue(lang string, minor int64) string {
	s := strconv.FormatInt(minor/100, 10)
	if c := minor % 100; c != 0 {
		s += "." + strconv.FormatInt(100+c, 10)[1:]
	}
	if lang == "sv" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// formatMoney writes an amount for reading: thousands grouped, cents only when there are
// any, and the currency code after it.
func formatMoney(lang string, m app.Money) string {
	s := formatInt(lang, int(m.Amount/100))
	if c := m.Amount % 100; c != 0 {
		mark := "."
		if lang == "sv" {
			mark = ","
		}
		s += mark + strconv.FormatInt(100+c, 10)[1:]
	}
	return s + "\u00a0" + m.Currency
}

// formatNumber writes a measured value as the language does: thousands grouped, at most
// two decimals and none that are not needed.
func formatNumber(lang string, x float64) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', -1, 64)
	if _, frac, ok := strings.Cut(s, "."); ok && len(frac) > 2 {
		s = strconv.FormatFloat(math.Abs(x), 'f', 2, 64)
	}
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.Atoi(whole)
	s, mark, minus := formatInt(lang, n), ".", "-"
	if lang == "sv" {
		mark, minus = ",", "−"
	}
	if frac != "" {
		s += mark + frac
	}
	if x < 0 {
		s = minus + s
	}
	return s
}

// formFloat reads a number typed with a decimal comma or point; what does not parse is NaN,
// which validation refuses by name.
func formFloat(s string) float64 {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), "")
	x, err := strconv.ParseFloat(strings.Replace(strings.Replace(s, "−", "-", 1), ",", ".", 1), 64)
	if err != nil {
		return math.NaN()
	}
	return x
}

// currencyOptions are the currencies a form offers.
func currencyOptions() []option {
	out := make([]option, len(app.Currencies))
	for i, c := range app.Currencies {
		out[i] = option{Value: c, Label: c}
	}
	return out
}
