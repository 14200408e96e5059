package auth

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestIsCommonPassword(t *testing.T) {
	tests := []struct {
		pw   string
		want bool
	}{
		// From the embedded list (upstream sources and the Swedish additions).
		{"123456789012", true},
		{"qwerty123456", true},
		{"password1234", true},
		{"winniethepooh", true},
		{"Lösenord1234", true},
		{"  LÖSENORDLÖSENORD  ", true},
		{"hejhejhejhej", true},
		{"Tillsammans123", true},
		// From the rules.
		{"1111111111111", true},
		{"ääääääääääää", true},
		{"            ", true},
		{"", true},
		{"345678901234", true},
		{"098765432109", true},
		// Strong passwords.
		{"Fjällräven-Östersund-2026!", false},
		{"q7Vx2mLp9RzT4kWe", false},
		{"kaffe-mjölk-cykel-regn", false},
		{"135791357913", false},
		{"aaaaaaaaaaab", false},
	}
	for _, tt := range tests {
		if got := IsCommonPassword(tt.pw); got != tt.want {
			t.Errorf("IsCommonPassword(%q) = %v, want %v", tt.pw, got, tt.want)
		}
	}
}

func TestCommonPasswordsFile(t *testing.T) {
	if !strings.HasSuffix(commonPasswordsFile, "\n") {
		t.Error("common_passwords.txt does not end with a newline")
	}
	lines := strings.Split(strings.TrimSuffix(commonPasswordsFile, "\n"), "\n")
	if len(lines) < 500 {
		t.Fatalf("common_passwords.txt has only %d lines", len(lines))
	}
	for i, line := range lines {
		if !utf8.ValidString(line) {
			t.Errorf("line %d %q is not valid UTF-8", i+1, line)
		}
		if n := utf8.RuneCountInString(line); n < 12 {
			t.Errorf("line %d %q has %d characters, want at least 12", i+1, line, n)
		}
		if line != strings.ToLower(line) {
			t.Errorf("line %d %q is not lower-case", i+1, line)
		}
		if line != strings.TrimSpace(line) {
			t.Errorf("line %d %q has surrounding spaces", i+1, line)
		}
		if i > 0 && lines[i-1] >= line {
			t.Errorf("line %d %q is not after line %d %q (unsorted or duplicate)", i+1, line, i, lines[i-1])
		}
	}
	if got := len(commonPasswords()); got != len(lines) {
		t.Errorf("parsed %d passwords, want %d", got, len(lines))
	}
}
