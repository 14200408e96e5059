package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/web"
)

// callList: calls are public; open=true keeps those with a deadline ahead.
func (s *Server) callList(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := page(r)
	if err != nil {
		return err
	}
	f := app.CallFilter{Page: p, Now: time.Now()}
	switch r.URL.Query().Get("open") {
	case "", "false":
	case "true":
		f.Open = true
	default:
		return badRequest{&app.Error{Code: app.Invalid, Message: "err.invalid_input", Fields: map[string]string{"open": "err.boolean"}}}
	}
	list, err := s.store.ListCalls(r.Context(), f)
	if err != nil {
		return listError(err)
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

func (s *Server) loadCall(r *http.Request) (app.Call, error) {
	id, err := pathID(r, "id", "err.call_not_found")
	if err != nil {
		return app.Call{}, err
	}
	return s.store.Call(r.Context(), id)
}

func (s *Server) callGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	c, err := s.loadCall(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

// callCreate: innovation coordinators and admins keep the calls.
func (s *Server) callCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanManageCalls()); err != nil {
		return err
	}
	var in app.CallInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	c, err := s.store.CreateCall(r.Context(), rq.actor.ID, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, c)
	return nil
}

func (s *Server) callReplace(w http.ResponseWriter, r *http.Request, rq *request) error {
	c, err := s.loadCall(r)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanManageCalls()); err != nil {
		return err
	}
	var in app.CallInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	if c, err = s.store.UpdateCall(r.Context(), c.ID, in); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

// applicationJSON is an application with its checks against the call's rules, worded in
// the caller's language.
type applicationJSON struct {
	app.Application
	RequestedGrant app.Money     `json:"requested_grant"`
	Checks         []app.Problem `json:"checks"`
}

func (s *Server) applicationView(r *http.Request, rq *request, a app.Application) (applicationJSON, error) {
	c, err := s.store.Call(r.Context(), a.Call.ID)
	if err != nil {
		return applicationJSON{}, err
	}
	return applicationJSON{a, app.Money{Amount: a.RequestedGrant(), Currency: c.Currency}, web.CheckApplication(rq.lang, c, a, time.Now())}, nil
}

// applicationList: the applications of the caller's organisations.
func (s *Server) applicationList(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := page(r)
	if err != nil {
		return err
	}
	var callID int64
	if v := r.URL.Query().Get("call_id"); v != "" {
		if callID, err = strconv.ParseInt(v, 10, 64); err != nil || callID < 1 {
			return badRequest{&app.Error{Code: app.Invalid, Message: "err.invalid_input", Fields: map[string]string{"call_id": "err.id"}}}
		}
	}
	list, err := s.store.ListApplications(r.Context(), rq.actor.Viewer(), callID, p)
	if err != nil {
		return listError(err)
	}
	out := app.List[applicationJSON]{Items: make([]applicationJSON, len(list.Items)), NextCursor: list.NextCursor}
	for i, a := range list.Items {
		if out.Items[i], err = s.applicationView(r, rq, a); err != nil {
			return err
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) loadApplication(r *http.Request, rq *request) (app.Application, error) {
	id, err := pathID(r, "id", "err.application_not_found")
	if err != nil {
		return app.Application{}, err
	}
	return s.store.Application(r.Context(), rq.actor.Viewer(), id)
}

func (s *Server) applicationGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	a, err := s.loadApplication(r, rq)
	if err != nil {
		return err
	}
	return s.writeApplication(w, r, rq, http.StatusOK, a)
}

func (s *Server) writeApplication(w http.ResponseWriter, r *http.Request, rq *request, status int, a app.Application) error {
	out, err := s.applicationView(r, rq, a)
	if err != nil {
		return err
	}
	writeJSON(w, status, out)
	return nil
}

// checkApplicationInput validates an application and refuses a lead applicant the
// caller does not belong to.
func checkApplicationInput(rq *request, in *app.ApplicationInput) error {
	if err := in.Normalise(); err != nil {
		return err
	}
	if !rq.actor.CanLeadApplication(in.LeadID()) {
		return app.Errorf(app.Forbidden, "err.application_lead")
	}
	return nil
}

// applicationCreate: a member of the lead applicant's organisation starts an application.
func (s *Server) applicationCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	var in app.ApplicationInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := checkApplicationInput(rq, &in); err != nil {
		return err
	}
	a, err := s.store.CreateApplication(r.Context(), rq.actor.ID, in)
	if err != nil {
		return err
	}
	return s.writeApplication(w, r, rq, http.StatusCreated, a)
}

// applicationReplace: the lead applicant's members write the whole application anew.
func (s *Server) applicationReplace(w http.ResponseWriter, r *http.Request, rq *request) error {
	a, err := s.loadApplication(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditApplication(a)); err != nil {
		return err
	}
	var in app.ApplicationInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := checkApplicationInput(rq, &in); err != nil {
		return err
	}
	if a, err = s.store.UpdateApplication(r.Context(), a.ID, in); err != nil {
		return err
	}
	return s.writeApplication(w, r, rq, http.StatusOK, a)
}

// callRadar answers the open calls that fit a need or a project the caller sees, the
// best first, with the tags they share and whether the owner may be funded.
func (s *Server) callRadar(kind string) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		var id int64
		var err error
		if kind == "need" {
			var n app.Need
			n, err = s.loadNeed(r, rq)
			id = n.ID
		} else {
			var p app.Project
			p, err = s.loadProject(r, rq)
			id = p.ID
		}
		if err != nil {
			return err
		}
		limit, err := matchLimit(r)
		if err != nil {
			return err
		}
		ms, err := s.store.CallRadar(r.Context(), kind, id, time.Now(), limit)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, app.List[app.CallMatch]{Items: ms})
		return nil
	}
}
