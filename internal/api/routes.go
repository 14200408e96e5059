package api

import (
	"net/http"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/files"
	"github.com/tillsammans/tillsammans/internal/httpx"
)

// Register adds every endpoint to the router, one line each.
func (s *Server) Register(rt *httpx.Router) {
	rt.Handle("GET /api/v1/openapi.json", openAPIDocument())
	rt.Handle("GET /api/v1/me", s.endpoint(s.me))

	rt.Handle("GET /api/v1/organisations", s.endpoint(s.organisationList))
	rt.Handle("POST /api/v1/organisations", s.endpoint(s.organisationCreate))
	rt.Handle("GET /api/v1/organisations/{id}", s.endpoint(s.organisationGet))
	rt.Handle("PATCH /api/v1/organisations/{id}", s.endpoint(s.organisationUpdate))
	rt.Handle("GET /api/v1/organisations/{id}/members", s.endpoint(s.memberList))
	rt.Handle("PUT /api/v1/organisations/{id}/members/{user}", s.endpoint(s.memberSetRoles))

	rt.Handle("GET /api/v1/needs", s.endpoint(s.needList))
	rt.Handle("POST /api/v1/needs", s.endpoint(s.needCreate))
	rt.Handle("GET /api/v1/needs/{id}", s.endpoint(s.needGet))
	rt.Handle("PATCH /api/v1/needs/{id}", s.endpoint(s.needUpdate))
	rt.Handle("POST /api/v1/needs/{id}/transitions", s.endpoint(s.needTransition))
	rt.Handle("GET /api/v1/needs/{id}/history", s.endpoint(s.needHistory))
	rt.Handle("POST /api/v1/needs/{id}/co-owners", s.endpoint(s.needJoin))
	rt.Handle("GET /api/v1/needs/{id}/questions", s.endpoint(s.questionList))
	rt.Handle("POST /api/v1/needs/{id}/questions", s.endpoint(s.questionAsk))
	rt.Handle("POST /api/v1/needs/{id}/questions/{qid}/answer", s.endpoint(s.questionAnswer))
	rt.Handle("GET /api/v1/needs/{id}/comments", s.endpoint(s.commentList))
	rt.Handle("POST /api/v1/needs/{id}/comments", s.endpoint(s.commentAdd))
	rt.Handle("GET /api/v1/needs/{id}/contacts", s.endpoint(s.contactList))
	rt.Handle("POST /api/v1/needs/{id}/contacts", s.endpoint(s.contactAdd))
	rt.Handle("PATCH /api/v1/needs/{id}/contacts/{cid}", s.endpoint(s.contactUpdate))
	rt.Handle("PUT /api/v1/needs/{id}/dialogue-summary", s.endpoint(s.dialogueSummarySet))
	rt.Handle("GET /api/v1/needs/{id}/export", s.endpoint(s.needExport))
	rt.Handle("GET /api/v1/needs/{id}/record", s.endpoint(s.record(app.KindNeed)))
	rt.Handle("GET /api/v1/solutions/{id}/record", s.endpoint(s.record(app.KindSolution)))
	rt.Handle("GET /api/v1/projects/{id}/record", s.endpoint(s.record(app.KindProject)))
	rt.Handle("GET /api/v1/applications/{id}/record", s.endpoint(s.record(app.KindApplication)))
	rt.Handle("GET /api/v1/events/{id}/record", s.endpoint(s.record(app.KindEvent)))
	rt.Handle("GET /api/v1/partner-requests/{id}/record", s.endpoint(s.record(app.KindPartnerRequest)))
	rt.Handle("GET /api/v1/needs/{id}/matches", s.endpoint(s.matches("err.need_not_found", s.store.NeedMatches)))
	rt.Handle("GET /api/v1/needs/{id}/proposals", s.endpoint(s.proposalList))
	rt.Handle("POST /api/v1/needs/{id}/proposals", s.endpoint(s.proposalCreate))
	rt.Handle("PUT /api/v1/needs/{id}/proposals/{solution}", s.endpoint(s.proposalDecide))
	rt.Handle("GET /api/v1/needs/{id}/calls", s.endpoint(s.callRadar("need")))
	rt.Handle("GET /api/v1/needs/{id}/organisation-matches", s.endpoint(s.matches("err.need_not_found", s.store.OrganisationMatches)))

	rt.Handle("GET /api/v1/solutions", s.endpoint(s.solutionList))
	rt.Handle("POST /api/v1/solutions", s.endpoint(s.solutionCreate))
	rt.Handle("GET /api/v1/solutions/{id}", s.endpoint(s.solutionGet))
	rt.Handle("PATCH /api/v1/solutions/{id}", s.endpoint(s.solutionUpdate))
	rt.Handle("DELETE /api/v1/solutions/{id}", s.endpoint(s.solutionDelete))
	rt.Handle("GET /api/v1/solutions/{id}/matches", s.endpoint(s.matches("err.solution_not_found", s.store.SolutionMatches)))

	rt.Handle("GET /api/v1/events", s.endpoint(s.eventList))
	rt.Handle("POST /api/v1/events", s.endpoint(s.eventCreate))
	rt.Handle("GET /api/v1/events/{id}", s.endpoint(s.eventGet))
	rt.Handle("PATCH /api/v1/events/{id}", s.endpoint(s.eventUpdate))
	rt.Handle("PUT /api/v1/events/{id}/minutes", s.endpoint(s.minutesPublish))
	rt.Handle("POST /api/v1/events/{id}/cancellation", s.endpoint(s.eventCancel))
	rt.Handle("POST /api/v1/events/{id}/materials", s.endpoint(s.materialCreate))
	rt.Handle("GET /api/v1/events/{id}/registrations", s.endpoint(s.registrationList))
	rt.Handle("PUT /api/v1/events/{id}/registrations/{rid}/check-in", s.endpoint(s.registrationCheckIn))
	rt.Handle("GET /api/v1/events/{id}/registration", s.endpoint(s.registrationGet))
	rt.Handle("POST /api/v1/events/{id}/registration", s.endpoint(s.registrationCreate))
	rt.Handle("DELETE /api/v1/events/{id}/registration", s.endpoint(s.registrationDelete))
	rt.Handle("GET /api/v1/events/{id}/brokerage/profiles", s.endpoint(s.brokerageProfiles))
	rt.Handle("PUT /api/v1/events/{id}/brokerage/profile", s.endpoint(s.brokerageProfileSet))
	rt.Handle("GET /api/v1/events/{id}/brokerage/meetings", s.endpoint(s.meetingList))
	rt.Handle("POST /api/v1/events/{id}/brokerage/meetings", s.endpoint(s.meetingRequest))
	rt.Handle("PUT /api/v1/events/{id}/brokerage/meetings/{mid}", s.endpoint(s.meetingDecide))
	rt.Handle("GET /api/v1/roulette", s.endpoint(s.rouletteGet))
	rt.Handle("PUT /api/v1/roulette", s.endpoint(s.rouletteJoin))
	rt.Handle("DELETE /api/v1/roulette", s.endpoint(s.rouletteLeave))
	rt.Handle("GET /api/v1/roulette/groups", s.endpoint(s.rouletteGroups))
	rt.Handle("PUT /api/v1/roulette/groups/{id}/answer", s.endpoint(s.rouletteAnswer))

	rt.Handle("GET /api/v1/rooms", s.endpoint(s.roomList))
	rt.Handle("POST /api/v1/rooms", s.endpoint(s.roomCreate))
	rt.Handle("GET /api/v1/rooms/{id}", s.endpoint(s.roomGet))
	rt.Handle("PUT /api/v1/rooms/{id}", s.endpoint(s.roomReplace))
	rt.Handle("GET /api/v1/rooms/{id}/bookings", s.endpoint(s.bookingList))
	rt.Handle("POST /api/v1/rooms/{id}/bookings", s.endpoint(s.bookingCreate))
	rt.Handle("DELETE /api/v1/rooms/{id}/bookings/{bid}", s.endpoint(s.bookingDelete))
	rt.Handle("POST /api/v1/rooms/{id}/booking-series", s.endpoint(s.bookingSeriesCreate))
	rt.Handle("DELETE /api/v1/rooms/{id}/bookings/{bid}/series", s.endpoint(s.seriesDelete))
	rt.Handle("GET /api/v1/hub/presence", s.endpoint(s.presenceList))
	rt.Handle("PUT /api/v1/hub/presence", s.endpoint(s.presenceSet))
	rt.Handle("DELETE /api/v1/hub/presence", s.endpoint(s.presenceDelete))
	rt.Handle("GET /api/v1/hub/visitors", s.endpoint(s.visitorList))
	rt.Handle("POST /api/v1/hub/visitors", s.endpoint(s.visitorCreate))
	rt.Handle("DELETE /api/v1/hub/visitors/{id}", s.endpoint(s.visitorDelete))
	rt.Handle("GET /api/v1/projects", s.endpoint(s.projectList))
	rt.Handle("POST /api/v1/projects", s.endpoint(s.projectCreate))
	rt.Handle("GET /api/v1/projects/{id}", s.endpoint(s.projectGet))
	rt.Handle("PUT /api/v1/projects/{id}", s.endpoint(s.projectReplace))
	rt.Handle("PUT /api/v1/projects/{id}/decision", s.endpoint(s.projectDecide))
	rt.Handle("GET /api/v1/projects/{id}/kpis", s.endpoint(s.kpiList))
	rt.Handle("POST /api/v1/projects/{id}/kpis", s.endpoint(s.kpiCreate))
	rt.Handle("POST /api/v1/projects/{id}/kpis/{kpi}/measurements", s.endpoint(s.measurementCreate))
	rt.Handle("GET /api/v1/projects/{id}/calls", s.endpoint(s.callRadar("project")))
	rt.Handle("GET /api/v1/projects/{id}/posts", s.endpoint(s.projectPostList))
	rt.Handle("POST /api/v1/projects/{id}/posts", s.endpoint(s.projectPostCreate))
	rt.Handle("GET /api/v1/projects/{id}/files", s.endpoint(s.projectFileList))
	rt.Handle("POST /api/v1/projects/{id}/files", httpx.AllowBody(files.MaxUploadBody, s.endpoint(s.projectFileCreate)))
	rt.Handle("GET /api/v1/projects/{id}/files/{file}", s.endpoint(s.projectFileGet))
	rt.Handle("GET /api/v1/projects/{id}/adoptions", s.endpoint(s.adoptionList))
	rt.Handle("POST /api/v1/projects/{id}/adoptions", s.endpoint(s.adoptionCreate))

	rt.Handle("GET /api/v1/calls", s.endpoint(s.callList))
	rt.Handle("POST /api/v1/calls", s.endpoint(s.callCreate))
	rt.Handle("GET /api/v1/calls/{id}", s.endpoint(s.callGet))
	rt.Handle("PUT /api/v1/calls/{id}", s.endpoint(s.callReplace))
	rt.Handle("GET /api/v1/applications", s.endpoint(s.applicationList))
	rt.Handle("POST /api/v1/applications", s.endpoint(s.applicationCreate))
	rt.Handle("GET /api/v1/applications/{id}", s.endpoint(s.applicationGet))
	rt.Handle("PUT /api/v1/applications/{id}", s.endpoint(s.applicationReplace))
	rt.Handle("GET /api/v1/calls/{id}/partner-requests", s.endpoint(s.callPartnerRequests))
	rt.Handle("POST /api/v1/applications/{id}/partner-requests", s.endpoint(s.partnerRequestCreate))
	rt.Handle("GET /api/v1/partner-requests/{id}", s.endpoint(s.partnerRequestGet))
	rt.Handle("GET /api/v1/partner-requests/{id}/offers", s.endpoint(s.partnerOfferList))
	rt.Handle("POST /api/v1/partner-requests/{id}/offers", s.endpoint(s.partnerOfferCreate))
	rt.Handle("POST /api/v1/partner-requests/{id}/offers/{offer}/accept", s.endpoint(s.partnerOfferAccept))

	rt.Handle("GET /api/v1/search", s.endpoint(s.search))
	rt.Handle("GET /api/v1/watches", s.endpoint(s.watchList))
	rt.Handle("POST /api/v1/watches", s.endpoint(s.watchCreate))
	rt.Handle("DELETE /api/v1/watches/{id}", s.endpoint(s.watchDelete))

	rt.Handle("GET /api/v1/users", s.endpoint(s.userList))
	rt.Handle("POST /api/v1/users", s.endpoint(s.userCreate))
	rt.Handle("GET /api/v1/users/{id}", s.endpoint(s.userGet))

	rt.Handle("GET /api/v1/tags", s.endpoint(s.tagList))
	rt.Handle("POST /api/v1/tags", s.endpoint(s.tagCreate))
	rt.Handle("POST /api/v1/tags/merge", s.endpoint(s.tagMerge))

	rt.Handle("GET /api/v1/webhooks", s.endpoint(s.webhookList))
	rt.Handle("POST /api/v1/webhooks", s.endpoint(s.webhookCreate))
	rt.Handle("GET /api/v1/webhooks/{id}", s.endpoint(s.webhookGet))
	rt.Handle("DELETE /api/v1/webhooks/{id}", s.endpoint(s.webhookDelete))

	rt.Handle("/api/", s.endpoint(func(w http.ResponseWriter, r *http.Request, rq *request) error { return s.notFound(w, r, rt) }))
}

// notFound answers a path no endpoint has with 404, and a known path asked with another
// method with 405 and the methods it takes.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, rt *httpx.Router) error {
	if allowed := rt.Allowed(r, "/api/"); len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		return errMethodNotAllowed
	}
	return errNotFound
}
