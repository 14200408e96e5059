package app

// ContainsPersonalNumber reports whether free text holds something that looks like a
// valid Swedish personnummer or samordningsnummer (with a correct check digit): patient
// data must never be written into the platform. It finds YYMMDD-NNNN, YYMMDD+NNNN,
// YYYYMMDD-NNNN and the same without separator, between non-digits.
func ContainsPersonalNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || (i > 0 && isDigit(s[i-1])) {
			continue
		}
		// A run of digits starts at i; read up to 12 digits and at most one separator.
		var d []byte
		j := i
		sep := false
		for j < len(s) && len(d) < 12 {
			switch c := s[j]; {
			case isDigit(c):
				d = append(d, c)
			case (c == '-' || c == '+') && !sep && (len(d) == 6 || len(d) == 8):
				sep = true
			default:
				goto done
			}
			j++
		}
	done:
		if j < len(s) && isDigit(s[j]) {
			continue // part of a longer number
		}
		switch len(d) {
		case 12:
			if validPersonalNumber(d[2:]) {
				return true
			}
		case 10:
			if validPersonalNumber(d) {
				return true
			}
		}
	}
	return false
}

// validPersonalNumber checks ten digits YYMMDDNNNC: a real month, a day (plus 60 for a
// samordningsnummer) and the Luhn check digit.
func validPersonalNumber(d []byte) bool {
	month := int(d[2]-'0')*10 + int(d[3]-'0')
	day := int(d[4]-'0')*10 + int(d[5]-'0')
	if day > 60 {
		day -= 60
	}
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	return luhnValid(d)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
