package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"html/template"
	"image/png"
	"net/http"
	"net/url"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
)

// mfaCookie carries a sign-in that waits for its second factor, on the sign-in pages only.
const mfaCookie = "tillsammans_mfa"

func (s *Server) setMFACookie(w http.ResponseWriter, challenge string) {
	c := &http.Cookie{Name: mfaCookie, Value: challenge, Path: "/login", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.baseURL.Scheme == "https", MaxAge: int(auth.MFALifetime.Seconds())}
	if challenge == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// secondFactor sends a sign-in whose password was right on to the code page, when the
// person has two-factor sign-in on; it reports whether it did.
func (s *Server) secondFactor(w http.ResponseWriter, r *http.Request, err error, next string) bool {
	var sf *auth.SecondFactor
	if !errors.As(err, &sf) {
		return false
	}
	s.setMFACookie(w, sf.Challenge)
	http.Redirect(w, r, "/login/code?"+url.Values{"next": {safeNext(next)}}.Encode(), http.StatusSeeOther)
	return true
}

func (s *Server) loginCodeForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := s.view(r, rq, "mfa.title")
	v.Form.Set("next", r.URL.Query().Get("next"))
	s.render(w, http.StatusOK, "login_code", v)
	return nil
}

// loginCode takes the one-time code (or a recovery code) and finishes the sign-in.
func (s *Server) loginCode(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.view(r, rq, "mfa.title")
	v.Form = r.PostForm
	challenge := ""
	if c, err := r.Cookie(mfaCookie); err == nil {
		challenge = c.Value
	}
	_, session, err := s.accounts.SecondStep(r.Context(), challenge, r.PostForm.Get("code"))
	if err == nil {
		s.setMFACookie(w, "")
		return s.signedIn(w, r, rq, session, r.PostForm.Get("next"))
	}
	if app.ErrorCode(err) == app.NotFound {
		// Too late, or too many wrong codes: the password again.
		s.setMFACookie(w, "")
		v := s.loginView(r, rq)
		v.Errors["_form"] = "err.mfa_expired"
		s.render(w, http.StatusUnauthorized, "login", v)
		return nil
	}
	if err := formError(v, err); err != nil {
		return err
	}
	s.render(w, http.StatusUnauthorized, "login_code", v)
	return nil
}

// twoFactorData is what the profile shows while two-factor sign-in is set up or just on.
type twoFactorData struct {
	QR            template.URL // the secret as a QR code, a data: URL of a PNG
	Secret        string       // the same, to type in
	RecoveryCodes []string
}

// twoFactorStart makes a new secret and shows it, to be confirmed with a code from it.
func (s *Server) twoFactorStart(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	key, err := s.accounts.StartTOTP(r.Context(), rq.actor.User)
	if err != nil {
		return err
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	qr := template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
	return s.renderProfileWith(w, r, rq, s.profileView(r, rq), http.StatusOK, profileData{TwoFactor: &twoFactorData{QR: qr, Secret: key.Secret()}})
}

// twoFactorConfirm turns two-factor sign-in on and shows the recovery codes once.
func (s *Server) twoFactorConfirm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	codes, err := s.accounts.ConfirmTOTP(r.Context(), rq.actor.User, r.PostForm.Get("code"))
	if err != nil {
		v := s.profileView(r, rq)
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderProfile(w, r, rq, v, http.StatusUnprocessableEntity, "")
	}
	rq.actor.TwoFactor = true
	v := s.profileView(r, rq)
	v.Flash = "mfa.on"
	return s.renderProfileWith(w, r, rq, v, http.StatusOK, profileData{TwoFactor: &twoFactorData{RecoveryCodes: codes}})
}

// twoFactorOff turns two-factor sign-in off, with the password and a current code.
func (s *Server) twoFactorOff(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	if err := s.accounts.DisableTOTP(r.Context(), rq.actor.User, r.PostForm.Get("mfa_password"), r.PostForm.Get("mfa_off_code")); err != nil {
		v := s.profileView(r, rq)
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderProfile(w, r, rq, v, http.StatusUnprocessableEntity, "")
	}
	return s.redirect(w, r, "/profile", "mfa.off")
}
