// Package authtest helps tests sign people in as the platform asks of them.
package authtest

import (
	"context"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
)

// TwoFactor turns on two-step verification for u, as the person would with an
// authenticator app, and returns their recovery codes: an administrator's powers wait
// for it, and a test signs in with the codes.
func TwoFactor(t testing.TB, a *auth.Accounts, u app.User) []string {
	t.Helper()
	ctx := context.Background()
	key, err := a.StartTOTP(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	code, err := totp.GenerateCode(key.Secret(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	recovery, err := a.ConfirmTOTP(ctx, u, code)
	if err != nil {
		t.Fatalf("two-step verification for %s: %v", u.Email, err)
	}
	return recovery
}
