package app

import (
	"context"
	"time"
)

// AuditEntry records one change, or one read of sensitive material: who, when, what, and
// the object before and after (JSON). Entries form a hash chain, so that a changed or
// removed entry shows.
type AuditEntry struct {
	ID         int64     `json:"id"`
	At         time.Time `json:"at"`
	ActorID    int64     `json:"actor_id,omitempty"` // 0: the platform itself (a command, a job)
	Action     string    `json:"action"`
	ObjectKind string    `json:"object_kind"`
	ObjectID   int64     `json:"object_id"`
	OrgID      int64     `json:"org_id,omitempty"`
	Before     string    `json:"before,omitempty"`
	After      string    `json:"after,omitempty"`
}

// The audited actions.
const (
	AuditApplicationRead     = "application.read"
	AuditEventAttendeesRead  = "event.attendees.read"
	AuditMembershipAddRole   = "membership.add_role"
	AuditMembershipSetRoles  = "membership.set_roles"
	AuditNeedContactsRead    = "need.contacts.read"
	AuditNeedCreate          = "need.create"
	AuditNeedTransition      = "need.transition"
	AuditNeedUpdate          = "need.update"
	AuditOrganisationCreate  = "organisation.create"
	AuditOrganisationSSOOnly = "organisation.sso_only"
	AuditOrganisationUpdate  = "organisation.update"
	AuditSolutionCreate      = "solution.create"
	AuditSolutionDelete      = "solution.delete"
	AuditSolutionUpdate      = "solution.update"
	AuditTokenCreate         = "token.create"
	AuditTokenDelete         = "token.delete"
	AuditUserAdmin           = "user.admin"
	AuditUserDelete          = "user.delete"
	AuditUserPassword        = "user.password"
	AuditUserPasswordReset   = "user.password_reset"
)

// AuditActions lists the audited actions.
var AuditActions = []string{AuditApplicationRead, AuditEventAttendeesRead, AuditMembershipAddRole, AuditMembershipSetRoles, AuditNeedContactsRead, AuditNeedCreate, AuditNeedTransition, AuditNeedUpdate, AuditOrganisationCreate, AuditOrganisationSSOOnly, AuditOrganisationUpdate, AuditSolutionCreate, AuditSolutionDelete, AuditSolutionUpdate, AuditTokenCreate, AuditTokenDelete, AuditUserAdmin, AuditUserDelete, AuditUserPassword, AuditUserPasswordReset}

// AuditFilter narrows the audit log; zero values do not narrow.
type AuditFilter struct {
	ActorID    int64
	ObjectKind string
	ObjectID   int64
	Action     string
	Page
}

type actorKey struct{}

// WithActor says who acts in ctx: the audit log records them.
func WithActor(ctx context.Context, userID int64) context.Context {
	return context.WithValue(ctx, actorKey{}, userID)
}

// ActorFrom returns who acts in ctx, 0 for the platform itself.
func ActorFrom(ctx context.Context) int64 {
	id, _ := ctx.Value(actorKey{}).(int64)
	return id
}
