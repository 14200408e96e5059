package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/tillsammans/tillsammans/internal/app"
)

// OIDCProvider is an identity provider people may sign in through (OpenID Connect, the
// authorization code flow with PKCE): a region's or municipality's own, or a broker such
// as Keycloak in front of SITHS, Freja eID or BankID.
type OIDCProvider struct {
	ID           string   `json:"id"`   // in the sign-in address: /login/oidc/{id}
	Name         string   `json:"name"` // on the sign-in button
	Issuer       string   `json:"issuer"`
	ClientID     string   `json:"client_id"`
	ClientSecret string   `json:"client_secret"`
	Scopes       []string `json:"scopes,omitempty"` // asked for besides openid, email and profile
	// Organisation is the Swedish organisation number of everyone who signs in here;
	// OrganisationClaim names a claim that holds each person's instead.
	Organisation      string `json:"organisation,omitempty"`
	OrganisationClaim string `json:"organisation_claim,omitempty"`
	// RoleClaim names a claim (a string or a list) whose values Roles maps to roles;
	// DefaultRole is given when none maps.
	RoleClaim   string              `json:"role_claim,omitempty"`
	Roles       map[string]app.Role `json:"roles,omitempty"`
	DefaultRole app.Role            `json:"default_role,omitempty"`
}

// ReadOIDCProviders reads a JSON list of providers and checks it.
func ReadOIDCProviders(path string) ([]OIDCProvider, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ps []OIDCProvider
	if err := json.Unmarshal(b, &ps); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	seen := map[string]bool{}
	for _, p := range ps {
		var problems []error
		if p.ID == "" || url.PathEscape(p.ID) != p.ID || seen[p.ID] {
			problems = append(problems, errors.New("id must be set, unique and fit in a URL path"))
		}
		if p.Name == "" || p.Issuer == "" || p.ClientID == "" {
			problems = append(problems, errors.New("name, issuer and client_id must be set"))
		}
		if p.Organisation != "" {
			if _, ok := app.NormaliseOrgNumber("SE", p.Organisation); !ok {
				problems = append(problems, fmt.Errorf("organisation %q is no Swedish organisation number", p.Organisation))
			}
		}
		for _, r := range append([]app.Role{p.DefaultRole}, mapValues(p.Roles)...) {
			if r != "" && !r.Valid() {
				problems = append(problems, fmt.Errorf("no role %q", r))
			}
		}
		if err := errors.Join(problems...); err != nil {
			return nil, fmt.Errorf("%s: provider %q: %w", path, p.ID, err)
		}
		seen[p.ID] = true
	}
	return ps, nil
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// SSOLoginLifetime is how long a sign-in at a provider may take.
const SSOLoginLifetime = 10 * time.Minute

// SSO signs people in through OIDC providers. A provider's configuration is fetched at
// its first use, so that a provider that is down does not stop the platform starting.
type SSO struct {
	store     app.Store
	callback  func(id string) string
	providers []*ssoProvider
	now       func() time.Time
}

type ssoProvider struct {
	OIDCProvider
	mu       sync.Mutex
	oauth    *oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// NewSSO serves providers; their callbacks are under base.
func NewSSO(store app.Store, base *url.URL, providers []OIDCProvider) *SSO {
	s := &SSO{store: store, now: time.Now, callback: func(id string) string {
		return base.JoinPath("login", "oidc", id, "callback").String()
	}}
	for _, p := range providers {
		s.providers = append(s.providers, &ssoProvider{OIDCProvider: p})
	}
	return s
}

// Providers lists the providers, for the sign-in page.
func (s *SSO) Providers() []OIDCProvider {
	out := make([]OIDCProvider, len(s.providers))
	for i, p := range s.providers {
		out[i] = p.OIDCProvider
	}
	return out
}

func (s *SSO) provider(ctx context.Context, id string) (*ssoProvider, error) {
	for _, p := range s.providers {
		if p.ID != id {
			continue
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.oauth == nil {
			op, err := oidc.NewProvider(ctx, p.Issuer)
			if err != nil {
				return nil, fmt.Errorf("auth: oidc provider %s: %w", p.ID, err)
			}
			p.oauth = &oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, Endpoint: op.Endpoint(),
				RedirectURL: s.callback(p.ID), Scopes: append([]string{oidc.ScopeOpenID, "email", "profile"}, p.Scopes...)}
			p.verifier = op.Verifier(&oidc.Config{ClientID: p.ClientID})
		}
		return p, nil
	}
	return nil, app.Errorf(app.NotFound, "err.sso_provider")
}

// Start begins a sign-in through provider id and returns the address to send the browser
// to; next is where the person goes once signed in.
func (s *SSO) Start(ctx context.Context, id, next string) (string, error) {
	p, err := s.provider(ctx, id)
	if err != nil {
		return "", err
	}
	state, stateHash := NewSecret("")
	nonce, _ := NewSecret("")
	verifier := oauth2.GenerateVerifier()
	if err := s.store.StartOIDCLogin(ctx, stateHash, app.OIDCLogin{Provider: id, Verifier: verifier, Nonce: nonce, Next: next,
		ExpiresAt: s.now().Add(SSOLoginLifetime)}); err != nil {
		return "", err
	}
	return p.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), nil
}

// Finish completes a sign-in when the provider sends the browser back with a code: it
// exchanges the code (with the PKCE verifier), verifies the ID token and its nonce, and
// finds or makes the person, with the membership the claims give.
func (s *SSO) Finish(ctx context.Context, id, state, code string) (app.User, string, error) {
	login, err := s.store.TakeOIDCLogin(ctx, HashSecret(state), s.now())
	if err != nil {
		return app.User{}, "", err
	}
	if login.Provider != id {
		return app.User{}, "", app.Errorf(app.NotFound, "err.sso_state")
	}
	p, err := s.provider(ctx, id)
	if err != nil {
		return app.User{}, "", err
	}
	failed := func(err error) (app.User, string, error) {
		return app.User{}, "", fmt.Errorf("auth: sign-in through %s: %v: %w", id, err, app.Errorf(app.Unauthenticated, "err.sso_failed"))
	}
	tok, err := p.oauth.Exchange(ctx, code, oauth2.VerifierOption(login.Verifier))
	if err != nil {
		return failed(err)
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return failed(err)
	}
	if idt.Nonce != login.Nonce {
		return failed(errors.New("nonce differs"))
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return failed(err)
	}
	str := func(name string) string { v, _ := claims[name].(string); return v }
	email, ok := app.NormaliseEmail(str("email"))
	if verified, _ := claims["email_verified"].(bool); !ok || !verified {
		return app.User{}, "", app.Errorf(app.Unauthenticated, "err.sso_email")
	}
	name, k := app.NormaliseName(str("name"))
	if k != "" {
		name = email
	}
	ident := app.Identity{Provider: id, Subject: idt.Subject, Email: email, Name: name}
	number := p.Organisation
	if p.OrganisationClaim != "" {
		number = str(p.OrganisationClaim)
	}
	if n, ok := app.NormaliseOrgNumber("SE", number); ok {
		o, err := s.store.OrganisationByNumber(ctx, "SE", n)
		if err != nil && app.ErrorCode(err) != app.NotFound {
			return app.User{}, "", err
		}
		ident.OrgID, ident.Role = o.ID, p.role(claims)
	}
	u, err := s.store.SignInWithIdentity(ctx, ident)
	return u, login.Next, err
}

// role maps the provider's role claim to a role.
func (p *ssoProvider) role(claims map[string]any) app.Role {
	var values []any
	switch v := claims[p.RoleClaim].(type) {
	case string:
		values = []any{v}
	case []any:
		values = v
	}
	for _, v := range values {
		if s, ok := v.(string); ok && p.Roles[s] != "" {
			return p.Roles[s]
		}
	}
	return p.DefaultRole
}
