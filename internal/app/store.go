package app

import (
	"context"
	"time"
)

// Store is everything the application keeps. internal/store implements it over SQLite
// and PostgreSQL. Not-found lookups return a NotFound *Error; a unique violation a Conflict.
type Store interface {
	UserStore
	SessionStore
	TokenStore
	OrganisationStore
	InvitationStore
	MailStore
	SignInThrottle
	NeedStore
	TagStore
	SolutionStore
	SearchStore
	ProposalStore
	WatchStore
	WebhookStore
	JobStore
	ProjectStore
	FundingStore
	EventStore
	RoomStore
	RouletteStore
	BrokerageStore
	// Ready reports an error unless the database answers and its migrations are current.
	Ready(ctx context.Context) error
}

type UserStore interface {
	CreateUser(ctx context.Context, u NewUser, passwordHash string) (User, error)
	User(ctx context.Context, id int64) (User, error)
	// UserCredentials returns the user with this e-mail and their password hash.
	UserCredentials(ctx context.Context, email string) (User, string, error)
	UpdateUser(ctx context.Context, id int64, name, lang string) error
	// SetPassword replaces the hash and ends every session of the user but keepSession.
	SetPassword(ctx context.Context, id int64, passwordHash string, keepSession []byte) error
	SetAdmin(ctx context.Context, id int64, admin bool) error
	ListUsers(ctx context.Context, f UserFilter) (List[User], error)
}

// UserFilter selects users for the admin list.
type UserFilter struct {
	Query string // part of the name or e-mail
	Page
}

type SessionStore interface {
	CreateSession(ctx context.Context, hash []byte, s Session) error
	// SessionUser returns the person of an unexpired session, in one statement.
	// RecentSessionUser is the same read at most maxAge ago, unless this store has
	// committed a change since.
	SessionUser(ctx context.Context, hash []byte, now time.Time) (SignedIn, error)
	RecentSessionUser(ctx context.Context, hash []byte, now time.Time, maxAge time.Duration) (SignedIn, error)
	DeleteSession(ctx context.Context, hash []byte) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error)
	// CreatePasswordReset keeps a reset link's hash unless one was made for the person
	// after since; ResetPassword uses a link: new password, no sessions, no other links.
	CreatePasswordReset(ctx context.Context, userID int64, hash []byte, now, expires, since time.Time) (bool, error)
	ResetPassword(ctx context.Context, hash []byte, passwordHash string, now time.Time) (User, error)
	// PersonalData gathers what is kept about a person; DeletePerson deletes their account
	// and anonymises them in the records that must be kept.
	PersonalData(ctx context.Context, userID int64, now time.Time) (PersonalData, error)
	DeletePerson(ctx context.Context, userID int64) error
	PlatformAdmins(ctx context.Context) ([]User, error)
	// Single sign-on: sign-ins under way, the person an identity provider vouches for,
	// and the organisations that allow no passwords.
	StartOIDCLogin(ctx context.Context, stateHash []byte, l OIDCLogin) error
	TakeOIDCLogin(ctx context.Context, stateHash []byte, now time.Time) (OIDCLogin, error)
	SignInWithIdentity(ctx context.Context, id Identity) (User, error)
	SSOOnly(ctx context.Context, userID int64) (bool, error)
	SetSSOOnly(ctx context.Context, orgID int64, on bool) error
	OrganisationByNumber(ctx context.Context, country, number string) (Organisation, error)
	// The audit log: entries newest first, and a check of the whole hash chain.
	AuditLog(ctx context.Context, f AuditFilter) (List[AuditEntry], error)
	// Record reads an object of kind (RecordKinds) with its metadata and audit history, for
	// a registrar of orgIDs (every organisation when all). NotFound for an object of another
	// organisation.
	Record(ctx context.Context, kind string, id int64, all bool, orgIDs []int64) (Record, error)
	// ChangeClock is the newest entry of a change in the audit log: it moves with every change.
	// RecentChangeClock is the same read at most maxAge ago, unless this store has
	// committed a change since.
	ChangeClock(ctx context.Context) (int64, error)
	RecentChangeClock(ctx context.Context, maxAge time.Duration) (int64, error)
	VerifyAudit(ctx context.Context) (int, error)
	// Two-factor sign-in (TOTP) and the sign-ins that wait for it.
	TOTPSecrets(ctx context.Context, userID int64) (secret, pending string, err error)
	SetPendingTOTP(ctx context.Context, userID int64, secret string) error
	ConfirmTOTP(ctx context.Context, userID, step int64, recovery [][]byte) error
	DisableTOTP(ctx context.Context, userID int64) error
	UseTOTPStep(ctx context.Context, userID, step int64) (bool, error)
	UseRecoveryCode(ctx context.Context, userID int64, hash []byte) (bool, error)
	CreateMFAChallenge(ctx context.Context, hash []byte, userID int64, expires time.Time) error
	MFAChallenge(ctx context.Context, hash []byte, now time.Time, maxFailures int) (int64, error)
	FailMFAChallenge(ctx context.Context, hash []byte) error
	EndMFAChallenge(ctx context.Context, hash []byte) error
}

type TokenStore interface {
	CreateToken(ctx context.Context, t Token, hash []byte) (Token, error)
	// TokenUser returns the owner of a token and marks it used.
	TokenUser(ctx context.Context, hash []byte, now time.Time) (User, error)
	ListTokens(ctx context.Context, userID int64) ([]Token, error)
	DeleteToken(ctx context.Context, userID, tokenID int64) error
}

type OrganisationStore interface {
	// CreateOrganisation makes creatorID (if not 0) its first org_admin.
	CreateOrganisation(ctx context.Context, in OrganisationInput, creatorID int64) (Organisation, error)
	Organisation(ctx context.Context, id int64) (Organisation, error)
	UpdateOrganisation(ctx context.Context, id int64, in OrganisationInput) (Organisation, error)
	ListOrganisations(ctx context.Context, f OrganisationFilter) (List[Organisation], error)
	// OrganisationRefs names every organisation of the given kinds (all kinds when none),
	// in Swedish order, for choices in forms and filters.
	OrganisationRefs(ctx context.Context, kinds ...OrgKind) ([]OrgRef, error)

	Members(ctx context.Context, orgID int64) ([]Membership, error)
	UserMemberships(ctx context.Context, userID int64) ([]Membership, error)
	AddRole(ctx context.Context, orgID, userID int64, role Role) error
	// SetRoles replaces a member's roles; no roles removes the membership. Refuses to
	// leave an organisation that has members without an org_admin.
	SetRoles(ctx context.Context, orgID, userID int64, roles []Role) error
}

type InvitationStore interface {
	CreateInvitation(ctx context.Context, inv Invitation, hash []byte) (Invitation, error)
	Invitation(ctx context.Context, hash []byte) (Invitation, error)
	PendingInvitations(ctx context.Context, orgID int64, now time.Time) ([]Invitation, error)
	// AcceptInvitation gives userID the invited role, once, before the invitation expires.
	AcceptInvitation(ctx context.Context, hash []byte, userID int64, now time.Time) (Invitation, error)
}

type MailStore interface {
	AddMail(ctx context.Context, m Mail) error
	ListMail(ctx context.Context, p Page) (List[Mail], error)
}

// SignInThrottle counts failed sign-ins per account and per IP address.
type SignInThrottle interface {
	RecordSignInFailure(ctx context.Context, email, ip string, at time.Time) error
	// SignInFailures counts failures since a time and returns the oldest of each kind.
	SignInFailures(ctx context.Context, email, ip string, since time.Time) (SignInFailures, error)
	ClearSignInFailures(ctx context.Context, email string) error
}

type SignInFailures struct {
	ByAccount, ByIP         int
	OldestAccount, OldestIP time.Time
}

// NeedStore keeps needs. Every read takes the Viewer and returns only what it may see; a
// need it may not see is NotFound, exactly like one that does not exist.
type NeedStore interface {
	CreateNeed(ctx context.Context, orgID, creatorID int64, in NeedInput) (Need, error)
	Need(ctx context.Context, v Viewer, id int64) (Need, error)
	UpdateNeed(ctx context.Context, id int64, in NeedInput) (Need, error)
	ListNeeds(ctx context.Context, v Viewer, f NeedFilter) (List[Need], error)
	// TransitionNeed moves a need whose state is still from, checking the guards, recording
	// the move and notifying followers. The caller has checked the transition table.
	TransitionNeed(ctx context.Context, id int64, from NeedState, actorID int64, t TransitionInput) (Need, error)
	NeedHistory(ctx context.Context, id int64) ([]NeedTransition, error)
	NeedFigures(ctx context.Context, v Viewer, orgID int64, now time.Time) (NeedFigures, error)

	JoinNeed(ctx context.Context, needID, orgID, userID int64, people, events int) error
	Follow(ctx context.Context, needID, userID int64, follow bool) error
	Following(ctx context.Context, needID, userID int64) (bool, error)

	AskQuestion(ctx context.Context, needID, userID, orgID int64, text string) (Question, error)
	AnswerQuestion(ctx context.Context, needID, questionID, userID int64, answer string) (Question, error)
	// Questions lists answered questions, and the unanswered ones too when all is true
	// (or those asked by askerID).
	Questions(ctx context.Context, needID int64, all bool, askerID int64) ([]Question, error)
	AddComment(ctx context.Context, needID, userID int64, body string) (Comment, error)
	Comments(ctx context.Context, needID int64) ([]Comment, error)
	AddContact(ctx context.Context, c SupplierContact) (SupplierContact, error)
	SetContactSummary(ctx context.Context, needID, contactID int64, summary string, published bool) error
	// Contacts lists the supplier contact log; only the published entries unless all.
	Contacts(ctx context.Context, needID int64, all bool) ([]SupplierContact, error)
	SetDialogueSummary(ctx context.Context, needID int64, summary string, published bool) error

	// AddAttachment records a file whose content is already kept under a.BlobKey.
	AddAttachment(ctx context.Context, a Attachment) (Attachment, error)
	Attachments(ctx context.Context, needID int64) ([]Attachment, error)
	Attachment(ctx context.Context, needID, id int64) (Attachment, error)
	// DeleteAttachment removes the record and returns it, so that the caller can delete its blob.
	DeleteAttachment(ctx context.Context, needID, id int64) (Attachment, error)

	Notifications(ctx context.Context, userID int64, p Page) (List[Notification], error)
	MarkNotificationsRead(ctx context.Context, userID int64, now time.Time) error
}

// SolutionStore keeps solutions. Solutions are public: the caller hides the fields the
// supplier marks as business secret. A ref another solution has is a Conflict.
type SolutionStore interface {
	CreateSolution(ctx context.Context, orgID, creatorID int64, in SolutionInput) (Solution, error)
	Solution(ctx context.Context, id int64) (Solution, error)
	UpdateSolution(ctx context.Context, id int64, in SolutionInput) (Solution, error)
	DeleteSolution(ctx context.Context, id int64) error
	// ListSolutions lists in Swedish order of title, or the newest first.
	ListSolutions(ctx context.Context, f SolutionFilter) (List[Solution], error)
}

// TagStore keeps the shared tag taxonomy. Needs keep the spelling of their tags; the
// taxonomy matches tags regardless of case and spacing. Not-found tags are NotFound, a name
// another tag has already is a Conflict.
type TagStore interface {
	// ListTags lists the curated tags and the free tags needs use, in Swedish order, each
	// with the number of needs using it (any need: for platform admins only).
	ListTags(ctx context.Context) ([]Tag, error)
	// CuratedTags lists the curated tags in Swedish order, without counts: for everyone.
	CuratedTags(ctx context.Context) ([]Tag, error)
	// CreateTag curates a tag, a new one or a free tag needs already use.
	CreateTag(ctx context.Context, in TagInput) (Tag, error)
	// RenameTag respells a tag in the curated list and on every need that has it.
	RenameTag(ctx context.Context, from, to string) (Tag, error)
	// MergeTags gives every need tagged from the tag into instead (once, where it had both)
	// and removes from from the curated list, in one transaction; into stays curated, or
	// becomes so when from was. Merging again changes nothing.
	MergeTags(ctx context.Context, from, into string) (Tag, error)
}

// NeedFigures are the pipeline's numbers over the needs a viewer may see.
type NeedFigures struct {
	// Count is the number of needs in each state.
	Count map[NeedState]int
	// MedianSeconds is the median time needs spent in each state (completed stays).
	MedianSeconds map[NeedState]int64
	// MedianLeadTime is from submission to implementation, over needs that got there.
	MedianLeadTime *int64
	// MedianOpenAge is the median age since submission of the needs still open.
	MedianOpenAge *int64
	Open          int
}

// SearchStore finds and matches records, never one the viewer may not see.
type SearchStore interface {
	Search(ctx context.Context, v Viewer, q SearchQuery) (SearchResult, error)
	// NeedMatches ranks solutions for a need; OrganisationMatches the organisations whose
	// capabilities fit it; SolutionMatches the needs a solution could serve.
	NeedMatches(ctx context.Context, v Viewer, needID int64, limit int) ([]Match, error)
	OrganisationMatches(ctx context.Context, v Viewer, needID int64, limit int) ([]Match, error)
	SolutionMatches(ctx context.Context, v Viewer, solutionID int64, limit int) ([]Match, error)
	// SimilarNeeds ranks the submitted, open needs that resemble text (a need being
	// written), leaving out the need exclude.
	SimilarNeeds(ctx context.Context, v Viewer, text string, exclude int64, limit int) ([]Match, error)
}

// ProposalStore keeps proposals of solutions for needs.
type ProposalStore interface {
	// ProposeSolution records a supplier's proposal and tells the need's followers.
	ProposeSolution(ctx context.Context, needID, userID int64, in ProposalInput) (Proposal, error)
	// DecideProposal records the owning side's decision on a solution for a need, proposed
	// or only suggested, if the move is allowed, and tells the proposer.
	DecideProposal(ctx context.Context, needID, solutionID, userID int64, d ProposalDecision) (Proposal, error)
	// Proposals are a need's proposals: all, or those of solutions of the given
	// organisations only.
	Proposals(ctx context.Context, needID int64, all bool, orgIDs []int64) ([]Proposal, error)
}

// WatchStore keeps saved searches and followed tags and finds what matches them.
type WatchStore interface {
	CreateWatch(ctx context.Context, userID int64, q SearchQuery) (Watch, error)
	Watches(ctx context.Context, userID int64) ([]Watch, error)
	DeleteWatch(ctx context.Context, userID, id int64) error
	// MatchWatches checks a new or changed need or solution against every watch and tells
	// each owner who may see it and was not told of it before; it returns how many it told.
	MatchWatches(ctx context.Context, kind string, id int64) (int, error)
	// UnmailedWatchHits are the hits not yet in a digest, per person; MarkWatchHitsMailed
	// marks a person's hits up to at as mailed.
	UnmailedWatchHits(ctx context.Context) (map[int64][]WatchHit, error)
	MarkWatchHitsMailed(ctx context.Context, userID int64, upTo time.Time, now time.Time) error
}

// ProjectStore keeps projects and their benefit realisation. Every read takes the Viewer:
// a project is seen by the members of its owner and partner organisations, by everyone
// when it is public, and by platform admins; one it may not see is NotFound.
type ProjectStore interface {
	CreateProject(ctx context.Context, orgID, creatorID int64, in ProjectInput) (Project, error)
	Project(ctx context.Context, v Viewer, id int64) (Project, error)
	UpdateProject(ctx context.Context, id int64, in ProjectInput) (Project, error)
	ListProjects(ctx context.Context, v Viewer, f ProjectFilter) (List[Project], error)
	// NeedProjects are the projects a need is linked to, as far as the viewer sees them.
	NeedProjects(ctx context.Context, v Viewer, needID int64) ([]ProjectRef, error)
	DecideProject(ctx context.Context, id, userID int64, d ProjectDecision) (Project, error)

	AddKPI(ctx context.Context, projectID int64, in KPIInput) (KPI, error)
	// KPIs lists a project's KPIs with their measurements, oldest first.
	KPIs(ctx context.Context, projectID int64) ([]KPI, error)
	AddMeasurement(ctx context.Context, projectID, kpiID, userID int64, in MeasurementInput) (Measurement, error)

	// AddProjectPost and ProjectPosts are the project's internal space; the caller checks
	// that the person is a member.
	AddProjectPost(ctx context.Context, projectID, userID int64, body string) (ProjectPost, error)
	ProjectPosts(ctx context.Context, projectID int64) ([]ProjectPost, error)
	// AddProjectFile records a file of the project space whose content is already kept
	// under a.BlobKey; ProjectFiles, ProjectFile and DeleteProjectFile are its reads and its
	// removal (which returns the record, so that the caller can delete its blob). The caller
	// checks that the person is a member.
	AddProjectFile(ctx context.Context, a Attachment) (Attachment, error)
	ProjectFiles(ctx context.Context, projectID int64) ([]Attachment, error)
	ProjectFile(ctx context.Context, projectID, id int64) (Attachment, error)
	DeleteProjectFile(ctx context.Context, projectID, id int64) (Attachment, error)

	// AddAdoption records that an organisation other than the owner took the project's
	// solution into use: Invalid for the owner itself or an unknown organisation, Conflict
	// for a second time. Adoptions lists them, the earliest first.
	AddAdoption(ctx context.Context, projectID, userID int64, in AdoptionInput) (Adoption, error)
	Adoptions(ctx context.Context, projectID int64) ([]Adoption, error)

	// MemberMilestones are the milestones due from the day from (YYYY-MM-DD) on, not
	// cancelled, of the projects whose owner or partner is one of the viewer's organisations.
	MemberMilestones(ctx context.Context, v Viewer, from string) ([]ProjectMilestone, error)
}

// FundingStore keeps funding calls, which are public, and applications, which only their
// partners (and platform admins) see: one the viewer may not see is NotFound.
type FundingStore interface {
	CreateCall(ctx context.Context, creatorID int64, in CallInput) (Call, error)
	Call(ctx context.Context, id int64) (Call, error)
	UpdateCall(ctx context.Context, id int64, in CallInput) (Call, error)
	// ListCalls lists calls, the newest first.
	ListCalls(ctx context.Context, f CallFilter) (List[Call], error)
	// CallRadar ranks the calls still open at now by the tags they share with a need
	// (kind "need") or a project ("project", the tags of its needs and solutions), and says
	// whether they fund its owning organisation. The caller has checked that the viewer
	// sees the need or project.
	CallRadar(ctx context.Context, kind string, id int64, now time.Time, limit int) ([]CallMatch, error)

	CreateApplication(ctx context.Context, creatorID int64, in ApplicationInput) (Application, error)
	Application(ctx context.Context, v Viewer, id int64) (Application, error)
	UpdateApplication(ctx context.Context, id int64, in ApplicationInput) (Application, error)
	// ListApplications lists the applications the viewer sees, newest first; callID 0 for all calls.
	ListApplications(ctx context.Context, v Viewer, callID int64, p Page) (List[Application], error)
	// ApplicationCalls are the calls of the applications the viewer sees (those whose
	// partners include one of the viewer's organisations), with their deadlines.
	ApplicationCalls(ctx context.Context, v Viewer) ([]Call, error)

	// CreatePartnerRequest records that the lead of an application seeks a partner; the
	// caller has checked that the person may change the application.
	CreatePartnerRequest(ctx context.Context, applicationID, userID int64, in PartnerRequestInput) (PartnerRequest, error)
	// PartnerRequest and PartnerRequests are for people signed in (and admins) only: for
	// anyone else a request is NotFound and the list empty. PartnerRequests lists those of a
	// call or of an application (the other 0), the newest first.
	PartnerRequest(ctx context.Context, v Viewer, id int64) (PartnerRequest, error)
	PartnerRequests(ctx context.Context, v Viewer, callID, applicationID int64) ([]PartnerRequest, error)
	// OfferPartnership records an organisation's offer; a second offer of the same
	// organisation, or one from a partner already in the application, is a Conflict.
	OfferPartnership(ctx context.Context, requestID, userID int64, in PartnerOfferInput) (PartnerOffer, error)
	// PartnerOffers lists a request's offers: all, or those of the given organisations only.
	PartnerOffers(ctx context.Context, requestID int64, all bool, orgIDs []int64) ([]PartnerOffer, error)
	// AcceptOffer takes the offering organisation into the application, in the request's
	// role and with no amounts yet, and marks the offer accepted, in one transaction.
	AcceptOffer(ctx context.Context, requestID, offerID int64) (PartnerOffer, error)
}

// EventStore keeps events and registrations. Every read of an event takes the Viewer and
// returns only what it may see (the audience); an event it may not see is NotFound, exactly
// like one that does not exist. A room an event is held in is booked with it.
type EventStore interface {
	CreateEvent(ctx context.Context, orgID, creatorID int64, in EventInput) (Event, error)
	Event(ctx context.Context, v Viewer, id int64) (Event, error)
	UpdateEvent(ctx context.Context, id int64, in EventInput) (Event, error)
	// ListEvents lists the events that have not ended by f.From, soonest first.
	ListEvents(ctx context.Context, v Viewer, f EventFilter) (List[Event], error)
	// CancelEvent calls an event off, frees its room and tells everyone registered or
	// waiting; a cancelled event refuses changes and registrations (Conflict).
	CancelEvent(ctx context.Context, eventID, actorID int64, now time.Time) error
	// AddMaterial keeps a link, or a file whose content is in blob storage, on an event.
	AddMaterial(ctx context.Context, m Material) (Material, error)
	Material(ctx context.Context, eventID, id int64) (Material, error)
	// DeleteMaterial removes a material and returns it, so that its content can be deleted.
	DeleteMaterial(ctx context.Context, eventID, id int64) (Material, error)

	// Register gives the viewer a seat, or the next place on the waiting list when every
	// seat is taken, while registration is open (a Conflict otherwise, or when registered
	// already). Registrations of one event are made one after the other.
	Register(ctx context.Context, v Viewer, eventID int64, in RegistrationInput, now time.Time) (Registration, error)
	// CancelRegistration gives up a person's place; a seat that comes free goes to the first
	// on the waiting list in the same transaction, who is told in the platform and by mail.
	CancelRegistration(ctx context.Context, eventID, userID int64, now time.Time) error
	Registration(ctx context.Context, eventID, userID int64) (Registration, error)
	// Registrations lists the seats in the order they were taken, then the waiting list.
	Registrations(ctx context.Context, eventID int64) ([]Registration, error)
	// CheckIn marks a registered person as arrived (at) or not (nil).
	CheckIn(ctx context.Context, eventID, registrationID int64, at *time.Time) (Registration, error)
	// ClearEventRequests blanks the dietary and accessibility requests of events that
	// ended before before, and returns how many registrations it cleared.
	ClearEventRequests(ctx context.Context, before time.Time) (int64, error)
	// PublishMinutes publishes a dialogue meeting's minutes, once: to its participants, and to
	// all in the need's supplier contact log.
	PublishMinutes(ctx context.Context, eventID, actorID int64, minutes string, now time.Time) error
	// RemindEvents reminds, once, everyone with a seat at an event that starts within
	// ReminderLead of now: a notification, and a mail job each. It returns how many it reminded.
	RemindEvents(ctx context.Context, now time.Time) (int, error)

	// SetCalendarFeed gives a person's own calendar feed a new secret (by its hash); the
	// old address stops working.
	SetCalendarFeed(ctx context.Context, userID int64, hash []byte) error
	// CalendarFeedUser is the owner of the feed with this secret.
	CalendarFeedUser(ctx context.Context, hash []byte) (User, error)
}

// RoomStore keeps the hub's rooms and their bookings, which never overlap: a booking
// that would is a Conflict.
type RoomStore interface {
	CreateRoom(ctx context.Context, in RoomInput) (Room, error)
	// UpdateRoom replaces what a hub manager wrote on a room; its bookings stay.
	UpdateRoom(ctx context.Context, id int64, in RoomInput) (Room, error)
	Room(ctx context.Context, id int64) (Room, error)
	// ListRooms lists rooms in Swedish order of name.
	ListRooms(ctx context.Context) ([]Room, error)
	BookRoom(ctx context.Context, roomID, userID int64, in BookingInput) (Booking, error)
	// BookRoomSeries books every occurrence of a repeated booking, or none: when any
	// overlaps another booking it is a Conflict whose message names the dates.
	BookRoomSeries(ctx context.Context, roomID, userID int64, in BookingInput, frequency string, times []Occurrence) ([]Booking, error)
	// Bookings lists a room's bookings that overlap [from, to), in order of start, as the
	// viewer may see them: everyone sees that the room is taken; what for and by whom only
	// signed-in people, and an event held there only those who may see the event.
	Bookings(ctx context.Context, v Viewer, roomID int64, from, to time.Time) ([]Booking, error)
	Booking(ctx context.Context, roomID, id int64) (Booking, error)
	// DeleteBooking removes a person's booking; an event's booking goes with the event's room.
	DeleteBooking(ctx context.Context, roomID, id int64) error
	// HubCheckIn lists the person as at the hub until the hub's day ends (EndOfHubDay),
	// shown for the organisation orgID (0: none).
	HubCheckIn(ctx context.Context, userID, orgID int64, now time.Time) error
	// HubCheckOut takes the person off the list; NotFound when they were not on it.
	HubCheckOut(ctx context.Context, userID int64) error
	// AtTheHub is who is at the hub now, in the order they came: for signed-in viewers
	// only, anyone else gets an empty list.
	AtTheHub(ctx context.Context, v Viewer, now time.Time) ([]Presence, error)
	// DeleteExpiredPresence deletes the entries of days that ended.
	DeleteExpiredPresence(ctx context.Context, now time.Time) (int64, error)
	RegisterVisitor(ctx context.Context, hostID int64, in VisitorInput, now time.Time) (Visitor, error)
	Visitor(ctx context.Context, id int64) (Visitor, error)
	// Visitors lists the visits of the days from..to (YYYY-MM-DD, included) that the viewer
	// may see: every one for platform admins (the hub's staff), their own for a host.
	Visitors(ctx context.Context, v Viewer, from, to string) ([]Visitor, error)
	DeleteVisitor(ctx context.Context, id int64) error
	// DeleteOldVisitors deletes the visits of days before the one given (YYYY-MM-DD).
	DeleteOldVisitors(ctx context.Context, before string) (int64, error)
	// CancelSeries removes the occurrences of a series that have not ended by now, and
	// says how many.
	CancelSeries(ctx context.Context, roomID, seriesID int64, now time.Time) (int64, error)
}

// RouletteStore keeps the fika roulette: who takes part, and each week's groups.
type RouletteStore interface {
	// JoinRoulette takes a person in, or changes how they take part.
	JoinRoulette(ctx context.Context, userID int64, in RouletteInput) error
	LeaveRoulette(ctx context.Context, userID int64) error
	RouletteEntry(ctx context.Context, userID int64) (RouletteEntry, error)
	// RouletteEntries are everyone taking part who still belongs to the organisation they
	// meet for.
	RouletteEntries(ctx context.Context) ([]RouletteEntry, error)
	// RouletteMet reports the pairs of people who were in a group together since.
	RouletteMet(ctx context.Context, since time.Time) (map[[2]int64]bool, error)
	// SaveRouletteWeek keeps a week's groups and tells each member, once per week: a week
	// paired already is a Conflict.
	SaveRouletteWeek(ctx context.Context, week string, monday time.Time, groups [][]RouletteEntry, now time.Time) error
	// RouletteGroups are the person's groups, the newest first, with their answers.
	RouletteGroups(ctx context.Context, userID int64, limit int) ([]RouletteGroup, error)
	// AnswerRoulette records whether the person's group found something to work on.
	AnswerRoulette(ctx context.Context, groupID, userID int64, found bool, now time.Time) error
	RouletteFigures(ctx context.Context) (RouletteFigures, error)
}

// BrokerageStore keeps the 1:1 meetings of events. No person and no table is ever in two
// accepted meetings of one slot: the database refuses it, and the store answers Conflict.
type BrokerageStore interface {
	// SetBrokerageProfile publishes what a person with a seat at the event offers and seeks;
	// one without a seat is a Conflict.
	SetBrokerageProfile(ctx context.Context, eventID, userID int64, in BrokerageProfileInput) error
	// BrokerageProfiles are the profiles of the people with a seat, in Swedish order of name.
	BrokerageProfiles(ctx context.Context, eventID int64) ([]BrokerageProfile, error)
	// RequestMeeting asks the invitee for a meeting in a slot (the caller checks that the slot
	// exists); both must have published a profile. The invitee is told.
	RequestMeeting(ctx context.Context, eventID int64, slot int, requesterID, inviteeID int64, now time.Time) (Meeting, error)
	// DecideMeeting is the invitee's answer. Accepting gives the meeting the first free of
	// the event's tables in its slot; a slot either person is booked in already, or one
	// without a free table, is a Conflict. The requester is told.
	DecideMeeting(ctx context.Context, eventID, meetingID, inviteeID int64, accept bool, now time.Time) (Meeting, error)
	// Meetings are a person's meetings at an event, in order of slot.
	Meetings(ctx context.Context, eventID, userID int64) ([]Meeting, error)
}
