package app

import (
	"context"
	"strings"
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

// The audited actions: every change, and every read of sensitive material (.read).
const (
	AuditApplicationCreate        = "application.create"
	AuditApplicationRead          = "application.read"
	AuditApplicationUpdate        = "application.update"
	AuditBookingCreate            = "room.booking.create"
	AuditBookingDelete            = "room.booking.delete"
	AuditCallCreate               = "call.create"
	AuditCallUpdate               = "call.update"
	AuditEventAttendeesRead       = "event.attendees.read"
	AuditEventCancel              = "event.cancel"
	AuditEventCheckIn             = "event.check_in"
	AuditEventCreate              = "event.create"
	AuditEventMaterialAdd         = "event.material.add"
	AuditEventMaterialDelete      = "event.material.delete"
	AuditEventMeetingDecide       = "event.meeting.decide"
	AuditEventMeetingRequest      = "event.meeting.request"
	AuditEventMinutes             = "event.minutes"
	AuditEventProfile             = "event.brokerage_profile"
	AuditEventRegister            = "event.register"
	AuditEventUnregister          = "event.unregister"
	AuditEventUpdate              = "event.update"
	AuditHubVisitorDelete         = "hub.visitor.delete"
	AuditHubVisitorRegister       = "hub.visitor.register"
	AuditInvitationAccept         = "invitation.accept"
	AuditInvitationCreate         = "invitation.create"
	AuditMembershipAddRole        = "membership.add_role"
	AuditMembershipSetRoles       = "membership.set_roles"
	AuditNeedAnswer               = "need.answer"
	AuditNeedAttachmentAdd        = "need.attachment.add"
	AuditNeedAttachmentDelete     = "need.attachment.delete"
	AuditNeedComment              = "need.comment"
	AuditNeedContactAdd           = "need.contact.add"
	AuditNeedContactSummary       = "need.contact.summary"
	AuditNeedContactsRead         = "need.contacts.read"
	AuditNeedCreate               = "need.create"
	AuditNeedDialogueSummary      = "need.dialogue_summary"
	AuditNeedJoin                 = "need.join"
	AuditNeedProposalCreate       = "need.proposal.create"
	AuditNeedProposalDecide       = "need.proposal.decide"
	AuditNeedQuestion             = "need.question"
	AuditNeedTransition           = "need.transition"
	AuditNeedUpdate               = "need.update"
	AuditOrganisationCreate       = "organisation.create"
	AuditOrganisationSSOOnly      = "organisation.sso_only"
	AuditOrganisationUpdate       = "organisation.update"
	AuditPartnerOfferAccept       = "partner_request.offer.accept"
	AuditPartnerOfferCreate       = "partner_request.offer.create"
	AuditPartnerRequestCreate     = "partner_request.create"
	AuditProjectAdoption          = "project.adoption"
	AuditProjectCreate            = "project.create"
	AuditProjectDecide            = "project.decide"
	AuditProjectFileAdd           = "project.file.add"
	AuditProjectFileDelete        = "project.file.delete"
	AuditProjectKPIAdd            = "project.kpi.add"
	AuditProjectMeasurementAdd    = "project.measurement.add"
	AuditProjectPost              = "project.post"
	AuditProjectUpdate            = "project.update"
	AuditRetentionEventRequests   = "retention.event_requests"
	AuditRetentionInvitations     = "retention.invitations"
	AuditRetentionPresence        = "retention.hub_presence"
	AuditRetentionVisitors        = "retention.hub_visitors"
	AuditRoomCreate               = "room.create"
	AuditRoomUpdate               = "room.update"
	AuditRoulettePair             = "roulette.pair"
	AuditSolutionCreate           = "solution.create"
	AuditSolutionDelete           = "solution.delete"
	AuditSolutionUpdate           = "solution.update"
	AuditTagCreate                = "tag.create"
	AuditTagMerge                 = "tag.merge"
	AuditTagRename                = "tag.rename"
	AuditTokenCreate              = "token.create"
	AuditTokenDelete              = "token.delete"
	AuditUserAdmin                = "user.admin"
	AuditUserCalendarFeed         = "user.calendar_feed"
	AuditUserCreate               = "user.create"
	AuditUserDelete               = "user.delete"
	AuditUserFollow               = "user.follow"
	AuditUserIdentityLink         = "user.identity.link"
	AuditUserPassword             = "user.password"
	AuditUserPasswordReset        = "user.password_reset"
	AuditUserPasswordResetRequest = "user.password_reset.request"
	AuditUserRecoveryCode         = "user.two_factor.recovery_code"
	AuditUserRouletteAnswer       = "user.roulette.answer"
	AuditUserRouletteJoin         = "user.roulette.join"
	AuditUserRouletteLeave        = "user.roulette.leave"
	AuditUserTwoFactor            = "user.two_factor"
	AuditUserUpdate               = "user.update"
	AuditUserWatchCreate          = "user.watch.create"
	AuditUserWatchDelete          = "user.watch.delete"
	AuditWebhookCreate            = "webhook.create"
	AuditWebhookDelete            = "webhook.delete"
)

// IsRead says whether an action records a read of sensitive material rather than a
// change: the actions that end in ".read". A read does not move the change clock.
func IsRead(action string) bool { return strings.HasSuffix(action, ".read") }

// AuditActions lists the audited actions.
var AuditActions = []string{
	AuditApplicationCreate,
	AuditApplicationRead,
	AuditApplicationUpdate,
	AuditBookingCreate,
	AuditBookingDelete,
	AuditCallCreate,
	AuditCallUpdate,
	AuditEventAttendeesRead,
	AuditEventCancel,
	AuditEventCheckIn,
	AuditEventCreate,
	AuditEventMaterialAdd,
	AuditEventMaterialDelete,
	AuditEventMeetingDecide,
	AuditEventMeetingRequest,
	AuditEventMinutes,
	AuditEventProfile,
	AuditEventRegister,
	AuditEventUnregister,
	AuditEventUpdate,
	AuditHubVisitorDelete,
	AuditHubVisitorRegister,
	AuditInvitationAccept,
	AuditInvitationCreate,
	AuditMembershipAddRole,
	AuditMembershipSetRoles,
	AuditNeedAnswer,
	AuditNeedAttachmentAdd,
	AuditNeedAttachmentDelete,
	AuditNeedComment,
	AuditNeedContactAdd,
	AuditNeedContactSummary,
	AuditNeedContactsRead,
	AuditNeedCreate,
	AuditNeedDialogueSummary,
	AuditNeedJoin,
	AuditNeedProposalCreate,
	AuditNeedProposalDecide,
	AuditNeedQuestion,
	AuditNeedTransition,
	AuditNeedUpdate,
	AuditOrganisationCreate,
	AuditOrganisationSSOOnly,
	AuditOrganisationUpdate,
	AuditPartnerOfferAccept,
	AuditPartnerOfferCreate,
	AuditPartnerRequestCreate,
	AuditProjectAdoption,
	AuditProjectCreate,
	AuditProjectDecide,
	AuditProjectFileAdd,
	AuditProjectFileDelete,
	AuditProjectKPIAdd,
	AuditProjectMeasurementAdd,
	AuditProjectPost,
	AuditProjectUpdate,
	AuditRetentionEventRequests,
	AuditRetentionInvitations,
	AuditRetentionPresence,
	AuditRetentionVisitors,
	AuditRoomCreate,
	AuditRoomUpdate,
	AuditRoulettePair,
	AuditSolutionCreate,
	AuditSolutionDelete,
	AuditSolutionUpdate,
	AuditTagCreate,
	AuditTagMerge,
	AuditTagRename,
	AuditTokenCreate,
	AuditTokenDelete,
	AuditUserAdmin,
	AuditUserCalendarFeed,
	AuditUserCreate,
	AuditUserDelete,
	AuditUserFollow,
	AuditUserIdentityLink,
	AuditUserPassword,
	AuditUserPasswordReset,
	AuditUserPasswordResetRequest,
	AuditUserRecoveryCode,
	AuditUserRouletteAnswer,
	AuditUserRouletteJoin,
	AuditUserRouletteLeave,
	AuditUserTwoFactor,
	AuditUserUpdate,
	AuditUserWatchCreate,
	AuditUserWatchDelete,
	AuditWebhookCreate,
	AuditWebhookDelete,
}

// AuditFilter narrows the audit log; zero values do not narrow.
type AuditFilter struct {
	ActorID    int64
	ObjectKind string
	ObjectID   int64
	Action     string
	OrgID      int64
	// From and To bound the time of an entry: From <= at < To.
	From, To time.Time
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
