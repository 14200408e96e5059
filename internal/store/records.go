package store

import (
	"context"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

// recordSource says where a kind of object keeps what a registrar's record names.
type recordSource struct{ table, org, title, status string }

var recordSources = map[string]recordSource{
	kindNeed:     {"needs", "x.org_id", "x.title", "x.state"},
	kindSolution: {"solutions", "x.org_id", "x.title", "x.deployment"},
	kindProject:  {"projects", "x.org_id", "x.title", "CASE WHEN x.decision = '' THEN 'running' ELSE x.decision END"},
	kindApplication: {"applications", "(SELECT p.org_id FROM application_partners p WHERE p.application_id = x.id AND p.role = 'lead')",
		"x.title", "x.status"},
	kindEvent: {"events", "x.org_id", "x.title", "CASE WHEN x.minutes_published_at IS NULL THEN 'planned' ELSE 'minutes_published' END"},
	kindPartnerRequest: {"partner_requests", "x.org_id", "x.competence",
		"CASE WHEN EXISTS (SELECT 1 FROM partner_offers po WHERE po.request_id = x.id AND po.status = 'accepted') THEN 'filled' ELSE 'open' END"},
}

// Record reads an object as a registrar enters it: its metadata (sender, received,
// organisation, status), its row as it is now and its audit history. Only objects of
// orgIDs are found (of every organisation when all); others, and kinds that have no
// record, are not found.
func (s *Store) Record(ctx context.Context, kind string, id int64, all bool, orgIDs []int64) (app.Record, error) {
	src, ok := recordSources[kind]
	if !ok || !all && len(orgIDs) == 0 {
		return app.Record{}, app.Errorf(app.NotFound, "err.record_not_found")
	}
	scope, args := "1 = 1", []any{id}
	if !all {
		scope = "o.id IN (" + placeholders(len(orgIDs)) + ")"
		for _, o := range orgIDs {
			args = append(args, o)
		}
	}
	rec := app.Record{Kind: kind}
	err := s.r().queryRow(ctx, `SELECT x.id, o.id, o.name, o.kind, `+src.title+`, `+src.status+`, COALESCE(u.id, 0), COALESCE(u.name, ''),
			COALESCE(u.email, ''), x.created_at
		FROM `+src.table+` x JOIN organisations o ON o.id = `+src.org+` LEFT JOIN users u ON u.id = x.created_by
		WHERE x.id = ? AND `+scope, args...).
		Scan(&rec.ID, &rec.Organisation.ID, &rec.Organisation.Name, &rec.Organisation.Kind, &rec.Title, &rec.Status,
			&rec.Sender.ID, &rec.Sender.Name, &rec.Sender.Email, &rec.Received)
	if err != nil {
		return app.Record{}, notFound(err, "err.record_not_found")
	}
	row, err := snapshot(ctx, s.r(), src.table, id)
	if err != nil {
		return app.Record{}, err
	}
	// Keys for sorting and searching are the platform's, not the record's.
	for col := range row {
		if col == "sort_key" || strings.HasSuffix(col, "_fold") {
			delete(row, col)
		}
	}
	rec.Content = row
	history, err := s.AuditLog(ctx, app.AuditFilter{ObjectKind: kind, ObjectID: id, Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return app.Record{}, err
	}
	rec.History = history.Items
	return rec, nil
}
