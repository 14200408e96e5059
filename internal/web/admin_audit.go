package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// auditFilter reads the audit log's filters: actor, object (kind and id) and action.
func auditFilter(q url.Values) app.AuditFilter {
	id := func(name string) int64 { n, _ := strconv.ParseInt(q.Get(name), 10, 64); return n }
	return app.AuditFilter{ActorID: id("actor"), ObjectKind: q.Get("kind"), ObjectID: id("object"), Action: q.Get("action")}
}

// adminAudit shows the audit log, newest first, narrowed by its filters.
func (s *Server) adminAudit(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	q := r.URL.Query()
	f := auditFilter(q)
	f.Cursor = q.Get("cursor")
	list, err := s.store.AuditLog(r.Context(), f)
	if err != nil {
		return err
	}
	v := s.view(r, rq, "admin.audit_title")
	v.Form = q
	v.Data = struct {
		List  app.List[app.AuditEntry]
		Query string
	}{list, q.Encode()}
	s.render(w, http.StatusOK, "admin_audit", v)
	return nil
}

// adminAuditCSV exports the audit log as the filters narrow it.
func (s *Server) adminAuditCSV(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	f := auditFilter(r.URL.Query())
	return listCSV(s, w, r, "granskningslogg.csv", []string{"id", "at", "actor_id", "action", "object_kind", "object_id", "org_id", "before", "after"},
		func(cursor string) (app.List[app.AuditEntry], error) {
			f.Page = app.Page{Cursor: cursor, Limit: app.MaxLimit}
			return s.store.AuditLog(r.Context(), f)
		},
		func(e app.AuditEntry) []string {
			return []string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339), strconv.FormatInt(e.ActorID, 10), e.Action,
				e.ObjectKind, strconv.FormatInt(e.ObjectID, 10), strconv.FormatInt(e.OrgID, 10), e.Before, e.After}
		})
}
