package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

var applicationPartnerColumns = []string{"org", "role", "budget", "grant", "cofinancing", "source", "confirmed"}

type applicationFormData struct {
	Action         string
	Call           app.Call
	Partners       []row
	Orgs, Roles    []option
	Statuses, TRLs []option
}

func (s *Server) renderApplicationForm(w http.ResponseWriter, r *http.Request, v *view, status int, action string, c app.Call, partners []row) error {
	d := applicationFormData{Action: action, Call: c, Partners: withExtraRows(partners), TRLs: withBlank(v, trlOptions(), "application.no_trl")}
	orgs, err := s.store.OrganisationRefs(r.Context())
	if err != nil {
		return err
	}
	for _, o := range orgs {
		d.Orgs = append(d.Orgs, option{Value: itoa(o.ID), Label: o.Name})
	}
	for _, x := range app.PartnerRoles {
		d.Roles = append(d.Roles, option{Value: x, Label: v.T("partner_role." + x)})
	}
	for _, x := range app.ApplicationStatuses {
		d.Statuses = append(d.Statuses, option{Value: string(x), Label: v.T("application_status." + string(x))})
	}
	v.Data = d
	s.render(w, status, "application_form", v)
	return nil
}

// applicationInputFromForm reads the form; amounts are in the call's currency.
func applicationInputFromForm(f url.Values, c app.Call) app.ApplicationInput {
	in := app.ApplicationInput{CallID: c.ID, Title: f.Get("title"), Summary: f.Get("summary"), Status: app.ApplicationStatus(f.Get("status")),
		TRL: formNumber(f.Get("trl"))}
	money := func(s string) app.Money { return app.Money{Amount: formAmount(s), Currency: c.Currency} }
	for _, r := range formRows(f, "partner_", applicationPartnerColumns...) {
		id, _ := strconv.ParseInt(r["org"], 10, 64)
		in.Partners = append(in.Partners, app.ApplicationPartnerInput{OrganisationID: id, Role: r["role"], Budget: money(r["budget"]),
			Grant: money(r["grant"]), CoFinancing: money(r["cofinancing"]), CoFinancingSource: r["source"], CoFinancingConfirmed: r["confirmed"] == "yes"})
	}
	return in
}

func applicationFormValues(lang string, a app.Application) (url.Values, []row) {
	f := url.Values{"title": {a.Title}, "summary": {a.Summary}, "status": {string(a.Status)}}
	if a.TRL > 0 {
		f.Set("trl", strconv.Itoa(a.TRL))
	}
	var rows []row
	for _, p := range a.Partners {
		confirmed := ""
		if p.CoFinancingConfirmed {
			confirmed = "yes"
		}
		rows = append(rows, row{"org": itoa(p.Organisation.ID), "role": p.Role, "budget": amountValue(lang, p.Budget.Amount),
			"grant": amountValue(lang, p.Grant.Amount), "cofinancing": amountValue(lang, p.CoFinancing.Amount), "source": p.CoFinancingSource,
			"confirmed": confirmed})
	}
	return f, rows
}

// applicationNew starts an application to the call of ?call=, with the person's first
// organisation as the lead applicant.
func (s *Server) applicationNew(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn() && len(rq.actor.Memberships) > 0); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.URL.Query().Get("call"), 10, 64)
	if err != nil {
		return app.Errorf(app.NotFound, "err.call_not_found")
	}
	c, err := s.store.Call(r.Context(), id)
	if err != nil {
		return err
	}
	v := s.view(r, rq, "application.create_title")
	v.Form.Set("status", "idea")
	lead := row{"org": itoa(rq.actor.Memberships[0].Organisation.ID), "role": "lead"}
	return s.renderApplicationForm(w, r, v, http.StatusOK, fmt.Sprintf("/applications/new?call=%d", c.ID), c, []row{lead})
}

func (s *Server) applicationCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.URL.Query().Get("call"), 10, 64)
	if err != nil {
		return app.Errorf(app.NotFound, "err.call_not_found")
	}
	c, err := s.store.Call(r.Context(), id)
	if err != nil {
		return err
	}
	return s.applicationSave(w, r, rq, c, 0)
}

func (s *Server) applicationEdit(w http.ResponseWriter, r *http.Request, rq *request) error {
	a, c, err := s.applicationFromPath(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditApplication(a)); err != nil {
		return err
	}
	v := s.view(r, rq, "application.edit_title")
	v.Heading = a.Title
	var rows []row
	v.Form, rows = applicationFormValues(v.Lang, a)
	return s.renderApplicationForm(w, r, v, http.StatusOK, r.URL.Path, c, rows)
}

func (s *Server) applicationUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	a, c, err := s.applicationFromPath(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditApplication(a)); err != nil {
		return err
	}
	return s.applicationSave(w, r, rq, c, a.ID)
}

// applicationSave creates (id 0) or changes an application from the posted form. The
// lead applicant must be an organisation of the person's.
func (s *Server) applicationSave(w http.ResponseWriter, r *http.Request, rq *request, c app.Call, id int64) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := applicationInputFromForm(r.PostForm, c)
	err := in.Normalise()
	if err == nil && !rq.actor.CanLeadApplication(in.LeadID()) {
		err = app.FieldErrors{"partners": "err.application_lead"}.Err()
	}
	var a app.Application
	switch {
	case err == nil && id == 0:
		a, err = s.store.CreateApplication(r.Context(), rq.actor.ID, in)
	case err == nil:
		a, err = s.store.UpdateApplication(r.Context(), id, in)
	}
	if err != nil {
		v := s.view(r, rq, map[bool]string{true: "application.create_title", false: "application.edit_title"}[id == 0])
		v.Form = r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderApplicationForm(w, r, v, StatusOf(app.ErrorCode(err)), r.URL.RequestURI(), c, formRows(r.PostForm, "partner_", applicationPartnerColumns...))
	}
	return s.redirect(w, r, fmt.Sprintf("/applications/%d", a.ID), "form.saved")
}

// applicationFromPath is the application of the path, if the person is one of its
// partners, and its call.
func (s *Server) applicationFromPath(r *http.Request, rq *request) (app.Application, app.Call, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return app.Application{}, app.Call{}, app.Errorf(app.NotFound, "err.application_not_found")
	}
	a, err := s.store.Application(r.Context(), rq.actor.Viewer(), id)
	if err != nil {
		return a, app.Call{}, err
	}
	c, err := s.store.Call(r.Context(), a.Call.ID)
	return a, c, err
}

// applicationPartnerRow is a partner as the application page shows it.
type applicationPartnerRow struct {
	app.ApplicationPartner
	Budget, Grant, CoFinancing, Rate string
}

// applicationDetail shows an application with its partners and money, every rule of the
// call it breaks, worded in the reader's language, and its partner requests.
func (s *Server) applicationDetail(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderApplication(w, r, rq, s.withFlash(w, r, s.view(r, rq, "application.detail_title")), http.StatusOK)
}

func (s *Server) renderApplication(w http.ResponseWriter, r *http.Request, rq *request, v *view, status int) error {
	a, c, err := s.applicationFromPath(r, rq)
	if err != nil {
		return err
	}
	v.Heading = a.Title
	d := struct {
		Application      app.Application
		Call             app.Call
		Partners         []applicationPartnerRow
		Grant            string
		Checks           []app.Problem
		CanEdit          bool
		Requests         []app.PartnerRequest
		Roles, Countries []option
	}{Application: a, Call: c, Checks: CheckApplication(v.Lang, c, a, time.Now()), CanEdit: rq.actor.CanEditApplication(a),
		Grant: formatMoney(v.Lang, app.Money{Amount: a.RequestedGrant(), Currency: c.Currency})}
	for _, p := range a.Partners {
		row := applicationPartnerRow{ApplicationPartner: p, Budget: formatMoney(v.Lang, p.Budget), Grant: formatMoney(v.Lang, p.Grant),
			CoFinancing: formatMoney(v.Lang, p.CoFinancing), Rate: "–"}
		if p.Budget.Amount > 0 {
			row.Rate = decimal(v.Lang, float64(p.Grant.Amount)*100/float64(p.Budget.Amount)) + " %"
		}
		d.Partners = append(d.Partners, row)
	}
	if d.Requests, err = s.store.PartnerRequests(r.Context(), rq.actor.Viewer(), 0, a.ID); err != nil {
		return err
	}
	for _, x := range []string{"beneficiary", "associated"} {
		d.Roles = append(d.Roles, option{Value: x, Label: v.T("partner_role." + x)})
	}
	for _, x := range app.Countries {
		d.Countries = append(d.Countries, option{Value: x, Label: countryName(v.Lang, x)})
	}
	d.Countries = withBlank(v, d.Countries, "call.any_country")
	v.Data = d
	s.render(w, status, "application_detail", v)
	return nil
}
