package web

import (
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// callItem is a call with its next deadline written as announced.
type callItem struct {
	app.Call
	Next string // "" when every deadline has passed
}

func callItems(calls []app.Call, now time.Time) []callItem {
	out := make([]callItem, len(calls))
	for i, c := range calls {
		out[i] = callItem{Call: c}
		if d := c.NextDeadline(now); d != nil {
			out[i].Next = d.Stage + ": " + deadlineText(*d)
		}
	}
	return out
}

// callList lists the funding calls, the open ones by default, and the applications of
// the person's organisations.
func (s *Server) callList(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	v := s.withFlash(w, r, s.view(r, rq, "call.list_title"))
	v.Form = r.URL.Query()
	now := time.Now()
	f := app.CallFilter{Open: v.Form.Get("all") == "", Now: now, Page: app.Page{Cursor: v.Form.Get("cursor")}}
	list, err := s.store.ListCalls(ctx, f)
	if err != nil {
		if err := formError(v, err); err != nil {
			return err
		}
	}
	var apps app.List[app.Application]
	if rq.actor.SignedIn() {
		if apps, err = s.store.ListApplications(ctx, rq.actor.Viewer(), 0, app.Page{Limit: app.MaxLimit}); err != nil {
			return err
		}
	}
	v.Data = struct {
		Calls        []callItem
		Next         *string
		All          bool
		Applications []app.Application
		CanManage    bool
	}{callItems(list.Items, now), list.NextCursor, !f.Open, apps.Items, rq.actor.CanManageCalls()}
	s.render(w, http.StatusOK, "call_list", v)
	return nil
}

// callDetail shows a call with every rule an application is checked against, and the
// person's applications to it.
func (s *Server) callDetail(w http.ResponseWriter, r *http.Request, rq *request) error {
	c, err := s.callFromPath(r)
	if err != nil {
		return err
	}
	var apps app.List[app.Application]
	var requests []app.PartnerRequest
	if rq.actor.SignedIn() {
		if apps, err = s.store.ListApplications(r.Context(), rq.actor.Viewer(), c.ID, app.Page{Limit: app.MaxLimit}); err != nil {
			return err
		}
		if requests, err = s.store.PartnerRequests(r.Context(), rq.actor.Viewer(), c.ID, 0); err != nil {
			return err
		}
	}
	v := s.withFlash(w, r, s.view(r, rq, "call.detail_title"))
	v.Heading = c.Title
	now := time.Now()
	d := struct {
		Call               callItem
		Deadlines          []string
		Passed             []bool
		MinGrant, MaxGrant string
		Applications       []app.Application
		Requests           []app.PartnerRequest
		CanManage, CanSign bool
	}{Call: callItems([]app.Call{c}, now)[0], Applications: apps.Items, Requests: requests, CanManage: rq.actor.CanManageCalls(),
		CanSign: rq.actor.SignedIn()}
	for _, x := range c.Deadlines {
		d.Deadlines = append(d.Deadlines, deadlineText(x))
		d.Passed = append(d.Passed, !x.At.After(now))
	}
	if c.MinGrant > 0 {
		d.MinGrant = formatMoney(v.Lang, app.Money{Amount: c.MinGrant, Currency: c.Currency})
	}
	if c.MaxGrant > 0 {
		d.MaxGrant = formatMoney(v.Lang, app.Money{Amount: c.MaxGrant, Currency: c.Currency})
	}
	v.Data = d
	s.render(w, http.StatusOK, "call_detail", v)
	return nil
}
