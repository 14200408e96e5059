package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// visibleProjects is the one predicate that decides which projects a viewer sees: public
// projects, and those whose owner or partners the viewer belongs to. Every read of
// projects goes through it.
func visibleProjects(v app.Viewer) (string, []any) {
	if v.Admin {
		return "1 = 1", nil
	}
	parts := []string{"p.is_public = TRUE"}
	var args []any
	if len(v.OrgIDs) > 0 {
		in := placeholders(len(v.OrgIDs))
		parts = append(parts, "p.org_id IN ("+in+")",
			"EXISTS (SELECT 1 FROM project_partners pp WHERE pp.project_id = p.id AND pp.org_id IN ("+in+"))")
		for range 2 {
			for _, id := range v.OrgIDs {
				args = append(args, id)
			}
		}
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

const projectColumns = `p.id, p.title, p.description, p.type, p.org_id, o.name, o.kind, COALESCE(p.manager_id, 0), COALESCE(m.name, ''),
	p.test_site, p.start_date, p.end_date, p.is_public, p.decision, p.decision_rationale, COALESCE(p.decided_by, 0), COALESCE(db.name, ''),
	p.decided_at, p.lessons, p.created_at, p.updated_at
	FROM projects p JOIN organisations o ON o.id = p.org_id LEFT JOIN users m ON m.id = p.manager_id LEFT JOIN users db ON db.id = p.decided_by `

func scanProject(r scanner) (app.Project, error) {
	var p app.Project
	var manager, decider app.UserRef
	err := r.Scan(&p.ID, &p.Title, &p.Description, &p.Type, &p.Organisation.ID, &p.Organisation.Name, &p.Organisation.Kind,
		&manager.ID, &manager.Name, &p.TestSite, &p.StartDate, &p.EndDate, &p.Public, &p.Decision, &p.DecisionRationale,
		&decider.ID, &decider.Name, &p.DecidedAt, &p.Lessons, &p.CreatedAt, &p.UpdatedAt)
	if manager.ID != 0 {
		p.Manager = &manager
	}
	if decider.ID != 0 {
		p.DecidedBy = &decider
	}
	return p, err
}

func (s *Store) CreateProject(ctx context.Context, orgID, creatorID int64, in app.ProjectInput) (app.Project, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		now := time.Now().UTC()
		var err error
		if id, err = insertProject(ctx, c, orgID, creatorID, in.Title, in.Type, now); err != nil {
			return err
		}
		if err := writeProject(ctx, c, id, orgID, in, now); err != nil {
			return err
		}
		return auditObject(ctx, c, app.AuditProjectCreate, kindProject, id, nil, in)
	})
	if err != nil {
		return app.Project{}, err
	}
	return s.Project(ctx, app.Viewer{Admin: true}, id)
}

func insertProject(ctx context.Context, c conn, orgID, creatorID int64, title string, typ app.ProjectType, now time.Time) (int64, error) {
	var id int64
	err := c.queryRow(ctx, `INSERT INTO projects (org_id, title, sort_key, type, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, orgID, title, sortKey(title), typ, nullID(creatorID), now, now).Scan(&id)
	if err != nil && c.d.isForeignKey(err) {
		return 0, app.FieldErrors{"organisation_id": "err.organisation_not_found"}.Err()
	}
	return id, err
}

func (s *Store) UpdateProject(ctx context.Context, id int64, in app.ProjectInput) (app.Project, error) {
	err := s.tx(ctx, func(c conn) error {
		var orgID int64
		if err := c.queryRow(ctx, `SELECT org_id FROM projects WHERE id = ?`, id).Scan(&orgID); err != nil {
			return notFound(err, "err.project_not_found")
		}
		before, err := snapshot(ctx, c, "projects", id)
		if err != nil {
			return err
		}
		if err := writeProject(ctx, c, id, orgID, in, time.Now().UTC()); err != nil {
			return err
		}
		return auditObject(ctx, c, app.AuditProjectUpdate, kindProject, id, before, in)
	})
	if err != nil {
		return app.Project{}, err
	}
	return s.Project(ctx, app.Viewer{Admin: true}, id)
}

// writeProject sets everything a person writes on a project, replacing its lists. The
// manager must belong to the owner or a partner.
func writeProject(ctx context.Context, c conn, id, orgID int64, in app.ProjectInput, now time.Time) error {
	_, err := c.exec(ctx, `UPDATE projects SET title = ?, sort_key = ?, description = ?, type = ?, manager_id = ?, test_site = ?,
		start_date = ?, end_date = ?, is_public = ?, lessons = ?, lessons_fold = ?, updated_at = ? WHERE id = ?`,
		in.Title, sortKey(in.Title), in.Description, in.Type, in.ManagerID, in.TestSite, in.StartDate, in.EndDate, in.Public, in.Lessons,
		fold(in.Lessons), now, id)
	if err != nil {
		if c.d.isForeignKey(err) {
			return app.FieldErrors{"manager_id": "err.manager_not_member"}.Err()
		}
		return fmt.Errorf("store: update project: %w", err)
	}
	for _, table := range []string{"project_partners", "project_needs", "project_solutions", "project_milestones"} {
		if _, err := c.exec(ctx, `DELETE FROM `+table+` WHERE project_id = ?`, id); err != nil {
			return err
		}
	}
	orgs := []any{orgID}
	for i, p := range in.Partners {
		if p.OrganisationID == orgID {
			return app.FieldErrors{"partners": "err.partner_is_owner"}.Err()
		}
		if _, err := c.exec(ctx, `INSERT INTO project_partners (project_id, org_id, position, role, contribution, budget_amount, budget_currency)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, p.OrganisationID, i, p.Role, p.Contribution, p.Budget.Amount, p.Budget.Currency); err != nil {
			if c.d.isForeignKey(err) {
				return app.FieldErrors{"partners": "err.organisation_not_found"}.Err()
			}
			return err
		}
		orgs = append(orgs, p.OrganisationID)
	}
	if in.ManagerID != nil {
		var n int
		if err := c.queryRow(ctx, `SELECT count(*) FROM memberships WHERE user_id = ? AND org_id IN (`+placeholders(len(orgs))+`)`,
			append([]any{*in.ManagerID}, orgs...)...).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return app.FieldErrors{"manager_id": "err.manager_not_member"}.Err()
		}
	}
	for _, l := range []struct{ table, column, field, key string }{
		{"project_needs", "need_id", "need_ids", "err.need_not_found"},
		{"project_solutions", "solution_id", "solution_ids", "err.solution_not_found"},
	} {
		ids := in.NeedIDs
		if l.column == "solution_id" {
			ids = in.SolutionIDs
		}
		for _, x := range ids {
			if _, err := c.exec(ctx, `INSERT INTO `+l.table+` (project_id, `+l.column+`) VALUES (?, ?)`, id, x); err != nil {
				if c.d.isForeignKey(err) {
					return app.FieldErrors{l.field: l.key}.Err()
				}
				return err
			}
		}
	}
	for i, m := range in.Milestones {
		if _, err := c.exec(ctx, `INSERT INTO project_milestones (project_id, position, title, due, status) VALUES (?, ?, ?, ?, ?)`,
			id, i, m.Title, m.Due, m.Status); err != nil {
			return err
		}
	}
	return followUpReminders(ctx, c, id, in.StartDate, now)
}

func (s *Store) Project(ctx context.Context, v app.Viewer, id int64) (app.Project, error) {
	vis, args := visibleProjects(v)
	p, err := scanProject(s.r().queryRow(ctx, `SELECT `+projectColumns+`WHERE p.id = ? AND `+vis, append([]any{id}, args...)...))
	if err != nil {
		return app.Project{}, notFound(err, "err.project_not_found")
	}
	projects := []app.Project{p}
	if err := s.loadProjectLists(ctx, v, projects); err != nil {
		return app.Project{}, err
	}
	return projects[0], nil
}

func (s *Store) ListProjects(ctx context.Context, v app.Viewer, f app.ProjectFilter) (app.List[app.Project], error) {
	f.Page = f.Page.Clamp()
	cur, err := parseCursor(f.Cursor)
	if err != nil {
		return app.List[app.Project]{}, err
	}
	vis, args := visibleProjects(v)
	where := []string{vis}
	if f.Type != "" {
		where, args = append(where, "p.type = ?"), append(args, f.Type)
	}
	if f.OrgID != 0 {
		where = append(where, "(p.org_id = ? OR EXISTS (SELECT 1 FROM project_partners x WHERE x.project_id = p.id AND x.org_id = ?))")
		args = append(args, f.OrgID, f.OrgID)
	}
	if f.Lessons != "" {
		// Closed projects: decided, or past their end. Every word must occur in the lessons.
		where, args = append(where, "(p.decision <> '' OR (p.end_date <> '' AND p.end_date < ?))"), append(args, f.Today)
		for _, w := range strings.Fields(fold(f.Lessons)) {
			where, args = append(where, `p.lessons_fold LIKE ? ESCAPE '\'`), append(args, contains(w))
		}
	}
	if cur.id > 0 {
		where, args = append(where, "p.id < ?"), append(args, cur.id)
	}
	rows, err := s.r().query(ctx, `SELECT `+projectColumns+`WHERE `+strings.Join(where, " AND ")+` ORDER BY p.id DESC LIMIT ?`, append(args, f.Limit+1)...)
	if err != nil {
		return app.List[app.Project]{}, fmt.Errorf("store: list projects: %w", err)
	}
	items, err := collect(rows, scanProject)
	if err != nil {
		return app.List[app.Project]{}, fmt.Errorf("store: list projects: %w", err)
	}
	l := page(items, f.Limit, func(p app.Project) cursor { return cursor{id: p.ID} })
	return l, s.loadProjectLists(ctx, v, l.Items)
}

// loadProjectLists fills the partners, needs, solutions and milestones of projects with
// one query each. A linked need shows only when the viewer may see it.
func (s *Store) loadProjectLists(ctx context.Context, v app.Viewer, projects []app.Project) error {
	if len(projects) == 0 {
		return nil
	}
	index := make(map[int64]*app.Project, len(projects))
	ids := make([]any, len(projects))
	for i := range projects {
		p := &projects[i]
		index[p.ID], ids[i] = p, p.ID
		p.Partners, p.Needs, p.Solutions, p.Milestones = []app.ProjectPartner{}, []app.NeedRef{}, []app.NeedRef{}, []app.Milestone{}
	}
	in := "(" + placeholders(len(ids)) + ")"
	var id int64
	err := eachRow(ctx, s.r(), `SELECT x.project_id, o.id, o.name, o.kind, x.role, x.contribution, x.budget_amount, x.budget_currency
		FROM project_partners x JOIN organisations o ON o.id = x.org_id WHERE x.project_id IN `+in+` ORDER BY x.project_id, x.position`, ids,
		func(r scanner) error {
			var pp app.ProjectPartner
			err := r.Scan(&id, &pp.Organisation.ID, &pp.Organisation.Name, &pp.Organisation.Kind, &pp.Role, &pp.Contribution, &pp.Budget.Amount, &pp.Budget.Currency)
			index[id].Partners = append(index[id].Partners, pp)
			return err
		})
	if err == nil {
		vis, args := visibleNeeds(v)
		err = eachRow(ctx, s.r(), `SELECT x.project_id, n.id, n.title FROM project_needs x JOIN needs n ON n.id = x.need_id
			WHERE x.project_id IN `+in+` AND `+vis+` ORDER BY x.project_id, n.id`, append(append([]any{}, ids...), args...),
			func(r scanner) error {
				var n app.NeedRef
				err := r.Scan(&id, &n.ID, &n.Title)
				index[id].Needs = append(index[id].Needs, n)
				return err
			})
	}
	if err == nil {
		err = eachRow(ctx, s.r(), `SELECT x.project_id, so.id, so.title FROM project_solutions x JOIN solutions so ON so.id = x.solution_id
			WHERE x.project_id IN `+in+` ORDER BY x.project_id, so.sort_key`, ids,
			func(r scanner) error {
				var n app.NeedRef
				err := r.Scan(&id, &n.ID, &n.Title)
				index[id].Solutions = append(index[id].Solutions, n)
				return err
			})
	}
	if err == nil {
		err = eachRow(ctx, s.r(), `SELECT project_id, title, due, status FROM project_milestones WHERE project_id IN `+in+` ORDER BY project_id, position`, ids,
			func(r scanner) error {
				var m app.Milestone
				err := r.Scan(&id, &m.Title, &m.Due, &m.Status)
				index[id].Milestones = append(index[id].Milestones, m)
				return err
			})
	}
	if err == nil {
		err = eachRow(ctx, s.r(), `SELECT project_id, count(*) FROM project_adoptions WHERE project_id IN `+in+` GROUP BY project_id`, ids,
			func(r scanner) error {
				var n int
				err := r.Scan(&id, &n)
				index[id].Adoptions = n
				return err
			})
	}
	if err != nil {
		return fmt.Errorf("store: project lists: %w", err)
	}
	return nil
}

func (s *Store) MemberMilestones(ctx context.Context, v app.Viewer, from string) ([]app.ProjectMilestone, error) {
	if len(v.OrgIDs) == 0 {
		return nil, nil
	}
	args := make([]any, 0, 2*len(v.OrgIDs)+2)
	for range 2 {
		for _, id := range v.OrgIDs {
			args = append(args, id)
		}
	}
	in := placeholders(len(v.OrgIDs))
	rows, err := s.r().query(ctx, `SELECT p.id, p.title, p.type, m.position, m.title, m.due, m.status, p.updated_at
		FROM project_milestones m JOIN projects p ON p.id = m.project_id
		WHERE (p.org_id IN (`+in+`) OR EXISTS (SELECT 1 FROM project_partners pp WHERE pp.project_id = p.id AND pp.org_id IN (`+in+`)))
			AND m.due >= ? AND m.status <> ? ORDER BY m.due, p.id, m.position`, append(args, from, app.MilestoneCancelled)...)
	if err != nil {
		return nil, fmt.Errorf("store: member milestones: %w", err)
	}
	return collect(rows, func(r scanner) (app.ProjectMilestone, error) {
		var m app.ProjectMilestone
		return m, r.Scan(&m.Project.ID, &m.Project.Title, &m.Project.Type, &m.Position, &m.Milestone.Title, &m.Milestone.Due, &m.Milestone.Status, &m.UpdatedAt)
	})
}

func (s *Store) NeedProjects(ctx context.Context, v app.Viewer, needID int64) ([]app.ProjectRef, error) {
	vis, args := visibleProjects(v)
	rows, err := s.r().query(ctx, `SELECT p.id, p.title, p.type FROM projects p JOIN project_needs x ON x.project_id = p.id
		WHERE x.need_id = ? AND `+vis+` ORDER BY p.id`, append([]any{needID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: need projects: %w", err)
	}
	return collect(rows, func(r scanner) (app.ProjectRef, error) {
		var p app.ProjectRef
		return p, r.Scan(&p.ID, &p.Title, &p.Type)
	})
}

func (s *Store) DecideProject(ctx context.Context, id, userID int64, d app.ProjectDecision) (app.Project, error) {
	now := time.Now().UTC()
	err := s.tx(ctx, func(c conn) error {
		var before struct {
			Decision  *string `json:"decision"`
			Rationale string  `json:"rationale"`
		}
		err := c.queryRow(ctx, `SELECT decision, decision_rationale FROM projects WHERE id = ?`, id).Scan(&before.Decision, &before.Rationale)
		if err != nil {
			return notFound(err, "err.project_not_found")
		}
		if _, err := c.exec(ctx, `UPDATE projects SET decision = ?, decision_rationale = ?, decided_by = ?, decided_at = ?, updated_at = ? WHERE id = ?`,
			d.Decision, d.Rationale, userID, now, now, id); err != nil {
			return err
		}
		return auditObject(ctx, c, app.AuditProjectDecide, kindProject, id, before, d)
	})
	if err != nil {
		return app.Project{}, err
	}
	return s.Project(ctx, app.Viewer{Admin: true}, id)
}

// pilotProject links a need that moves to piloting to a project: the one asked for, or the
// one it is linked to already, or a new pilot of the need's organisation, named after the
// need, with the solutions decided to be piloted. It runs in the transaction of the move.
func pilotProject(ctx context.Context, c conn, n app.Need, projectID, actorID int64, now time.Time) error {
	if projectID != 0 {
		_, err := c.exec(ctx, `INSERT INTO project_needs (project_id, need_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, projectID, n.ID)
		if err != nil && c.d.isForeignKey(err) {
			return app.FieldErrors{"project_id": "err.project_not_found"}.Err()
		}
		return err
	}
	var linked int
	if err := c.queryRow(ctx, `SELECT count(*) FROM project_needs WHERE need_id = ?`, n.ID).Scan(&linked); err != nil {
		return err
	}
	if linked > 0 {
		return nil
	}
	id, err := insertProject(ctx, c, n.Organisation.ID, actorID, n.Title, "pilot", now)
	if err != nil {
		return err
	}
	if err := auditObject(ctx, c, app.AuditProjectCreate, kindProject, id, nil, map[string]any{"title": n.Title, "type": "pilot", "need_id": n.ID}); err != nil {
		return err
	}
	// The one who started the pilot manages it, when they belong to the organisation.
	if _, err := c.exec(ctx, `UPDATE projects SET manager_id = (SELECT user_id FROM memberships WHERE org_id = ? AND user_id = ? LIMIT 1)
		WHERE id = ?`, n.Organisation.ID, actorID, id); err != nil {
		return err
	}
	if _, err := c.exec(ctx, `INSERT INTO project_needs (project_id, need_id) VALUES (?, ?)`, id, n.ID); err != nil {
		return err
	}
	_, err = c.exec(ctx, `INSERT INTO project_solutions (project_id, solution_id)
		SELECT ?, solution_id FROM proposals WHERE need_id = ? AND status = ?`, id, n.ID, app.ProposalPiloted)
	return err
}

func (s *Store) AddProjectPost(ctx context.Context, projectID, userID int64, body string) (app.ProjectPost, error) {
	now := time.Now().UTC()
	var id int64
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO project_posts (project_id, author_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			projectID, userID, body, now).Scan(&id)
		if err != nil {
			if c.d.isForeignKey(err) {
				return app.Errorf(app.NotFound, "err.project_not_found")
			}
			return fmt.Errorf("store: project post: %w", err)
		}
		return auditObject(ctx, c, app.AuditProjectPost, kindProject, projectID, nil, map[string]any{"post_id": id, "body": body})
	})
	if err != nil {
		return app.ProjectPost{}, err
	}
	posts, err := s.projectPosts(ctx, "x.id = ?", id)
	if err != nil || len(posts) == 0 {
		return app.ProjectPost{}, notFound(sql.ErrNoRows, "err.project_not_found")
	}
	return posts[0], nil
}

func (s *Store) ProjectPosts(ctx context.Context, projectID int64) ([]app.ProjectPost, error) {
	return s.projectPosts(ctx, "x.project_id = ?", projectID)
}

func (s *Store) projectPosts(ctx context.Context, where string, arg int64) ([]app.ProjectPost, error) {
	rows, err := s.r().query(ctx, `SELECT x.id, COALESCE(u.id, 0), COALESCE(u.name, ''), x.body, x.created_at
		FROM project_posts x LEFT JOIN users u ON u.id = x.author_id WHERE `+where+` ORDER BY x.id`, arg)
	if err != nil {
		return nil, fmt.Errorf("store: project posts: %w", err)
	}
	return collect(rows, func(r scanner) (app.ProjectPost, error) {
		var p app.ProjectPost
		return p, r.Scan(&p.ID, &p.Author.ID, &p.Author.Name, &p.Body, &p.CreatedAt)
	})
}
