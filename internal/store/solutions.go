package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

const solutionColumns = `s.id, s.ref, s.org_id, o.name, o.kind, COALESCE(s.created_by, 0), COALESCE(cb.name, ''), s.title, s.description,
	s.type, s.target_groups, s.trl, s.deployment, s.medical_device, s.mdr_class, s.ce_marked, s.interoperability, s.hosting,
	s.data_location, s.accessibility, s.identity_support, s.evidence, s.references_text, s.secret_fields, s.created_at, s.updated_at`

const solutionFrom = ` FROM solutions s JOIN organisations o ON o.id = s.org_id LEFT JOIN users cb ON cb.id = s.created_by `

func scanSolution(r scanner) (app.Solution, error) {
	var s app.Solution
	var groups, interop, ident, secret string
	err := r.Scan(&s.ID, &s.Ref, &s.Organisation.ID, &s.Organisation.Name, &s.Organisation.Kind, &s.CreatedBy.ID, &s.CreatedBy.Name,
		&s.Title, &s.Description, &s.Type, &groups, &s.TRL, &s.Deployment, &s.MedicalDevice, &s.MDRClass, &s.CEMarked, &interop,
		&s.Hosting, &s.DataLocation, &s.Accessibility, &ident, &s.Evidence, &s.References, &secret, &s.CreatedAt, &s.UpdatedAt)
	if err != nil {
		return s, err
	}
	for _, l := range []struct {
		text string
		dst  *[]string
	}{{groups, &s.TargetGroups}, {interop, &s.Interoperability}, {ident, &s.IdentitySupport}, {secret, &s.SecretFields}} {
		if err := json.Unmarshal([]byte(l.text), l.dst); err != nil {
			return s, fmt.Errorf("store: solution lists: %w", err)
		}
		if *l.dst == nil {
			*l.dst = []string{}
		}
	}
	return s, nil
}

func jsonList(l []string) string {
	if l == nil {
		l = []string{}
	}
	b, _ := json.Marshal(l)
	return string(b)
}

func (s *Store) CreateSolution(ctx context.Context, orgID, creatorID int64, in app.SolutionInput) (app.Solution, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		now := time.Now().UTC()
		err := c.queryRow(ctx, `INSERT INTO solutions (org_id, created_by, title, sort_key, type, trl, deployment, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			orgID, nullID(creatorID), in.Title, sortKey(in.Title), in.Type, in.TRL, in.Deployment, now, now).Scan(&id)
		if err != nil {
			if c.d.isForeignKey(err) {
				return app.FieldErrors{"organisation_id": "err.organisation_not_found"}.Err()
			}
			return fmt.Errorf("store: create solution: %w", err)
		}
		if err := writeSolution(ctx, c, id, in, now); err != nil {
			return err
		}
		if err := audit(ctx, c, app.AuditSolutionCreate, kindSolution, id, orgID, nil, in); err != nil {
			return err
		}
		return solutionWebhooks(ctx, c, id)
	})
	if err != nil {
		return app.Solution{}, err
	}
	return s.Solution(ctx, id)
}

func (s *Store) UpdateSolution(ctx context.Context, id int64, in app.SolutionInput) (app.Solution, error) {
	err := s.tx(ctx, func(c conn) error {
		var orgID int64
		if err := c.queryRow(ctx, `SELECT org_id FROM solutions WHERE id = ?`, id).Scan(&orgID); err != nil {
			return notFound(err, "err.solution_not_found")
		}
		// Before is the after of the entry that made or last changed the solution.
		if err := audit(ctx, c, app.AuditSolutionUpdate, kindSolution, id, orgID, nil, in); err != nil {
			return err
		}
		return writeSolution(ctx, c, id, in, time.Now().UTC())
	})
	if err != nil {
		return app.Solution{}, err
	}
	return s.Solution(ctx, id)
}

// writeSolution sets everything a supplier writes on a solution, replacing its lists.
func writeSolution(ctx context.Context, c conn, id int64, in app.SolutionInput, now time.Time) error {
	_, err := c.exec(ctx, `
		UPDATE solutions SET ref = ?, title = ?, sort_key = ?, description = ?, type = ?, target_groups = ?, trl = ?, deployment = ?,
			medical_device = ?, mdr_class = ?, ce_marked = ?, interoperability = ?, hosting = ?, data_location = ?, accessibility = ?,
			identity_support = ?, evidence = ?, references_text = ?, secret_fields = ?, updated_at = ?
		WHERE id = ?`,
		in.Ref, in.Title, sortKey(in.Title), in.Description, in.Type, jsonList(in.TargetGroups), in.TRL, in.Deployment,
		in.MedicalDevice, in.MDRClass, in.CEMarked, jsonList(in.Interoperability), in.Hosting, in.DataLocation, in.Accessibility,
		jsonList(in.IdentitySupport), in.Evidence, in.References, jsonList(in.SecretFields), now, id)
	if err != nil {
		if c.d.isUnique(err) {
			return c.d.conflict(err, "ref", "err.ref_taken")
		}
		return fmt.Errorf("store: update solution: %w", err)
	}
	for _, table := range []string{"solution_care_settings", "solution_tags"} {
		if _, err := c.exec(ctx, `DELETE FROM `+table+` WHERE solution_id = ?`, id); err != nil {
			return err
		}
	}
	for _, cs := range in.CareSettings {
		if _, err := c.exec(ctx, `INSERT INTO solution_care_settings (solution_id, setting) VALUES (?, ?)`, id, cs); err != nil {
			return err
		}
	}
	for i, t := range in.Tags {
		if _, err := c.exec(ctx, `INSERT INTO solution_tags (solution_id, position, tag, tag_fold) VALUES (?, ?, ?, ?)`, id, i, t, fold(t)); err != nil {
			return err
		}
	}
	if err := indexDoc(ctx, c, kindSolution, id, solutionRecord(in)); err != nil {
		return err
	}
	return watchJob(ctx, c, kindSolution, id, now)
}

func (s *Store) DeleteSolution(ctx context.Context, id int64) error {
	return s.tx(ctx, func(c conn) error {
		for _, table := range []string{"solution_care_settings", "solution_tags"} {
			if _, err := c.exec(ctx, `DELETE FROM `+table+` WHERE solution_id = ?`, id); err != nil {
				return err
			}
		}
		if err := unindexDoc(ctx, c, kindSolution, id); err != nil {
			return err
		}
		var orgID int64
		if err := c.queryRow(ctx, `DELETE FROM solutions WHERE id = ? RETURNING org_id`, id).Scan(&orgID); err != nil {
			return notFound(err, "err.solution_not_found")
		}
		return audit(ctx, c, app.AuditSolutionDelete, kindSolution, id, orgID, nil, nil)
	})
}

func (s *Store) Solution(ctx context.Context, id int64) (app.Solution, error) {
	sol, err := scanSolution(s.r().queryRow(ctx, `SELECT `+solutionColumns+solutionFrom+`WHERE s.id = ?`, id))
	if err != nil {
		return app.Solution{}, notFound(err, "err.solution_not_found")
	}
	list := []app.Solution{sol}
	if err := s.loadSolutionLists(ctx, list); err != nil {
		return app.Solution{}, err
	}
	return list[0], nil
}

func (s *Store) loadSolutionLists(ctx context.Context, sols []app.Solution) error {
	if len(sols) == 0 {
		return nil
	}
	index := make(map[int64]*app.Solution, len(sols))
	ids := make([]any, len(sols))
	for i := range sols {
		x := &sols[i]
		index[x.ID], ids[i] = x, x.ID
		x.CareSettings, x.Tags = []string{}, []string{}
	}
	in := "(" + placeholders(len(ids)) + ")"
	for _, q := range []struct {
		query string
		dst   func(*app.Solution) *[]string
	}{
		{`SELECT solution_id, setting FROM solution_care_settings WHERE solution_id IN ` + in + ` ORDER BY solution_id, setting`,
			func(x *app.Solution) *[]string { return &x.CareSettings }},
		{`SELECT solution_id, tag FROM solution_tags WHERE solution_id IN ` + in + ` ORDER BY solution_id, position`,
			func(x *app.Solution) *[]string { return &x.Tags }},
	} {
		rows, err := s.r().query(ctx, q.query, ids...)
		if err != nil {
			return fmt.Errorf("store: solution lists: %w", err)
		}
		for rows.Next() {
			var id int64
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return err
			}
			d := q.dst(index[id])
			*d = append(*d, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) ListSolutions(ctx context.Context, f app.SolutionFilter) (app.List[app.Solution], error) {
	f.Page = f.Page.Clamp()
	order, after := "s.sort_key, s.id", "(s.sort_key > ? OR (s.sort_key = ? AND s.id > ?))"
	key := func(x app.Solution) cursor { return cursor{sortKey(x.Title), x.ID} }
	switch f.Sort {
	case "", "title":
	case "newest":
		order, after = "s.id DESC", "s.id < ?"
		key = func(x app.Solution) cursor { return cursor{id: x.ID} }
	default:
		return app.List[app.Solution]{}, app.FieldErrors{"sort": "err.sort"}.Err()
	}
	cur, err := parseCursor(f.Cursor)
	if err != nil {
		return app.List[app.Solution]{}, err
	}
	where := []string{"1 = 1"}
	var args []any
	if f.Type != "" {
		where = append(where, "s.type = ?")
		args = append(args, f.Type)
	}
	if f.CareSetting != "" {
		where = append(where, "EXISTS (SELECT 1 FROM solution_care_settings cs WHERE cs.solution_id = s.id AND cs.setting = ?)")
		args = append(args, f.CareSetting)
	}
	if f.Tag != "" {
		where = append(where, "EXISTS (SELECT 1 FROM solution_tags t WHERE t.solution_id = s.id AND t.tag_fold = ?)")
		args = append(args, fold(f.Tag))
	}
	if f.TRLMin > 0 {
		where = append(where, "s.trl >= ?")
		args = append(args, f.TRLMin)
	}
	if f.OrgID != 0 {
		where = append(where, "s.org_id = ?")
		args = append(args, f.OrgID)
	}
	if f.Ref != "" {
		where = append(where, "s.ref = ?")
		args = append(args, f.Ref)
	}
	if cur.id > 0 {
		where = append(where, after)
		if f.Sort == "newest" {
			args = append(args, cur.id)
		} else {
			args = append(args, cur.key, cur.key, cur.id)
		}
	}
	rows, err := s.r().query(ctx, `SELECT `+solutionColumns+solutionFrom+`WHERE `+strings.Join(where, " AND ")+` ORDER BY `+order+` LIMIT ?`,
		append(args, f.Limit+1)...)
	if err != nil {
		return app.List[app.Solution]{}, fmt.Errorf("store: list solutions: %w", err)
	}
	sols, err := collect(rows, scanSolution)
	if err != nil {
		return app.List[app.Solution]{}, fmt.Errorf("store: list solutions: %w", err)
	}
	l := page(sols, f.Limit, key)
	return l, s.loadSolutionLists(ctx, l.Items)
}
