package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// SeedNeeds writes many needs with their histories in one transaction with prepared
// statements: how the seed command and the benchmarks make 100,000 needs in minutes, and
// how the import command writes a need that arrives in the middle of its lifecycle. The
// input is trusted (generated, or checked by the caller), so it is not validated again
// here, and the guards of the moves are not asked.
func (s *Store) SeedNeeds(ctx context.Context, needs []app.SeedNeed) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	prepare := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, s.dialect.rebind(q))
		return st
	}
	insNeed := prepare(`INSERT INTO needs (ref, org_id, owner_id, created_by, title, sort_key, how_might_we, problem, volume_people, volume_events,
		urgency, urgency_rank, visibility, state, route, close_reason, benefit_plan, created_at, updated_at, submitted_at, implemented_at, state_changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	insSetting := prepare(`INSERT INTO need_care_settings (need_id, setting) VALUES (?, ?)`)
	insTag := prepare(`INSERT INTO need_tags (need_id, position, tag, tag_fold) VALUES (?, ?, ?, ?)`)
	insBenefit := prepare(`INSERT INTO need_benefits (need_id, position, kpi, unit, baseline, target) VALUES (?, ?, ?, ?, ?, ?)`)
	insMove := prepare(`INSERT INTO need_transitions (need_id, from_state, to_state, actor_id, at, comment) VALUES (?, ?, ?, ?, ?, ?)`)
	insTime := prepare(`INSERT INTO need_state_times (need_id, state, seconds) VALUES (?, ?, ?)`)
	idx, idxErr := newBulkIndex(ctx, conn{q: tx, d: s.dialect}, kindNeed)
	if err = errors.Join(err, idxErr); err != nil {
		return fmt.Errorf("store: seed: prepare: %w", err)
	}
	var stats []statKey
	for _, sn := range needs {
		in, h := sn.Input, sn.History
		first, last := h[0], h[len(h)-1]
		var submitted, implemented any
		times := map[app.NeedState]int64{}
		for i, m := range h {
			if m.To == app.StateSubmitted && submitted == nil {
				submitted = m.At.UTC()
			}
			if m.To == app.StateImplementation && implemented == nil {
				implemented = m.At.UTC()
			}
			if i > 0 {
				times[m.From] += int64(m.At.Sub(h[i-1].At).Seconds())
			}
		}
		var id int64
		err := insNeed.QueryRowContext(ctx, sn.Ref, sn.OrgID, in.OwnerID, nullID(sn.CreatedBy), in.Title, sortKey(in.Title), in.HowMightWe, in.Problem,
			in.VolumePeople, in.VolumeEvents, in.Urgency, urgencyRank[in.Urgency], in.Visibility, last.To, routeOf(last.To), closeOf(last.To),
			in.BenefitPlan, first.At.UTC(), last.At.UTC(), submitted, implemented, last.At.UTC()).Scan(&id)
		if err != nil {
			return s.dialect.conflict(fmt.Errorf("store: seed need: %w", err), "ref", "err.ref_taken")
		}
		for _, cs := range in.CareSettings {
			if _, err := insSetting.ExecContext(ctx, id, cs); err != nil {
				return err
			}
		}
		for i, t := range in.Tags {
			if _, err := insTag.ExecContext(ctx, id, i, t, fold(t)); err != nil {
				return err
			}
		}
		for i, b := range in.Benefits {
			if _, err := insBenefit.ExecContext(ctx, id, i, b.KPI, b.Unit, b.Baseline, b.Target); err != nil {
				return err
			}
		}
		for _, m := range h {
			if _, err := insMove.ExecContext(ctx, id, m.From, m.To, nullID(m.Actor.ID), m.At.UTC(), m.Comment); err != nil {
				return err
			}
		}
		for st, sec := range times {
			if _, err := insTime.ExecContext(ctx, id, st, sec); err != nil {
				return err
			}
		}
		idx.add(id, needRecord(in))
		f := needFacts{org: sn.OrgID, visibility: in.Visibility, state: last.To, stays: times}
		if submitted != nil {
			t := submitted.(time.Time)
			f.submitted = &t
		}
		if implemented != nil {
			t := implemented.(time.Time)
			f.implemented = &t
		}
		stats = append(stats, f.keys()...)
	}
	if err := addStats(ctx, conn{q: tx, d: s.dialect}, statDeltas{}.add(stats, 1)); err != nil {
		return err
	}
	if err := idx.flush(ctx, conn{q: tx, d: s.dialect}); err != nil {
		return err
	}
	return tx.Commit()
}

// Analyze refreshes the planner's figures of every table after a bulk load, where
// autovacuum may be slow to or not run at all: without them PostgreSQL plans the searches
// of 100,000 records as if the tables were empty. SQLite plans from its indexes alone.
func (s *Store) Analyze(ctx context.Context) error {
	if s.dialect.analyze == "" {
		return nil
	}
	_, err := s.write.ExecContext(ctx, s.dialect.analyze)
	return err
}

// routeOf and closeOf give seeded needs the decisions their state implies.
func routeOf(st app.NeedState) string {
	switch st {
	case app.StateRouteDecided, app.StatePiloting, app.StateProcurement, app.StateImplementation, app.StateBenefitFollowUp, app.StateSpread:
		return "pilot"
	}
	return ""
}

func closeOf(st app.NeedState) string {
	if st == app.StateClosed {
		return "solved"
	}
	return ""
}

// SeedSolutions writes many generated solutions in one transaction and indexes them: how
// the seed command and the benchmarks make 100,000 solutions.
func (s *Store) SeedSolutions(ctx context.Context, sols []app.SeedSolution) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	prepare := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, s.dialect.rebind(q))
		return st
	}
	insSolution := prepare(`INSERT INTO solutions (org_id, created_by, title, sort_key, description, type, target_groups, trl, deployment,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	insSetting := prepare(`INSERT INTO solution_care_settings (solution_id, setting) VALUES (?, ?)`)
	insTag := prepare(`INSERT INTO solution_tags (solution_id, position, tag, tag_fold) VALUES (?, ?, ?, ?)`)
	idx, idxErr := newBulkIndex(ctx, conn{q: tx, d: s.dialect}, kindSolution)
	if err = errors.Join(err, idxErr); err != nil {
		return fmt.Errorf("store: seed: prepare: %w", err)
	}
	now := time.Now().UTC()
	for _, x := range sols {
		in := x.Input
		var id int64
		if err := insSolution.QueryRowContext(ctx, x.OrgID, x.CreatedBy, in.Title, sortKey(in.Title), in.Description, in.Type,
			jsonList(in.TargetGroups), in.TRL, in.Deployment, now, now).Scan(&id); err != nil {
			return fmt.Errorf("store: seed solution: %w", err)
		}
		for _, cs := range in.CareSettings {
			if _, err := insSetting.ExecContext(ctx, id, cs); err != nil {
				return err
			}
		}
		for i, t := range in.Tags {
			if _, err := insTag.ExecContext(ctx, id, i, t, fold(t)); err != nil {
				return err
			}
		}
		idx.add(id, solutionRecord(in))
	}
	if err := idx.flush(ctx, conn{q: tx, d: s.dialect}); err != nil {
		return err
	}
	return tx.Commit()
}
