package store

import (
	"context"
	"database/sql"
	"fmt"

	"strconv"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// visibleNeeds is the one predicate that decides which needs a viewer sees; every query
// over needs (lists, pages, figures, exports) goes through it. A need that was never
// submitted (a draft, or a draft withdrawn) stays inside the owning organisation.
func visibleNeeds(v app.Viewer) (string, []any) {
	if v.Admin {
		return "1 = 1", nil
	}
	parts := []string{"(n.visibility = 'public' AND n.submitted_at IS NOT NULL)"}
	var args []any
	if v.SignedIn() {
		parts = append(parts, "(n.visibility = 'signed_in' AND n.submitted_at IS NOT NULL)")
	}
	if len(v.OrgIDs) > 0 {
		in := placeholders(len(v.OrgIDs))
		parts = append(parts,
			"n.org_id IN ("+in+")",
			"(n.submitted_at IS NOT NULL AND EXISTS (SELECT 1 FROM need_coowners c WHERE c.need_id = n.id AND c.org_id IN ("+in+")))",
			"(n.submitted_at IS NOT NULL AND n.visibility = 'partners' AND EXISTS (SELECT 1 FROM need_partners p WHERE p.need_id = n.id AND p.org_id IN ("+in+")))")
		for range 3 {
			for _, id := range v.OrgIDs {
				args = append(args, id)
			}
		}
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

const needColumns = `n.id, n.ref, n.org_id, o.name, o.kind, n.owner_id, COALESCE(ow.name, ''), COALESCE(n.created_by, 0), COALESCE(cb.name, ''),
	n.title, n.how_might_we, n.problem, n.current_practice, n.consequence, n.target_groups, n.constraints_text,
	n.volume_people, n.volume_events, n.urgency, n.benefit_plan, n.visibility, n.state, n.route, n.close_reason, n.merged_into,
	n.procurement_contact, n.dialogue_summary, n.summary_published, n.created_at, n.updated_at, n.submitted_at, n.implemented_at,
	n.state_changed_at`

const needFrom = ` FROM needs n JOIN organisations o ON o.id = n.org_id
	LEFT JOIN users ow ON ow.id = n.owner_id LEFT JOIN users cb ON cb.id = n.created_by `

func scanNeed(r scanner) (app.Need, error) {
	var n app.Need
	var ownerID sql.NullInt64
	var ownerName string
	var implementedAt *time.Time
	err := r.Scan(&n.ID, &n.Ref, &n.Organisation.ID, &n.Organisation.Name, &n.Organisation.Kind, &ownerID, &ownerName,
		&n.CreatedBy.ID, &n.CreatedBy.Name, &n.Title, &n.HowMightWe, &n.Problem, &n.CurrentPractice, &n.Consequence,
		&n.TargetGroups, &n.Constraints, &n.VolumePeople, &n.VolumeEvents, &n.Urgency, &n.BenefitPlan, &n.Visibility,
		&n.State, &n.Route, &n.CloseReason, &n.MergedInto, &n.ProcurementContact, &n.DialogueSummary, &n.SummaryPublished,
		&n.CreatedAt, &n.UpdatedAt, &n.SubmittedAt, &implementedAt, &n.StateChangedAt)
	if ownerID.Valid {
		n.Owner = &app.UserRef{ID: ownerID.Int64, Name: ownerName}
	}
	if implementedAt != nil && n.SubmittedAt != nil {
		lead := int64(implementedAt.Sub(*n.SubmittedAt).Seconds())
		n.LeadTimeSeconds = &lead
	}
	return n, err
}

var urgencyRank = map[app.Urgency]int{"low": 1, "medium": 2, "high": 3, "critical": 4}

func (s *Store) CreateNeed(ctx context.Context, orgID, creatorID int64, in app.NeedInput) (app.Need, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		now := time.Now().UTC()
		if !in.CreatedAt.IsZero() {
			now = in.CreatedAt.UTC()
		}
		err := c.queryRow(ctx, `
			INSERT INTO needs (org_id, created_by, title, sort_key, urgency, urgency_rank, visibility, state, created_at, updated_at, state_changed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			orgID, creatorID, in.Title, sortKey(in.Title), in.Urgency, urgencyRank[in.Urgency], in.Visibility, app.StateDraft, now, now, now).Scan(&id)
		if err != nil {
			if c.d.isForeignKey(err) {
				return app.Errorf(app.NotFound, "err.organisation_not_found")
			}
			return fmt.Errorf("store: create need: %w", err)
		}
		if err := writeNeed(ctx, c, id, orgID, in, now); err != nil {
			return err
		}
		if _, err := c.exec(ctx, `INSERT INTO need_transitions (need_id, from_state, to_state, actor_id, at) VALUES (?, '', ?, ?, ?)`,
			id, app.StateDraft, creatorID, now); err != nil {
			return err
		}
		if _, err = c.exec(ctx, `INSERT INTO need_followers (need_id, user_id, created_at) VALUES (?, ?, ?)`, id, creatorID, now); err != nil {
			return err
		}
		if err := audit(ctx, c, app.AuditNeedCreate, kindNeed, id, orgID, nil, in); err != nil {
			return err
		}
		facts, err := loadFacts(ctx, c, "FROM needs n WHERE n.id = ?", id)
		if err != nil {
			return err
		}
		return addStats(ctx, c, statDeltas{}.add(facts[id].keys(), 1))
	})
	if err != nil {
		return app.Need{}, err
	}
	return s.Need(ctx, app.Viewer{Admin: true}, id)
}

func (s *Store) UpdateNeed(ctx context.Context, id int64, in app.NeedInput) (app.Need, error) {
	err := s.tx(ctx, func(c conn) error {
		before, err := scanNeed(c.queryRow(ctx, `SELECT `+needColumns+needFrom+`WHERE n.id = ?`, id))
		if err != nil {
			return notFound(err, "err.need_not_found")
		}
		if err := s.loadNeedListsTx(ctx, c, &before); err != nil {
			return err
		}
		orgID := before.Organisation.ID
		if err := audit(ctx, c, app.AuditNeedUpdate, kindNeed, id, orgID, before.Input(), in); err != nil {
			return err
		}
		return needWebhooks(ctx, c, id, func() error {
			return restat(ctx, c, id, func() error { return writeNeed(ctx, c, id, orgID, in, time.Now().UTC()) })
		})
	})
	if err != nil {
		return app.Need{}, err
	}
	return s.Need(ctx, app.Viewer{Admin: true}, id)
}

// writeNeed sets everything a person writes on a need, replacing its lists.
func writeNeed(ctx context.Context, c conn, id, orgID int64, in app.NeedInput, now time.Time) error {
	if in.OwnerID != nil {
		var ok int
		err := c.queryRow(ctx, `SELECT count(*) FROM memberships WHERE org_id = ? AND user_id = ?`, orgID, *in.OwnerID).Scan(&ok)
		if err != nil {
			return err
		}
		if ok == 0 {
			return app.FieldErrors{"owner_id": "err.owner_not_member"}.Err()
		}
	}
	_, err := c.exec(ctx, `
		UPDATE needs SET title = ?, sort_key = ?, how_might_we = ?, problem = ?, current_practice = ?, consequence = ?,
			target_groups = ?, constraints_text = ?, volume_people = ?, volume_events = ?, urgency = ?, urgency_rank = ?,
			benefit_plan = ?, visibility = ?, owner_id = ?, updated_at = ?
		WHERE id = ?`,
		in.Title, sortKey(in.Title), in.HowMightWe, in.Problem, in.CurrentPractice, in.Consequence, in.TargetGroups, in.Constraints,
		in.VolumePeople, in.VolumeEvents, in.Urgency, urgencyRank[in.Urgency], in.BenefitPlan, in.Visibility, in.OwnerID, now, id)
	if err != nil {
		return fmt.Errorf("store: update need: %w", err)
	}
	for _, table := range []string{"need_care_settings", "need_tags", "need_benefits", "need_partners"} {
		if _, err := c.exec(ctx, `DELETE FROM `+table+` WHERE need_id = ?`, id); err != nil {
			return err
		}
	}
	for _, cs := range in.CareSettings {
		if _, err := c.exec(ctx, `INSERT INTO need_care_settings (need_id, setting) VALUES (?, ?)`, id, cs); err != nil {
			return err
		}
	}
	for i, t := range in.Tags {
		if _, err := c.exec(ctx, `INSERT INTO need_tags (need_id, position, tag, tag_fold) VALUES (?, ?, ?, ?)`, id, i, t, fold(t)); err != nil {
			return err
		}
	}
	for i, b := range in.Benefits {
		if _, err := c.exec(ctx, `INSERT INTO need_benefits (need_id, position, kpi, unit, baseline, target) VALUES (?, ?, ?, ?, ?, ?)`,
			id, i, b.KPI, b.Unit, b.Baseline, b.Target); err != nil {
			return err
		}
	}
	for _, p := range in.PartnerIDs {
		if p == orgID {
			continue
		}
		if _, err := c.exec(ctx, `INSERT INTO need_partners (need_id, org_id) VALUES (?, ?)`, id, p); err != nil {
			if c.d.isForeignKey(err) {
				return app.FieldErrors{"partner_ids": "err.organisation_not_found"}.Err()
			}
			return err
		}
	}
	if err := indexDoc(ctx, c, kindNeed, id, needRecord(in)); err != nil {
		return err
	}
	return watchJob(ctx, c, kindNeed, id, now)
}

func (s *Store) Need(ctx context.Context, v app.Viewer, id int64) (app.Need, error) {
	vis, args := visibleNeeds(v)
	n, err := scanNeed(s.r().queryRow(ctx, `SELECT `+needColumns+needFrom+`WHERE n.id = ? AND `+vis, append([]any{id}, args...)...))
	if err != nil {
		return app.Need{}, notFound(err, "err.need_not_found")
	}
	needs := []app.Need{n}
	if err := s.loadNeedLists(ctx, needs, true); err != nil {
		return app.Need{}, err
	}
	return needs[0], nil
}

// loadNeedLists fills the lists of needs with one query per list; full adds what only
// a need's own page shows.
func (s *Store) loadNeedLists(ctx context.Context, needs []app.Need, full bool) error {
	if len(needs) == 0 {
		return nil
	}
	index := make(map[int64]*app.Need, len(needs))
	ids := make([]any, len(needs))
	for i := range needs {
		n := &needs[i]
		index[n.ID], ids[i] = n, n.ID
		n.CareSettings, n.Tags, n.Benefits, n.Partners, n.CoOwners = []string{}, []string{}, []app.Benefit{}, []app.OrgRef{}, []app.CoOwner{}
		n.StageDurations = map[string]int64{}
	}
	in := "(" + placeholders(len(ids)) + ")"
	each := func(query string, scan func(r scanner) error) error {
		rows, err := s.r().query(ctx, query, ids...)
		if err != nil {
			return fmt.Errorf("store: need lists: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	var id int64
	err := each(`SELECT need_id, setting FROM need_care_settings WHERE need_id IN `+in+` ORDER BY need_id, setting`, func(r scanner) error {
		var v string
		err := r.Scan(&id, &v)
		index[id].CareSettings = append(index[id].CareSettings, v)
		return err
	})
	if err == nil {
		err = each(`SELECT need_id, tag FROM need_tags WHERE need_id IN `+in+` ORDER BY need_id, position`, func(r scanner) error {
			var v string
			err := r.Scan(&id, &v)
			index[id].Tags = append(index[id].Tags, v)
			return err
		})
	}
	if err == nil {
		err = each(`SELECT c.need_id, o.id, o.name, o.kind, c.volume_people, c.volume_events, c.joined_at
			FROM need_coowners c JOIN organisations o ON o.id = c.org_id WHERE c.need_id IN `+in+` ORDER BY c.need_id, c.joined_at`, func(r scanner) error {
			var co app.CoOwner
			err := r.Scan(&id, &co.Organisation.ID, &co.Organisation.Name, &co.Organisation.Kind, &co.VolumePeople, &co.VolumeEvents, &co.JoinedAt)
			index[id].CoOwners = append(index[id].CoOwners, co)
			return err
		})
	}
	if err != nil || !full {
		return err
	}
	err = each(`SELECT need_id, kpi, unit, baseline, target FROM need_benefits WHERE need_id IN `+in+` ORDER BY need_id, position`, func(r scanner) error {
		var b app.Benefit
		err := r.Scan(&id, &b.KPI, &b.Unit, &b.Baseline, &b.Target)
		index[id].Benefits = append(index[id].Benefits, b)
		return err
	})
	if err == nil {
		err = each(`SELECT p.need_id, o.id, o.name, o.kind FROM need_partners p JOIN organisations o ON o.id = p.org_id
			WHERE p.need_id IN `+in+` ORDER BY p.need_id, o.sort_key`, func(r scanner) error {
			var o app.OrgRef
			err := r.Scan(&id, &o.ID, &o.Name, &o.Kind)
			index[id].Partners = append(index[id].Partners, o)
			return err
		})
	}
	if err == nil {
		err = each(`SELECT need_id, state, seconds FROM need_state_times WHERE need_id IN `+in, func(r scanner) error {
			var st string
			var sec int64
			err := r.Scan(&id, &st, &sec)
			index[id].StageDurations[st] = sec
			return err
		})
	}
	if err != nil {
		return err
	}
	now := time.Now()
	for i := range needs {
		n := &needs[i]
		n.StageDurations[string(n.State)] += int64(now.Sub(n.StateChangedAt).Seconds())
	}
	return nil
}

// needSorts maps a sort name to its ORDER BY and the key a cursor continues from.
var needSorts = map[string]struct {
	order, after string
	key          func(app.Need) []byte
}{
	"newest":  {"n.id DESC", "n.id < ?", nil},
	"oldest":  {"n.id", "n.id > ?", nil},
	"title":   {"n.sort_key, n.id", "(n.sort_key > ? OR (n.sort_key = ? AND n.id > ?))", func(n app.Need) []byte { return sortKey(n.Title) }},
	"urgency": {"n.urgency_rank DESC, n.id DESC", "(n.urgency_rank < ? OR (n.urgency_rank = ? AND n.id < ?))", func(n app.Need) []byte { return []byte(strconv.Itoa(urgencyRank[n.Urgency])) }},
}

func (s *Store) ListNeeds(ctx context.Context, v app.Viewer, f app.NeedFilter) (app.List[app.Need], error) {
	f.Page = f.Page.Clamp()
	sort, ok := needSorts[f.Sort]
	if f.Sort == "" {
		sort, ok = needSorts["newest"], true
	}
	if !ok {
		return app.List[app.Need]{}, app.FieldErrors{"sort": "err.sort"}.Err()
	}
	cur, err := parseCursor(f.Cursor)
	if err != nil {
		return app.List[app.Need]{}, err
	}
	vis, args := visibleNeeds(v)
	where := []string{vis}
	if len(f.States) > 0 {
		where = append(where, "n.state IN ("+placeholders(len(f.States))+")")
		for _, st := range f.States {
			args = append(args, st)
		}
	}
	if f.CareSetting != "" {
		where = append(where, "EXISTS (SELECT 1 FROM need_care_settings cs WHERE cs.need_id = n.id AND cs.setting = ?)")
		args = append(args, f.CareSetting)
	}
	if f.Tag != "" {
		where = append(where, "EXISTS (SELECT 1 FROM need_tags t WHERE t.need_id = n.id AND t.tag_fold = ?)")
		args = append(args, fold(f.Tag))
	}
	if f.OrgID != 0 {
		where = append(where, "(n.org_id = ? OR EXISTS (SELECT 1 FROM need_coowners c2 WHERE c2.need_id = n.id AND c2.org_id = ?))")
		args = append(args, f.OrgID, f.OrgID)
	}
	if f.Urgency != "" {
		where = append(where, "n.urgency = ?")
		args = append(args, f.Urgency)
	}
	if f.Ref != "" {
		where = append(where, "n.ref = ?")
		args = append(args, f.Ref)
	}
	if cur.id > 0 {
		where = append(where, sort.after)
		switch strings.Count(sort.after, "?") {
		case 1:
			args = append(args, cur.id)
		default:
			key := any(cur.key)
			if f.Sort == "urgency" {
				rank, _ := strconv.Atoi(string(cur.key))
				key = rank
			}
			args = append(args, key, key, cur.id)
		}
	}
	rows, err := s.r().query(ctx, `SELECT `+needColumns+needFrom+`WHERE `+strings.Join(where, " AND ")+` ORDER BY `+sort.order+` LIMIT ?`,
		append(args, f.Limit+1)...)
	if err != nil {
		return app.List[app.Need]{}, fmt.Errorf("store: list needs: %w", err)
	}
	needs, err := collect(rows, scanNeed)
	if err != nil {
		return app.List[app.Need]{}, fmt.Errorf("store: list needs: %w", err)
	}
	l := page(needs, f.Limit, func(n app.Need) cursor {
		if sort.key == nil {
			return cursor{id: n.ID}
		}
		return cursor{sort.key(n), n.ID}
	})
	return l, s.loadNeedLists(ctx, l.Items, false)
}
