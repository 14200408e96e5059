package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Webhooks: an organisation's registered URLs, and the events the store enqueues for them
// in the transaction of the change each tells of, so that an event is sent exactly when
// its change commits. What a webhook hears of needs is decided by visibleNeeds for
// app.OrganisationViewer, and only for submitted needs.

const webhookColumns = `w.id, w.org_id, o.name, o.kind, w.url, w.events, w.created_by, COALESCE(u.name, ''), w.created_at`

const webhookFrom = ` FROM webhooks w JOIN organisations o ON o.id = w.org_id LEFT JOIN users u ON u.id = w.created_by `

func scanWebhook(r scanner) (app.Webhook, error) {
	var w app.Webhook
	var events, creatorName string
	var creator sql.NullInt64
	err := r.Scan(&w.ID, &w.Organisation.ID, &w.Organisation.Name, &w.Organisation.Kind, &w.URL, &events, &creator, &creatorName, &w.CreatedAt)
	if err != nil {
		return w, err
	}
	if creator.Valid {
		w.CreatedBy = &app.UserRef{ID: creator.Int64, Name: creatorName}
	}
	if err := json.Unmarshal([]byte(events), &w.Events); err != nil {
		return w, fmt.Errorf("store: webhook events: %w", err)
	}
	return w, nil
}

func (s *Store) CreateWebhook(ctx context.Context, orgID, creatorID int64, in app.WebhookInput, secret string) (app.Webhook, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		var n int
		if err := c.queryRow(ctx, `SELECT count(*) FROM webhooks WHERE org_id = ?`, orgID).Scan(&n); err != nil {
			return err
		}
		if n >= app.MaxWebhooks {
			return app.Errorf(app.Conflict, "err.webhook_limit", app.MaxWebhooks)
		}
		events, err := json.Marshal(in.Events)
		if err != nil {
			return err
		}
		err = c.queryRow(ctx, `INSERT INTO webhooks (org_id, url, secret, events, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			orgID, in.URL, secret, string(events), nullID(creatorID), time.Now().UTC()).Scan(&id)
		if err != nil && c.d.isForeignKey(err) {
			return app.FieldErrors{"organisation_id": "err.organisation_not_found"}.Err()
		}
		if err != nil {
			return err
		}
		return audit(ctx, c, app.AuditWebhookCreate, kindOrg, orgID, orgID, nil, map[string]any{"webhook_id": id, "url": in.URL, "events": in.Events})
	})
	if err != nil {
		return app.Webhook{}, err
	}
	return s.Webhook(ctx, id)
}

func (s *Store) Webhook(ctx context.Context, id int64) (app.Webhook, error) {
	w, err := scanWebhook(s.r().queryRow(ctx, `SELECT `+webhookColumns+webhookFrom+`WHERE w.id = ?`, id))
	return w, notFound(err, "err.webhook_not_found")
}

func (s *Store) ListWebhooks(ctx context.Context, f app.WebhookFilter) (app.List[app.Webhook], error) {
	f.Page = f.Page.Clamp()
	cur, err := parseCursor(f.Cursor)
	if err != nil {
		return app.List[app.Webhook]{}, err
	}
	if !f.AllOrgs && len(f.OrgIDs) == 0 {
		return page([]app.Webhook(nil), f.Limit, nil), nil
	}
	where, args := []string{"1 = 1"}, []any{}
	if !f.AllOrgs {
		where = append(where, "w.org_id IN ("+placeholders(len(f.OrgIDs))+")")
		for _, id := range f.OrgIDs {
			args = append(args, id)
		}
	}
	if cur.id > 0 {
		where = append(where, "w.id < ?")
		args = append(args, cur.id)
	}
	rows, err := s.r().query(ctx, `SELECT `+webhookColumns+webhookFrom+`WHERE `+strings.Join(where, " AND ")+` ORDER BY w.id DESC LIMIT ?`,
		append(args, f.Limit+1)...)
	if err != nil {
		return app.List[app.Webhook]{}, fmt.Errorf("store: list webhooks: %w", err)
	}
	hooks, err := collect(rows, scanWebhook)
	if err != nil {
		return app.List[app.Webhook]{}, fmt.Errorf("store: list webhooks: %w", err)
	}
	return page(hooks, f.Limit, func(w app.Webhook) cursor { return cursor{id: w.ID} }), nil
}

func (s *Store) DeleteWebhook(ctx context.Context, id int64) error {
	return s.tx(ctx, func(c conn) error {
		var orgID int64
		var url, events string
		if err := c.queryRow(ctx, `DELETE FROM webhooks WHERE id = ? RETURNING org_id, url, events`, id).Scan(&orgID, &url, &events); err != nil {
			return notFound(err, "err.webhook_not_found")
		}
		return audit(ctx, c, app.AuditWebhookDelete, kindOrg, orgID, orgID, map[string]any{"webhook_id": id, "url": url, "events": events}, nil)
	})
}

// webhookTarget is a webhook an event may go to.
type webhookTarget struct {
	id, orgID int64
	events    []app.WebhookEvent
}

func (t webhookTarget) wants(e app.WebhookEvent) bool { return slices.Contains(t.events, e) }

// webhookTargets returns the webhooks that want any of events.
func webhookTargets(ctx context.Context, c conn, events ...app.WebhookEvent) ([]webhookTarget, error) {
	var like []string
	var args []any
	for _, e := range events {
		like = append(like, `events LIKE ? ESCAPE '\'`)
		args = append(args, contains(`"`+string(e)+`"`))
	}
	rows, err := c.query(ctx, `SELECT id, org_id, events FROM webhooks WHERE `+strings.Join(like, " OR ")+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: webhooks: %w", err)
	}
	return collect(rows, func(r scanner) (webhookTarget, error) {
		var t webhookTarget
		var events string
		if err := r.Scan(&t.id, &t.orgID, &events); err != nil {
			return t, err
		}
		return t, json.Unmarshal([]byte(events), &t.events)
	})
}

// needWebhooks runs change, a write to need id in transaction c, and enqueues what the
// webhooks must hear of it: need.published to those whose organisation may see the
// submitted need now and could not before, need.transitioned to those whose organisation
// saw it before and still does, when its state changed.
func needWebhooks(ctx context.Context, c conn, id int64, change func() error) error {
	targets, err := webhookTargets(ctx, c, app.EventNeedPublished, app.EventNeedTransitioned)
	if err != nil {
		return err
	}
	if len(targets) == 0 {
		return change()
	}
	from, before, err := needSeenBy(ctx, c, id, targets)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	to, after, err := needSeenBy(ctx, c, id, targets)
	if err != nil {
		return err
	}
	var need *webhookNeed
	for _, t := range targets {
		var event app.WebhookEvent
		switch {
		case after[t.orgID] && !before[t.orgID] && t.wants(app.EventNeedPublished):
			event = app.EventNeedPublished
		case after[t.orgID] && before[t.orgID] && from != to && t.wants(app.EventNeedTransitioned):
			event = app.EventNeedTransitioned
		default:
			continue
		}
		if need == nil {
			if need, err = loadWebhookNeed(ctx, c, id); err != nil {
				return err
			}
		}
		data := needEventData{Need: need}
		if event == app.EventNeedTransitioned {
			data.From, data.To = from, to
		}
		if err := enqueueDelivery(ctx, c, t.id, event, id, data); err != nil {
			return err
		}
	}
	return nil
}

// needSeenBy returns the need's state and which organisations of targets may see it as
// submitted, in one query: each organisation's visibleNeeds predicate is a column.
func needSeenBy(ctx context.Context, c conn, id int64, targets []webhookTarget) (app.NeedState, map[int64]bool, error) {
	var orgs []int64
	var cols []string
	var args []any
	for _, t := range targets {
		if slices.Contains(orgs, t.orgID) {
			continue
		}
		orgs = append(orgs, t.orgID)
		vis, a := visibleNeeds(app.OrganisationViewer(t.orgID))
		cols = append(cols, "CASE WHEN n.submitted_at IS NOT NULL AND "+vis+" THEN 1 ELSE 0 END")
		args = append(args, a...)
	}
	dest := make([]any, len(orgs)+1)
	var state app.NeedState
	seen := make([]int, len(orgs))
	dest[0] = &state
	for i := range seen {
		dest[i+1] = &seen[i]
	}
	err := c.queryRow(ctx, `SELECT n.state, `+strings.Join(cols, ", ")+` FROM needs n WHERE n.id = ?`, append(args, id)...).Scan(dest...)
	if err != nil {
		return "", nil, notFound(err, "err.need_not_found")
	}
	out := make(map[int64]bool, len(orgs))
	for i, org := range orgs {
		out[org] = seen[i] == 1
	}
	return state, out, nil
}

// webhookNeed is a need as webhooks receive it: what every organisation that may see the
// need sees in a list, without the people in it.
type webhookNeed struct {
	ID             int64          `json:"id"`
	Ref            *string        `json:"ref"`
	Organisation   app.OrgRef     `json:"organisation"`
	Title          string         `json:"title"`
	HowMightWe     string         `json:"how_might_we"`
	Problem        string         `json:"problem"`
	CareSettings   []string       `json:"care_settings"`
	Tags           []string       `json:"tags"`
	Urgency        app.Urgency    `json:"urgency"`
	Visibility     app.Visibility `json:"visibility"`
	State          app.NeedState  `json:"state"`
	SubmittedAt    *time.Time     `json:"submitted_at"`
	StateChangedAt time.Time      `json:"state_changed_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

type needEventData struct {
	Need *webhookNeed  `json:"need"`
	From app.NeedState `json:"from,omitempty"`
	To   app.NeedState `json:"to,omitempty"`
}

type solutionEventData struct {
	Solution app.Solution `json:"solution"`
}

func loadWebhookNeed(ctx context.Context, c conn, id int64) (*webhookNeed, error) {
	n := &webhookNeed{CareSettings: []string{}, Tags: []string{}}
	err := c.queryRow(ctx, `SELECT n.id, n.ref, o.id, o.name, o.kind, n.title, n.how_might_we, n.problem, n.urgency, n.visibility, n.state,
			n.submitted_at, n.state_changed_at, n.updated_at
		FROM needs n JOIN organisations o ON o.id = n.org_id WHERE n.id = ?`, id).Scan(
		&n.ID, &n.Ref, &n.Organisation.ID, &n.Organisation.Name, &n.Organisation.Kind, &n.Title, &n.HowMightWe, &n.Problem,
		&n.Urgency, &n.Visibility, &n.State, &n.SubmittedAt, &n.StateChangedAt, &n.UpdatedAt)
	if err != nil {
		return nil, fmt.Errorf("store: webhook need: %w", err)
	}
	if n.CareSettings, err = strings1(ctx, c, `SELECT setting FROM need_care_settings WHERE need_id = ? ORDER BY setting`, id); err != nil {
		return nil, err
	}
	n.Tags, err = strings1(ctx, c, `SELECT tag FROM need_tags WHERE need_id = ? ORDER BY position`, id)
	return n, err
}

// strings1 returns the one text column of a query's rows, never nil.
func strings1(ctx context.Context, c conn, query string, args ...any) ([]string, error) {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	out, err := collect(rows, func(r scanner) (string, error) {
		var v string
		return v, r.Scan(&v)
	})
	if out == nil {
		out = []string{}
	}
	return out, err
}

// solutionWebhooks enqueues solution.created for every webhook that wants it, with the
// solution as the public catalogue shows it: without the fields its supplier marks as
// business secret, whoever registered the webhook.
func solutionWebhooks(ctx context.Context, c conn, id int64) error {
	targets, err := webhookTargets(ctx, c, app.EventSolutionCreated)
	if err != nil || len(targets) == 0 {
		return err
	}
	sol, err := scanSolution(c.queryRow(ctx, `SELECT `+solutionColumns+solutionFrom+`WHERE s.id = ?`, id))
	if err != nil {
		return fmt.Errorf("store: webhook solution: %w", err)
	}
	if sol.CareSettings, err = strings1(ctx, c, `SELECT setting FROM solution_care_settings WHERE solution_id = ? ORDER BY setting`, id); err != nil {
		return err
	}
	if sol.Tags, err = strings1(ctx, c, `SELECT tag FROM solution_tags WHERE solution_id = ? ORDER BY position`, id); err != nil {
		return err
	}
	sol.HideSecrets()
	for _, t := range targets {
		if err := enqueueDelivery(ctx, c, t.id, app.EventSolutionCreated, 0, solutionEventData{sol}); err != nil {
			return err
		}
	}
	return nil
}

// enqueueDelivery fixes the body of an event for one webhook and enqueues the job that
// sends it. needID (0 for none) lets the worker check again that the need may be seen.
func enqueueDelivery(ctx context.Context, c conn, webhookID int64, event app.WebhookEvent, needID int64, data any) error {
	now := time.Now().UTC()
	body, err := json.Marshal(struct {
		Event      app.WebhookEvent `json:"event"`
		OccurredAt time.Time        `json:"occurred_at"`
		Data       any              `json:"data"`
	}{event, now, data})
	if err != nil {
		return fmt.Errorf("store: webhook body: %w", err)
	}
	var id int64
	err = c.queryRow(ctx, `INSERT INTO webhook_deliveries (webhook_id, event, need_id, body, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		webhookID, event, nullID(needID), string(body), now).Scan(&id)
	if err != nil {
		return fmt.Errorf("store: webhook delivery: %w", err)
	}
	_, err = enqueueJob(ctx, c, app.NewJob{Kind: app.JobDeliverWebhook, Payload: app.WebhookJob{DeliveryID: id}, MaxAttempts: app.WebhookAttempts}, now)
	return err
}

// StartWebhookDelivery returns what to send for a delivery. A delivery about a need its
// webhook's organisation may no longer see is withheld: marked so, and returned with
// Withheld set, so that nothing is sent. A delivery whose webhook was deleted is NotFound.
func (s *Store) StartWebhookDelivery(ctx context.Context, deliveryID int64) (app.WebhookMessage, error) {
	var m app.WebhookMessage
	var body string
	var needID sql.NullInt64
	var orgID int64
	err := s.r().queryRow(ctx, `SELECT d.id, w.url, w.secret, d.event, d.body, d.need_id, w.org_id
		FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = ?`, deliveryID).Scan(
		&m.DeliveryID, &m.URL, &m.Secret, &m.Event, &body, &needID, &orgID)
	if err != nil {
		return m, notFound(err, "err.webhook_not_found")
	}
	m.Body = []byte(body)
	if !needID.Valid {
		return m, nil
	}
	vis, args := visibleNeeds(app.OrganisationViewer(orgID))
	var seen int
	if err := s.r().queryRow(ctx, `SELECT count(*) FROM needs n WHERE n.id = ? AND n.submitted_at IS NOT NULL AND `+vis,
		append([]any{needID.Int64}, args...)...).Scan(&seen); err != nil {
		return m, fmt.Errorf("store: webhook visibility: %w", err)
	}
	if seen == 0 {
		m.Withheld = true
		_, err = s.w().exec(ctx, `UPDATE webhook_deliveries SET state = ?, finished_at = ? WHERE id = ?`, app.DeliveryWithheld, time.Now().UTC(), deliveryID)
	}
	return m, err
}

// RecordWebhookAttempt keeps one attempt of a delivery and the state it leaves the
// delivery in.
func (s *Store) RecordWebhookAttempt(ctx context.Context, deliveryID int64, a app.WebhookAttempt, state app.DeliveryState) error {
	if r := []rune(a.Error); len(r) > maxJobError {
		a.Error = string(r[:maxJobError])
	}
	return s.tx(ctx, func(c conn) error {
		if _, err := c.exec(ctx, `INSERT INTO webhook_attempts (delivery_id, status_code, error, duration_ms, at) VALUES (?, ?, ?, ?, ?)`,
			deliveryID, a.StatusCode, a.Error, a.Duration.Milliseconds(), a.At.UTC()); err != nil {
			if c.d.isForeignKey(err) {
				return app.Errorf(app.NotFound, "err.webhook_not_found")
			}
			return err
		}
		var finished any
		if state != app.DeliveryPending {
			finished = a.At.UTC()
		}
		res, err := c.exec(ctx, `UPDATE webhook_deliveries SET state = ?, attempts = attempts + 1, finished_at = ? WHERE id = ?`,
			state, finished, deliveryID)
		return affected(res, err, "err.webhook_not_found")
	})
}

func (s *Store) WebhookDeliveries(ctx context.Context, orgID int64, limit int) ([]app.WebhookDelivery, error) {
	rows, err := s.r().query(ctx, `SELECT d.id, d.webhook_id, w.url, d.event, d.state, d.created_at, d.finished_at
		FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE w.org_id = ? ORDER BY d.id DESC LIMIT ?`, orgID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: webhook deliveries: %w", err)
	}
	out, err := collect(rows, func(r scanner) (app.WebhookDelivery, error) {
		var d app.WebhookDelivery
		err := r.Scan(&d.ID, &d.WebhookID, &d.URL, &d.Event, &d.State, &d.CreatedAt, &d.FinishedAt)
		return d, err
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	index := make(map[int64]*app.WebhookDelivery, len(out))
	ids := make([]any, len(out))
	for i := range out {
		index[out[i].ID], ids[i] = &out[i], out[i].ID
	}
	rows, err = s.r().query(ctx, `SELECT delivery_id, status_code, error, duration_ms, at FROM webhook_attempts
		WHERE delivery_id IN (`+placeholders(len(ids))+`) ORDER BY id`, ids...)
	if err != nil {
		return nil, fmt.Errorf("store: webhook attempts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, ms int64
		var a app.WebhookAttempt
		if err := rows.Scan(&id, &a.StatusCode, &a.Error, &ms, &a.At); err != nil {
			return nil, err
		}
		a.Duration = time.Duration(ms) * time.Millisecond
		index[id].Attempts = append(index[id].Attempts, a)
	}
	return out, rows.Err()
}

// DeleteWebhookDeliveries forgets finished deliveries made before a time.
func (s *Store) DeleteWebhookDeliveries(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.w().exec(ctx, `DELETE FROM webhook_deliveries WHERE created_at < ? AND state <> ?`, before.UTC(), app.DeliveryPending)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
