package store

import (
	"context"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// TOTPSecrets returns a person's confirmed and pending two-factor secrets.
func (s *Store) TOTPSecrets(ctx context.Context, userID int64) (secret, pending string, err error) {
	err = s.r().queryRow(ctx, `SELECT totp_secret, totp_pending FROM users WHERE id = ?`, userID).Scan(&secret, &pending)
	return secret, pending, notFound(err, "err.user_not_found")
}

// SetPendingTOTP keeps a secret being set up until a code from it confirms it.
func (s *Store) SetPendingTOTP(ctx context.Context, userID int64, secret string) error {
	res, err := s.w().exec(ctx, `UPDATE users SET totp_pending = ? WHERE id = ?`, secret, userID)
	return affected(res, err, "err.user_not_found")
}

// ConfirmTOTP turns two-factor on with the pending secret, whose code of time step was
// just given, and replaces the recovery codes.
func (s *Store) ConfirmTOTP(ctx context.Context, userID, step int64, recovery [][]byte) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE users SET totp_secret = totp_pending, totp_pending = '', totp_last_step = ? WHERE id = ? AND totp_pending <> ''`, step, userID)
		if err := affected(res, err, "err.mfa_not_pending"); err != nil {
			return err
		}
		if err := audit(ctx, c, app.AuditUserTwoFactor, kindPerson, userID, 0, nil, map[string]bool{"two_factor": true}); err != nil {
			return err
		}
		return replaceRecoveryCodes(ctx, c, userID, recovery)
	})
}

func replaceRecoveryCodes(ctx context.Context, c conn, userID int64, recovery [][]byte) error {
	if _, err := c.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
		return err
	}
	for _, h := range recovery {
		if _, err := c.exec(ctx, `INSERT INTO recovery_codes (user_id, hash) VALUES (?, ?)`, userID, h); err != nil {
			return err
		}
	}
	return nil
}

// DisableTOTP turns two-factor off and forgets the recovery codes.
func (s *Store) DisableTOTP(ctx context.Context, userID int64) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE users SET totp_secret = '', totp_pending = '', totp_last_step = 0 WHERE id = ?`, userID)
		if err := affected(res, err, "err.user_not_found"); err != nil {
			return err
		}
		if err := audit(ctx, c, app.AuditUserTwoFactor, kindPerson, userID, 0, nil, map[string]bool{"two_factor": false}); err != nil {
			return err
		}
		return replaceRecoveryCodes(ctx, c, userID, nil)
	})
}

// UseTOTPStep accepts a code of time step once: it fails for a step no later than the
// last one used, also when two instances are asked at once.
func (s *Store) UseTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	res, err := s.w().exec(ctx, `UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ? AND totp_secret <> ''`, step, userID, step)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// UseRecoveryCode accepts a recovery code once.
func (s *Store) UseRecoveryCode(ctx context.Context, userID int64, hash []byte) (bool, error) {
	var used bool
	err := s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ? AND hash = ?`, userID, hash)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		used = true
		return audit(selfActor(ctx, userID), c, app.AuditUserRecoveryCode, kindPerson, userID, 0, nil, nil)
	})
	return used, err
}

// CreateMFAChallenge keeps a sign-in that waits for its second factor.
func (s *Store) CreateMFAChallenge(ctx context.Context, hash []byte, userID int64, expires time.Time) error {
	_, err := s.w().exec(ctx, `INSERT INTO mfa_challenges (hash, user_id, expires_at) VALUES (?, ?, ?)`, hash, userID, expires.UTC())
	return err
}

// MFAChallenge returns the person of a sign-in that waits, unless it expired or failed
// maxFailures times.
func (s *Store) MFAChallenge(ctx context.Context, hash []byte, now time.Time, maxFailures int) (int64, error) {
	var id int64
	err := s.r().queryRow(ctx, `SELECT user_id FROM mfa_challenges WHERE hash = ? AND expires_at > ? AND failures < ?`,
		hash, now.UTC(), maxFailures).Scan(&id)
	return id, notFound(err, "err.mfa_expired")
}

// FailMFAChallenge counts a wrong code; EndMFAChallenge removes a finished sign-in.
func (s *Store) FailMFAChallenge(ctx context.Context, hash []byte) error {
	_, err := s.w().exec(ctx, `UPDATE mfa_challenges SET failures = failures + 1 WHERE hash = ?`, hash)
	return err
}

func (s *Store) EndMFAChallenge(ctx context.Context, hash []byte) error {
	_, err := s.w().exec(ctx, `DELETE FROM mfa_challenges WHERE hash = ?`, hash)
	return err
}

// DeleteExpiredMFAChallenges removes sign-ins that never got their second factor.
func (s *Store) DeleteExpiredMFAChallenges(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.w().exec(ctx, `DELETE FROM mfa_challenges WHERE expires_at <= ?`, now.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
