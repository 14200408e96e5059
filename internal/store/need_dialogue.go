package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// JoinNeed makes orgID a co-owner with its own volume ("vi har också detta behov"), or
// updates its volume, and tells the followers.
func (s *Store) JoinNeed(ctx context.Context, needID, orgID, userID int64, people, events int) error {
	return s.tx(ctx, func(c conn) error {
		var owner int64
		if err := c.queryRow(ctx, `SELECT org_id FROM needs WHERE id = ?`, needID).Scan(&owner); err != nil {
			return notFound(err, "err.need_not_found")
		}
		if owner == orgID {
			return app.Errorf(app.Conflict, "err.already_owner")
		}
		now := time.Now().UTC()
		_, err := c.exec(ctx, `INSERT INTO need_coowners (need_id, org_id, volume_people, volume_events, joined_by, joined_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (need_id, org_id) DO UPDATE SET volume_people = excluded.volume_people, volume_events = excluded.volume_events`,
			needID, orgID, people, events, userID, now)
		if err != nil {
			return fmt.Errorf("store: join need: %w", err)
		}
		if _, err := c.exec(ctx, `INSERT INTO need_followers (need_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, needID, userID, now); err != nil {
			return err
		}
		var name string
		if err := c.queryRow(ctx, `SELECT name FROM organisations WHERE id = ?`, orgID).Scan(&name); err != nil {
			return err
		}
		if err := audit(ctx, c, app.AuditNeedJoin, kindNeed, needID, owner, nil,
			map[string]any{"org_id": orgID, "volume_people": people, "volume_events": events}); err != nil {
			return err
		}
		return notifyFollowers(ctx, c, needID, userID, "co_owner", name, now)
	})
}

func (s *Store) Follow(ctx context.Context, needID, userID int64, follow bool) error {
	return s.tx(ctx, func(c conn) error {
		var err error
		if follow {
			_, err = c.exec(ctx, `INSERT INTO need_followers (need_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, needID, userID, time.Now().UTC())
		} else {
			_, err = c.exec(ctx, `DELETE FROM need_followers WHERE need_id = ? AND user_id = ?`, needID, userID)
		}
		if err != nil {
			return err
		}
		return audit(ctx, c, app.AuditUserFollow, kindPerson, userID, 0, nil, map[string]any{"need_id": needID, "follow": follow})
	})
}

func (s *Store) Following(ctx context.Context, needID, userID int64) (bool, error) {
	var n int
	err := s.r().queryRow(ctx, `SELECT count(*) FROM need_followers WHERE need_id = ? AND user_id = ?`, needID, userID).Scan(&n)
	return n > 0, err
}

const questionColumns = `q.id, q.need_id, COALESCE(a.id, 0), COALESCE(a.name, ''), COALESCE(o.id, 0), COALESCE(o.name, ''), COALESCE(o.kind, ''),
	q.question, q.answer, b.id, COALESCE(b.name, ''), q.answered_at, q.created_at
	FROM need_questions q LEFT JOIN users a ON a.id = q.asked_by LEFT JOIN organisations o ON o.id = q.asker_org
	LEFT JOIN users b ON b.id = q.answered_by`

func scanQuestion(r scanner) (app.Question, error) {
	var q app.Question
	var answererID *int64
	var answererName string
	err := r.Scan(&q.ID, &q.NeedID, &q.AskedBy.ID, &q.AskedBy.Name, &q.AskerOrg.ID, &q.AskerOrg.Name, &q.AskerOrg.Kind,
		&q.Question, &q.Answer, &answererID, &answererName, &q.AnsweredAt, &q.CreatedAt)
	if answererID != nil {
		q.AnsweredBy = &app.UserRef{ID: *answererID, Name: answererName}
	}
	return q, err
}

func (s *Store) AskQuestion(ctx context.Context, needID, userID, orgID int64, text string) (app.Question, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		now := time.Now().UTC()
		if err := c.queryRow(ctx, `INSERT INTO need_questions (need_id, asked_by, asker_org, question, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			needID, userID, nullID(orgID), text, now).Scan(&id); err != nil {
			return fmt.Errorf("store: ask: %w", err)
		}
		if err := auditObject(ctx, c, app.AuditNeedQuestion, kindNeed, needID, nil,
			map[string]any{"question_id": id, "asker_org": orgID, "question": text}); err != nil {
			return err
		}
		_, err := c.exec(ctx, `INSERT INTO need_followers (need_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, needID, userID, now)
		return err
	})
	if err != nil {
		return app.Question{}, err
	}
	return scanQuestion(s.r().queryRow(ctx, `SELECT `+questionColumns+` WHERE q.id = ?`, id))
}

// AnswerQuestion records the answer and tells every follower, the asker among them.
func (s *Store) AnswerQuestion(ctx context.Context, needID, questionID, userID int64, answer string) (app.Question, error) {
	err := s.tx(ctx, func(c conn) error {
		now := time.Now().UTC()
		var before string
		if err := c.queryRow(ctx, `SELECT answer FROM need_questions WHERE id = ? AND need_id = ?`, questionID, needID).Scan(&before); err != nil {
			return notFound(err, "err.question_not_found")
		}
		if _, err := c.exec(ctx, `UPDATE need_questions SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ? AND need_id = ?`,
			answer, userID, now, questionID, needID); err != nil {
			return err
		}
		if err := auditObject(ctx, c, app.AuditNeedAnswer, kindNeed, needID, map[string]any{"question_id": questionID, "answer": before},
			map[string]any{"question_id": questionID, "answer": answer}); err != nil {
			return err
		}
		return notifyFollowers(ctx, c, needID, userID, "answer", fmt.Sprint(questionID), now)
	})
	if err != nil {
		return app.Question{}, err
	}
	return scanQuestion(s.r().queryRow(ctx, `SELECT `+questionColumns+` WHERE q.id = ?`, questionID))
}

func (s *Store) Questions(ctx context.Context, needID int64, all bool, askerID int64) ([]app.Question, error) {
	rows, err := s.r().query(ctx, `SELECT `+questionColumns+` WHERE q.need_id = ? AND (? OR q.answered_at IS NOT NULL OR q.asked_by = ?) ORDER BY q.id`,
		needID, all, askerID)
	if err != nil {
		return nil, fmt.Errorf("store: questions: %w", err)
	}
	return collect(rows, scanQuestion)
}

func (s *Store) AddComment(ctx context.Context, needID, userID int64, body string) (app.Comment, error) {
	cm := app.Comment{Body: body, CreatedAt: time.Now().UTC(), Author: app.UserRef{ID: userID}}
	err := s.tx(ctx, func(c conn) error {
		if err := c.queryRow(ctx, `INSERT INTO need_comments (need_id, author_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			needID, userID, body, cm.CreatedAt).Scan(&cm.ID); err != nil {
			return err
		}
		return auditObject(ctx, c, app.AuditNeedComment, kindNeed, needID, nil, map[string]any{"comment_id": cm.ID, "body": body})
	})
	return cm, err
}

func (s *Store) Comments(ctx context.Context, needID int64) ([]app.Comment, error) {
	rows, err := s.r().query(ctx, `SELECT c.id, COALESCE(u.id, 0), COALESCE(u.name, ''), c.body, c.created_at
		FROM need_comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.need_id = ? ORDER BY c.id`, needID)
	if err != nil {
		return nil, fmt.Errorf("store: comments: %w", err)
	}
	return collect(rows, func(r scanner) (app.Comment, error) {
		var c app.Comment
		return c, r.Scan(&c.ID, &c.Author.ID, &c.Author.Name, &c.Body, &c.CreatedAt)
	})
}

func (s *Store) AddContact(ctx context.Context, sc app.SupplierContact) (app.SupplierContact, error) {
	var orgID *int64
	if sc.SupplierOrg != nil {
		orgID = &sc.SupplierOrg.ID
	}
	if sc.CreatedAt.IsZero() {
		sc.CreatedAt = time.Now().UTC()
	}
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO supplier_contacts (need_id, contact_date, supplier_org, supplier_name, our_people, their_people,
				channel, purpose, info_given, info_received, summary, published, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			sc.NeedID, sc.Date, orgID, sc.SupplierName, sc.OurPeople, sc.TheirPeople, sc.Channel, sc.Purpose, sc.InfoGiven, sc.InfoReceived,
			sc.Summary, sc.Published, sc.CreatedBy.ID, sc.CreatedAt).Scan(&sc.ID)
		if err != nil {
			if c.d.isForeignKey(err) {
				return app.FieldErrors{"supplier_organisation": "err.organisation_not_found"}.Err()
			}
			return fmt.Errorf("store: add contact: %w", err)
		}
		return auditObject(ctx, c, app.AuditNeedContactAdd, kindNeed, sc.NeedID, nil, sc)
	})
	return sc, err
}

func (s *Store) SetContactSummary(ctx context.Context, needID, contactID int64, summary string, published bool) error {
	return s.tx(ctx, func(c conn) error {
		before := map[string]any{"contact_id": contactID}
		var oldSummary string
		var oldPublished bool
		err := c.queryRow(ctx, `SELECT summary, published FROM supplier_contacts WHERE id = ? AND need_id = ?`, contactID, needID).Scan(&oldSummary, &oldPublished)
		if err != nil {
			return notFound(err, "err.contact_not_found")
		}
		before["summary"], before["published"] = oldSummary, oldPublished
		if _, err := c.exec(ctx, `UPDATE supplier_contacts SET summary = ?, published = ? WHERE id = ? AND need_id = ?`, summary, published, contactID, needID); err != nil {
			return err
		}
		return auditObject(ctx, c, app.AuditNeedContactSummary, kindNeed, needID, before,
			map[string]any{"contact_id": contactID, "summary": summary, "published": published})
	})
}

func (s *Store) Contacts(ctx context.Context, needID int64, all bool) ([]app.SupplierContact, error) {
	if all {
		// The whole contact log is sensitive material: who read it is recorded.
		if err := s.tx(ctx, func(c conn) error { return audit(ctx, c, app.AuditNeedContactsRead, kindNeed, needID, 0, nil, nil) }); err != nil {
			return nil, err
		}
	}
	rows, err := s.r().query(ctx, `SELECT c.id, c.need_id, c.contact_date, o.id, COALESCE(o.name, ''), COALESCE(o.kind, ''), c.supplier_name,
			c.our_people, c.their_people, c.channel, c.purpose, c.info_given, c.info_received, c.summary, c.published,
			COALESCE(u.id, 0), COALESCE(u.name, ''), c.created_at
		FROM supplier_contacts c LEFT JOIN organisations o ON o.id = c.supplier_org LEFT JOIN users u ON u.id = c.created_by
		WHERE c.need_id = ? AND (? OR c.published) ORDER BY c.contact_date, c.id`, needID, all)
	if err != nil {
		return nil, fmt.Errorf("store: contacts: %w", err)
	}
	return collect(rows, func(r scanner) (app.SupplierContact, error) {
		var c app.SupplierContact
		var orgID *int64
		var org app.OrgRef
		err := r.Scan(&c.ID, &c.NeedID, &c.Date, &orgID, &org.Name, &org.Kind, &c.SupplierName, &c.OurPeople, &c.TheirPeople, &c.Channel,
			&c.Purpose, &c.InfoGiven, &c.InfoReceived, &c.Summary, &c.Published, &c.CreatedBy.ID, &c.CreatedBy.Name, &c.CreatedAt)
		if orgID != nil {
			org.ID = *orgID
			c.SupplierOrg = &org
		}
		return c, err
	})
}

func (s *Store) SetDialogueSummary(ctx context.Context, needID int64, summary string, published bool) error {
	return s.tx(ctx, func(c conn) error {
		var before struct {
			Summary   string `json:"summary"`
			Published bool   `json:"published"`
		}
		err := c.queryRow(ctx, `SELECT dialogue_summary, summary_published FROM needs WHERE id = ?`, needID).Scan(&before.Summary, &before.Published)
		if err != nil {
			return notFound(err, "err.need_not_found")
		}
		if _, err := c.exec(ctx, `UPDATE needs SET dialogue_summary = ?, summary_published = ?, updated_at = ? WHERE id = ?`,
			summary, published, time.Now().UTC(), needID); err != nil {
			return err
		}
		return auditObject(ctx, c, app.AuditNeedDialogueSummary, kindNeed, needID, before, map[string]any{"summary": summary, "published": published})
	})
}
