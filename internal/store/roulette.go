package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

func (s *Store) JoinRoulette(ctx context.Context, userID int64, in app.RouletteInput) error {
	days, _ := json.Marshal(in.Weekdays)
	return s.tx(ctx, func(c conn) error {
		_, err := c.exec(ctx, `INSERT INTO roulette_participants (user_id, org_id, weekdays, place, joined_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET org_id = excluded.org_id, weekdays = excluded.weekdays, place = excluded.place`,
			userID, in.OrgID, string(days), in.Place, time.Now().UTC())
		if err != nil && c.d.isForeignKey(err) {
			return app.FieldErrors{"organisation_id": "err.organisation_not_found"}.Err()
		}
		if err != nil {
			return err
		}
		return audit(ctx, c, app.AuditUserRouletteJoin, kindPerson, userID, in.OrgID, nil, in)
	})
}

func (s *Store) LeaveRoulette(ctx context.Context, userID int64) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `DELETE FROM roulette_participants WHERE user_id = ?`, userID)
		if err := affected(res, err, "err.roulette_not_joined"); err != nil {
			return err
		}
		return audit(ctx, c, app.AuditUserRouletteLeave, kindPerson, userID, 0, nil, nil)
	})
}

const rouletteColumns = `p.user_id, u.name, p.org_id, o.name, o.kind, p.weekdays, p.place
	FROM roulette_participants p JOIN users u ON u.id = p.user_id JOIN organisations o ON o.id = p.org_id`

func scanRouletteEntry(r scanner) (app.RouletteEntry, error) {
	var e app.RouletteEntry
	var days string
	if err := r.Scan(&e.User.ID, &e.User.Name, &e.Organisation.ID, &e.Organisation.Name, &e.Organisation.Kind, &days, &e.Place); err != nil {
		return e, err
	}
	return e, json.Unmarshal([]byte(days), &e.Weekdays)
}

func (s *Store) RouletteEntry(ctx context.Context, userID int64) (app.RouletteEntry, error) {
	e, err := scanRouletteEntry(s.r().queryRow(ctx, `SELECT `+rouletteColumns+` WHERE p.user_id = ?`, userID))
	return e, notFound(err, "err.roulette_not_joined")
}

func (s *Store) RouletteEntries(ctx context.Context) ([]app.RouletteEntry, error) {
	rows, err := s.r().query(ctx, `SELECT `+rouletteColumns+`
		WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = p.org_id AND m.user_id = p.user_id) ORDER BY p.user_id`)
	if err != nil {
		return nil, fmt.Errorf("store: roulette entries: %w", err)
	}
	return collect(rows, scanRouletteEntry)
}

func (s *Store) RouletteMet(ctx context.Context, since time.Time) (map[[2]int64]bool, error) {
	rows, err := s.r().query(ctx, `SELECT a.user_id, b.user_id FROM roulette_members a
		JOIN roulette_members b ON b.group_id = a.group_id AND b.user_id > a.user_id
		JOIN roulette_groups g ON g.id = a.group_id WHERE g.meet_at >= ?`, since.UTC())
	if err != nil {
		return nil, fmt.Errorf("store: roulette history: %w", err)
	}
	pairs, err := collect(rows, func(r scanner) ([2]int64, error) {
		var p [2]int64
		return p, r.Scan(&p[0], &p[1])
	})
	met := make(map[[2]int64]bool, len(pairs))
	for _, p := range pairs {
		met[p] = true
	}
	return met, err
}

func (s *Store) SaveRouletteWeek(ctx context.Context, week string, monday time.Time, groups [][]app.RouletteEntry, now time.Time) error {
	now = now.UTC()
	return s.tx(ctx, func(c conn) error {
		if _, err := c.exec(ctx, `INSERT INTO roulette_weeks (week, paired_at) VALUES (?, ?)`, week, now); err != nil {
			return c.d.conflict(err, "week", "err.roulette_paired")
		}
		for _, g := range groups {
			at, place := app.FikaTime(monday, g)
			var id int64
			if err := c.queryRow(ctx, `INSERT INTO roulette_groups (week, meet_at, place) VALUES (?, ?, ?) RETURNING id`, week, at.UTC(), place).Scan(&id); err != nil {
				return fmt.Errorf("store: roulette group: %w", err)
			}
			for _, m := range g {
				if _, err := c.exec(ctx, `INSERT INTO roulette_members (group_id, user_id, org_id) VALUES (?, ?, ?)`, id, m.User.ID, m.Organisation.ID); err != nil {
					return err
				}
				if _, err := c.exec(ctx, `INSERT INTO notifications (user_id, kind, detail, created_at) VALUES (?, 'roulette', ?, ?)`, m.User.ID, week, now); err != nil {
					return err
				}
			}
		}
		pairs := make([][]int64, len(groups))
		for i, g := range groups {
			for _, m := range g {
				pairs[i] = append(pairs[i], m.User.ID)
			}
		}
		return audit(ctx, c, app.AuditRoulettePair, kindRoulette, 0, 0, nil, map[string]any{"week": week, "groups": pairs})
	})
}

func (s *Store) RouletteGroups(ctx context.Context, userID int64, limit int) ([]app.RouletteGroup, error) {
	rows, err := s.r().query(ctx, `SELECT g.id, g.week, g.meet_at, g.place, COALESCE(me.answer, '') FROM roulette_groups g
		JOIN roulette_members me ON me.group_id = g.id AND me.user_id = ? ORDER BY g.meet_at DESC, g.id DESC LIMIT ?`, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: roulette groups: %w", err)
	}
	groups, err := collect(rows, func(r scanner) (app.RouletteGroup, error) {
		var g app.RouletteGroup
		return g, r.Scan(&g.ID, &g.Week, &g.MeetAt, &g.Place, &g.Answer)
	})
	if err != nil || len(groups) == 0 {
		return groups, err
	}
	index := map[int64]*app.RouletteGroup{}
	ids := make([]any, len(groups))
	for i := range groups {
		index[groups[i].ID], ids[i] = &groups[i], groups[i].ID
	}
	rows, err = s.r().query(ctx, `SELECT m.group_id, u.id, u.name, o.id, o.name, o.kind FROM roulette_members m
		JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = m.org_id
		WHERE m.group_id IN (`+placeholders(len(ids))+`) ORDER BY m.group_id, u.sort_key, u.id`, ids...)
	if err != nil {
		return nil, fmt.Errorf("store: roulette members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var m app.RouletteMember
		if err := rows.Scan(&id, &m.User.ID, &m.User.Name, &m.Organisation.ID, &m.Organisation.Name, &m.Organisation.Kind); err != nil {
			return nil, err
		}
		index[id].Members = append(index[id].Members, m)
	}
	return groups, rows.Err()
}

func (s *Store) AnswerRoulette(ctx context.Context, groupID, userID int64, found bool, now time.Time) error {
	answer := "no"
	if found {
		answer = "yes"
	}
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE roulette_members SET answer = ?, answered_at = ? WHERE group_id = ? AND user_id = ?`,
			answer, now.UTC(), groupID, userID)
		if err := affected(res, err, "err.roulette_group_not_found"); err != nil {
			return err
		}
		return audit(ctx, c, app.AuditUserRouletteAnswer, kindPerson, userID, 0, nil, map[string]any{"group_id": groupID, "answer": answer})
	})
}

func (s *Store) RouletteFigures(ctx context.Context) (app.RouletteFigures, error) {
	var f app.RouletteFigures
	err := s.r().queryRow(ctx, `SELECT (SELECT count(*) FROM roulette_participants), (SELECT count(*) FROM roulette_groups),
		(SELECT count(*) FROM roulette_members WHERE answer IS NOT NULL), (SELECT count(*) FROM roulette_members WHERE answer = 'yes')`).
		Scan(&f.Participants, &f.Groups, &f.Answers, &f.Found)
	return f, err
}
