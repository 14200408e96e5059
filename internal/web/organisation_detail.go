package web

import (
	"net/http"
	"strconv"

	"github.com/tillsammans/tillsammans/internal/app"
)

// organisationDetail shows an organisation to everyone, and its members to signed-in people.
func (s *Server) organisationDetail(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.organisationFromPath(r)
	if err != nil {
		return err
	}
	var members []app.Membership
	if rq.actor.CanSeeMembers() {
		if members, err = s.store.Members(r.Context(), o.ID); err != nil {
			return err
		}
	}
	v := s.withFlash(w, r, s.view(r, rq, "org.detail_title"))
	v.Heading = o.Name
	v.Data = struct {
		Org       app.Organisation
		Members   []app.Membership
		CanManage bool
	}{o, members, rq.actor.CanManageOrganisation(o.ID)}
	s.render(w, http.StatusOK, "org_detail", v)
	return nil
}

func (s *Server) organisationFromPath(r *http.Request) (app.Organisation, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return app.Organisation{}, app.Errorf(app.NotFound, "err.organisation_not_found")
	}
	return s.store.Organisation(r.Context(), id)
}

// managedOrganisation is the organisation of the path, for those who may manage it.
func (s *Server) managedOrganisation(r *http.Request, rq *request) (app.Organisation, error) {
	o, err := s.organisationFromPath(r)
	if err != nil {
		return o, err
	}
	return o, rq.actor.Require(rq.actor.CanManageOrganisation(o.ID))
}

func pathID(r *http.Request, name string) (int64, error) {
	return strconv.ParseInt(r.PathValue(name), 10, 64)
}
