package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// SessionLifetime is how long a browser stays signed in.
const SessionLifetime = 30 * 24 * time.Hour

// Accounts signs people up, in and out, and resolves sessions and tokens to users.
type Accounts struct {
	Store app.Store
	Now   func() time.Time
}

func NewAccounts(s app.Store) *Accounts { return &Accounts{Store: s, Now: time.Now} }

// CheckNewPassword returns a message key when pw may not be used.
func CheckNewPassword(pw string) string {
	if k := app.CheckPasswordLength(pw); k != "" {
		return k
	}
	if IsCommonPassword(pw) {
		return "err.password_common"
	}
	return ""
}

// SignUp creates an account, refusing short and common passwords.
func (a *Accounts) SignUp(ctx context.Context, nu app.NewUser) (app.User, error) {
	err := nu.Normalise()
	if k := CheckNewPassword(nu.Password); k != "" {
		fields := app.FieldErrors{}
		if e := app.AsError(err); err != nil {
			fields = e.Fields
		}
		fields.Add("password", k)
		err = fields.Err()
	}
	if err != nil {
		return app.User{}, err
	}
	return a.Store.CreateUser(ctx, nu, HashPassword(nu.Password))
}

// SignIn checks the password, counting failures per account and per IP address, and
// starts a new session (a fresh id at every sign-in). It never says whether an account
// exists.
func (a *Accounts) SignIn(ctx context.Context, email, password, ip string) (app.User, string, error) {
	email, _ = app.NormaliseEmail(email)
	now := a.Now()
	f, err := a.Store.SignInFailures(ctx, email, ip, now.Add(-app.SignInWindow))
	if err != nil {
		return app.User{}, "", fmt.Errorf("auth: sign-in failures: %w", err)
	}
	var retry time.Duration
	if f.ByAccount >= app.MaxFailuresPerAccount {
		retry = f.OldestAccount.Add(app.SignInWindow).Sub(now)
	}
	if f.ByIP >= app.MaxFailuresPerIP {
		retry = max(retry, f.OldestIP.Add(app.SignInWindow).Sub(now))
	}
	if retry > 0 {
		return app.User{}, "", &app.Error{Code: app.RateLimited, Message: "err.sign_in_throttled", RetryAfter: retry}
	}

	u, hash, err := a.Store.UserCredentials(ctx, email)
	if err != nil && app.ErrorCode(err) != app.NotFound {
		return app.User{}, "", err
	}
	if err != nil {
		hash = dummyHash()
	}
	if !VerifyPassword(hash, password) || err != nil {
		if err := a.Store.RecordSignInFailure(ctx, email, ip, now); err != nil {
			return app.User{}, "", fmt.Errorf("auth: record failure: %w", err)
		}
		return app.User{}, "", &app.Error{Code: app.Unauthenticated, Message: "err.sign_in_failed",
			Fields: map[string]string{"password": "err.sign_in_failed"}} // #nosec G101 -- a message key
	}
	if f.ByAccount > 0 {
		if err := a.Store.ClearSignInFailures(ctx, email); err != nil {
			return app.User{}, "", err
		}
	}
	// Said only to someone who knows the password, so that it tells nothing of who has
	// an account.
	if sso, err := a.Store.SSOOnly(ctx, u.ID); err != nil || sso {
		if err == nil {
			err = &app.Error{Code: app.Unauthenticated, Message: "err.sso_only", Fields: map[string]string{"password": "err.sso_only"}} // #nosec G101 -- a message key for the password field, no credential
		}
		return app.User{}, "", err
	}
	if u.TwoFactor {
		return app.User{}, "", a.challenge(ctx, u)
	}
	secret, err := a.StartSession(ctx, u.ID)
	return u, secret, err
}

// StartSession creates a session for a user and returns the cookie value.
func (a *Accounts) StartSession(ctx context.Context, userID int64) (string, error) {
	secret, hash := NewSecret("")
	now := a.Now()
	if err := a.Store.CreateSession(ctx, hash, app.Session{UserID: userID, CreatedAt: now, ExpiresAt: now.Add(SessionLifetime)}); err != nil {
		return "", fmt.Errorf("auth: create session: %w", err)
	}
	return secret, nil
}

// sessionMaxAge is how long an instance trusts a session as it read it: a sign-out, or a
// change of roles, through another instance holds there within it, as a change shows on
// kept pages within the same time.
const sessionMaxAge = 250 * time.Millisecond

// SessionUser resolves a session cookie value to its person.
func (a *Accounts) SessionUser(ctx context.Context, secret string) (app.SignedIn, error) {
	return a.Store.RecentSessionUser(ctx, HashSecret(secret), a.Now(), sessionMaxAge)
}

// SignOut ends one session.
func (a *Accounts) SignOut(ctx context.Context, secret string) error {
	return a.Store.DeleteSession(ctx, HashSecret(secret))
}

// ChangePassword checks the current password, sets the new one and ends every other
// session of the user.
func (a *Accounts) ChangePassword(ctx context.Context, u app.User, current, next, sessionSecret string) error {
	_, hash, err := a.Store.UserCredentials(ctx, u.Email)
	if err != nil {
		return err
	}
	f := app.FieldErrors{}
	if !VerifyPassword(hash, current) {
		f.Add("current_password", "err.password_wrong")
	}
	if k := CheckNewPassword(next); k != "" {
		f.Add("new_password", k)
	}
	if err := f.Err(); err != nil {
		return err
	}
	return a.Store.SetPassword(ctx, u.ID, HashPassword(next), HashSecret(sessionSecret))
}

// ResetLinkLifetime is how long a password-reset link works.
const ResetLinkLifetime = time.Hour

// RequestPasswordReset makes a reset link's secret for the account of email. It answers
// the same whether the account exists or not, and makes at most one link a minute per
// account: an empty secret then means that no mail is to be sent.
func (a *Accounts) RequestPasswordReset(ctx context.Context, email string) (string, app.User, error) {
	email, ok := app.NormaliseEmail(email)
	if !ok {
		return "", app.User{}, app.FieldErrors{"email": "err.email"}.Err()
	}
	u, _, err := a.Store.UserCredentials(ctx, email)
	if app.ErrorCode(err) == app.NotFound {
		return "", app.User{}, nil
	}
	if err != nil {
		return "", app.User{}, err
	}
	secret, hash := NewSecret("")
	now := a.Now()
	made, err := a.Store.CreatePasswordReset(ctx, u.ID, hash, now, now.Add(ResetLinkLifetime), now.Add(-time.Minute))
	if err != nil || !made {
		return "", app.User{}, err
	}
	return secret, u, nil
}

// ResetPassword sets a new password through a reset link and ends every session.
func (a *Accounts) ResetPassword(ctx context.Context, secret, next string) (app.User, error) {
	if k := CheckNewPassword(next); k != "" {
		return app.User{}, app.FieldErrors{"password": k}.Err()
	}
	return a.Store.ResetPassword(ctx, HashSecret(secret), HashPassword(next), a.Now())
}

// DeleteAccount deletes the person's account once their password confirms it, or their
// session alone for a person who signs in through an identity provider and has no
// password (see app.Store.DeletePerson for what is kept).
func (a *Accounts) DeleteAccount(ctx context.Context, u app.User, password string) error {
	_, hash, err := a.Store.UserCredentials(ctx, u.Email)
	if err != nil {
		return err
	}
	if hash != "" && !VerifyPassword(hash, password) {
		return app.FieldErrors{"delete_password": "err.password_wrong"}.Err()
	}
	return a.Store.DeletePerson(ctx, u.ID)
}

// CreateToken makes a personal access token and returns its secret, shown once.
func (a *Accounts) CreateToken(ctx context.Context, userID int64, name string) (string, app.Token, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return "", app.Token{}, app.FieldErrors{"name": "err.required"}.Err()
	}
	if len([]rune(name)) > 100 {
		return "", app.Token{}, app.FieldErrors{"name": "err.too_long"}.Err()
	}
	secret, hash := NewSecret(TokenPrefix)
	t, err := a.Store.CreateToken(ctx, app.Token{UserID: userID, Name: name, Prefix: secret[:len(TokenPrefix)+4]}, hash)
	return secret, t, err
}

// TokenUser resolves an API token.
func (a *Accounts) TokenUser(ctx context.Context, secret string) (app.User, error) {
	return a.Store.TokenUser(ctx, HashSecret(secret), a.Now())
}
