package app

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// User is a person with an account.
type User struct {
	ID        int64     `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	IsAdmin   bool      `json:"is_admin"`
	Lang      string    `json:"lang"`
	CreatedAt time.Time `json:"created_at"`
	// TwoFactor: the person signs in with a one-time code besides the password.
	TwoFactor bool `json:"two_factor"`
}

// Role is held by a person in one organisation; a person may hold several.
type Role string

const (
	RoleMember             Role = "member"
	RoleNeedSubmitter      Role = "need_submitter"
	RoleCoordinator        Role = "coordinator"
	RoleProcurementOfficer Role = "procurement_officer"
	RoleSupplier           Role = "supplier"
	RoleEventOrganiser     Role = "event_organiser"
	RoleOrgAdmin           Role = "org_admin"
	// RoleRegistrar (registrator) keeps a public body's records: reads its part of the
	// audit log and exports its objects for diarieföring. Only public organisations have one.
	RoleRegistrar Role = "registrar"
)

// Roles lists every role in the order forms show them.
var Roles = []Role{RoleMember, RoleNeedSubmitter, RoleCoordinator, RoleProcurementOfficer, RoleSupplier, RoleEventOrganiser, RoleRegistrar, RoleOrgAdmin}

// AllowedIn reports whether an organisation of kind k may give the role: a registrar
// registers official documents, which only public bodies keep.
func (r Role) AllowedIn(k OrgKind) bool { return r != RoleRegistrar || k.IsPublic() }

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, k := range Roles {
		if k == r {
			return true
		}
	}
	return false
}

// Membership is one person's roles in one organisation.
type Membership struct {
	Organisation OrgRef  `json:"organisation"`
	User         UserRef `json:"user,omitzero"`
	Roles        []Role  `json:"roles"`
}

// OrgRef and UserRef name a record without carrying all of it.
type OrgRef struct {
	ID   int64   `json:"id"`
	Name string  `json:"name"`
	Kind OrgKind `json:"kind"`
}

type UserRef struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

// Languages the platform speaks; the first is the default.
var Languages = []string{"sv", "en"}

// NewUser is what sign-up and the admin command need to create an account.
type NewUser struct {
	Email    string
	Name     string
	Password string
	IsAdmin  bool
	Lang     string
}

const MinPasswordLen = 12

// NormaliseEmail lower-cases and checks an e-mail address.
func NormaliseEmail(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 || !strings.Contains(s[strings.LastIndexByte(s, '@'):], ".") {
		return s, false
	}
	return s, true
}

// Normalise validates everything but the password's commonness, which auth checks.
func (u *NewUser) Normalise() error {
	f := FieldErrors{}
	var ok bool
	if strings.TrimSpace(u.Email) == "" {
		f.Add("email", "err.required")
	} else if u.Email, ok = NormaliseEmail(u.Email); !ok {
		f.Add("email", "err.email")
	}
	var k string
	if u.Name, k = NormaliseName(u.Name); k != "" {
		f.Add("name", k)
	}
	if u.Lang == "" {
		u.Lang = Languages[0]
	}
	if err := CheckPasswordLength(u.Password); err != "" {
		f.Add("password", err)
	}
	return f.Err()
}

// NormaliseName collapses spaces in a person's or organisation's name and returns a
// message key when it is empty or too long.
func NormaliseName(s string) (string, string) {
	s = normaliseSpace(s)
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return s, "err.required"
	case n > maxNameLen:
		return s, "err.too_long"
	}
	return s, ""
}

// CheckPasswordLength returns a message key when the password is too short or too long.
func CheckPasswordLength(pw string) string {
	switch n := utf8.RuneCountInString(pw); {
	case n == 0:
		return "err.required"
	case n < MinPasswordLen:
		return "err.password_short"
	case len(pw) > 1024:
		return "err.too_long"
	}
	return ""
}
