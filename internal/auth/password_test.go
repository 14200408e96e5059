package auth

import (
	"encoding/base64"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

func TestPasswordHash(t *testing.T) {
	h := HashPassword("Fjällräven-Östersund-2026!")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash = %q", h)
	}
	if h == HashPassword("Fjällräven-Östersund-2026!") {
		t.Error("two hashes of one password are equal: no salt")
	}
	// A hash made with the parameters used before (64 MiB, t=3, p=2) still verifies.
	salt := []byte("sixteen byte slt")
	b64 := base64.RawStdEncoding
	old := "$argon2id$v=19$m=65536,t=3,p=2$" + b64.EncodeToString(salt) + "$" +
		b64.EncodeToString(argon2.IDKey([]byte("Fjällräven-Östersund-2026!"), salt, 3, 65536, 2, 32))
	tests := []struct {
		hash, pw string
		ok       bool
	}{
		{h, "Fjällräven-Östersund-2026!", true},
		{old, "Fjällräven-Östersund-2026!", true},
		{old, "Fjällräven", false},
		{h, "fjällräven-östersund-2026!", false},
		{h, "", false},
		{"", "x", false},
		{"$argon2id$v=19$m=65536,t=2,p=2$$", "x", false},
		{"$bcrypt$whatever", "x", false},
		{strings.Replace(h, "v=19", "v=16", 1), "Fjällräven-Östersund-2026!", false},
	}
	for _, tt := range tests {
		if got := VerifyPassword(tt.hash, tt.pw); got != tt.ok {
			t.Errorf("VerifyPassword(%q, %q) = %v", tt.hash, tt.pw, got)
		}
	}
}

func TestCheckNewPassword(t *testing.T) {
	for pw, want := range map[string]string{
		"":                            "err.required",
		"kort":                        "err.password_short",
		"lösenord1234":                "err.password_common",
		"111111111111":                "err.password_common",
		"Fjällräven-Östersund-2026!":  "",
		"tre ord som hänger ihop här": "",
	} {
		if got := CheckNewPassword(pw); got != want {
			t.Errorf("CheckNewPassword(%q) = %q, want %q", pw, got, want)
		}
	}
}

// BenchmarkSignIn measures the cost of verifying a password, which is most of a sign-in;
// the parameters aim at 50–100 ms per operation on the 2-core machine.
func BenchmarkSignIn(b *testing.B) {
	h := HashPassword("Fjällräven-Östersund-2026!")
	for b.Loop() {
		if !VerifyPassword(h, "Fjällräven-Östersund-2026!") {
			b.Fatal("verify failed")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/sign-in")
}
