package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// localLayout is how <input type="datetime-local"> writes a time: on the wall clock of the
// event's zone, without the zone.
const localLayout = "2006-01-02T15:04"

type eventFormData struct {
	Action                                         string
	Creating                                       bool
	Orgs, Types, Rooms, Languages, Audience, Needs []option
	Zones                                          []string
	Invitable, Linkable, Calls                     []option
}

func (s *Server) renderEventForm(w http.ResponseWriter, r *http.Request, rq *request, v *view, status int, action string, creating bool) error {
	d := eventFormData{Action: action, Creating: creating, Zones: timeZones}
	orgs, err := s.eventOrganisations(r, rq)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		d.Orgs = append(d.Orgs, option{Value: itoa(o.ID), Label: o.Name})
	}
	for _, t := range app.EventTypes {
		d.Types = append(d.Types, option{Value: t, Label: v.T("event_type." + t)})
	}
	rooms, err := s.store.ListRooms(r.Context())
	if err != nil {
		return err
	}
	d.Rooms = []option{{Value: "", Label: v.T("event.no_room")}}
	for _, x := range rooms {
		d.Rooms = append(d.Rooms, option{Value: itoa(x.ID), Label: x.Name})
	}
	for _, l := range app.EventLanguages {
		d.Languages = append(d.Languages, option{Value: l, Label: v.T("language." + l)})
	}
	for _, a := range app.Audiences {
		d.Audience = append(d.Audience, option{Value: string(a), Label: v.T("audience." + string(a))})
	}
	all, err := s.store.OrganisationRefs(r.Context())
	if err != nil {
		return err
	}
	for _, o := range all {
		d.Invitable = append(d.Invitable, option{Value: itoa(o.ID), Label: o.Name})
	}
	// A dialogue meeting is about one of the organiser's own open needs.
	needs, err := s.store.ListNeeds(r.Context(), rq.actor.Viewer(), app.NeedFilter{Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	d.Needs = []option{{Value: "", Label: v.T("event.no_need")}}
	for _, n := range needs.Items {
		o := option{Value: itoa(n.ID), Label: n.Title + " (" + n.Organisation.Name + ")"}
		// Any need the organiser may see can be what an event is about; the page shows it
		// only to those who may see it too.
		d.Linkable = append(d.Linkable, o)
		if n.State.Open() && slices.ContainsFunc(orgs, func(x app.OrgRef) bool { return x.ID == n.Organisation.ID }) {
			d.Needs = append(d.Needs, o)
		}
	}
	calls, err := s.store.ListCalls(r.Context(), app.CallFilter{Open: true, Now: time.Now(), Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	for _, c := range calls.Items {
		d.Calls = append(d.Calls, option{Value: itoa(c.ID), Label: c.Title + " (" + c.Programme + ")"})
	}
	v.Data = d
	s.render(w, status, "event_form", v)
	return nil
}

// eventInputFromForm reads the form, with times on the wall clock of the chosen zone; a
// time that does not parse is named among the returned problems.
func eventInputFromForm(f url.Values) (app.EventInput, app.FieldErrors) {
	bad := app.FieldErrors{}
	in := app.EventInput{Type: f.Get("type"), Title: f.Get("title"), Description: f.Get("description"), TimeZone: f.Get("time_zone"),
		Address: f.Get("address"), OnlineURL: f.Get("online_url"), Language: f.Get("language"), Capacity: formNumber(f.Get("capacity")),
		Audience: app.Audience(f.Get("audience")), Accessibility: f.Get("accessibility"),
		BrokerageTables: formNumber(f.Get("brokerage_tables")), BrokerageSlotMinutes: formNumber(f.Get("brokerage_slot_minutes")),
		Categories: app.SplitTags(f.Get("categories"))}
	in.NeedID, _ = strconv.ParseInt(f.Get("need_id"), 10, 64)
	if v := f.Get("room_id"); v != "" {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			in.RoomID = id
		} else {
			bad.Add("room_id", "err.room_not_found")
		}
	}
	in.InvitedOrgIDs, in.NeedIDs, in.CallIDs = formIDs(f["invited_organisation_ids"]), formIDs(f["need_ids"]), formIDs(f["call_ids"])
	zone := app.Zone(strings.TrimSpace(in.TimeZone))
	for name, dst := range map[string]*time.Time{"start": &in.Start, "end": &in.End} {
		if t, err := time.ParseInLocation(localLayout, f.Get(name), zone); err == nil {
			*dst = t
		} else if f.Get(name) != "" {
			bad.Add(name, "err.datetime")
		}
	}
	for name, dst := range map[string]**time.Time{"registration_opens": &in.RegistrationOpens, "registration_closes": &in.RegistrationCloses} {
		if t, err := time.ParseInLocation(localLayout, f.Get(name), zone); err == nil {
			*dst = &t
		} else if f.Get(name) != "" {
			bad.Add(name, "err.datetime")
		}
	}
	return in, bad
}

// checkEventForm reads and checks the form: what did not parse, then what Normalise finds.
func checkEventForm(f url.Values) (app.EventInput, app.FieldErrors) {
	in, bad := eventInputFromForm(f)
	addFieldErrors(bad, in.Normalise())
	return in, bad
}

func eventFormValues(e app.Event) url.Values {
	loc := e.Location()
	f := url.Values{}
	for k, v := range map[string]string{"type": e.Type, "title": e.Title, "description": e.Description, "time_zone": e.TimeZone,
		"start": e.Start.In(loc).Format(localLayout), "end": e.End.In(loc).Format(localLayout), "address": e.Address,
		"online_url": e.OnlineURL, "language": e.Language, "capacity": strconv.Itoa(e.Capacity), "audience": string(e.Audience),
		"accessibility": e.Accessibility} {
		f.Set(k, v)
	}
	if e.Room != nil {
		f.Set("room_id", itoa(e.Room.ID))
	}
	if e.RegistrationOpens != nil {
		f.Set("registration_opens", e.RegistrationOpens.In(loc).Format(localLayout))
	}
	if e.RegistrationCloses != nil {
		f.Set("registration_closes", e.RegistrationCloses.In(loc).Format(localLayout))
	}
	for _, o := range e.Invited {
		f.Add("invited_organisation_ids", itoa(o.ID))
	}
	for _, n := range e.Needs {
		f.Add("need_ids", itoa(n.ID))
	}
	for _, c := range e.Calls {
		f.Add("call_ids", itoa(c.ID))
	}
	if e.NeedID != nil {
		f.Set("need_id", itoa(*e.NeedID))
	}
	f.Set("categories", strings.Join(e.Categories, ", "))
	if e.BrokerageTables > 0 {
		f.Set("brokerage_tables", strconv.Itoa(e.BrokerageTables))
		f.Set("brokerage_slot_minutes", strconv.Itoa(e.BrokerageSlotMinutes))
	}
	return f
}

func (s *Server) eventNew(w http.ResponseWriter, r *http.Request, rq *request) error {
	orgs, err := s.eventOrganisations(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(len(orgs) > 0); err != nil {
		return err
	}
	v := s.view(r, rq, "event.create_title")
	for k, val := range map[string]string{"type": app.EventTypes[0], "time_zone": app.DefaultTimeZone, "language": app.EventLanguages[0],
		"audience": string(app.AudiencePublic), "capacity": "30"} {
		v.Form.Set(k, val)
	}
	return s.renderEventForm(w, r, rq, v, http.StatusOK, "/events/new", true)
}

func (s *Server) eventCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	orgs, err := s.eventOrganisations(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(len(orgs) > 0); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	v := s.view(r, rq, "event.create_title")
	v.Form = r.PostForm
	in, bad := checkEventForm(r.PostForm)
	orgID, _ := strconv.ParseInt(r.PostForm.Get("organisation_id"), 10, 64)
	if !slices.ContainsFunc(orgs, func(o app.OrgRef) bool { return o.ID == orgID }) {
		bad.Add("organisation_id", "err.event_org")
	}
	err = bad.Err()
	var e app.Event
	if err == nil {
		e, err = s.store.CreateEvent(r.Context(), orgID, rq.actor.ID, in)
	}
	if err != nil {
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderEventForm(w, r, rq, v, StatusOf(app.ErrorCode(err)), "/events/new", true)
	}
	return s.redirect(w, r, eventPath(e.ID), "form.saved")
}

func (s *Server) eventEdit(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventFromPath(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanManageEvent(e.Organisation.ID)); err != nil {
		return err
	}
	v := s.view(r, rq, "event.edit_title")
	v.Heading = e.Title
	v.Form = eventFormValues(e)
	return s.renderEventForm(w, r, rq, v, http.StatusOK, r.URL.Path, false)
}

func (s *Server) eventUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventFromPath(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanManageEvent(e.Organisation.ID)); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in, bad := checkEventForm(r.PostForm)
	err = bad.Err()
	if err == nil {
		_, err = s.store.UpdateEvent(r.Context(), e.ID, in)
	}
	if err != nil {
		v := s.view(r, rq, "event.edit_title")
		v.Heading, v.Form = e.Title, r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderEventForm(w, r, rq, v, StatusOf(app.ErrorCode(err)), r.URL.Path, false)
	}
	return s.redirect(w, r, eventPath(e.ID), "form.saved")
}

// eventOrganisations are the organisations whose events the person may run: every one
// for a platform admin.
func (s *Server) eventOrganisations(r *http.Request, rq *request) ([]app.OrgRef, error) {
	if rq.actor.IsAdmin {
		return s.store.OrganisationRefs(r.Context())
	}
	return rq.actor.EventOrganisations(), nil
}
