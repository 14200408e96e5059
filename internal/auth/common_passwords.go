package auth

import (
	_ "embed"
	"strings"
	"sync"
)

// commonPasswordsFile holds one lower-cased password of 12 or more characters
// per line, sorted and deduplicated. See common_passwords.LICENSE.md for its
// sources, licences and how to regenerate it.
//
//go:embed common_passwords.txt
var commonPasswordsFile string

// commonPasswords parses the embedded list on first use.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, strings.Count(commonPasswordsFile, "\n")+1)
	for line := range strings.Lines(commonPasswordsFile) {
		if line = strings.TrimRight(line, "\r\n"); line != "" {
			set[line] = struct{}{}
		}
	}
	return set
})

// IsCommonPassword reports whether pw is too common to accept at sign-up.
// Length alone does not make a password strong: attackers try leaked and
// predictable passwords first, so we refuse those even when they meet the
// minimum length. The check ignores case and surrounding spaces, and covers
// the embedded list of known common passwords, a single repeated character
// ("aaaaaaaaaaaa") and runs of consecutive digits ascending or descending
// ("234567890123", "987654321098"). An empty password counts as common.
func IsCommonPassword(pw string) bool {
	pw = strings.TrimSpace(strings.ToLower(pw))
	if _, ok := commonPasswords()[pw]; ok {
		return true
	}
	return isRepeatedChar(pw) || isDigitRun(pw)
}

// isRepeatedChar reports whether s is empty or one character repeated.
func isRepeatedChar(s string) bool {
	for _, r := range s {
		return strings.Trim(s, string(r)) == ""
	}
	return true
}

// isDigitRun reports whether s is all ASCII digits, each one more than the
// previous (9 wraps to 0) or each one less (0 wraps to 9).
func isDigitRun(s string) bool {
	if s == "" {
		return false
	}
	up, down := true, true
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		if i > 0 {
			d := (int(s[i]) - int(s[i-1]) + 10) % 10
			up = up && d == 1
			down = down && d == 9
		}
	}
	return up || down
}
