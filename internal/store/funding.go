package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

const callColumns = `c.id, c.programme, c.funder, c.identifier, c.title, c.url, c.description, c.opens_on, c.currency, c.eligible_countries,
	c.eligible_kinds, c.required_countries, c.min_partners, c.min_countries, c.min_grant, c.max_grant, c.trl_min, c.trl_max,
	c.created_at, c.updated_at FROM calls c `

func scanCall(r scanner) (app.Call, error) {
	var c app.Call
	var countries, kinds, required string
	err := r.Scan(&c.ID, &c.Programme, &c.Funder, &c.Identifier, &c.Title, &c.URL, &c.Description, &c.OpensOn, &c.Currency, &countries,
		&kinds, &required, &c.MinPartners, &c.MinCountries, &c.MinGrant, &c.MaxGrant, &c.TRLMin, &c.TRLMax, &c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return c, err
	}
	for _, l := range []struct {
		text string
		dst  any
	}{{countries, &c.EligibleCountries}, {kinds, &c.EligibleKinds}, {required, &c.RequiredCountries}} {
		if err := json.Unmarshal([]byte(l.text), l.dst); err != nil {
			return c, fmt.Errorf("store: call lists: %w", err)
		}
	}
	return c, nil
}

func (s *Store) CreateCall(ctx context.Context, creatorID int64, in app.CallInput) (app.Call, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		now := time.Now().UTC()
		if err := c.queryRow(ctx, `INSERT INTO calls (programme, title, currency, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, in.Programme, in.Title, in.Currency, nullID(creatorID), now, now).Scan(&id); err != nil {
			return fmt.Errorf("store: create call: %w", err)
		}
		if err := writeCall(ctx, c, id, in, now); err != nil {
			return err
		}
		return auditObject(ctx, c, app.AuditCallCreate, kindCall, id, nil, in)
	})
	if err != nil {
		return app.Call{}, err
	}
	return s.Call(ctx, id)
}

func (s *Store) UpdateCall(ctx context.Context, id int64, in app.CallInput) (app.Call, error) {
	err := s.tx(ctx, func(c conn) error {
		before, err := snapshot(ctx, c, "calls", id)
		if err != nil {
			return notFound(err, "err.call_not_found")
		}
		now := time.Now().UTC()
		if err := writeCall(ctx, c, id, in, now); err != nil {
			return err
		}
		if err := auditObject(ctx, c, app.AuditCallUpdate, kindCall, id, before, in); err != nil {
			return err
		}
		// New deadlines get their reminders; those of deadlines gone are dropped when they run.
		rows, err := c.query(ctx, `SELECT id FROM applications WHERE call_id = ?`, id)
		if err != nil {
			return err
		}
		apps, err := collect(rows, func(r scanner) (int64, error) {
			var x int64
			return x, r.Scan(&x)
		})
		if err != nil {
			return err
		}
		for _, a := range apps {
			if err := deadlineReminders(ctx, c, a, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return app.Call{}, err
	}
	return s.Call(ctx, id)
}

func writeCall(ctx context.Context, c conn, id int64, in app.CallInput, now time.Time) error {
	kinds := make([]string, len(in.EligibleKinds))
	for i, k := range in.EligibleKinds {
		kinds[i] = string(k)
	}
	_, err := c.exec(ctx, `UPDATE calls SET programme = ?, funder = ?, identifier = ?, title = ?, url = ?, description = ?, opens_on = ?,
		currency = ?, eligible_countries = ?, eligible_kinds = ?, required_countries = ?, min_partners = ?, min_countries = ?,
		min_grant = ?, max_grant = ?, trl_min = ?, trl_max = ?, updated_at = ? WHERE id = ?`,
		in.Programme, in.Funder, in.Identifier, in.Title, in.URL, in.Description, in.OpensOn, in.Currency, jsonList(in.EligibleCountries),
		jsonList(kinds), jsonList(in.RequiredCountries), in.MinPartners, in.MinCountries, in.MinGrant, in.MaxGrant, in.TRLMin, in.TRLMax,
		now, id)
	if err != nil {
		return fmt.Errorf("store: write call: %w", err)
	}
	for _, table := range []string{"call_deadlines", "call_rates", "call_tags"} {
		if _, err := c.exec(ctx, `DELETE FROM `+table+` WHERE call_id = ?`, id); err != nil {
			return err
		}
	}
	for i, d := range in.Deadlines {
		if _, err := c.exec(ctx, `INSERT INTO call_deadlines (call_id, position, stage, local_time, time_zone, due_at) VALUES (?, ?, ?, ?, ?, ?)`,
			id, i, d.Stage, d.Local, d.TimeZone, d.At.UTC()); err != nil {
			return err
		}
	}
	for i, t := range in.Tags {
		if _, err := c.exec(ctx, `INSERT INTO call_tags (call_id, position, tag, tag_fold) VALUES (?, ?, ?, ?)`, id, i, t, fold(t)); err != nil {
			return err
		}
	}
	for i, r := range in.Rates {
		if _, err := c.exec(ctx, `INSERT INTO call_rates (call_id, position, country, kind, percent) VALUES (?, ?, ?, ?, ?)`,
			id, i, r.Country, r.Kind, r.Percent); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) Call(ctx context.Context, id int64) (app.Call, error) {
	c, err := scanCall(s.r().queryRow(ctx, `SELECT `+callColumns+`WHERE c.id = ?`, id))
	if err != nil {
		return app.Call{}, notFound(err, "err.call_not_found")
	}
	calls := []app.Call{c}
	if err := s.loadCallLists(ctx, calls); err != nil {
		return app.Call{}, err
	}
	return calls[0], nil
}

func (s *Store) ListCalls(ctx context.Context, f app.CallFilter) (app.List[app.Call], error) {
	f.Page = f.Page.Clamp()
	cur, err := parseCursor(f.Cursor)
	if err != nil {
		return app.List[app.Call]{}, err
	}
	var where []string
	var args []any
	if f.Open {
		where, args = append(where, "EXISTS (SELECT 1 FROM call_deadlines d WHERE d.call_id = c.id AND d.due_at > ?)"), append(args, f.Now.UTC())
	}
	if cur.id > 0 {
		where, args = append(where, "c.id < ?"), append(args, cur.id)
	}
	q := `SELECT ` + callColumns
	if len(where) > 0 {
		q += `WHERE ` + strings.Join(where, " AND ")
	}
	rows, err := s.r().query(ctx, q+` ORDER BY c.id DESC LIMIT ?`, append(args, f.Limit+1)...)
	if err != nil {
		return app.List[app.Call]{}, fmt.Errorf("store: list calls: %w", err)
	}
	items, err := collect(rows, scanCall)
	if err != nil {
		return app.List[app.Call]{}, fmt.Errorf("store: list calls: %w", err)
	}
	l := page(items, f.Limit, func(c app.Call) cursor { return cursor{id: c.ID} })
	return l, s.loadCallLists(ctx, l.Items)
}

// loadCallLists fills the deadlines, funding rates and tags of calls, a query each.
func (s *Store) loadCallLists(ctx context.Context, calls []app.Call) error {
	if len(calls) == 0 {
		return nil
	}
	index := make(map[int64]*app.Call, len(calls))
	ids := make([]any, len(calls))
	for i := range calls {
		index[calls[i].ID], ids[i] = &calls[i], calls[i].ID
		calls[i].Deadlines, calls[i].Rates, calls[i].Tags = []app.Deadline{}, []app.Rate{}, []string{}
	}
	in := "(" + placeholders(len(ids)) + ")"
	var id int64
	err := eachRow(ctx, s.r(), `SELECT call_id, stage, local_time, time_zone, due_at FROM call_deadlines WHERE call_id IN `+in+`
		ORDER BY call_id, due_at, position`, ids, func(r scanner) error {
		var d app.Deadline
		err := r.Scan(&id, &d.Stage, &d.Local, &d.TimeZone, &d.At)
		d.At = d.InZone()
		index[id].Deadlines = append(index[id].Deadlines, d)
		return err
	})
	if err == nil {
		err = eachRow(ctx, s.r(), `SELECT call_id, country, kind, percent FROM call_rates WHERE call_id IN `+in+` ORDER BY call_id, position`, ids,
			func(r scanner) error {
				var x app.Rate
				err := r.Scan(&id, &x.Country, &x.Kind, &x.Percent)
				index[id].Rates = append(index[id].Rates, x)
				return err
			})
	}
	if err == nil {
		err = eachRow(ctx, s.r(), `SELECT call_id, tag FROM call_tags WHERE call_id IN `+in+` ORDER BY call_id, position`, ids, func(r scanner) error {
			var tag string
			err := r.Scan(&id, &tag)
			index[id].Tags = append(index[id].Tags, tag)
			return err
		})
	}
	if err != nil {
		return fmt.Errorf("store: call lists: %w", err)
	}
	return nil
}

func (s *Store) ApplicationCalls(ctx context.Context, v app.Viewer) ([]app.Call, error) {
	vis, args := visibleApplications(v)
	rows, err := s.r().query(ctx, `SELECT `+callColumns+`WHERE c.id IN (SELECT a.call_id FROM applications a WHERE `+vis+`) ORDER BY c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: application calls: %w", err)
	}
	calls, err := collect(rows, scanCall)
	if err != nil {
		return nil, fmt.Errorf("store: application calls: %w", err)
	}
	return calls, s.loadCallLists(ctx, calls)
}

// visibleApplications: an application is seen by the members of its partners only.
func visibleApplications(v app.Viewer) (string, []any) {
	if v.Admin {
		return "1 = 1", nil
	}
	if len(v.OrgIDs) == 0 {
		return "1 = 0", nil
	}
	args := make([]any, len(v.OrgIDs))
	for i, id := range v.OrgIDs {
		args[i] = id
	}
	return "EXISTS (SELECT 1 FROM application_partners ap WHERE ap.application_id = a.id AND ap.org_id IN (" + placeholders(len(args)) + "))", args
}

const applicationColumns = `a.id, c.id, c.title, c.programme, c.currency, a.title, a.summary, a.status, a.trl, COALESCE(u.id, 0), COALESCE(u.name, ''),
	a.created_at, a.updated_at FROM applications a JOIN calls c ON c.id = a.call_id LEFT JOIN users u ON u.id = a.created_by `

func scanApplication(r scanner) (app.Application, error) {
	var a app.Application
	err := r.Scan(&a.ID, &a.Call.ID, &a.Call.Title, &a.Call.Programme, &a.Call.Currency, &a.Title, &a.Summary, &a.Status, &a.TRL,
		&a.CreatedBy.ID, &a.CreatedBy.Name, &a.CreatedAt, &a.UpdatedAt)
	return a, err
}

func (s *Store) CreateApplication(ctx context.Context, creatorID int64, in app.ApplicationInput) (app.Application, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		now := time.Now().UTC()
		err := c.queryRow(ctx, `INSERT INTO applications (call_id, title, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			RETURNING id`, in.CallID, in.Title, in.Status, nullID(creatorID), now, now).Scan(&id)
		if err != nil {
			if c.d.isForeignKey(err) {
				return app.FieldErrors{"call_id": "err.call_not_found"}.Err()
			}
			return fmt.Errorf("store: create application: %w", err)
		}
		if err := writeApplication(ctx, c, id, in, now); err != nil {
			return err
		}
		if err := auditObject(ctx, c, app.AuditApplicationCreate, kindApplication, id, nil, in); err != nil {
			return err
		}
		return deadlineReminders(ctx, c, id, now)
	})
	if err != nil {
		return app.Application{}, err
	}
	return s.application(ctx, app.Viewer{Admin: true}, id)
}

func (s *Store) UpdateApplication(ctx context.Context, id int64, in app.ApplicationInput) (app.Application, error) {
	err := s.tx(ctx, func(c conn) error {
		var callID int64
		if err := c.queryRow(ctx, `SELECT call_id FROM applications WHERE id = ?`, id).Scan(&callID); err != nil {
			return notFound(err, "err.application_not_found")
		}
		if callID != in.CallID {
			return app.FieldErrors{"call_id": "err.call_fixed"}.Err()
		}
		before, err := snapshot(ctx, c, "applications", id)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		if err := writeApplication(ctx, c, id, in, now); err != nil {
			return err
		}
		if err := auditObject(ctx, c, app.AuditApplicationUpdate, kindApplication, id, before, in); err != nil {
			return err
		}
		return deadlineReminders(ctx, c, id, now)
	})
	if err != nil {
		return app.Application{}, err
	}
	return s.application(ctx, app.Viewer{Admin: true}, id)
}

func writeApplication(ctx context.Context, c conn, id int64, in app.ApplicationInput, now time.Time) error {
	if _, err := c.exec(ctx, `UPDATE applications SET title = ?, summary = ?, status = ?, trl = ?, updated_at = ? WHERE id = ?`,
		in.Title, in.Summary, in.Status, in.TRL, now, id); err != nil {
		return fmt.Errorf("store: write application: %w", err)
	}
	if _, err := c.exec(ctx, `DELETE FROM application_partners WHERE application_id = ?`, id); err != nil {
		return err
	}
	for i, p := range in.Partners {
		_, err := c.exec(ctx, `INSERT INTO application_partners (application_id, org_id, position, role, budget_amount, budget_currency,
			grant_amount, grant_currency, cofinancing_amount, cofinancing_currency, cofinancing_source, cofinancing_confirmed)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, p.OrganisationID, i, p.Role, p.Budget.Amount, p.Budget.Currency,
			p.Grant.Amount, p.Grant.Currency, p.CoFinancing.Amount, p.CoFinancing.Currency, p.CoFinancingSource, p.CoFinancingConfirmed)
		if err != nil {
			if c.d.isForeignKey(err) {
				return app.FieldErrors{"partners": "err.organisation_not_found"}.Err()
			}
			return err
		}
	}
	return nil
}

// Application reads an application as v may see it. Applications are sensitive material:
// a person's read is recorded in the audit log; the platform's own (a job's) is not.
func (s *Store) Application(ctx context.Context, v app.Viewer, id int64) (app.Application, error) {
	a, err := s.application(ctx, v, id)
	if err != nil || app.ActorFrom(ctx) == 0 {
		return a, err
	}
	var orgID int64
	if lead := a.Lead(); lead != nil {
		orgID = lead.Organisation.ID
	}
	if err := s.tx(ctx, func(c conn) error {
		return audit(ctx, c, app.AuditApplicationRead, kindApplication, id, orgID, nil, nil)
	}); err != nil {
		return app.Application{}, err
	}
	return a, nil
}

func (s *Store) application(ctx context.Context, v app.Viewer, id int64) (app.Application, error) {
	vis, args := visibleApplications(v)
	a, err := scanApplication(s.r().queryRow(ctx, `SELECT `+applicationColumns+`WHERE a.id = ? AND `+vis, append([]any{id}, args...)...))
	if err != nil {
		return app.Application{}, notFound(err, "err.application_not_found")
	}
	list := []app.Application{a}
	if err := s.loadApplicationPartners(ctx, list); err != nil {
		return app.Application{}, err
	}
	return list[0], nil
}

func (s *Store) ListApplications(ctx context.Context, v app.Viewer, callID int64, p app.Page) (app.List[app.Application], error) {
	p = p.Clamp()
	cur, err := parseCursor(p.Cursor)
	if err != nil {
		return app.List[app.Application]{}, err
	}
	vis, args := visibleApplications(v)
	where := []string{vis}
	if callID != 0 {
		where, args = append(where, "a.call_id = ?"), append(args, callID)
	}
	if cur.id > 0 {
		where, args = append(where, "a.id < ?"), append(args, cur.id)
	}
	rows, err := s.r().query(ctx, `SELECT `+applicationColumns+`WHERE `+strings.Join(where, " AND ")+` ORDER BY a.id DESC LIMIT ?`,
		append(args, p.Limit+1)...)
	if err != nil {
		return app.List[app.Application]{}, fmt.Errorf("store: list applications: %w", err)
	}
	items, err := collect(rows, scanApplication)
	if err != nil {
		return app.List[app.Application]{}, fmt.Errorf("store: list applications: %w", err)
	}
	l := page(items, p.Limit, func(a app.Application) cursor { return cursor{id: a.ID} })
	return l, s.loadApplicationPartners(ctx, l.Items)
}

func (s *Store) loadApplicationPartners(ctx context.Context, list []app.Application) error {
	if len(list) == 0 {
		return nil
	}
	index := make(map[int64]*app.Application, len(list))
	ids := make([]any, len(list))
	for i := range list {
		index[list[i].ID], ids[i] = &list[i], list[i].ID
		list[i].Partners = []app.ApplicationPartner{}
	}
	err := eachRow(ctx, s.r(), `SELECT x.application_id, o.id, o.name, o.kind, o.country, x.role, x.budget_amount, x.budget_currency,
			x.grant_amount, x.grant_currency, x.cofinancing_amount, x.cofinancing_currency, x.cofinancing_source, x.cofinancing_confirmed
		FROM application_partners x JOIN organisations o ON o.id = x.org_id
		WHERE x.application_id IN (`+placeholders(len(ids))+`) ORDER BY x.application_id, x.position`, ids, func(r scanner) error {
		var id int64
		var p app.ApplicationPartner
		err := r.Scan(&id, &p.Organisation.ID, &p.Organisation.Name, &p.Organisation.Kind, &p.Country, &p.Role, &p.Budget.Amount,
			&p.Budget.Currency, &p.Grant.Amount, &p.Grant.Currency, &p.CoFinancing.Amount, &p.CoFinancing.Currency, &p.CoFinancingSource,
			&p.CoFinancingConfirmed)
		index[id].Partners = append(index[id].Partners, p)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: application partners: %w", err)
	}
	return nil
}

// radarTopics are the folded tags a need or a project is about, by kind.
var radarTopics = map[string]struct{ topic, owner string }{
	"need": {`SELECT tag_fold FROM need_tags WHERE need_id = ?`,
		`SELECT o.country, o.kind FROM needs n JOIN organisations o ON o.id = n.org_id WHERE n.id = ?`},
	"project": {`SELECT t.tag_fold FROM need_tags t JOIN project_needs x ON x.need_id = t.need_id WHERE x.project_id = ?
		UNION SELECT t.tag_fold FROM solution_tags t JOIN project_solutions x ON x.solution_id = t.solution_id WHERE x.project_id = ?`,
		`SELECT o.country, o.kind FROM projects p JOIN organisations o ON o.id = p.org_id WHERE p.id = ?`},
}

func (s *Store) CallRadar(ctx context.Context, kind string, id int64, now time.Time, limit int) ([]app.CallMatch, error) {
	if kind != "need" {
		return s.callRadar(ctx, kind, id, now, limit)
	}
	// A need's radar is kept (need_matches.go) until a call or the need changes, or the
	// next deadline of any call passes.
	return kept(ctx, s, id, kindCall, now, limit, func(limit int) (found[app.CallMatch], error) {
		f := found[app.CallMatch]{expires: now.Add(keptMaxAge)}
		var next time.Time
		err := s.r().queryRow(ctx, `SELECT due_at FROM call_deadlines WHERE due_at > ? ORDER BY due_at LIMIT 1`, now.UTC()).Scan(&next)
		switch {
		case err == nil && next.Before(f.expires):
			f.expires = next
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			return f, fmt.Errorf("store: call radar: %w", err)
		}
		f.list, err = s.callRadar(ctx, kind, id, now, limit)
		return f, err
	})
}

func (s *Store) callRadar(ctx context.Context, kind string, id int64, now time.Time, limit int) ([]app.CallMatch, error) {
	q, ok := radarTopics[kind]
	if !ok {
		return nil, fmt.Errorf("store: call radar for %q", kind)
	}
	var country string
	var orgKind app.OrgKind
	if err := s.r().queryRow(ctx, q.owner, id).Scan(&country, &orgKind); err != nil {
		return nil, notFound(err, "err."+kind+"_not_found")
	}
	args := make([]any, strings.Count(q.topic, "?"))
	for i := range args {
		args[i] = id
	}
	// The open calls that share the most tags, among equals the newest; then the tags
	// they share, for those few only.
	rows, err := s.r().query(ctx, `SELECT ct.call_id FROM call_tags ct
		WHERE ct.tag_fold IN (`+q.topic+`) AND EXISTS (SELECT 1 FROM call_deadlines d WHERE d.call_id = ct.call_id AND d.due_at > ?)
		GROUP BY ct.call_id ORDER BY count(*) DESC, ct.call_id DESC LIMIT ?`, append(args, now.UTC(), limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: call radar: %w", err)
	}
	order, err := collect(rows, scanID)
	if err != nil || len(order) == 0 {
		return []app.CallMatch{}, err
	}
	ids := make([]any, len(order))
	for i, x := range order {
		ids[i] = x
	}
	shared := map[int64][]string{}
	err = eachRow(ctx, s.r(), `SELECT ct.call_id, ct.tag FROM call_tags ct
		WHERE ct.call_id IN (`+placeholders(len(ids))+`) AND ct.tag_fold IN (`+q.topic+`) ORDER BY ct.call_id, ct.position`,
		append(slices.Clone(ids), args...), func(r scanner) error {
			var callID int64
			var tag string
			err := r.Scan(&callID, &tag)
			shared[callID] = append(shared[callID], tag)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store: call radar: %w", err)
	}
	rows, err = s.r().query(ctx, `SELECT `+callColumns+`WHERE c.id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("store: call radar: %w", err)
	}
	calls, err := collect(rows, scanCall)
	if err != nil {
		return nil, err
	}
	if err := s.loadCallLists(ctx, calls); err != nil {
		return nil, err
	}
	out := make([]app.CallMatch, len(order))
	for _, c := range calls {
		i := slices.Index(order, c.ID)
		out[i] = app.CallMatch{Call: c, Shared: shared[c.ID], Eligible: c.Eligible(country, orgKind)}
	}
	return out, nil
}
