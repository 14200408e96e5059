package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/search"
)

// Reindex rebuilds the search index of every record: after the analyser changed, or to
// measure how long indexing takes. Searches see the old index until the new one commits
// (on PostgreSQL they wait for it: the index is emptied and built anew in the transaction).
// progress is called with the documents done so far.
func (s *Store) Reindex(ctx context.Context, progress func(done int)) (int, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	c := conn{q: tx, d: s.dialect}
	for _, q := range append(slices.Clone(s.dialect.rebuild.before), s.dialect.fts.clear,
		`DELETE FROM search_docs`, `DELETE FROM search_stats`, `DELETE FROM search_df`) {
		if _, err := c.exec(ctx, q); err != nil {
			return 0, fmt.Errorf("store: reindex: %w", err)
		}
	}
	done := 0
	for _, k := range []struct {
		kind  string
		query string
		lists []string // queries of (id, value) for tags and care settings
	}{
		{kindNeed, `SELECT id, title, how_might_we, problem, current_practice, consequence, target_groups, constraints_text, '[]', '[]', 0 FROM needs`,
			[]string{`SELECT need_id, tag FROM need_tags ORDER BY need_id, position`, `SELECT need_id, setting FROM need_care_settings`}},
		{kindSolution, `SELECT id, title, description, evidence, '', '', '', '', target_groups, secret_fields, trl FROM solutions`,
			[]string{`SELECT solution_id, tag FROM solution_tags ORDER BY solution_id, position`, `SELECT solution_id, setting FROM solution_care_settings`}},
		{kindOrg, `SELECT id, name, description, '', '', '', '', '', '[]', '[]', 0 FROM organisations`,
			[]string{`SELECT org_id, tag FROM organisation_capabilities ORDER BY org_id, position`, ``}},
		{kindPerson, `SELECT id, name, '', '', '', '', '', '', '[]', '[]', 0 FROM users`, []string{``, ``}},
	} {
		tags, err := idLists(ctx, c, k.lists[0])
		if err != nil {
			return done, err
		}
		care, err := idLists(ctx, c, k.lists[1])
		if err != nil {
			return done, err
		}
		rows, err := c.query(ctx, k.query)
		if err != nil {
			return done, fmt.Errorf("store: reindex %s: %w", k.kind, err)
		}
		type record struct {
			id int64
			r  search.Record
		}
		var recs []record
		for rows.Next() {
			var id int64
			var f [7]string
			var groups, secret string
			var trl int
			if err := rows.Scan(&id, &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &groups, &secret, &trl); err != nil {
				rows.Close()
				return done, err
			}
			var r search.Record
			switch k.kind {
			case kindNeed:
				r = needRecord(app.NeedInput{Title: f[0], HowMightWe: f[1], Problem: f[2], CurrentPractice: f[3], Consequence: f[4],
					TargetGroups: f[5], Constraints: f[6], Tags: tags[id], CareSettings: care[id]})
			case kindSolution:
				in := app.SolutionInput{Title: f[0], Description: f[1], Evidence: f[2], Tags: tags[id], CareSettings: care[id], TRL: trl}
				if err := errors.Join(json.Unmarshal([]byte(groups), &in.TargetGroups), json.Unmarshal([]byte(secret), &in.SecretFields)); err != nil {
					rows.Close()
					return done, err
				}
				r = solutionRecord(in)
			case kindOrg:
				r = orgRecord(app.OrganisationInput{Name: f[0], Description: f[1], Capabilities: tags[id]})
			default:
				r = search.Record{Text: f[0]}
			}
			recs = append(recs, record{id, r})
		}
		if err := rows.Close(); err != nil {
			return done, err
		}
		idx, err := newBulkIndex(ctx, c, k.kind)
		if err != nil {
			return done, err
		}
		for chunk := range slices.Chunk(recs, 5000) {
			for _, rec := range chunk {
				idx.add(rec.id, rec.r)
			}
			if err := idx.flush(ctx, c); err != nil {
				return done, err
			}
			if done += len(chunk); progress != nil {
				progress(done)
			}
		}
	}
	for _, q := range s.dialect.rebuild.after {
		if _, err := c.exec(ctx, q); err != nil {
			return done, fmt.Errorf("store: reindex: %w", err)
		}
	}
	if progress != nil {
		progress(done)
	}
	if err := tx.Commit(); err != nil {
		return done, err
	}
	for _, q := range s.dialect.rebuild.cleanUp {
		if _, err := s.write.ExecContext(ctx, q); err != nil {
			return done, fmt.Errorf("store: reindex: %w", err)
		}
	}
	return done, nil
}

// idLists reads (id, value) rows into lists per id; an empty query reads nothing.
func idLists(ctx context.Context, c conn, query string) (map[int64][]string, error) {
	out := map[int64][]string{}
	if query == "" {
		return out, nil
	}
	rows, err := c.query(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: reindex: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			return nil, err
		}
		out[id] = append(out[id], v)
	}
	return out, rows.Err()
}
