package api

import (
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
)

// questionBody is a question as the caller may see it. Answers are for every supplier who
// can see the need (equal treatment), but who asked is not: a competitor learns the
// answer, not which company is interested. The owning side, and the asker, see the asker.
type questionBody struct {
	ID         int64        `json:"id"`
	NeedID     int64        `json:"need_id"`
	AskedBy    *app.UserRef `json:"asked_by"`
	AskerOrg   *app.OrgRef  `json:"asker_organisation"`
	Question   string       `json:"question"`
	Answer     string       `json:"answer"`
	AnsweredBy *app.UserRef `json:"answered_by"`
	AnsweredAt *time.Time   `json:"answered_at"`
	CreatedAt  time.Time    `json:"created_at"`
}

func questionView(a auth.Actor, n app.Need, q app.Question) questionBody {
	b := questionBody{ID: q.ID, NeedID: q.NeedID, Question: q.Question, Answer: q.Answer, AnsweredBy: q.AnsweredBy,
		AnsweredAt: q.AnsweredAt, CreatedAt: q.CreatedAt}
	if q.AskedBy.ID != 0 && (a.IsNeedInsider(n) || q.AskedBy.ID == a.ID) {
		b.AskedBy = &q.AskedBy
		if q.AskerOrg.ID != 0 {
			b.AskerOrg = &q.AskerOrg
		}
	}
	if b.AnsweredBy != nil && b.AnsweredBy.ID == 0 {
		b.AnsweredBy = nil
	}
	return b
}

// questions are those the caller may read: the owning side all of them, others the
// answered ones and their own.
func (s *Server) questions(r *http.Request, a auth.Actor, n app.Need) ([]questionBody, error) {
	qs, err := s.store.Questions(r.Context(), n.ID, a.IsNeedInsider(n), a.ID)
	if err != nil {
		return nil, err
	}
	out := make([]questionBody, len(qs))
	for i, q := range qs {
		out[i] = questionView(a, n, q)
	}
	return out, nil
}

func (s *Server) questionList(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	qs, err := s.questions(r, rq.actor, n)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, app.List[questionBody]{Items: qs})
	return nil
}

type questionInput struct {
	Question string `json:"question"`
}

// questionAsk: suppliers outside the owning side ask while the need is being worked on.
// During procurement the platform's dialogue is closed and the answer says where to ask.
func (s *Server) questionAsk(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	a := rq.actor
	if !a.CanAsk(n) {
		switch {
		case !a.SignedIn():
			return a.Require(false)
		case !a.IsSupplier() || a.IsNeedInsider(n):
			return app.Errorf(app.Forbidden, "err.ask_forbidden")
		case n.ProcurementLocked():
			return app.Errorf(app.Conflict, "err.questions_locked", n.ProcurementContact)
		default:
			return app.Errorf(app.Conflict, "err.questions_closed")
		}
	}
	var in questionInput
	if err := decode(r, &in); err != nil {
		return err
	}
	text, err := app.CheckText("question", in.Question, true)
	if err != nil {
		return err
	}
	q, err := s.store.AskQuestion(r.Context(), n.ID, a.ID, a.SupplierOrg(), text)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, questionView(a, n, q))
	return nil
}

type answerInput struct {
	Answer string `json:"answer"`
}

// questionAnswer: the coordinator answers, and every supplier who can see the need may read it.
func (s *Server) questionAnswer(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanCoordinateNeed(n)); err != nil {
		return err
	}
	qid, err := pathID(r, "qid", "err.question_not_found")
	if err != nil {
		return err
	}
	var in answerInput
	if err := decode(r, &in); err != nil {
		return err
	}
	text, err := app.CheckText("answer", in.Answer, true)
	if err != nil {
		return err
	}
	q, err := s.store.AnswerQuestion(r.Context(), n.ID, qid, rq.actor.ID, text)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, questionView(rq.actor, n, q))
	return nil
}

// requireInsider lets only the owning and co-owning organisations (and platform admins) at
// internal comments.
func requireInsider(a auth.Actor, n app.Need) error {
	switch {
	case a.IsNeedInsider(n):
		return nil
	case !a.SignedIn():
		return a.Require(false)
	}
	return app.Errorf(app.Forbidden, "err.insiders_only")
}

func (s *Server) commentList(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	if err := requireInsider(rq.actor, n); err != nil {
		return err
	}
	cs, err := s.store.Comments(r.Context(), n.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, app.List[app.Comment]{Items: orEmpty(cs)})
	return nil
}

type commentInput struct {
	Body string `json:"body"`
}

func (s *Server) commentAdd(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	if err := requireInsider(rq.actor, n); err != nil {
		return err
	}
	var in commentInput
	if err := decode(r, &in); err != nil {
		return err
	}
	body, err := app.CheckText("body", in.Body, true)
	if err != nil {
		return err
	}
	c, err := s.store.AddComment(r.Context(), n.ID, rq.actor.ID, body)
	if err != nil {
		return err
	}
	c.Author = app.UserRef{ID: rq.actor.ID, Name: rq.actor.Name}
	writeJSON(w, http.StatusCreated, c)
	return nil
}

// contactList answers the supplier contact log: the owning side all of it, others the
// entries published to all, and nobody outside while the procurement lock is on.
func (s *Server) contactList(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	all, published := rq.actor.CanSeeContacts(n)
	if !all && !published {
		if !rq.actor.SignedIn() {
			return rq.actor.Require(false)
		}
		return app.Errorf(app.Forbidden, "err.contacts_locked")
	}
	cs, err := s.store.Contacts(r.Context(), n.ID, all)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, app.List[app.SupplierContact]{Items: orEmpty(cs)})
	return nil
}

// contactInput is one entry of the contact log as the coordinator writes it.
type contactInput struct {
	Date                   string `json:"date"`
	SupplierOrganisationID int64  `json:"supplier_organisation_id"`
	SupplierName           string `json:"supplier_name"`
	OurPeople              string `json:"our_people"`
	TheirPeople            string `json:"their_people"`
	Channel                string `json:"channel"`
	Purpose                string `json:"purpose"`
	InfoGiven              string `json:"info_given"`
	InfoReceived           string `json:"info_received"`
	Summary                string `json:"summary"`
	Published              bool   `json:"published"`
}

func (s *Server) contactAdd(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanCoordinateNeed(n)); err != nil {
		return err
	}
	var in contactInput
	if err := decode(r, &in); err != nil {
		return err
	}
	c := app.SupplierContact{NeedID: n.ID, Date: in.Date, SupplierName: in.SupplierName, OurPeople: in.OurPeople,
		TheirPeople: in.TheirPeople, Channel: in.Channel, Purpose: in.Purpose, InfoGiven: in.InfoGiven, InfoReceived: in.InfoReceived,
		Summary: in.Summary, Published: in.Published, CreatedBy: app.UserRef{ID: rq.actor.ID}}
	f := app.FieldErrors{}
	if in.SupplierOrganisationID != 0 {
		o, err := s.store.Organisation(ctx, in.SupplierOrganisationID)
		switch {
		case app.ErrorCode(err) == app.NotFound:
			f.Add("supplier_organisation_id", "err.organisation_not_found")
		case err != nil:
			return err
		default:
			c.SupplierOrg = &app.OrgRef{ID: o.ID, Name: o.Name, Kind: o.Kind}
			if c.SupplierName == "" {
				c.SupplierName = o.Name
			}
		}
	}
	if err := addFields(f, c.Normalise()); err != nil {
		return err
	}
	if c.Published && c.Summary == "" {
		f.Add("summary", "err.summary_to_publish")
	}
	if err := f.Err(); err != nil {
		return err
	}
	if c, err = s.store.AddContact(ctx, c); err != nil {
		return err
	}
	if c, err = s.contact(r, n.ID, c.ID); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, c)
	return nil
}

// contact reads one entry back as the log shows it, with names filled in.
func (s *Server) contact(r *http.Request, needID, contactID int64) (app.SupplierContact, error) {
	cs, err := s.store.Contacts(r.Context(), needID, true)
	if err != nil {
		return app.SupplierContact{}, err
	}
	for _, c := range cs {
		if c.ID == contactID {
			return c, nil
		}
	}
	return app.SupplierContact{}, app.Errorf(app.NotFound, "err.contact_not_found")
}

// summaryPatch changes a summary and whether it is published; absent fields stay.
type summaryPatch struct {
	Summary   *string `json:"summary"`
	Published *bool   `json:"published"`
}

// contactUpdate summarises an entry of the log and publishes it to all who can see the need.
func (s *Server) contactUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanCoordinateNeed(n)); err != nil {
		return err
	}
	cid, err := pathID(r, "cid", "err.contact_not_found")
	if err != nil {
		return err
	}
	var p summaryPatch
	if err := decode(r, &p); err != nil {
		return err
	}
	c, err := s.contact(r, n.ID, cid)
	if err != nil {
		return err
	}
	set(&c.Summary, p.Summary)
	set(&c.Published, p.Published)
	if c.Summary, err = app.CheckText("summary", c.Summary, false); err != nil {
		return err
	}
	if c.Published && c.Summary == "" {
		return app.FieldErrors{"summary": "err.summary_to_publish"}.Err()
	}
	if err := s.store.SetContactSummary(r.Context(), n.ID, cid, c.Summary, c.Published); err != nil {
		return err
	}
	if c, err = s.contact(r, n.ID, cid); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

// dialogueSummarySet replaces the summary of the early market dialogue; published, it goes
// to every supplier who can see the need, and leaving the market scan requires it.
func (s *Server) dialogueSummarySet(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanCoordinateNeed(n)); err != nil {
		return err
	}
	var p summaryPatch
	if err := decode(r, &p); err != nil {
		return err
	}
	f := app.FieldErrors{}
	if p.Summary == nil {
		f.Add("summary", "err.required")
	}
	if p.Published == nil {
		f.Add("published", "err.required")
	}
	if err := f.Err(); err != nil {
		return err
	}
	summary, err := app.CheckText("summary", *p.Summary, false)
	if err != nil {
		return err
	}
	if *p.Published && summary == "" {
		return app.FieldErrors{"summary": "err.summary_to_publish"}.Err()
	}
	if err := s.store.SetDialogueSummary(r.Context(), n.ID, summary, *p.Published); err != nil {
		return err
	}
	if n, err = s.store.Need(r.Context(), rq.actor.Viewer(), n.ID); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, needView(rq.actor, n))
	return nil
}
