package app

import "strings"

// NormaliseOrgNumber checks an organisation number for its country and returns it in
// canonical form: Swedish organisationsnummer as NNNNNN-NNNN (Luhn check digit),
// Norwegian organisasjonsnummer as nine digits (MOD11 check digit).
func NormaliseOrgNumber(country, s string) (string, bool) {
	digits := make([]byte, 0, 12)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c == '-' || c == ' ':
		default:
			return "", false
		}
	}
	switch country {
	case "SE":
		// A sixteen prefix ("16") is sometimes written before the ten digits.
		if len(digits) == 12 && digits[0] == '1' && digits[1] == '6' {
			digits = digits[2:]
		}
		if len(digits) != 10 || !luhnValid(digits) {
			return "", false
		}
		return string(digits[:6]) + "-" + string(digits[6:]), true
	case "NO":
		if len(digits) != 9 || !mod11Valid(digits) {
			return "", false
		}
		return string(digits), true
	}
	return "", false
}

// luhnValid reports whether the last digit is the Luhn check digit of the others.
func luhnValid(d []byte) bool {
	sum := 0
	for i, c := range d {
		n := int(c - '0')
		if (len(d)-i)%2 == 0 {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return sum%10 == 0
}

func mod11Valid(d []byte) bool {
	weights := [8]int{3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, w := range weights {
		sum += int(d[i]-'0') * w
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(d[8]-'0')
}

// Countries the platform knows organisations in.
var Countries = []string{"SE", "NO"}

func validCountry(c string) bool {
	for _, k := range Countries {
		if k == c {
			return true
		}
	}
	return false
}

func normaliseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
