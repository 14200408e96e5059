package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"

	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Two-factor sign-in: a time-based one-time code (TOTP, 30-second steps, six digits, the
// step before and after accepted for clocks that drift) from an authenticator app, or one
// of ten recovery codes.
const (
	totpPeriod = 30
	// MFALifetime is how long a sign-in waits for its code; MaxMFAFailures wrong codes end it.
	MFALifetime    = 5 * time.Minute
	MaxMFAFailures = 5
	recoveryCodes  = 10
)

// SecondFactor is what SignIn answers when the password was right and a code is needed
// too: Challenge is the secret of the sign-in that waits for it.
type SecondFactor struct{ Challenge string }

func (e *SecondFactor) Error() string { return "auth: a second factor is needed" }

// StartTOTP makes a new secret for the person to scan into an authenticator app; it
// counts once a code from it confirms it.
func (a *Accounts) StartTOTP(ctx context.Context, u app.User) (*otp.Key, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: "Tillsammans", AccountName: u.Email, Period: totpPeriod})
	if err != nil {
		return nil, err
	}
	return key, a.Store.SetPendingTOTP(ctx, u.ID, key.Secret())
}

// ConfirmTOTP turns two-factor on when code comes from the pending secret, and returns
// the recovery codes, shown once.
func (a *Accounts) ConfirmTOTP(ctx context.Context, u app.User, code string) ([]string, error) {
	_, pending, err := a.Store.TOTPSecrets(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	step, ok := totpStep(pending, code, a.Now())
	if pending == "" || !ok {
		return nil, app.FieldErrors{"code": "err.mfa_code"}.Err()
	}
	codes := make([]string, recoveryCodes)
	hashes := make([][]byte, recoveryCodes)
	for i := range codes {
		b := make([]byte, 5)
		rand.Read(b)
		c := strings.ToLower(base32.StdEncoding.EncodeToString(b))
		codes[i] = c[:4] + "-" + c[4:]
		hashes[i] = recoveryHash(codes[i])
	}
	return codes, a.Store.ConfirmTOTP(ctx, u.ID, step, hashes)
}

// DisableTOTP turns two-factor off when the password (if the person has one) and a
// current code confirm it.
func (a *Accounts) DisableTOTP(ctx context.Context, u app.User, password, code string) error {
	_, hash, err := a.Store.UserCredentials(ctx, u.Email)
	if err != nil {
		return err
	}
	f := app.FieldErrors{}
	if hash != "" && !VerifyPassword(hash, password) {
		f.Add("mfa_password", "err.password_wrong")
	}
	if ok, err := a.checkCode(ctx, u.ID, code); err != nil {
		return err
	} else if !ok {
		f.Add("mfa_off_code", "err.mfa_code")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return a.Store.DisableTOTP(ctx, u.ID)
}

// challenge keeps a sign-in whose password was right until its code comes.
func (a *Accounts) challenge(ctx context.Context, u app.User) error {
	secret, hash := NewSecret("")
	if err := a.Store.CreateMFAChallenge(ctx, hash, u.ID, a.Now().Add(MFALifetime)); err != nil {
		return err
	}
	return &SecondFactor{Challenge: secret}
}

// SecondStep finishes a sign-in that waits for its code (or a recovery code): it starts
// the session and returns it.
func (a *Accounts) SecondStep(ctx context.Context, challenge, code string) (app.User, string, error) {
	hash := HashSecret(challenge)
	id, err := a.Store.MFAChallenge(ctx, hash, a.Now(), MaxMFAFailures)
	if err != nil {
		return app.User{}, "", err
	}
	ok, err := a.checkCode(ctx, id, code)
	if err != nil {
		return app.User{}, "", err
	}
	if !ok {
		if err := a.Store.FailMFAChallenge(ctx, hash); err != nil {
			return app.User{}, "", err
		}
		return app.User{}, "", app.FieldErrors{"code": "err.mfa_code"}.Err()
	}
	if err := a.Store.EndMFAChallenge(ctx, hash); err != nil {
		return app.User{}, "", err
	}
	u, err := a.Store.User(ctx, id)
	if err != nil {
		return app.User{}, "", err
	}
	session, err := a.StartSession(ctx, id)
	return u, session, err
}

// checkCode accepts a current code of the person's secret once, or one of their
// recovery codes once.
func (a *Accounts) checkCode(ctx context.Context, userID int64, code string) (bool, error) {
	code = strings.ToLower(strings.Join(strings.Fields(code), ""))
	if strings.Contains(code, "-") {
		return a.Store.UseRecoveryCode(ctx, userID, recoveryHash(code))
	}
	secret, _, err := a.Store.TOTPSecrets(ctx, userID)
	if err != nil || secret == "" {
		return false, err
	}
	step, ok := totpStep(secret, code, a.Now())
	if !ok {
		return false, nil
	}
	return a.Store.UseTOTPStep(ctx, userID, step)
}

// totpStep returns the time step, of now and the steps either side, whose code is code.
func totpStep(secret, code string, now time.Time) (int64, bool) {
	if len(code) != 6 || secret == "" {
		return 0, false
	}
	for _, skew := range []int64{0, -1, 1} {
		at := now.Add(time.Duration(skew*totpPeriod) * time.Second)
		want, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err == nil && want == code {
			return at.Unix() / totpPeriod, true
		}
	}
	return 0, false
}

func recoveryHash(code string) []byte {
	sum := sha256.Sum256([]byte("tillsammans-recovery:" + code))
	return sum[:]
}
