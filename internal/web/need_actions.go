package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
)

// needAction runs a form posted from the need page: on success back to the page with a
// message; on bad input the page again with the problems shown.
func (s *Server) needAction(act func(r *http.Request, rq *request, n app.Need) (flash string, err error)) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
			return err
		}
		n, err := s.needFromPath(r, rq)
		if err != nil {
			return err
		}
		if err := r.ParseForm(); err != nil {
			return err
		}
		flash, err := act(r, rq, n)
		if err != nil {
			code := app.ErrorCode(err)
			if code != app.Invalid && code != app.Conflict {
				return err
			}
			v := s.view(r, rq, "need.detail_title")
			v.Heading, v.Form = n.Title, r.PostForm
			formError(v, err)
			if n, err = s.store.Need(r.Context(), rq.actor.Viewer(), n.ID); err != nil {
				return err
			}
			return s.renderNeed(w, r, rq, v, n, StatusOf(code))
		}
		return s.redirect(w, r, fmt.Sprintf("/needs/%d", n.ID), flash)
	}
}

func (s *Server) needTransition(r *http.Request, rq *request, n app.Need) (string, error) {
	if !rq.actor.CanMoveNeed(n) {
		return "", app.Errorf(app.Forbidden, "err.transition_forbidden")
	}
	f := r.PostForm
	t := app.TransitionInput{To: app.NeedState(f.Get("to")), Comment: strings.TrimSpace(f.Get("comment")), Route: app.Route(f.Get("route")),
		CloseReason: app.CloseReason(f.Get("close_reason")), ProcurementContact: strings.TrimSpace(f.Get("procurement_contact"))}
	t.MergedInto, _ = strconv.ParseInt(f.Get("merged_into"), 10, 64)
	t.ProjectID, _ = strconv.ParseInt(f.Get("project_id"), 10, 64)
	if _, err := app.CheckText("comment", t.Comment, false); err != nil {
		return "", err
	}
	if err := app.CheckTransition(n.State, t.To, rq.actor.NeedRelations(n)); err != nil {
		return "", err
	}
	if t.To == app.StateMerged {
		// The surviving need must be one the person can see.
		if _, err := s.store.Need(r.Context(), rq.actor.Viewer(), t.MergedInto); err != nil {
			return "", app.FieldErrors{"merged_into": "err.merged_into"}.Err()
		}
	}
	if t.ProjectID != 0 && t.To == app.StatePiloting {
		if err := CheckPilotProject(r.Context(), s.store, rq.actor, n, t.ProjectID); err != nil {
			return "", err
		}
	}
	_, err := s.store.TransitionNeed(r.Context(), n.ID, n.State, rq.actor.ID, t)
	return "need.moved", err
}

func (s *Server) needJoin(r *http.Request, rq *request, n app.Need) (string, error) {
	orgID, _ := strconv.ParseInt(r.PostForm.Get("organisation_id"), 10, 64)
	joinable := rq.actor.JoinableOrganisations(n)
	ok := false
	for _, o := range joinable {
		ok = ok || o.ID == orgID
	}
	if err := rq.actor.Require(ok); err != nil {
		return "", err
	}
	people, events := formNumber(r.PostForm.Get("volume_people")), formNumber(r.PostForm.Get("volume_events"))
	f := app.FieldErrors{}
	if people < 0 {
		f.Add("volume_people", "err.volume")
	}
	if events < 0 {
		f.Add("volume_events", "err.volume")
	}
	if err := f.Err(); err != nil {
		return "", err
	}
	return "need.joined", s.store.JoinNeed(r.Context(), n.ID, orgID, rq.actor.ID, people, events)
}

func (s *Server) needFollow(r *http.Request, rq *request, n app.Need) (string, error) {
	follow := r.PostForm.Get("follow") == "true"
	flash := "need.unfollowed"
	if follow {
		flash = "need.followed"
	}
	return flash, s.store.Follow(r.Context(), n.ID, rq.actor.ID, follow)
}

func (s *Server) needAsk(r *http.Request, rq *request, n app.Need) (string, error) {
	if n.ProcurementLocked() {
		return "", app.Errorf(app.Conflict, "err.procurement_locked")
	}
	if err := rq.actor.Require(rq.actor.CanAsk(n)); err != nil {
		return "", err
	}
	text, err := app.CheckText("question", r.PostForm.Get("question"), true)
	if err != nil {
		return "", err
	}
	_, err = s.store.AskQuestion(r.Context(), n.ID, rq.actor.ID, rq.actor.SupplierOrg(), text)
	return "need.question_sent", err
}

func (s *Server) needAnswer(r *http.Request, rq *request, n app.Need) (string, error) {
	if err := rq.actor.Require(rq.actor.CanCoordinateNeed(n)); err != nil {
		return "", err
	}
	qid, err := pathID(r, "question")
	if err != nil {
		return "", app.Errorf(app.NotFound, "err.question_not_found")
	}
	text, err := app.CheckText("answer", r.PostForm.Get("answer"), true)
	if err != nil {
		return "", err
	}
	_, err = s.store.AnswerQuestion(r.Context(), n.ID, qid, rq.actor.ID, text)
	return "need.answered", err
}

func (s *Server) needComment(r *http.Request, rq *request, n app.Need) (string, error) {
	if err := rq.actor.Require(rq.actor.IsNeedInsider(n)); err != nil {
		return "", err
	}
	text, err := app.CheckText("body", r.PostForm.Get("body"), true)
	if err != nil {
		return "", err
	}
	_, err = s.store.AddComment(r.Context(), n.ID, rq.actor.ID, text)
	return "need.commented", err
}

func (s *Server) needContact(r *http.Request, rq *request, n app.Need) (string, error) {
	if err := rq.actor.Require(rq.actor.CanCoordinateNeed(n)); err != nil {
		return "", err
	}
	f := r.PostForm
	c := app.SupplierContact{NeedID: n.ID, Date: f.Get("date"), SupplierName: f.Get("supplier_name"), OurPeople: f.Get("our_people"),
		TheirPeople: f.Get("their_people"), Channel: f.Get("channel"), Purpose: f.Get("purpose"), InfoGiven: f.Get("info_given"),
		InfoReceived: f.Get("info_received"), Summary: f.Get("summary"), Published: f.Get("published") == "true",
		CreatedBy: app.UserRef{ID: rq.actor.ID}}
	if err := c.Normalise(); err != nil {
		return "", err
	}
	_, err := s.store.AddContact(r.Context(), c)
	return "need.contact_logged", err
}

func (s *Server) needContactSummary(r *http.Request, rq *request, n app.Need) (string, error) {
	if err := rq.actor.Require(rq.actor.CanCoordinateNeed(n)); err != nil {
		return "", err
	}
	cid, err := pathID(r, "contact")
	if err != nil {
		return "", app.Errorf(app.NotFound, "err.contact_not_found")
	}
	text, err := app.CheckText("summary", r.PostForm.Get("summary"), true)
	if err != nil {
		return "", err
	}
	return "form.saved", s.store.SetContactSummary(r.Context(), n.ID, cid, text, r.PostForm.Get("published") == "true")
}

func (s *Server) needDialogueSummary(r *http.Request, rq *request, n app.Need) (string, error) {
	if err := rq.actor.Require(rq.actor.CanCoordinateNeed(n)); err != nil {
		return "", err
	}
	text, err := app.CheckText("dialogue_summary", r.PostForm.Get("dialogue_summary"), true)
	if err != nil {
		return "", err
	}
	return "form.saved", s.store.SetDialogueSummary(r.Context(), n.ID, text, r.PostForm.Get("published") == "true")
}

// CheckPilotProject refuses a project a need moving to piloting may not join: one the
// actor does not see or may not change, or one of another organisation than the need's.
// The API checks the same.
func CheckPilotProject(ctx context.Context, st app.Store, a auth.Actor, n app.Need, projectID int64) error {
	p, err := st.Project(ctx, a.Viewer(), projectID)
	if err == nil && (!a.CanEditProject(p) || p.Organisation.ID != n.Organisation.ID) {
		err = app.Errorf(app.NotFound, "err.project_not_found")
	}
	if app.ErrorCode(err) == app.NotFound {
		return app.FieldErrors{"project_id": "err.pilot_project"}.Err()
	}
	return err
}
