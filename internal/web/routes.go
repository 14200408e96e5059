package web

import (
	"github.com/tillsammans/tillsammans/internal/httpx"
)

// Register adds every page to the router. One line per route, so that a newcomer finds the
// handler of any URL here.
func (s *Server) Register(rt *httpx.Router) {
	rt.Handle("GET /{$}", s.page(s.home))
	rt.Handle("/", s.page(s.notFound))
	rt.Handle("GET /static/", staticFiles())
	rt.Handle("GET /lang/{lang}", s.page(s.switchLanguage))

	rt.Handle("GET /signup", s.page(s.signupForm))
	rt.Handle("POST /signup", s.page(s.signup))
	rt.Handle("GET /login", s.page(s.loginForm))
	rt.Handle("POST /login", s.page(s.login))
	rt.Handle("POST /logout", s.page(s.logout))

	rt.Handle("GET /profile", s.page(s.profile))
	rt.Handle("POST /profile", s.page(s.profileSave))
	rt.Handle("POST /profile/password", s.page(s.passwordChange))
	rt.Handle("POST /profile/tokens", s.page(s.tokenCreate))
	rt.Handle("POST /profile/tokens/{id}/delete", s.page(s.tokenDelete))

	rt.Handle("GET /organisations", s.page(s.organisationList))
	rt.Handle("GET /organisations/new", s.page(s.organisationNew))
	rt.Handle("POST /organisations/new", s.page(s.organisationCreate))
	rt.Handle("GET /organisations/{id}", s.page(s.organisationDetail))
	rt.Handle("GET /organisations/{id}/edit", s.page(s.organisationEdit))
	rt.Handle("POST /organisations/{id}/edit", s.page(s.organisationUpdate))
	rt.Handle("GET /organisations/{id}/members", s.page(s.organisationMembers))
	rt.Handle("POST /organisations/{id}/members/{user}", s.page(s.memberRoles))
	rt.Handle("POST /organisations/{id}/invitations", s.page(s.invite))
	rt.Handle("GET /invitations/{token}", s.page(s.invitation))
	rt.Handle("POST /invitations/{token}", s.page(s.invitationAccept))

	rt.Handle("GET /needs", s.page(s.needList))
	rt.Handle("GET /needs/dashboard", s.page(s.needDashboard))
	rt.Handle("GET /needs/new", s.page(s.needNew))
	rt.Handle("POST /needs/new", s.page(s.needCreate))
	rt.Handle("GET /needs/{id}", s.page(s.needDetail))
	rt.Handle("GET /needs/{id}/edit", s.page(s.needEdit))
	rt.Handle("POST /needs/{id}/edit", s.page(s.needUpdate))
	rt.Handle("GET /needs/{id}/export", s.page(s.needExport))
	rt.Handle("GET /needs/{id}/contacts.csv", s.page(s.needContactsCSV))
	rt.Handle("POST /needs/{id}/transitions", s.page(s.needAction(s.needTransition)))
	rt.Handle("POST /needs/{id}/co-owners", s.page(s.needAction(s.needJoin)))
	rt.Handle("POST /needs/{id}/follow", s.page(s.needAction(s.needFollow)))
	rt.Handle("POST /needs/{id}/questions", s.page(s.needAction(s.needAsk)))
	rt.Handle("POST /needs/{id}/questions/{question}/answer", s.page(s.needAction(s.needAnswer)))
	rt.Handle("POST /needs/{id}/comments", s.page(s.needAction(s.needComment)))
	rt.Handle("POST /needs/{id}/contacts", s.page(s.needAction(s.needContact)))
	rt.Handle("POST /needs/{id}/contacts/{contact}", s.page(s.needAction(s.needContactSummary)))
	rt.Handle("POST /needs/{id}/dialogue-summary", s.page(s.needAction(s.needDialogueSummary)))
	rt.Handle("POST /needs/{id}/attachments", httpx.AllowBody(maxUploadBody, s.page(s.needAction(s.needAttach))))
	rt.Handle("GET /needs/{id}/attachments/{attachment}", s.page(s.needAttachmentFile))
	rt.Handle("POST /needs/{id}/attachments/{attachment}/delete", s.page(s.needAction(s.needAttachmentDelete)))
	rt.Handle("GET /notifications", s.page(s.notificationList))

	rt.Handle("GET /admin/users", s.page(s.adminUsers))
	rt.Handle("POST /admin/users/{id}/admin", s.page(s.adminSetAdmin))
	rt.Handle("GET /admin/organisations", s.page(s.adminOrganisations))
	rt.Handle("GET /admin/outbox", s.page(s.adminOutbox))
	rt.Handle("GET /admin/tags", s.page(s.adminTags))
	rt.Handle("POST /admin/tags", s.page(s.adminTagCreate))
	rt.Handle("POST /admin/tags/rename", s.page(s.adminTagRename))
	rt.Handle("POST /admin/tags/merge", s.page(s.adminTagMerge))
}
