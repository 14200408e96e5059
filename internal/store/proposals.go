package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

const proposalColumns = `p.id, p.need_id, s.id, s.ref, s.title, o.id, o.name, o.kind, p.status, p.rationale,
	COALESCE(pb.id, 0), COALESCE(pb.name, ''), COALESCE(db.id, 0), COALESCE(db.name, ''), p.decision_reason, p.created_at, p.updated_at
	FROM proposals p JOIN solutions s ON s.id = p.solution_id JOIN organisations o ON o.id = s.org_id
	LEFT JOIN users pb ON pb.id = p.proposed_by LEFT JOIN users db ON db.id = p.decided_by `

func scanProposal(r scanner) (app.Proposal, error) {
	var p app.Proposal
	var pb, db app.UserRef
	err := r.Scan(&p.ID, &p.NeedID, &p.Solution.ID, &p.Solution.Ref, &p.Solution.Title, &p.Solution.Organisation.ID,
		&p.Solution.Organisation.Name, &p.Solution.Organisation.Kind, &p.Status, &p.Rationale, &pb.ID, &pb.Name, &db.ID, &db.Name,
		&p.DecisionReason, &p.CreatedAt, &p.UpdatedAt)
	if pb.ID != 0 {
		p.ProposedBy = &pb
	}
	if db.ID != 0 {
		p.DecidedBy = &db
	}
	return p, err
}

func (s *Store) ProposeSolution(ctx context.Context, needID, userID int64, in app.ProposalInput) (app.Proposal, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		now := time.Now().UTC()
		err := c.queryRow(ctx, `INSERT INTO proposals (need_id, solution_id, status, rationale, proposed_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, needID, in.SolutionID, app.ProposalProposed, in.Rationale, userID, now, now).Scan(&id)
		switch {
		case err != nil && c.d.isUnique(err):
			return app.Errorf(app.Conflict, "err.already_proposed")
		case err != nil && c.d.isForeignKey(err):
			return app.FieldErrors{"solution_id": "err.solution_not_found"}.Err()
		case err != nil:
			return fmt.Errorf("store: propose: %w", err)
		}
		if err := auditObject(ctx, c, app.AuditNeedProposalCreate, kindNeed, needID, nil, map[string]any{"proposal_id": id, "proposal": in}); err != nil {
			return err
		}
		if _, err := c.exec(ctx, `INSERT INTO need_followers (need_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, needID, userID, now); err != nil {
			return err
		}
		return notifyFollowers(ctx, c, needID, userID, "proposal", fmt.Sprint(in.SolutionID), now)
	})
	if err != nil {
		return app.Proposal{}, err
	}
	return scanProposal(s.r().queryRow(ctx, `SELECT `+proposalColumns+`WHERE p.id = ?`, id))
}

func (s *Store) DecideProposal(ctx context.Context, needID, solutionID, userID int64, d app.ProposalDecision) (app.Proposal, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		now := time.Now().UTC()
		from := app.ProposalSuggested
		var proposer sql.NullInt64
		err := c.queryRow(ctx, `SELECT id, status, proposed_by FROM proposals WHERE need_id = ? AND solution_id = ?`, needID, solutionID).
			Scan(&id, &from, &proposer)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if allowed := app.ProposalMoves(from); !slices.Contains(allowed, d.Status) {
			e := app.Errorf(app.Conflict, "err.proposal_move")
			for _, st := range allowed {
				e.Allowed = append(e.Allowed, string(st))
			}
			return e
		}
		if err := auditObject(ctx, c, app.AuditNeedProposalDecide, kindNeed, needID, map[string]any{"solution_id": solutionID, "status": from},
			map[string]any{"solution_id": solutionID, "decision": d}); err != nil {
			return err
		}
		if id == 0 {
			err = c.queryRow(ctx, `INSERT INTO proposals (need_id, solution_id, status, decided_by, decision_reason, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, needID, solutionID, d.Status, userID, d.Reason, now, now).Scan(&id)
			if err != nil && c.d.isForeignKey(err) {
				return app.Errorf(app.NotFound, "err.solution_not_found")
			}
			return err
		}
		if _, err := c.exec(ctx, `UPDATE proposals SET status = ?, decided_by = ?, decision_reason = ?, updated_at = ? WHERE id = ?`,
			d.Status, userID, d.Reason, now, id); err != nil {
			return err
		}
		if proposer.Valid && proposer.Int64 != userID {
			_, err = c.exec(ctx, `INSERT INTO notifications (user_id, need_id, kind, detail, actor_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
				proposer.Int64, needID, "proposal_decision", string(d.Status), userID, now)
		}
		return err
	})
	if err != nil {
		return app.Proposal{}, err
	}
	return scanProposal(s.r().queryRow(ctx, `SELECT `+proposalColumns+`WHERE p.id = ?`, id))
}

func (s *Store) Proposals(ctx context.Context, needID int64, all bool, orgIDs []int64) ([]app.Proposal, error) {
	where, args := "p.need_id = ?", []any{needID}
	if !all {
		if len(orgIDs) == 0 {
			return nil, nil
		}
		where += " AND s.org_id IN (" + placeholders(len(orgIDs)) + ")"
		for _, id := range orgIDs {
			args = append(args, id)
		}
	}
	rows, err := s.r().query(ctx, `SELECT `+proposalColumns+`WHERE `+where+` ORDER BY p.updated_at DESC, p.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: proposals: %w", err)
	}
	return collect(rows, scanProposal)
}
