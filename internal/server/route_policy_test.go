package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/auth/authtest"
	"github.com/tillsammans/tillsammans/internal/auth/oidctest"
	"github.com/tillsammans/tillsammans/internal/files/filestest"
	"github.com/tillsammans/tillsammans/internal/server"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// The authorization matrix over every route of the platform: the route table itself
// (server.Handler.Routes: pages, API, operations) × every role. Each route has a policy in
// routePolicies below; a route without one, or a policy for a route that is gone, fails the
// test by name. Each cell is a real request (path parameters filled from the fixtures, for
// object routes once with each of the objects of that kind: one the role may see and one it
// may not; writes with an empty form or JSON object) whose answer must fall in the class the
// policy gives: denied is 401, 403, 404 or a redirect to the sign-in page, allowed is
// anything else, and nothing may answer 5xx. The policies are written from the rules of the
// platform (DESIGN.md, auth/policy.go), not read from the handlers.

// matrixRole is one column of the matrix: a person in one organisation with one role.
type matrixRole struct {
	name    string
	user    app.User // ID 0: a visitor
	org     *matrixOrg
	roles   []app.Role
	admin   bool
	token   string
	session string
}

func (r *matrixRole) signedIn() bool { return r.user.ID != 0 }

// member: holds any role in the object's organisation (platform admins count as members).
func (r *matrixRole) member(o *matrixObject) bool {
	return r.admin || r.org != nil && o.org == r.org
}

// has: holds one of roles in the object's organisation, or is a platform admin.
func (r *matrixRole) has(o *matrixObject, roles ...app.Role) bool {
	if r.admin {
		return true
	}
	return r.org != nil && o.org == r.org && slices.ContainsFunc(r.roles, func(x app.Role) bool { return slices.Contains(roles, x) })
}

// anywhere: holds one of roles in any organisation.
func (r *matrixRole) anywhere(roles ...app.Role) bool {
	return slices.ContainsFunc(r.roles, func(x app.Role) bool { return slices.Contains(roles, x) })
}

// sees: the object is visible to the role.
func (r *matrixRole) sees(o *matrixObject) bool {
	switch o.vis {
	case visAll:
		return true
	case visSignedIn:
		return r.signedIn()
	case visOwn:
		return r.signedIn() && o.own
	case visNobody:
		return false
	}
	return r.member(o)
}

type matrixOrg struct {
	key string
	app.Organisation
}

// Who may see an object of a fixture.
const (
	visAll      = "everyone"
	visSignedIn = "signed in"
	visOrg      = "its organisation"
	visOwn      = "its owner" // made for the role that asks
	visNobody   = "nobody"    // a made-up secret
)

// matrixObject is one object a route's path names: its organisation, who sees it, and the
// values of the route's parameters (by "segment/{name}" without braces: "needs/id").
type matrixObject struct {
	label  string
	org    *matrixOrg
	vis    string
	own    bool
	params map[string]func(c *matrixCell) string
}

type matrixCell struct {
	t    *testing.T
	w    *matrixWorld
	role *matrixRole
	obj  *matrixObject
}

// policy says whether a role may use a route on an object.
type policy struct {
	name  string
	allow func(r *matrixRole, o *matrixObject) bool
}

var (
	public   = policy{"public", func(r *matrixRole, o *matrixObject) bool { return true }}
	notFound = policy{"no such page: 404 for everyone", func(r *matrixRole, o *matrixObject) bool { return false }}
	// credentials: a sign-in step refuses everyone who does not bring what it checks (the
	// matrix sends a wrong password, or no code, or no state from the provider).
	credentials = policy{"the credentials it checks", func(r *matrixRole, o *matrixObject) bool { return false }}
	signedIn    = policy{"signed in", func(r *matrixRole, o *matrixObject) bool { return r.signedIn() }}
	adminOnly   = policy{"platform admin", func(r *matrixRole, o *matrixObject) bool { return r.admin }}
	seen        = policy{"who sees the object", func(r *matrixRole, o *matrixObject) bool { return r.sees(o) }}
	seenSigned  = policy{"signed in and sees the object", func(r *matrixRole, o *matrixObject) bool { return r.signedIn() && r.sees(o) }}
	member      = policy{"member of the object's organisation", func(r *matrixRole, o *matrixObject) bool { return r.member(o) }}
	orgAdmin    = policy{"org admin of the object's organisation", func(r *matrixRole, o *matrixObject) bool { return r.has(o, app.RoleOrgAdmin) }}
	secretURL   = policy{"secret in the URL", func(r *matrixRole, o *matrixObject) bool { return r.sees(o) }}
	owner       = policy{"the object's owner", func(r *matrixRole, o *matrixObject) bool { return r.signedIn() && o.own }}
)

// roleIn: the object is seen and the role holds one of roles in its organisation.
func roleIn(roles ...app.Role) policy {
	return policy{fmt.Sprintf("%v of the object's organisation", roles), func(r *matrixRole, o *matrixObject) bool {
		return r.sees(o) && r.has(o, roles...)
	}}
}

// roleAnywhere: signed in, holding one of roles in some organisation (or a platform admin).
func roleAnywhere(roles ...app.Role) policy {
	return policy{fmt.Sprintf("%v anywhere", roles), func(r *matrixRole, o *matrixObject) bool {
		return r.admin || r.anywhere(roles...)
	}}
}

// inOrgWith: holding one of roles in some organisation; a platform admin belongs to none.
func inOrgWith(roles ...app.Role) policy {
	return policy{fmt.Sprintf("%v in an organisation", roles), func(r *matrixRole, o *matrixObject) bool { return r.anywhere(roles...) }}
}

// needWriter: need submitters and coordinators of a public organisation register needs
// there; a platform admin belongs to none, and so registers none.
var needWriter = policy{"need submitter or coordinator of a public organisation", func(r *matrixRole, o *matrixObject) bool {
	return r.org != nil && r.org.Kind.IsPublic() && r.anywhere(app.RoleNeedSubmitter, app.RoleCoordinator)
}}

var (
	memberAnywhere = policy{"member of an organisation", func(r *matrixRole, o *matrixObject) bool { return r.admin || r.org != nil }}
	needEditor     = roleIn(app.RoleNeedSubmitter, app.RoleCoordinator)
	needDialogue   = roleIn(app.RoleCoordinator, app.RoleProcurementOfficer)
	supplierAsks   = policy{"a supplier outside the need's organisation who sees it", func(r *matrixRole, o *matrixObject) bool {
		return r.sees(o) && !r.member(o) && r.anywhere(app.RoleSupplier)
	}}
	needJoin = policy{"need submitter or coordinator of another public organisation", func(r *matrixRole, o *matrixObject) bool {
		return r.sees(o) && !r.member(o) && r.anywhere(app.RoleNeedSubmitter, app.RoleCoordinator)
	}}
	needMover      = roleIn(app.RoleNeedSubmitter, app.RoleCoordinator, app.RoleProcurementOfficer)
	inOrganisation = policy{"member of an organisation (not a platform admin alone)", func(r *matrixRole, o *matrixObject) bool { return r.org != nil }}
	projectWriter  = inOrgWith(app.RoleCoordinator, app.RoleOrgAdmin)
	eventWriter    = roleAnywhere(app.RoleEventOrganiser, app.RoleOrgAdmin)
	solutionWriter = policy{"supplier or org admin of a company", func(r *matrixRole, o *matrixObject) bool {
		return r.admin || r.org != nil && r.org.Kind == app.KindCompany && r.anywhere(app.RoleSupplier, app.RoleOrgAdmin)
	}}
	// invitee: a meeting is answered by the person asked, who is no role of the matrix.
	invitee         = policy{"the person asked", func(r *matrixRole, o *matrixObject) bool { return false }}
	bookingOwner    = policy{"the booking's owner or a platform admin", func(r *matrixRole, o *matrixObject) bool { return r.signedIn() && (o.own || r.admin) }}
	insider         = policy{"member of the need's organisation", func(r *matrixRole, o *matrixObject) bool { return r.member(o) }}
	proposalDecider = roleIn(app.RoleNeedSubmitter, app.RoleCoordinator, app.RoleProcurementOfficer)
	solutionEditor  = roleIn(app.RoleSupplier, app.RoleOrgAdmin)
	eventManager    = roleIn(app.RoleEventOrganiser, app.RoleOrgAdmin)
	projectEditor   = roleIn(app.RoleCoordinator, app.RoleOrgAdmin)
	projectMember   = policy{"member of the project's owner or partners", func(r *matrixRole, o *matrixObject) bool { return r.sees(o) && r.member(o) }}
	callKeeper      = roleAnywhere(app.RoleCoordinator)
	offerer         = policy{"member of another organisation", func(r *matrixRole, o *matrixObject) bool {
		return r.signedIn() && r.sees(o) && r.org != nil && r.org != o.org
	}}
	roomBooker = memberAnywhere
	visitHost  = policy{"the visit's host or a platform admin", func(r *matrixRole, o *matrixObject) bool { return r.signedIn() && (o.own || r.admin) }}
	// registrar: the registrar of the object's organisation, or a platform admin; nobody
	// else, not even the organisation's admin.
	registrar = policy{"registrar of the object's organisation", func(r *matrixRole, o *matrixObject) bool { return r.has(o, app.RoleRegistrar) }}
)

// routePolicies is the policy of every route. A new route needs a line here.
var routePolicies = map[string]policy{
	"GET /{$}":                            public,
	"/":                                   notFound,
	"GET /static/":                        public,
	"GET /lang/{lang}":                    public,
	"GET /healthz":                        public,
	"GET /readyz":                         public,
	"GET /metrics":                        public,
	"GET /signup":                         public,
	"POST /signup":                        public,
	"GET /login":                          public,
	"POST /login":                         credentials,
	"GET /login/code":                     public,
	"POST /login/code":                    credentials,
	"POST /logout":                        public,
	"GET /login/oidc/{provider}":          public,
	"GET /login/oidc/{provider}/callback": credentials,
	"GET /password/forgot":                public,
	"POST /password/forgot":               public,
	"GET /password/reset/{token}":         public, // the link is checked with the new password
	"POST /password/reset/{token}":        public,
	"GET /privacy":                        public,
	"GET /accessibility":                  public,
	"POST /accessibility/feedback":        public,

	"GET /profile":                       signedIn,
	"POST /profile":                      signedIn,
	"POST /profile/password":             signedIn,
	"POST /profile/tokens":               signedIn,
	"POST /profile/tokens/{id}/delete":   owner,
	"POST /profile/calendar":             signedIn,
	"GET /calendars/{secret}/events.ics": secretURL,
	"POST /profile/2fa":                  signedIn,
	"POST /profile/2fa/confirm":          signedIn,
	"POST /profile/2fa/off":              signedIn,
	"GET /profile/data.json":             signedIn,
	"POST /profile/delete":               signedIn,

	"GET /organisations":                                 public,
	"GET /organisations.csv":                             public,
	"GET /organisations/new":                             signedIn,
	"POST /organisations/new":                            signedIn,
	"GET /organisations/{id}":                            public,
	"GET /organisations/{id}/edit":                       orgAdmin,
	"POST /organisations/{id}/edit":                      orgAdmin,
	"GET /organisations/{id}/members":                    orgAdmin,
	"GET /organisations/{id}/members.csv":                orgAdmin,
	"POST /organisations/{id}/members/{user}":            orgAdmin,
	"POST /organisations/{id}/invitations":               orgAdmin,
	"POST /organisations/{id}/sso":                       orgAdmin,
	"GET /organisations/{id}/webhooks":                   orgAdmin,
	"GET /organisations/{id}/audit":                      registrar,
	"GET /organisations/{id}/audit.csv":                  registrar,
	"GET /needs/{id}/record":                             registrar,
	"GET /solutions/{id}/record":                         registrar,
	"GET /projects/{id}/record":                          registrar,
	"GET /applications/{id}/record":                      registrar,
	"GET /events/{id}/record":                            registrar,
	"GET /partner-requests/{id}/record":                  registrar,
	"GET /api/v1/needs/{id}/record":                      registrar,
	"GET /api/v1/solutions/{id}/record":                  registrar,
	"GET /api/v1/projects/{id}/record":                   registrar,
	"GET /api/v1/applications/{id}/record":               registrar,
	"GET /api/v1/events/{id}/record":                     registrar,
	"GET /api/v1/partner-requests/{id}/record":           registrar,
	"POST /organisations/{id}/webhooks":                  orgAdmin,
	"POST /organisations/{id}/webhooks/{webhook}/delete": orgAdmin,
	"GET /invitations/{token}":                           secretURL,
	"POST /invitations/{token}":                          policy{"signed in, with the secret", func(r *matrixRole, o *matrixObject) bool { return r.signedIn() && r.sees(o) }},

	"GET /needs":                                          public,
	"GET /needs.csv":                                      public,
	"GET /needs/dashboard":                                public,
	"GET /needs/new":                                      needWriter,
	"GET /needs/similar":                                  signedIn,
	"POST /needs/new":                                     needWriter,
	"GET /needs/{id}":                                     seen,
	"GET /needs/{id}/edit":                                needEditor,
	"POST /needs/{id}/edit":                               needEditor,
	"GET /needs/{id}/export":                              seen, // outsiders get the published part
	"GET /needs/{id}/contacts.csv":                        seen,
	"POST /needs/{id}/transitions":                        needMover,
	"POST /needs/{id}/co-owners":                          needJoin,
	"POST /needs/{id}/follow":                             seenSigned,
	"POST /needs/{id}/questions":                          supplierAsks,
	"POST /needs/{id}/questions/{question}/answer":        needDialogue,
	"POST /needs/{id}/comments":                           member,
	"POST /needs/{id}/contacts":                           needDialogue,
	"POST /needs/{id}/contacts/{contact}":                 needDialogue,
	"POST /needs/{id}/proposals":                          seenSigned, // the solution named decides the rest (TestProposals)
	"POST /needs/{id}/proposals/{solution}":               proposalDecider,
	"POST /needs/{id}/dialogue-summary":                   needDialogue,
	"POST /needs/{id}/attachments":                        insider,
	"GET /needs/{id}/attachments/{attachment}":            seen,
	"POST /needs/{id}/attachments/{attachment}/delete":    insider,
	"GET /solutions":                                      public,
	"GET /solutions.csv":                                  public,
	"GET /solutions/new":                                  solutionWriter,
	"POST /solutions/new":                                 solutionWriter,
	"GET /solutions/{id}":                                 public,
	"GET /solutions/{id}/edit":                            solutionEditor,
	"POST /solutions/{id}/edit":                           solutionEditor,
	"POST /solutions/{id}/delete":                         solutionEditor,
	"GET /events":                                         public,
	"GET /events/new":                                     eventWriter,
	"POST /events/new":                                    eventWriter,
	"GET /events/{id}":                                    seen,
	"GET /events/{id}/edit":                               eventManager,
	"POST /events/{id}/edit":                              eventManager,
	"GET /events/{id}/event.ics":                          seen,
	"POST /events/{id}/register":                          seenSigned,
	"POST /events/{id}/cancel":                            seenSigned,
	"POST /events/{id}/minutes":                           eventManager,
	"GET /events/{id}/brokerage":                          seen,
	"POST /events/{id}/brokerage/profile":                 seenSigned,
	"POST /events/{id}/brokerage/meetings":                seenSigned,
	"POST /events/{id}/brokerage/meetings/{meeting}":      invitee,
	"GET /events/{id}/brokerage/agenda.ics":               seenSigned,
	"GET /events/{id}/attendees":                          eventManager,
	"GET /events/{id}/attendees.csv":                      eventManager,
	"POST /events/{id}/attendees/{registration}/check-in": eventManager,
	"POST /events/{id}/call-off":                          eventManager,
	"POST /events/{id}/materials/links":                   eventManager,
	"POST /events/{id}/materials/files":                   eventManager,
	"GET /events/{id}/materials/{material}":               seen,
	"POST /events/{id}/materials/{material}/delete":       eventManager,
	"GET /hub":                                              public,
	"GET /hub/rooms/{id}":                                   public,
	"GET /hub/rooms/{id}/bookings.ics":                      public,
	"POST /hub/rooms/{id}/bookings":                         roomBooker,
	"POST /hub/rooms/{id}/bookings/{booking}/delete":        bookingOwner,
	"POST /hub/rooms/{id}/bookings/{booking}/series/delete": bookingOwner,
	"POST /hub/check-in":                                    roomBooker,
	"POST /hub/check-out":                                   signedIn,
	"GET /hub/visitors":                                     roomBooker,
	"POST /hub/visitors":                                    roomBooker,
	"POST /hub/visitors/{id}/delete":                        visitHost,
	"GET /roulette":                                         inOrganisation,
	"POST /roulette":                                        inOrganisation,
	"POST /roulette/leave":                                  signedIn,
	"POST /roulette/groups/{id}/answer":                     owner,
	"GET /roulette/groups/{id}/fika.ics":                    owner,
	"GET /projects":                                         public,
	"GET /projects/new":                                     projectWriter,
	"POST /projects/new":                                    projectWriter,
	"GET /projects/{id}":                                    seen,
	"GET /projects/{id}/edit":                               projectEditor,
	"POST /projects/{id}/edit":                              projectEditor,
	"POST /projects/{id}/kpis":                              projectEditor,
	"POST /projects/{id}/kpis/{kpi}/measurements":           projectMember,
	"POST /projects/{id}/decision":                          projectEditor,
	"POST /projects/{id}/posts":                             projectMember,
	"POST /projects/{id}/files":                             projectMember,
	"GET /projects/{id}/files/{attachment}":                 projectMember,
	"POST /projects/{id}/files/{attachment}/delete":         projectMember,
	"POST /projects/{id}/adoptions":                         projectEditor,
	"GET /projects/{id}/milestones.ics":                     seen,
	"GET /calls":                                            public,
	"GET /calls/new":                                        callKeeper,
	"POST /calls/new":                                       callKeeper,
	"GET /calls/{id}":                                       public,
	"GET /calls/{id}/deadlines.ics":                         public,
	"GET /calls/{id}/edit":                                  callKeeper,
	"POST /calls/{id}/edit":                                 callKeeper,
	"GET /applications/new":                                 inOrganisation,
	"POST /applications/new":                                memberAnywhere, // a platform admin may lead for any organisation
	"GET /applications/{id}":                                member,
	"GET /applications/{id}/edit":                           member,
	"POST /applications/{id}/edit":                          member,
	"POST /applications/{id}/partner-requests":              member,
	"GET /partner-requests/{id}":                            seenSigned,
	"POST /partner-requests/{id}/offers":                    offerer,
	"POST /partner-requests/{id}/offers/{offer}/accept":     member,
	"GET /notifications":                                    signedIn,
	"GET /search":                                           public,
	"GET /watches":                                          signedIn,
	"POST /watches":                                         signedIn,
	"POST /watches/{id}/delete":                             owner,
	"GET /feeds/needs.atom":                                 public,
	"GET /feeds/solutions.atom":                             public,

	"GET /admin/users":             adminOnly,
	"POST /admin/users/{id}/admin": adminOnly,
	"GET /admin/organisations":     adminOnly,
	"GET /admin/outbox":            adminOnly,
	"GET /admin/tags":              adminOnly,
	"POST /admin/tags":             adminOnly,
	"POST /admin/tags/rename":      adminOnly,
	"POST /admin/tags/merge":       adminOnly,
	"GET /admin/webhooks":          adminOnly,
	"GET /admin/jobs":              adminOnly,
	"GET /admin/audit":             adminOnly,
	"GET /admin/audit.csv":         adminOnly,
	"GET /admin/rooms":             adminOnly,
	"POST /admin/rooms":            adminOnly,
	"GET /admin/rooms/{id}/edit":   adminOnly,
	"POST /admin/rooms/{id}/edit":  adminOnly,

	"GET /api/v1/openapi.json": public,
	"GET /api/v1/me":           signedIn,
	"/api/":                    notFound,

	"GET /api/v1/organisations":                     public,
	"POST /api/v1/organisations":                    signedIn,
	"GET /api/v1/organisations/{id}":                public,
	"PATCH /api/v1/organisations/{id}":              orgAdmin,
	"GET /api/v1/organisations/{id}/members":        signedIn,
	"PUT /api/v1/organisations/{id}/members/{user}": orgAdmin,

	"GET /api/v1/needs":                              public,
	"POST /api/v1/needs":                             needWriter,
	"GET /api/v1/needs/{id}":                         seen,
	"PATCH /api/v1/needs/{id}":                       needEditor,
	"POST /api/v1/needs/{id}/transitions":            needMover,
	"GET /api/v1/needs/{id}/history":                 seen,
	"POST /api/v1/needs/{id}/co-owners":              needJoin,
	"GET /api/v1/needs/{id}/questions":               seen,
	"POST /api/v1/needs/{id}/questions":              supplierAsks,
	"POST /api/v1/needs/{id}/questions/{qid}/answer": needDialogue,
	"GET /api/v1/needs/{id}/comments":                member,
	"POST /api/v1/needs/{id}/comments":               member,
	"GET /api/v1/needs/{id}/contacts":                seen,
	"POST /api/v1/needs/{id}/contacts":               needDialogue,
	"PATCH /api/v1/needs/{id}/contacts/{cid}":        needDialogue,
	"PUT /api/v1/needs/{id}/dialogue-summary":        needDialogue,
	"GET /api/v1/needs/{id}/export":                  seen,
	"GET /api/v1/needs/{id}/matches":                 seen,
	"GET /api/v1/needs/{id}/proposals":               seen,       // each sees the proposals of their own organisations
	"POST /api/v1/needs/{id}/proposals":              seenSigned, // the solution named decides the rest
	"PUT /api/v1/needs/{id}/proposals/{solution}":    proposalDecider,
	"GET /api/v1/needs/{id}/calls":                   seen,
	"GET /api/v1/needs/{id}/organisation-matches":    seen,

	"GET /api/v1/solutions":              public,
	"POST /api/v1/solutions":             roleAnywhere(app.RoleSupplier, app.RoleOrgAdmin), // and the organisation named must be a company (422)
	"GET /api/v1/solutions/{id}":         public,
	"PATCH /api/v1/solutions/{id}":       solutionEditor,
	"DELETE /api/v1/solutions/{id}":      solutionEditor,
	"GET /api/v1/solutions/{id}/matches": public,

	"GET /api/v1/events":                                   public,
	"POST /api/v1/events":                                  eventWriter,
	"GET /api/v1/events/{id}":                              seen,
	"PATCH /api/v1/events/{id}":                            eventManager,
	"PUT /api/v1/events/{id}/minutes":                      eventManager,
	"GET /api/v1/events/{id}/registrations":                eventManager,
	"PUT /api/v1/events/{id}/registrations/{rid}/check-in": eventManager,
	"GET /api/v1/events/{id}/registration":                 seenSigned,
	"POST /api/v1/events/{id}/registration":                seenSigned,
	"DELETE /api/v1/events/{id}/registration":              seenSigned,
	"POST /api/v1/events/{id}/cancellation":                eventManager,
	"POST /api/v1/events/{id}/materials":                   eventManager,
	"GET /api/v1/events/{id}/brokerage/profiles":           seen,
	"PUT /api/v1/events/{id}/brokerage/profile":            seenSigned,
	"GET /api/v1/events/{id}/brokerage/meetings":           seenSigned,
	"POST /api/v1/events/{id}/brokerage/meetings":          seenSigned,
	"PUT /api/v1/events/{id}/brokerage/meetings/{mid}":     invitee,
	"GET /api/v1/roulette":                                 signedIn, // once they take part (before)
	"PUT /api/v1/roulette":                                 inOrganisation,
	"DELETE /api/v1/roulette":                              signedIn, // once they take part (before)
	"GET /api/v1/roulette/groups":                          signedIn,
	"PUT /api/v1/roulette/groups/{id}/answer":              owner,

	"GET /api/v1/rooms":                                  public,
	"POST /api/v1/rooms":                                 adminOnly,
	"GET /api/v1/rooms/{id}":                             public,
	"GET /api/v1/rooms/{id}/bookings":                    public,
	"POST /api/v1/rooms/{id}/bookings":                   roomBooker,
	"DELETE /api/v1/rooms/{id}/bookings/{bid}":           bookingOwner,
	"PUT /api/v1/rooms/{id}":                             adminOnly,
	"POST /api/v1/rooms/{id}/booking-series":             roomBooker,
	"DELETE /api/v1/rooms/{id}/bookings/{bid}/series":    bookingOwner,
	"GET /api/v1/hub/presence":                           signedIn,
	"PUT /api/v1/hub/presence":                           roomBooker,
	"DELETE /api/v1/hub/presence":                        signedIn, // once checked in (before)
	"GET /api/v1/hub/visitors":                           signedIn,
	"POST /api/v1/hub/visitors":                          roomBooker,
	"DELETE /api/v1/hub/visitors/{id}":                   visitHost,
	"GET /api/v1/projects":                               public,
	"POST /api/v1/projects":                              roleAnywhere(app.RoleCoordinator, app.RoleOrgAdmin),
	"GET /api/v1/projects/{id}":                          seen,
	"PUT /api/v1/projects/{id}":                          projectEditor,
	"PUT /api/v1/projects/{id}/decision":                 projectEditor,
	"GET /api/v1/projects/{id}/kpis":                     seen,
	"POST /api/v1/projects/{id}/kpis":                    projectEditor,
	"POST /api/v1/projects/{id}/kpis/{kpi}/measurements": projectMember,
	"GET /api/v1/projects/{id}/calls":                    seen,
	"GET /api/v1/projects/{id}/posts":                    projectMember,
	"POST /api/v1/projects/{id}/posts":                   projectMember,
	"GET /api/v1/projects/{id}/files":                    projectMember,
	"POST /api/v1/projects/{id}/files":                   projectMember,
	"GET /api/v1/projects/{id}/files/{file}":             projectMember,
	"GET /api/v1/projects/{id}/adoptions":                seen,
	"POST /api/v1/projects/{id}/adoptions":               projectEditor,

	"GET /api/v1/calls":                                        public,
	"POST /api/v1/calls":                                       callKeeper,
	"GET /api/v1/calls/{id}":                                   public,
	"PUT /api/v1/calls/{id}":                                   callKeeper,
	"GET /api/v1/applications":                                 public, // the applications the viewer is a partner of
	"POST /api/v1/applications":                                memberAnywhere,
	"GET /api/v1/applications/{id}":                            member,
	"PUT /api/v1/applications/{id}":                            member,
	"GET /api/v1/calls/{id}/partner-requests":                  signedIn,
	"POST /api/v1/applications/{id}/partner-requests":          member,
	"GET /api/v1/partner-requests/{id}":                        seenSigned,
	"GET /api/v1/partner-requests/{id}/offers":                 seenSigned,
	"POST /api/v1/partner-requests/{id}/offers":                offerer,
	"POST /api/v1/partner-requests/{id}/offers/{offer}/accept": member,

	"GET /api/v1/search":          public,
	"GET /api/v1/watches":         signedIn,
	"POST /api/v1/watches":        signedIn,
	"DELETE /api/v1/watches/{id}": owner,

	"GET /api/v1/users":      adminOnly,
	"POST /api/v1/users":     adminOnly,
	"GET /api/v1/users/{id}": adminOnly,

	"GET /api/v1/tags":        public,
	"POST /api/v1/tags":       adminOnly,
	"POST /api/v1/tags/merge": adminOnly,

	"GET /api/v1/webhooks":         memberAnywhere,
	"POST /api/v1/webhooks":        roleAnywhere(app.RoleOrgAdmin),
	"GET /api/v1/webhooks/{id}":    orgAdmin,
	"DELETE /api/v1/webhooks/{id}": orgAdmin,
}

func TestRoutePolicies(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		w := newMatrixWorld(t, s)
		routes := w.handler.Routes()
		for _, r := range routes {
			if _, ok := routePolicies[r]; !ok {
				t.Errorf("route %q has no policy in routePolicies: add one", r)
			}
		}
		for r := range routePolicies {
			if !slices.Contains(routes, r) {
				t.Errorf("routePolicies names %q, which is no route", r)
			}
		}
		cells := 0
		for _, pattern := range routes {
			pol, ok := routePolicies[pattern]
			if !ok {
				continue
			}
			for _, o := range w.objectsOf(pattern) {
				for _, role := range w.roles {
					c := &matrixCell{t: t, w: w, role: role, obj: o}
					method, path := c.request(pattern)
					if prepare, ok := before[pattern]; ok {
						prepare(c)
					}
					status, location := c.send(method, path, forms[pattern])
					if undo, ok := after[pattern]; ok {
						undo(c)
					}
					cells++
					want := pol.allow(role, o)
					denied := status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusNotFound ||
						status/100 == 3 && strings.HasPrefix(location, "/login")
					switch {
					case status >= 500:
						t.Errorf("%s as %s on %s (%s): %d", pattern, role.name, o.label, path, status)
					case want && denied:
						t.Errorf("%s as %s on %s (%s): denied (%d %s), but the policy %q allows it", pattern, role.name, o.label, path, status, location, pol.name)
					case !want && !denied:
						t.Errorf("%s as %s on %s (%s): allowed (%d), but the policy %q denies it", pattern, role.name, o.label, path, status, pol.name)
					}
				}
			}
		}
		t.Logf("%d routes, %d roles, %d requests", len(routes), len(w.roles), cells)
	})
}

// matrixWorld is the platform with its fixtures: two public organisations (the region,
// whose staff the roles are, and a municipality), two companies (the company roles' and a
// competitor), and objects of every kind in each.
type matrixWorld struct {
	t        *testing.T
	s        *store.Store
	accounts *auth.Accounts
	handler  *server.Handler
	files    app.Blobs
	roles    []*matrixRole
	region   *matrixOrg
	kommun   *matrixOrg
	company  *matrixOrg
	rival    *matrixOrg
	club     *matrixOrg
	// kinds are the objects of each kind, by the first parameter of a path ("needs/id").
	kinds     map[string][]*matrixObject
	none      []*matrixObject // for routes that name no object
	bystander app.User        // someone in no role of the matrix
	other     app.User        // the municipality's coordinator, who made its objects
	rivalUser app.User        // the competitor's supplier
	hash      string
	callID    string
	n         int
}

func newMatrixWorld(t *testing.T, s *store.Store) *matrixWorld {
	t.Helper()
	ctx := context.Background()
	idp := oidctest.Start(t)
	files := filestest.Open(t)
	h, err := server.New(server.Config{Store: s, Files: files, BaseURL: "http://127.0.0.1", Log: slog.New(slog.DiscardHandler),
		OIDC: []auth.OIDCProvider{{ID: "rjh", Name: "Region", Issuer: idp.URL, ClientID: idp.ClientID, ClientSecret: idp.ClientSecret,
			Organisation: "232100-0214", DefaultRole: app.RoleMember}}})
	if err != nil {
		t.Fatal(err)
	}
	w := &matrixWorld{t: t, s: s, accounts: auth.NewAccounts(s), handler: h, files: files, kinds: map[string][]*matrixObject{},
		hash: auth.HashPassword("korrekt häst batteri häftklammer")}
	w.none = []*matrixObject{{label: "no object", vis: visAll}}
	org := func(key string, in app.OrganisationInput) *matrixOrg {
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		o, err := s.CreateOrganisation(ctx, in, 0)
		if err != nil {
			t.Fatal(err)
		}
		return &matrixOrg{key, o}
	}
	w.region = org("region", app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, OrgNumber: "232100-0214", Country: "SE"})
	w.kommun = org("kommun", app.OrganisationInput{Name: "Östersunds kommun", Kind: app.KindMunicipality, OrgNumber: "212000-2411", Country: "SE"})
	w.company = org("company", app.OrganisationInput{Name: "Fjällvård Digital AB", Kind: app.KindCompany, Size: app.SizeSME, OrgNumber: "556812-3409", Country: "SE"})
	w.rival = org("rival", app.OrganisationInput{Name: "Norrsken Sensorik AB", Kind: app.KindCompany, Size: app.SizeSME, OrgNumber: "559034-5673", Country: "SE"})
	// Invitations are to an organisation of its own, which nothing else has to do with: a
	// role that accepts one joins it.
	w.club = org("club", app.OrganisationInput{Name: "Mittuniversitetet", Kind: app.KindAcademia, OrgNumber: "202100-2783", Country: "SE"})
	w.bystander = w.person("Olle Utomstående", false)
	w.addRole(w.club, w.bystander, app.RoleOrgAdmin)

	w.roles = []*matrixRole{{name: "visitor"}}
	for _, r := range []struct {
		name string
		org  *matrixOrg
		role app.Role
	}{
		{"company member", w.company, app.RoleMember},
		{"supplier", w.company, app.RoleSupplier},
		{"need submitter", w.region, app.RoleNeedSubmitter},
		{"coordinator", w.region, app.RoleCoordinator},
		{"procurement officer", w.region, app.RoleProcurementOfficer},
		{"event organiser", w.region, app.RoleEventOrganiser},
		{"org admin", w.region, app.RoleOrgAdmin},
		{"registrar", w.region, app.RoleRegistrar},
	} {
		u := w.person(r.name, false)
		w.addRole(r.org, u, r.role)
		w.roles = append(w.roles, &matrixRole{name: r.name, user: u, org: r.org, roles: []app.Role{r.role}})
	}
	admin := w.person("platform admin", true)
	authtest.TwoFactor(t, w.accounts, admin)
	admin.TwoFactor = true
	w.roles = append(w.roles, &matrixRole{name: "platform admin", user: admin, admin: true})
	for _, r := range w.roles[1:] {
		if r.token, _, err = w.accounts.CreateToken(ctx, r.user.ID, "matris"); err != nil {
			t.Fatal(err)
		}
	}
	w.other = w.person("Sara Kommun", false)
	for _, role := range []app.Role{app.RoleCoordinator, app.RoleNeedSubmitter, app.RoleEventOrganiser, app.RoleOrgAdmin} {
		w.addRole(w.kommun, w.other, role)
	}
	w.rivalUser = w.person("Oskar Konkurrent", false)
	w.addRole(w.rival, w.rivalUser, app.RoleSupplier)

	w.organisations()
	w.needs()
	w.solutions()
	w.events()
	w.hub()
	w.projectsAndFunding()
	w.personal()
	return w
}

// person makes an account.
func (w *matrixWorld) person(name string, admin bool) app.User {
	w.t.Helper()
	w.n++
	u, err := w.s.CreateUser(context.Background(), app.NewUser{Email: fmt.Sprintf("person%d@matris.example", w.n), Name: name, IsAdmin: admin, Lang: "sv"}, w.hash)
	if err != nil {
		w.t.Fatal(err)
	}
	return u
}

func (w *matrixWorld) addRole(o *matrixOrg, u app.User, role app.Role) {
	w.t.Helper()
	if err := w.s.AddRole(context.Background(), o.ID, u.ID, role); err != nil {
		w.t.Fatal(err)
	}
}

// must returns v, or stops the test (by a panic, the only way from inside an argument
// list) when making a fixture failed.
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("fixture: %v", err))
	}
	return v
}

func id(n int64) func(*matrixCell) string { return func(*matrixCell) string { return fmt.Sprint(n) } }

func text(s string) func(*matrixCell) string { return func(*matrixCell) string { return s } }

// add files an object under the path segment of its kind ("needs/id").
func (w *matrixWorld) add(kind string, o *matrixObject) *matrixObject {
	w.kinds[kind] = append(w.kinds[kind], o)
	return o
}

func (w *matrixWorld) organisations() {
	ctx := context.Background()
	for _, o := range []*matrixOrg{w.region, w.kommun} {
		wh := must(w.s.CreateWebhook(ctx, o.ID, w.other.ID, app.WebhookInput{URL: "https://hooks.example/" + o.key,
			Events: []app.WebhookEvent{app.EventNeedPublished}}, auth.NewWebhookSecret()))
		// A member made for each request, whose roles the request may change.
		newMember := func(c *matrixCell) string {
			u := w.person("Ny medlem", false)
			w.addRole(o, u, app.RoleMember)
			return fmt.Sprint(u.ID)
		}
		// A webhook made for each request, which the request may delete; the one made for
		// the request before goes first (an organisation has only so many).
		var last int64
		newWebhook := func(c *matrixCell) string {
			if last != 0 {
				if err := w.s.DeleteWebhook(ctx, last); err != nil && app.ErrorCode(err) != app.NotFound {
					w.t.Fatal(err)
				}
			}
			last = must(w.s.CreateWebhook(ctx, o.ID, w.other.ID, app.WebhookInput{URL: "https://hooks.example/x",
				Events: []app.WebhookEvent{app.EventNeedPublished}}, auth.NewWebhookSecret())).ID
			return fmt.Sprint(last)
		}
		obj := &matrixObject{label: "organisation " + o.key, org: o, vis: visAll, params: map[string]func(*matrixCell) string{
			"organisations/id": id(o.ID), "members/user": newMember, "webhooks/webhook": newWebhook, "webhooks/id": id(wh.ID), "webhooks/id!": newWebhook}}
		w.add("organisations/id", obj)
		w.add("webhooks/id", obj)
	}
}

func (w *matrixWorld) needs() {
	ctx := context.Background()
	for _, spec := range []struct {
		org *matrixOrg
		by  app.User
		vis app.Visibility
	}{
		{w.region, w.roles[3].user, app.VisibleOrganisation},
		{w.kommun, w.other, app.VisibleOrganisation},
		{w.kommun, w.other, app.VisiblePublic},
	} {
		in := app.NeedInput{Title: "Nattillsyn " + spec.org.key + " " + string(spec.vis), HowMightWe: "Hur kan vi ge trygg tillsyn på natten?",
			Problem: "Många besök stör sömnen.", CareSettings: []string{"hemtjanst"}, Tags: []string{"tillsyn"}, Visibility: spec.vis,
			Benefits: []app.Benefit{{KPI: "Besök per natt", Unit: "besök", Baseline: "4", Target: "1"}}}
		if err := in.Normalise(); err != nil {
			w.t.Fatal(err)
		}
		submitted := func() app.Need {
			n := must(w.s.CreateNeed(ctx, spec.org.ID, spec.by.ID, in))
			return must(w.s.TransitionNeed(ctx, n.ID, n.State, spec.by.ID, app.TransitionInput{To: app.StateSubmitted}))
		}
		n := submitted()
		// A need made for each request that joins it as a co-owner, which changes who may see it.
		newNeed := func(c *matrixCell) string { return fmt.Sprint(submitted().ID) }
		q := must(w.s.AskQuestion(ctx, n.ID, w.rivalUser.ID, w.rival.ID, "Hur många boenden gäller det?"))
		contact := must(w.s.AddContact(ctx, app.SupplierContact{NeedID: n.ID, Date: "2026-01-15", SupplierName: "Norrsken Sensorik AB",
			Channel: "meeting", Purpose: "Dialog", CreatedBy: app.UserRef{ID: spec.by.ID}}))
		sol := must(w.s.CreateSolution(ctx, w.rival.ID, w.rivalUser.ID, app.SolutionInput{Title: "Sensor " + spec.org.key + string(spec.vis), Type: "device", TRL: 7}))
		if _, err := w.s.ProposeSolution(ctx, n.ID, w.rivalUser.ID, app.ProposalInput{SolutionID: sol.ID, Rationale: "Den passar."}); err != nil {
			w.t.Fatal(err)
		}
		key := fmt.Sprintf("matrix/need-%d.pdf", n.ID)
		body := "%PDF-1.4\n%matris\n"
		if err := w.files.Put(ctx, key, strings.NewReader(body), "application/pdf"); err != nil {
			w.t.Fatal(err)
		}
		att := must(w.s.AddAttachment(ctx, app.Attachment{ParentID: n.ID, Name: "plan.pdf", ContentType: "application/pdf", Size: int64(len(body)),
			BlobKey: key, UploadedBy: app.UserRef{ID: spec.by.ID}}))
		// An attachment made for each request, which the request may delete.
		newAttachment := func(c *matrixCell) string {
			w.n++
			key := fmt.Sprintf("matrix/need-%d-%d.pdf", n.ID, w.n)
			if err := w.files.Put(ctx, key, strings.NewReader(body), "application/pdf"); err != nil {
				w.t.Fatal(err)
			}
			return fmt.Sprint(must(w.s.AddAttachment(ctx, app.Attachment{ParentID: n.ID, Name: "x.pdf", ContentType: "application/pdf",
				Size: int64(len(body)), BlobKey: key, UploadedBy: app.UserRef{ID: spec.by.ID}})).ID)
		}
		vis := visOrg
		if spec.vis == app.VisiblePublic {
			vis = visAll
		}
		w.add("needs/id", &matrixObject{label: fmt.Sprintf("need of %s for %s", spec.org.key, spec.vis), org: spec.org, vis: vis,
			params: map[string]func(*matrixCell) string{"needs/id": id(n.ID), "needs/id!": newNeed, "questions/question": id(q.ID), "questions/qid": id(q.ID),
				"contacts/contact": id(contact.ID), "contacts/cid": id(contact.ID), "proposals/solution": id(sol.ID),
				"attachments/attachment": id(att.ID), "attachments/attachment!": newAttachment}})
	}
}

func (w *matrixWorld) solutions() {
	ctx := context.Background()
	for _, spec := range []struct {
		org *matrixOrg
		by  app.User
	}{{w.company, w.roles[2].user}, {w.rival, w.rivalUser}} {
		x := must(w.s.CreateSolution(ctx, spec.org.ID, spec.by.ID, app.SolutionInput{Title: "Trygghetslarm " + spec.org.key, Type: "device", TRL: 8}))
		newSolution := func(c *matrixCell) string {
			return fmt.Sprint(must(w.s.CreateSolution(ctx, spec.org.ID, spec.by.ID, app.SolutionInput{Title: "Ny lösning", Type: "device", TRL: 5})).ID)
		}
		w.add("solutions/id", &matrixObject{label: "solution of " + spec.org.key, org: spec.org, vis: visAll,
			params: map[string]func(*matrixCell) string{"solutions/id": id(x.ID), "solutions/id!": newSolution}})
	}
}

// ownerOf is who an object made for a cell belongs to: the role, or for a visitor (who owns
// nothing) the bystander.
func (c *matrixCell) ownerOf() app.User {
	if c.role.signedIn() {
		return c.role.user
	}
	return c.w.bystander
}

func (w *matrixWorld) events() {
	ctx := context.Background()
	everyone := app.Viewer{Admin: true}
	for _, spec := range []struct {
		org      *matrixOrg
		by       app.User
		audience app.Audience
	}{
		{w.region, w.roles[6].user, app.AudienceInvited},
		{w.kommun, w.other, app.AudienceInvited},
		{w.kommun, w.other, app.AudiencePublic},
	} {
		start := time.Now().Add(10 * 24 * time.Hour).Truncate(time.Hour)
		in := app.EventInput{Type: "workshop", Title: "Workshop " + spec.org.key, Capacity: 50, Address: "E-hälsocentrum, Östersund",
			Audience: spec.audience, InvitedOrgIDs: []int64{w.rival.ID}, Start: start, End: start.Add(2 * time.Hour), BrokerageTables: 2, BrokerageSlotMinutes: 20}
		if err := in.Normalise(); err != nil {
			w.t.Fatal(err)
		}
		e := must(w.s.CreateEvent(ctx, spec.org.ID, spec.by.ID, in))
		var reg app.Registration
		for _, u := range []app.User{w.other, w.rivalUser} {
			v := everyone
			v.UserID = u.ID
			reg = must(w.s.Register(ctx, v, e.ID, app.RegistrationInput{}, time.Now()))
			if err := w.s.SetBrokerageProfile(ctx, e.ID, u.ID, app.BrokerageProfileInput{Offer: "Sensorer", Seek: "Testbädd"}); err != nil {
				w.t.Fatal(err)
			}
		}
		m := must(w.s.RequestMeeting(ctx, e.ID, 0, w.rivalUser.ID, w.other.ID, time.Now()))
		vis := visOrg
		if spec.audience == app.AudiencePublic {
			vis = visAll
		}
		// A file among its materials, and a link made for each request that may delete it.
		key := fmt.Sprintf("matrix/event-%d.pdf", e.ID)
		body := "%PDF-1.4\n%matris\n"
		if err := w.files.Put(ctx, key, strings.NewReader(body), "application/pdf"); err != nil {
			w.t.Fatal(err)
		}
		file := must(w.s.AddMaterial(ctx, app.Material{EventID: e.ID, Title: "Program", FileName: "program.pdf", ContentType: "application/pdf",
			Size: int64(len(body)), BlobKey: key}))
		newLink := func(c *matrixCell) string {
			return fmt.Sprint(must(w.s.AddMaterial(ctx, app.Material{EventID: e.ID, Title: "Bilder", URL: "https://example.se/bilder"})).ID)
		}
		// An event made for each request that calls it off or gives up a seat, with a seat for
		// the role where it may see the event.
		newEvent := func(c *matrixCell) string {
			fresh := must(w.s.CreateEvent(ctx, spec.org.ID, spec.by.ID, in))
			if c.role.signedIn() && c.role.sees(c.obj) {
				must(w.s.Register(ctx, app.Viewer{UserID: c.role.user.ID, Admin: true}, fresh.ID, app.RegistrationInput{}, time.Now()))
			}
			return fmt.Sprint(fresh.ID)
		}
		w.add("events/id", &matrixObject{label: fmt.Sprintf("event of %s for %s", spec.org.key, spec.audience), org: spec.org, vis: vis,
			params: map[string]func(*matrixCell) string{"events/id": id(e.ID), "events/id!": newEvent, "attendees/registration": id(reg.ID),
				"registrations/rid": id(reg.ID), "meetings/meeting": id(m.ID), "meetings/mid": id(m.ID),
				"materials/material": id(file.ID), "materials/material!": newLink}})
	}
}

func (w *matrixWorld) hub() {
	ctx := context.Background()
	in := app.RoomInput{Name: "Studio", Capacity: 6}
	if err := in.Normalise(); err != nil {
		w.t.Fatal(err)
	}
	room := must(w.s.CreateRoom(ctx, in))
	slot := 0
	// A booking made for each request, by its owner, at a time of its own.
	booking := func(own bool) func(c *matrixCell) string {
		return func(c *matrixCell) string {
			by := w.bystander
			if own {
				by = c.ownerOf()
			}
			slot++
			start := time.Now().Add(24 * time.Hour).Truncate(time.Hour).Add(time.Duration(slot) * time.Hour)
			in := app.BookingInput{Title: "Möte", Start: start, End: start.Add(30 * time.Minute)}
			if err := in.Normalise(time.Now()); err != nil {
				w.t.Fatal(err)
			}
			return fmt.Sprint(must(w.s.BookRoom(ctx, room.ID, by.ID, in)).ID)
		}
	}
	// An occurrence of a weekly series made for each request that deletes, by its owner.
	series := func(own bool) func(c *matrixCell) string {
		return func(c *matrixCell) string {
			by := w.bystander
			if own {
				by = c.ownerOf()
			}
			slot++
			start := time.Now().Add(24 * time.Hour).Truncate(time.Hour).Add(time.Duration(slot) * time.Hour)
			times := []app.Occurrence{{Start: start, End: start.Add(30 * time.Minute)}, {Start: start.AddDate(0, 0, 7), End: start.AddDate(0, 0, 7).Add(30 * time.Minute)}}
			return fmt.Sprint(must(w.s.BookRoomSeries(ctx, room.ID, by.ID, app.BookingInput{Title: "Veckomöte", Start: start, End: times[0].End}, "weekly", times))[0].ID)
		}
	}
	// A visit made for each request, hosted by its owner.
	visit := func(own bool) func(c *matrixCell) string {
		return func(c *matrixCell) string {
			by := w.bystander
			if own {
				by = c.ownerOf()
			}
			return fmt.Sprint(must(w.s.RegisterVisitor(ctx, by.ID, app.VisitorInput{Name: "Gäst", Date: app.HubDay(time.Now())}, time.Now())).ID)
		}
	}
	for _, own := range []bool{true, false} {
		label, visitLabel := "the hub's room, with someone else's booking", "someone else's visitor"
		if own {
			label, visitLabel = "the hub's room, with one's own booking", "one's own visitor"
		}
		w.add("rooms/id", &matrixObject{label: label, vis: visAll, own: own, params: map[string]func(*matrixCell) string{
			"rooms/id": id(room.ID), "bookings/booking": booking(own), "bookings/bid": booking(own), "bookings/booking!": series(own), "bookings/bid!": series(own)}})
		w.add("visitors/id", &matrixObject{label: visitLabel, vis: visSignedIn, own: own, params: map[string]func(*matrixCell) string{
			"visitors/id": visit(own), "visitors/id!": visit(own)}})
	}

	// Everyone in the matrix is in a fika group; the other group is the municipality's and the competitor's.
	var groups [][]app.RouletteEntry
	entry := func(u app.User, o *matrixOrg) app.RouletteEntry {
		return app.RouletteEntry{User: app.UserRef{ID: u.ID, Name: u.Name}, Organisation: app.OrgRef{ID: o.ID, Name: o.Name, Kind: o.Kind}, Weekdays: []int{2}, Place: "hub"}
	}
	signedIn := w.roles[1:]
	for i := 0; i < len(signedIn); i += 2 {
		var g []app.RouletteEntry
		for _, r := range signedIn[i:min(i+2, len(signedIn))] {
			o := r.org
			if o == nil {
				o = w.region
			}
			g = append(g, entry(r.user, o))
		}
		groups = append(groups, g)
	}
	groups = append(groups, []app.RouletteEntry{entry(w.other, w.kommun), entry(w.rivalUser, w.rival)})
	monday := time.Now().Truncate(24 * time.Hour)
	if err := w.s.SaveRouletteWeek(ctx, "2026-W01", monday, groups, time.Now()); err != nil {
		w.t.Fatal(err)
	}
	groupOf := func(u app.User) string {
		gs := must(w.s.RouletteGroups(ctx, u.ID, 1))
		if len(gs) != 1 {
			w.t.Fatalf("fika groups of %s: %v", u.Name, gs)
		}
		return fmt.Sprint(gs[0].ID)
	}
	theirs := groupOf(w.other)
	w.add("groups/id", &matrixObject{label: "one's own fika group", vis: visOwn, own: true, params: map[string]func(*matrixCell) string{
		"groups/id": func(c *matrixCell) string {
			if !c.role.signedIn() {
				return theirs
			}
			return groupOf(c.role.user)
		}}})
	w.add("groups/id", &matrixObject{label: "someone else's fika group", vis: visOrg, params: map[string]func(*matrixCell) string{"groups/id": text(theirs)}})
}

func (w *matrixWorld) projectsAndFunding() {
	ctx := context.Background()
	for _, spec := range []struct {
		org    *matrixOrg
		by     app.User
		public bool
	}{{w.region, w.roles[4].user, false}, {w.kommun, w.other, false}, {w.kommun, w.other, true}} {
		in := app.ProjectInput{Title: "Pilot " + spec.org.key, Type: "pilot", Public: spec.public}
		if err := in.Normalise(); err != nil {
			w.t.Fatal(err)
		}
		p := must(w.s.CreateProject(ctx, spec.org.ID, spec.by.ID, in))
		k := app.KPIInput{Name: "Resor", Unit: "resor", Direction: app.HigherIsBetter, Baseline: 1, Target: 2, BaselineDate: "2026-01-01"}
		if err := k.Normalise(); err != nil {
			w.t.Fatal(err)
		}
		kpi := must(w.s.AddKPI(ctx, p.ID, k))
		// A file of the project space, and one made for each request, which it may delete.
		newFile := func() int64 {
			w.n++
			key := fmt.Sprintf("matrix/project-%d-%d.pdf", p.ID, w.n)
			body := "%PDF-1.4\n%matris\n"
			if err := w.files.Put(ctx, key, strings.NewReader(body), "application/pdf"); err != nil {
				w.t.Fatal(err)
			}
			return must(w.s.AddProjectFile(ctx, app.Attachment{ParentID: p.ID, Name: "plan.pdf", ContentType: "application/pdf",
				Size: int64(len(body)), BlobKey: key, UploadedBy: app.UserRef{ID: spec.by.ID}})).ID
		}
		file := newFile()
		vis := visOrg
		if spec.public {
			vis = visAll
		}
		w.add("projects/id", &matrixObject{label: fmt.Sprintf("project of %s, public %v", spec.org.key, spec.public), org: spec.org, vis: vis,
			params: map[string]func(*matrixCell) string{"projects/id": id(p.ID), "kpis/kpi": id(kpi.ID), "files/attachment": id(file), "files/file": id(file),
				"files/attachment!": func(*matrixCell) string { return fmt.Sprint(newFile()) }}})
	}

	cin := app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen", CallRules: app.CallRules{Currency: "EUR"}}
	if err := cin.Normalise(); err != nil {
		w.t.Fatal(err)
	}
	call := must(w.s.CreateCall(ctx, 0, cin))
	w.callID = fmt.Sprint(call.ID)
	w.add("calls/id", &matrixObject{label: "a call", vis: visAll, params: map[string]func(*matrixCell) string{"calls/id": id(call.ID)}})
	eur := app.Money{Currency: "EUR"}
	for _, spec := range []struct {
		org *matrixOrg
		by  app.User
	}{{w.region, w.roles[7].user}, {w.kommun, w.other}} {
		in := app.ApplicationInput{CallID: call.ID, Title: "Akutrum " + spec.org.key, Status: "partner_search",
			Partners: []app.ApplicationPartnerInput{{OrganisationID: spec.org.ID, Role: "lead", Budget: eur, Grant: eur, CoFinancing: eur}}}
		if err := in.Normalise(); err != nil {
			w.t.Fatal(err)
		}
		a := must(w.s.CreateApplication(ctx, spec.by.ID, in))
		rin := app.PartnerRequestInput{Role: "beneficiary", Competence: "Norsk kommun med hemtjänst", Country: "no", Deadline: "2099-01-31"}
		if err := rin.Normalise(); err != nil {
			w.t.Fatal(err)
		}
		pr := must(w.s.CreatePartnerRequest(ctx, a.ID, spec.by.ID, rin))
		offer := must(w.s.OfferPartnership(ctx, pr.ID, w.rivalUser.ID, app.PartnerOfferInput{OrganisationID: w.rival.ID, Message: "Vi vill vara med."}))
		w.add("applications/id", &matrixObject{label: "application led by " + spec.org.key, org: spec.org, vis: visOrg,
			params: map[string]func(*matrixCell) string{"applications/id": id(a.ID)}})
		w.add("partner-requests/id", &matrixObject{label: "partner request of " + spec.org.key, org: spec.org, vis: visSignedIn,
			params: map[string]func(*matrixCell) string{"partner-requests/id": id(pr.ID), "offers/offer": id(offer.ID)}})
	}
}

// personal adds what belongs to a person (tokens, saved searches), the secrets of links
// (invitations, password resets, calendar feeds) and the rest of the path parameters.
func (w *matrixWorld) personal() {
	ctx := context.Background()
	token := func(own bool) func(c *matrixCell) string {
		return func(c *matrixCell) string {
			by := w.bystander
			if own {
				by = c.ownerOf()
			}
			_, tok, err := w.accounts.CreateToken(ctx, by.ID, "matris")
			if err != nil {
				w.t.Fatal(err)
			}
			return fmt.Sprint(tok.ID)
		}
	}
	watch := func(own bool) func(c *matrixCell) string {
		return func(c *matrixCell) string {
			by := w.bystander
			if own {
				by = c.ownerOf()
			}
			return fmt.Sprint(must(w.s.CreateWatch(ctx, by.ID, app.SearchQuery{Q: "tillsyn"})).ID)
		}
	}
	for _, own := range []bool{true, false} {
		vis, label := visSignedIn, "someone else's"
		if own {
			vis, label = visOwn, "one's own"
		}
		w.add("tokens/id", &matrixObject{label: label + " token", vis: vis, own: own, params: map[string]func(*matrixCell) string{"tokens/id": token(own)}})
		w.add("watches/id", &matrixObject{label: label + " saved search", vis: vis, own: own, params: map[string]func(*matrixCell) string{"watches/id": watch(own)}})
	}

	invitation := func(c *matrixCell) string {
		secret, hash := auth.NewSecret("")
		if _, err := w.s.CreateInvitation(ctx, app.Invitation{Organisation: app.OrgRef{ID: w.club.ID}, Email: fmt.Sprintf("inbjuden%d@matris.example", w.n),
			Role: app.RoleMember, InvitedBy: app.UserRef{ID: w.other.ID}, ExpiresAt: time.Now().Add(24 * time.Hour)}, hash); err != nil {
			w.t.Fatal(err)
		}
		w.n++
		return secret
	}
	reset, _, err := w.accounts.RequestPasswordReset(ctx, w.bystander.Email)
	if err != nil || reset == "" {
		w.t.Fatalf("password reset: %q, %v", reset, err)
	}
	calendar, hash := auth.NewSecret(auth.CalendarSecretPrefix)
	if err := w.s.SetCalendarFeed(ctx, w.bystander.ID, hash); err != nil {
		w.t.Fatal(err)
	}
	for _, valid := range []bool{true, false} {
		vis, label, or := visAll, "a valid secret", func(s func(*matrixCell) string) func(*matrixCell) string { return s }
		if !valid {
			vis, label, or = visNobody, "a made-up secret", func(func(*matrixCell) string) func(*matrixCell) string { return text("x" + strings.Repeat("A", 42)) }
		}
		w.add("invitations/token", &matrixObject{label: label, vis: vis, params: map[string]func(*matrixCell) string{"invitations/token": or(invitation)}})
		w.add("reset/token", &matrixObject{label: label, vis: vis, params: map[string]func(*matrixCell) string{"reset/token": or(text(reset))}})
		w.add("calendars/secret", &matrixObject{label: label, vis: vis, params: map[string]func(*matrixCell) string{"calendars/secret": or(text(calendar))}})
	}
	w.add("users/id", &matrixObject{label: "a person", vis: visAll, params: map[string]func(*matrixCell) string{"users/id": id(w.bystander.ID)}})
	w.add("lang/lang", &matrixObject{label: "English", vis: visAll, params: map[string]func(*matrixCell) string{"lang/lang": text("en")}})
	w.add("oidc/provider", &matrixObject{label: "the region's provider", vis: visAll, params: map[string]func(*matrixCell) string{"oidc/provider": text("rjh")}})
}

// objectsOf are the objects a route is tried on: those of the kind its first parameter names.
func (w *matrixWorld) objectsOf(pattern string) []*matrixObject {
	if key := paramKeys(pattern); len(key) > 0 {
		objs, ok := w.kinds[key[0]]
		if !ok {
			w.t.Fatalf("%s: no fixture for %s", pattern, key[0])
		}
		return objs
	}
	return w.none
}

// paramKeys names the parameters of a pattern by the segment before each: "needs/id".
func paramKeys(pattern string) []string {
	var keys []string
	segs := strings.Split(pattern, "/")
	for i, seg := range segs {
		if strings.HasPrefix(seg, "{") && seg != "{$}" && i > 0 {
			keys = append(keys, segs[i-1]+"/"+strings.Trim(seg, "{}."))
		}
	}
	return keys
}

// joins are the routes whose success changes who may see the object (a co-owner sees the
// need), so that each request takes an object made for it, like a request that deletes.
var joins = map[string]bool{"POST /needs/{id}/co-owners": true, "POST /api/v1/needs/{id}/co-owners": true,
	// Calling an event off changes it for every request after.
	"POST /events/{id}/call-off": true, "POST /api/v1/events/{id}/cancellation": true}

// request is the method and path of the cell's request to pattern. A request that
// deletes or joins takes an object made for it where the fixture has one (key "…!").
func (c *matrixCell) request(pattern string) (string, string) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "GET", pattern
	}
	switch path {
	case "/{$}":
		return method, "/"
	case "/":
		return method, "/finns-inte"
	case "/api/":
		return method, "/api/v1/finns-inte"
	case "/static/":
		return method, "/static/style.css"
	}
	fresh := method == http.MethodDelete || strings.HasSuffix(path, "/delete") || joins[pattern]
	segs := strings.Split(path, "/")
	last := 0
	for i, seg := range segs {
		if strings.HasPrefix(seg, "{") {
			last = i
		}
	}
	for i, seg := range segs {
		if !strings.HasPrefix(seg, "{") {
			continue
		}
		key := segs[i-1] + "/" + strings.Trim(seg, "{}.")
		fill, ok := c.obj.params[key+"!"]
		if !ok || !fresh || i != last {
			fill, ok = c.obj.params[key]
		}
		if !ok {
			c.t.Fatalf("%s: the fixture %q has no %s", pattern, c.obj.label, key)
		}
		segs[i] = fill(c)
	}
	path = strings.Join(segs, "/")
	if q, ok := queries[pattern]; ok {
		path += "?" + q(c)
	}
	return method, path
}

// forms are the bodies of the routes for which an empty one cannot tell the roles apart.
var forms = map[string]func(c *matrixCell) string{
	// Each role signs in to an account of its own (a wrong password), so that the
	// throttle per account is not what answers.
	"POST /login": func(c *matrixCell) string { return "email=" + url.QueryEscape(c.ownerOf().Email) + "&password=fel" },
	// A co-owner joins for their own organisation.
	"POST /needs/{id}/co-owners":        func(c *matrixCell) string { return "organisation_id=" + c.orgID() },
	"POST /api/v1/needs/{id}/co-owners": func(c *matrixCell) string { return `{"organisation_id": ` + c.orgID() + `}` },
	// An offer is made for an organisation, and what is made in an organisation names it.
	"POST /partner-requests/{id}/offers":        func(c *matrixCell) string { return "organisation_id=" + c.orgID() },
	"POST /api/v1/partner-requests/{id}/offers": inOrgBody,
	"POST /api/v1/needs":                        inOrgBody,
	"POST /api/v1/solutions":                    inOrgBody,
	"POST /api/v1/events":                       inOrgBody,
	"POST /api/v1/projects":                     inOrgBody,
	"POST /api/v1/webhooks":                     inOrgBody,
}

func inOrgBody(c *matrixCell) string { return `{"organisation_id": ` + c.orgID() + `}` }

// queries are the query strings of the routes that need one.
var queries = map[string]func(c *matrixCell) string{
	"GET /applications/new":  func(c *matrixCell) string { return "call=" + c.w.callID },
	"POST /applications/new": func(c *matrixCell) string { return "call=" + c.w.callID },
}

// before prepares what a route reads of the person: a registration, a place in the roulette.
var before = map[string]func(c *matrixCell){
	"GET /api/v1/events/{id}/registration": func(c *matrixCell) {
		if c.role.sees(c.obj) && c.role.signedIn() {
			id := c.obj.params["events/id"](c)
			var eventID int64
			fmt.Sscan(id, &eventID)
			_, err := c.w.s.Register(context.Background(), app.Viewer{UserID: c.role.user.ID, Admin: true}, eventID, app.RegistrationInput{}, time.Now())
			if err != nil && app.ErrorCode(err) != app.Conflict {
				c.t.Fatal(err)
			}
		}
	},
	"POST /roulette/leave":        joinRoulette,
	"DELETE /api/v1/roulette":     joinRoulette,
	"GET /api/v1/roulette":        joinRoulette,
	"POST /hub/check-out":         checkIn,
	"DELETE /api/v1/hub/presence": checkIn,
}

// joinRoulette puts the role in the fika roulette, for its organisation (the region for a
// platform admin, who belongs to none).
func joinRoulette(c *matrixCell) {
	if c.role.signedIn() {
		in := app.RouletteInput{OrgID: c.w.region.ID, Weekdays: []int{2}, Place: "hub"}
		if c.role.org != nil {
			in.OrgID = c.role.org.ID
		}
		if err := in.Normalise(); err != nil {
			c.t.Fatal(err)
		}
		if err := c.w.s.JoinRoulette(context.Background(), c.role.user.ID, in); err != nil {
			c.t.Fatal(err)
		}
	}
}

// checkIn checks the role in at the hub, so that it may check out.
func checkIn(c *matrixCell) {
	if c.role.signedIn() {
		if err := c.w.s.HubCheckIn(context.Background(), c.role.user.ID, 0, time.Now()); err != nil {
			c.t.Fatal(err)
		}
	}
}

// after undoes what a route did to the role: one who accepted an invitation leaves the
// organisation again.
var after = map[string]func(c *matrixCell){
	"POST /invitations/{token}": func(c *matrixCell) {
		if c.role.signedIn() {
			if err := c.w.s.SetRoles(context.Background(), c.w.club.ID, c.role.user.ID, nil); err != nil {
				c.t.Fatal(err)
			}
		}
	},
}

// orgID is the id of the role's organisation; a platform admin names the region.
func (c *matrixCell) orgID() string {
	if c.role.org == nil {
		return fmt.Sprint(c.w.region.ID)
	}
	return fmt.Sprint(c.role.org.ID)
}

// session is the role's session cookie; a request that signs out gets one of its own.
func (c *matrixCell) session(ends bool) string {
	if c.role.session == "" || ends {
		secret, err := c.w.accounts.StartSession(context.Background(), c.role.user.ID)
		if err != nil {
			c.t.Fatal(err)
		}
		if ends {
			return secret
		}
		c.role.session = secret
	}
	return c.role.session
}

// send makes the request as the cell's role would: pages with a session of their own and
// an empty form from the site itself, the API with the role's token and an empty JSON object.
func (c *matrixCell) send(method, path string, form func(*matrixCell) string) (int, string) {
	var body io.Reader
	write := method != http.MethodGet && method != http.MethodHead
	api := strings.HasPrefix(path, "/api/")
	if write {
		b := map[bool]string{true: "{}", false: ""}[api]
		if form != nil {
			b = form(c)
		}
		body = strings.NewReader(b)
	}
	req := httptest.NewRequest(method, path, body)
	if write {
		req.Header.Set("Content-Type", map[bool]string{true: "application/json", false: "application/x-www-form-urlencoded"}[api])
		req.Header.Set("Origin", "http://127.0.0.1")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if c.role.signedIn() {
		if api {
			req.Header.Set("Authorization", "Bearer "+c.role.token)
		} else {
			req.AddCookie(&http.Cookie{Name: "tillsammans_session", Value: c.session(path == "/logout")})
		}
	}
	rec := httptest.NewRecorder()
	c.w.handler.ServeHTTP(rec, req)
	return rec.Code, rec.Header().Get("Location")
}
