package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// InvitationLifetime is how long an invitation link works.
const InvitationLifetime = 14 * 24 * time.Hour

// organisationMembers lets an organisation's administrators change roles and invite people.
func (s *Server) organisationMembers(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.managedOrganisation(r, rq)
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "org.members_page"))
	v.Form.Set("role", string(app.RoleMember))
	return s.renderMembers(w, r, v, o, http.StatusOK)
}

// organisationSSO turns password sign-in off, or on again, for the organisation's staff.
func (s *Server) organisationSSO(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.managedOrganisation(r, rq)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	on := r.PostForm.Get("sso_only") == "on"
	if err := s.store.SetSSOOnly(r.Context(), o.ID, on); err != nil {
		return err
	}
	flash := "org.sso_off"
	if on {
		flash = "org.sso_on"
	}
	return s.redirect(w, r, fmt.Sprintf("/organisations/%d/members", o.ID), flash)
}

func (s *Server) renderMembers(w http.ResponseWriter, r *http.Request, v *view, o app.Organisation, status int) error {
	members, err := s.store.Members(r.Context(), o.ID)
	if err != nil {
		return err
	}
	invs, err := s.store.PendingInvitations(r.Context(), o.ID, time.Now())
	if err != nil {
		return err
	}
	roleOpts := make([]option, len(app.Roles))
	for i, role := range app.Roles {
		roleOpts[i] = option{Value: string(role), Label: v.T("role." + string(role))}
	}
	v.Data = struct {
		Org         app.Organisation
		Members     []app.Membership
		Invitations []app.Invitation
		Roles       []app.Role
		RoleOptions []option
	}{o, members, invs, app.Roles, roleOpts}
	s.render(w, status, "org_members", v)
	return nil
}

// organisationMembersCSV is the members list as a spreadsheet, for those who may see the
// members page.
func (s *Server) organisationMembersCSV(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.managedOrganisation(r, rq)
	if err != nil {
		return err
	}
	t := func(k string) string { return i18n.T(rq.lang, k) }
	header := []string{t("field.name"), t("field.email"), t("field.roles")}
	return listCSV(s, w, r, fmt.Sprintf("medlemmar-%d.csv", o.ID), header, func(string) (app.List[app.Membership], error) {
		members, err := s.store.Members(r.Context(), o.ID)
		return app.List[app.Membership]{Items: members}, err
	}, func(m app.Membership) []string {
		roles := make([]string, len(m.Roles))
		for i, role := range m.Roles {
			roles[i] = string(role)
		}
		return []string{m.User.Name, m.User.Email, labels(rq.lang, "role.", roles)}
	})
}

func (s *Server) memberRoles(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.managedOrganisation(r, rq)
	if err != nil {
		return err
	}
	userID, err := pathID(r, "user")
	if err != nil {
		return app.Errorf(app.NotFound, "err.user_not_found")
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	roles, ok := rolesFromForm(r.PostForm["role"])
	if !ok {
		return app.Errorf(app.Invalid, "err.role")
	}
	if err := s.store.SetRoles(r.Context(), o.ID, userID, roles); err != nil {
		e := app.AsError(err)
		status := map[app.Code]int{app.Conflict: http.StatusConflict, app.Invalid: http.StatusUnprocessableEntity}[e.Code]
		if status == 0 {
			return err
		}
		v := s.view(r, rq, "org.members_page")
		v.Errors["_form"] = e.Message
		if k := e.Fields["role"]; k != "" {
			v.Errors["_form"] = k // a role the organisation may not give
		}
		return s.renderMembers(w, r, v, o, status)
	}
	return s.redirect(w, r, fmt.Sprintf("/organisations/%d/members", o.ID), "form.saved")
}

// invite sends an invitation link by e-mail, in the inviter's language.
func (s *Server) invite(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.managedOrganisation(r, rq)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.view(r, rq, "org.members_page")
	v.Form = r.PostForm
	email, ok := app.NormaliseEmail(r.PostForm.Get("email"))
	if !ok {
		v.Errors["email"] = "err.email"
	}
	role := app.Role(r.PostForm.Get("role"))
	if !role.Valid() {
		v.Errors["role"] = "err.role"
	}
	if len(v.Errors) > 0 {
		return s.renderMembers(w, r, v, o, http.StatusUnprocessableEntity)
	}
	secret, hash := auth.NewSecret("")
	now := time.Now()
	inv, err := s.store.CreateInvitation(r.Context(), app.Invitation{
		Organisation: app.OrgRef{ID: o.ID}, Email: email, Role: role, InvitedBy: app.UserRef{ID: rq.actor.ID},
		CreatedAt: now, ExpiresAt: now.Add(InvitationLifetime),
	}, hash)
	if err != nil {
		return err
	}
	link := s.baseURL.JoinPath("invitations", secret).String()
	err = s.mail.Send(r.Context(), app.Mail{
		To:      email,
		Subject: i18n.T(rq.lang, "mail.invitation_subject", o.Name),
		Body:    i18n.T(rq.lang, "mail.invitation_body", rq.actor.Name, o.Name, i18n.T(rq.lang, "role."+string(inv.Role)), link, InvitationLifetime/(24*time.Hour)),
	})
	if err != nil {
		return err
	}
	return s.redirect(w, r, fmt.Sprintf("/organisations/%d/members", o.ID), "org.invitation_sent")
}
