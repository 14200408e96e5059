package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// TokenPrefix marks Tillsammans API tokens, so that secret scanners can find leaked ones.
const TokenPrefix = "tls_"

// NewSecret returns a random secret to give out once and the hash to keep.
func NewSecret(prefix string) (secret string, hash []byte) {
	b := make([]byte, 32)
	rand.Read(b)
	secret = prefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, HashSecret(secret)
}

// HashSecret is how a presented secret is looked up: only hashes are stored. The secrets
// are 256 random bits, so a fast hash suffices.
func HashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// CalendarSecretPrefix marks the secrets in the addresses of personal calendar feeds.
const CalendarSecretPrefix = "cal_"

// WebhookSecretPrefix marks the secrets webhook deliveries are signed with.
const WebhookSecretPrefix = "whsec_"

// NewWebhookSecret returns a random secret for signing a webhook's deliveries. Unlike
// tokens it is kept as it is, since signing needs it; it is shown once, when made.
func NewWebhookSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return WebhookSecretPrefix + base64.RawURLEncoding.EncodeToString(b)
}
