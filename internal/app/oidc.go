package app

import "time"

// OIDCLogin is a sign-in through an identity provider under way: what the callback must
// find again (the PKCE verifier and the nonce) and where the person goes afterwards.
type OIDCLogin struct {
	Provider  string
	Verifier  string
	Nonce     string
	Next      string
	ExpiresAt time.Time
}

// Identity is a person as an identity provider vouches for them. OrgID and Role, when
// set, are the membership the provider's claims give them.
type Identity struct {
	Provider, Subject string
	Email, Name       string
	OrgID             int64
	Role              Role
}
