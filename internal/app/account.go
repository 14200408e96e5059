package app

import "time"

// Session is a signed-in browser. Only the hash of its cookie value is stored.
type Session struct {
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// SignedIn is the person of a session as every page needs them: the user, their
// memberships, and how many of their notifications are unread.
type SignedIn struct {
	User        User
	Memberships []Membership
	Unread      int
}

// Token is a personal access token for the API. Only its hash is stored.
type Token struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"-"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

// Invitation asks a person, by e-mail, to join an organisation in a role.
type Invitation struct {
	ID           int64
	Organisation OrgRef
	Email        string
	Role         Role
	InvitedBy    UserRef
	CreatedAt    time.Time
	ExpiresAt    time.Time
	AcceptedAt   *time.Time
}

// Mail is a message the platform sends. Until SMTP is configured it goes to the log and
// to the admin outbox page.
type Mail struct {
	ID        int64
	To        string
	Subject   string
	Body      string
	CreatedAt time.Time
}

// Throttle limits for failed sign-ins, counted in the database so that every instance agrees.
const (
	SignInWindow          = 15 * time.Minute
	MaxFailuresPerAccount = 5
	MaxFailuresPerIP      = 30
)
