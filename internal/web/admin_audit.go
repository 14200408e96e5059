package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// auditFilter reads the audit log's filters: actor, object (kind and id), action and a
// range of days (from and to, both included, in the platform's zone). A day that is no
// date is an invalid field.
func auditFilter(q url.Values) (app.AuditFilter, error) {
	id := func(name string) int64 { n, _ := strconv.ParseInt(q.Get(name), 10, 64); return n }
	f := app.AuditFilter{ActorID: id("actor"), ObjectKind: q.Get("kind"), ObjectID: id("object"), Action: q.Get("action"),
		Page: app.Page{Cursor: q.Get("cursor")}}
	bad := app.FieldErrors{}
	for _, d := range []struct {
		name string
		to   *time.Time
		next int
	}{{"from", &f.From, 0}, {"to", &f.To, 1}} {
		if v := q.Get(d.name); v != "" {
			day, err := time.ParseInLocation(time.DateOnly, v, app.Zone(app.DefaultTimeZone))
			if err != nil {
				bad[d.name] = "err.date"
				continue
			}
			*d.to = day.AddDate(0, 0, d.next)
		}
	}
	if len(bad) > 0 {
		return f, bad.Err()
	}
	return f, nil
}

// auditCSV exports the audit log as f narrows it.
func auditCSV(s *Server, w http.ResponseWriter, r *http.Request, filename string, f app.AuditFilter) error {
	return listCSV(s, w, r, filename, []string{"id", "at", "actor_id", "action", "object_kind", "object_id", "org_id", "before", "after"},
		func(cursor string) (app.List[app.AuditEntry], error) {
			f.Page = app.Page{Cursor: cursor, Limit: app.MaxLimit}
			return s.store.AuditLog(r.Context(), f)
		},
		func(e app.AuditEntry) []string {
			return []string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339), strconv.FormatInt(e.ActorID, 10), e.Action,
				e.ObjectKind, strconv.FormatInt(e.ObjectID, 10), strconv.FormatInt(e.OrgID, 10), e.Before, e.After}
		})
}

// adminAudit shows the audit log, newest first, narrowed by its filters.
func (s *Server) adminAudit(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	v := s.view(r, rq, "admin.audit_title")
	list, status, err := s.auditPage(r, v, app.AuditFilter{})
	if err != nil {
		return err
	}
	v.Data = struct {
		List  app.List[app.AuditEntry]
		Query string
	}{list, v.Form.Encode()}
	s.render(w, status, "admin_audit", v)
	return nil
}

// auditPage reads the entries of a page of the audit log as the query's filters and
// scope (the organisation of a registrar's view) narrow them; filters that are not valid
// are put on the form and answered 422 with no entries.
func (s *Server) auditPage(r *http.Request, v *view, scope app.AuditFilter) (app.List[app.AuditEntry], int, error) {
	v.Form = r.URL.Query()
	f, err := auditFilter(v.Form)
	if err != nil {
		return app.List[app.AuditEntry]{Items: []app.AuditEntry{}}, http.StatusUnprocessableEntity, formError(v, err)
	}
	f.OrgID = scope.OrgID
	list, err := s.store.AuditLog(r.Context(), f)
	return list, http.StatusOK, err
}

// adminAuditCSV exports the audit log as the filters narrow it.
func (s *Server) adminAuditCSV(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	f, err := auditFilter(r.URL.Query())
	if err != nil {
		return err
	}
	return auditCSV(s, w, r, "granskningslogg.csv", f)
}
