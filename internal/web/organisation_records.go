package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// recordPaths are the first segments of the paths of the kinds that have a record
// (routes.go: GET /{segment}/{id}/record).
var recordPaths = map[string]string{app.KindNeed: "needs", app.KindSolution: "solutions", app.KindProject: "projects",
	app.KindApplication: "applications", app.KindEvent: "events", app.KindPartnerRequest: "partner-requests"}

// keptOrganisation is the organisation of the path, for its registrars (and platform admins).
func (s *Server) keptOrganisation(r *http.Request, rq *request) (app.Organisation, error) {
	o, err := s.organisationFromPath(r)
	if err != nil {
		return o, err
	}
	return o, rq.actor.Require(rq.actor.CanKeepRecords(o.ID))
}

// organisationAudit shows a registrar the audit log of their organisation's objects,
// narrowed by actor, action, kind of object and days.
func (s *Server) organisationAudit(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.keptOrganisation(r, rq)
	if err != nil {
		return err
	}
	v := s.view(r, rq, "records.audit_title")
	list, status, err := s.auditPage(r, v, app.AuditFilter{OrgID: o.ID})
	if err != nil {
		return err
	}
	v.Heading = o.Name
	v.Data = struct {
		Organisation app.Organisation
		List         app.List[app.AuditEntry]
		Query        string
		Actions      []string
		Kinds        []string
	}{o, list, v.Form.Encode(), app.AuditActions, app.RecordKinds}
	s.render(w, status, "organisation_audit", v)
	return nil
}

// organisationAuditCSV exports what organisationAudit shows, over all its pages.
func (s *Server) organisationAuditCSV(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.keptOrganisation(r, rq)
	if err != nil {
		return err
	}
	f, err := auditFilter(r.URL.Query())
	if err != nil {
		return err
	}
	f.OrgID = o.ID
	return auditCSV(s, w, r, fmt.Sprintf("granskningslogg-%d.csv", o.ID), f)
}

// record is the printable record of an object of kind for diarieföring: one handler for
// every kind a registrar exports (app.RecordKinds); the API serves the same as JSON.
func (s *Server) record(kind string) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		all, orgIDs := rq.actor.RecordScope()
		if err := rq.actor.Require(all || len(orgIDs) > 0); err != nil {
			return err
		}
		id, err := pathID(r, "id")
		if err != nil {
			return app.Errorf(app.NotFound, "err.record_not_found")
		}
		rec, err := s.store.Record(r.Context(), kind, id, all, orgIDs)
		if err != nil {
			return err
		}
		v := s.view(r, rq, "records.record_title")
		v.Heading = rec.Title
		v.Data = struct {
			Record     app.Record
			ExportedAt time.Time
			JSON       string
		}{rec, time.Now(), fmt.Sprintf("/api/v1%s", r.URL.Path)}
		s.render(w, http.StatusOK, "record", v)
		return nil
	}
}
