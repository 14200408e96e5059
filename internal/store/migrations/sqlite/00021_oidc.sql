-- +goose Up
-- Single sign-on through OpenID Connect: the identities (issuer's subject) linked to a
-- person, and the sign-ins under way, whose state, nonce and PKCE verifier the callback
-- must find again on whichever instance it reaches.
CREATE TABLE user_identities (
    provider   TEXT NOT NULL,
    subject    TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

CREATE TABLE oidc_logins (
    state_hash BLOB PRIMARY KEY,
    provider   TEXT NOT NULL,
    verifier   TEXT NOT NULL,
    nonce      TEXT NOT NULL,
    next       TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX oidc_logins_expires ON oidc_logins (expires_at);

-- An organisation whose staff sign in through its identity provider only.
ALTER TABLE organisations ADD COLUMN sso_only BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE organisations DROP COLUMN sso_only;
DROP TABLE oidc_logins;
DROP TABLE user_identities;
