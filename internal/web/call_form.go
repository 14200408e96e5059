package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

// timeZones a call's deadlines are announced in, first the hub's own.
var timeZones = []string{"Europe/Stockholm", "Europe/Oslo", "Europe/Helsinki", "Europe/Copenhagen", "Europe/Brussels", "UTC"}

var (
	deadlineColumns = []string{"stage", "date", "time", "zone"}
	rateColumns     = []string{"country", "kind", "percent"}
)

type callFormData struct {
	Action                   string
	Deadlines, Rates         []row
	Zones, Countries, Kinds  []option
	RateCountries, RateKinds []option
	Currencies, TRLs         []option
	Chosen                   map[string]bool // checked countries and kinds
}

func (s *Server) renderCallForm(w http.ResponseWriter, v *view, status int, action string, deadlines, rates []row) {
	d := callFormData{Action: action, Deadlines: withExtraRows(deadlines), Rates: withExtraRows(rates), Currencies: currencyOptions(),
		TRLs: withBlank(v, trlOptions(), "call.no_trl"), Chosen: map[string]bool{}}
	for _, z := range timeZones {
		d.Zones = append(d.Zones, option{Value: z, Label: z})
	}
	for _, c := range app.Countries {
		d.Countries = append(d.Countries, option{Value: c, Label: countryName(v.Lang, c)})
	}
	for _, k := range app.OrgKinds {
		d.Kinds = append(d.Kinds, option{Value: string(k), Label: v.T("kind." + string(k))})
	}
	d.RateCountries, d.RateKinds = withBlank(v, d.Countries, "call.any_country"), withBlank(v, d.Kinds, "call.any_kind")
	for _, name := range []string{"eligible_countries", "required_countries", "eligible_kinds"} {
		for _, x := range v.Form[name] {
			d.Chosen[name+":"+x] = true
		}
	}
	v.Data = d
	s.render(w, status, "call_form", v)
}

// callInputFromForm reads the form; what does not parse is left for validation to name.
func callInputFromForm(f url.Values) app.CallInput {
	in := app.CallInput{Programme: f.Get("programme"), Funder: f.Get("funder"), Identifier: f.Get("call_id"), Title: f.Get("title"),
		URL: f.Get("url"), Description: f.Get("description"), OpensOn: f.Get("opens_on"), Tags: app.SplitTags(f.Get("tags")),
		CallRules: app.CallRules{Currency: f.Get("currency"), EligibleCountries: f["eligible_countries"], RequiredCountries: f["required_countries"],
			MinPartners: formNumber(f.Get("min_partners")), MinCountries: formNumber(f.Get("min_countries")),
			MinGrant: formAmount(f.Get("min_grant")), MaxGrant: formAmount(f.Get("max_grant")),
			TRLMin: formNumber(f.Get("trl_min")), TRLMax: formNumber(f.Get("trl_max"))}}
	for _, k := range f["eligible_kinds"] {
		in.EligibleKinds = append(in.EligibleKinds, app.OrgKind(k))
	}
	for _, r := range formRows(f, "deadline_", deadlineColumns...) {
		in.Deadlines = append(in.Deadlines, app.Deadline{Stage: r["stage"], Local: r["date"] + "T" + r["time"], TimeZone: r["zone"]})
	}
	for _, r := range formRows(f, "rate_", rateColumns...) {
		in.Rates = append(in.Rates, app.Rate{Country: r["country"], Kind: app.OrgKind(r["kind"]), Percent: formNumber(r["percent"])})
	}
	return in
}

// callFormValues puts a call into the form's fields and rows.
func callFormValues(lang string, c app.Call) (url.Values, []row, []row) {
	f := url.Values{}
	for k, val := range map[string]string{"programme": c.Programme, "funder": c.Funder, "call_id": c.Identifier, "title": c.Title, "url": c.URL,
		"description": c.Description, "opens_on": c.OpensOn, "tags": strings.Join(c.Tags, ", "), "currency": c.Currency,
		"min_partners": strconv.Itoa(c.MinPartners), "min_countries": strconv.Itoa(c.MinCountries), "min_grant": amountValue(lang, c.MinGrant),
		"max_grant": amountValue(lang, c.MaxGrant)} {
		f.Set(k, val)
	}
	if c.TRLMin > 0 {
		f.Set("trl_min", strconv.Itoa(c.TRLMin))
	}
	if c.TRLMax > 0 {
		f.Set("trl_max", strconv.Itoa(c.TRLMax))
	}
	f["eligible_countries"], f["required_countries"] = c.EligibleCountries, c.RequiredCountries
	for _, k := range c.EligibleKinds {
		f.Add("eligible_kinds", string(k))
	}
	var deadlines, rates []row
	for _, d := range c.Deadlines {
		date, clock, _ := strings.Cut(d.Local, "T")
		deadlines = append(deadlines, row{"stage": d.Stage, "date": date, "time": clock, "zone": d.TimeZone})
	}
	for _, r := range c.Rates {
		rates = append(rates, row{"country": r.Country, "kind": string(r.Kind), "percent": strconv.Itoa(r.Percent)})
	}
	return f, deadlines, rates
}

func (s *Server) callNew(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanManageCalls()); err != nil {
		return err
	}
	v := s.view(r, rq, "call.create_title")
	v.Form.Set("currency", "EUR")
	s.renderCallForm(w, v, http.StatusOK, "/calls/new", []row{{"zone": timeZones[0], "time": "17:00"}}, nil)
	return nil
}

func (s *Server) callCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.callSave(w, r, rq, 0)
}

func (s *Server) callEdit(w http.ResponseWriter, r *http.Request, rq *request) error {
	c, err := s.callFromPath(r)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanManageCalls()); err != nil {
		return err
	}
	v := s.view(r, rq, "call.edit_title")
	v.Heading = c.Title
	var deadlines, rates []row
	v.Form, deadlines, rates = callFormValues(v.Lang, c)
	s.renderCallForm(w, v, http.StatusOK, r.URL.Path, deadlines, rates)
	return nil
}

func (s *Server) callUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	c, err := s.callFromPath(r)
	if err != nil {
		return err
	}
	return s.callSave(w, r, rq, c.ID)
}

// callSave creates (id 0) or changes a call from the posted form.
func (s *Server) callSave(w http.ResponseWriter, r *http.Request, rq *request, id int64) error {
	if err := rq.actor.Require(rq.actor.CanManageCalls()); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := callInputFromForm(r.PostForm)
	err := in.Normalise()
	var c app.Call
	switch {
	case err == nil && id == 0:
		c, err = s.store.CreateCall(r.Context(), rq.actor.ID, in)
	case err == nil:
		c, err = s.store.UpdateCall(r.Context(), id, in)
	}
	if err != nil {
		v := s.view(r, rq, map[bool]string{true: "call.create_title", false: "call.edit_title"}[id == 0])
		v.Form = r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		s.renderCallForm(w, v, StatusOf(app.ErrorCode(err)), r.URL.Path,
			formRows(r.PostForm, "deadline_", deadlineColumns...), formRows(r.PostForm, "rate_", rateColumns...))
		return nil
	}
	return s.redirect(w, r, fmt.Sprintf("/calls/%d", c.ID), "form.saved")
}

func (s *Server) callFromPath(r *http.Request) (app.Call, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return app.Call{}, app.Errorf(app.NotFound, "err.call_not_found")
	}
	return s.store.Call(r.Context(), id)
}
