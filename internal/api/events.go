package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// eventList: the upcoming events the caller may see (their audience), soonest first.
func (s *Server) eventList(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := page(r)
	if err != nil {
		return err
	}
	f := app.EventFilter{From: time.Now(), Page: p}
	if v := r.URL.Query().Get("organisation_id"); v != "" {
		if f.OrgID, err = strconv.ParseInt(v, 10, 64); err != nil || f.OrgID < 1 {
			return badRequest{&app.Error{Code: app.Invalid, Message: "err.invalid_input", Fields: map[string]string{"organisation_id": "err.id"}}}
		}
	}
	list, err := s.store.ListEvents(r.Context(), rq.actor.Viewer(), f)
	if err != nil {
		return listError(err)
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

// loadEvent reads the event of the path as the caller may see it: one outside its
// audience is not found, like one that does not exist.
func (s *Server) loadEvent(r *http.Request, rq *request) (app.Event, error) {
	id, err := pathID(r, "id", "err.event_not_found")
	if err != nil {
		return app.Event{}, err
	}
	return s.store.Event(r.Context(), rq.actor.Viewer(), id)
}

// loadManagedEvent reads the event of the path for its organisers and platform admins.
func (s *Server) loadManagedEvent(r *http.Request, rq *request) (app.Event, error) {
	e, err := s.loadEvent(r, rq)
	if err != nil {
		return e, err
	}
	return e, rq.actor.Require(rq.actor.CanManageEvent(e.Organisation.ID))
}

func (s *Server) eventGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.loadEvent(r, rq)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}

type eventCreateBody struct {
	OrganisationID int64 `json:"organisation_id"`
	app.EventInput
}

// eventCreate: for event organisers and org_admins of the organiser, and platform admins.
func (s *Server) eventCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	var in eventCreateBody
	if err := decode(r, &in); err != nil {
		return err
	}
	f, err := newInOrganisation(in.OrganisationID, rq.actor.CanManageEvent(in.OrganisationID), "err.event_forbidden", in.Normalise())
	if err != nil {
		return err
	}
	if err := f.Err(); err != nil {
		return err
	}
	e, err := s.store.CreateEvent(r.Context(), in.OrganisationID, rq.actor.ID, in.EventInput)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/events/"+itoa(e.ID))
	writeJSON(w, http.StatusCreated, e)
	return nil
}

// optionalTime tells, in a PATCH, an absent time (unchanged) from null (cleared).
type optionalTime struct {
	set bool
	t   *time.Time
}

func (o *optionalTime) UnmarshalJSON(b []byte) error {
	o.set = true
	if string(b) == "null" {
		return nil
	}
	return json.Unmarshal(b, &o.t)
}

func (o optionalTime) apply(dst **time.Time) {
	if o.set {
		*dst = o.t
	}
}

// eventPatch holds the fields a PATCH may change; absent ones stay as they are.
type eventPatch struct {
	Type                 *string       `json:"type"`
	Title                *string       `json:"title"`
	Description          *string       `json:"description"`
	Start                *time.Time    `json:"start"`
	End                  *time.Time    `json:"end"`
	TimeZone             *string       `json:"time_zone"`
	RoomID               *int64        `json:"room_id"`
	Address              *string       `json:"address"`
	OnlineURL            *string       `json:"online_url"`
	Language             *string       `json:"language"`
	Capacity             *int          `json:"capacity"`
	RegistrationOpens    optionalTime  `json:"registration_opens"`
	RegistrationCloses   optionalTime  `json:"registration_closes"`
	Audience             *app.Audience `json:"audience"`
	InvitedOrgIDs        *[]int64      `json:"invited_organisation_ids"`
	Accessibility        *string       `json:"accessibility"`
	BrokerageTables      *int          `json:"brokerage_tables"`
	BrokerageSlotMinutes *int          `json:"brokerage_slot_minutes"`
	NeedID               *int64        `json:"need_id"`
	Categories           *[]string     `json:"categories"`
	NeedIDs              *[]int64      `json:"need_ids"`
	CallIDs              *[]int64      `json:"call_ids"`
}

func (p eventPatch) apply(in *app.EventInput) {
	set(&in.Type, p.Type)
	set(&in.Title, p.Title)
	set(&in.Description, p.Description)
	set(&in.Start, p.Start)
	set(&in.End, p.End)
	set(&in.TimeZone, p.TimeZone)
	set(&in.RoomID, p.RoomID)
	set(&in.Address, p.Address)
	set(&in.OnlineURL, p.OnlineURL)
	set(&in.Language, p.Language)
	set(&in.Capacity, p.Capacity)
	p.RegistrationOpens.apply(&in.RegistrationOpens)
	p.RegistrationCloses.apply(&in.RegistrationCloses)
	set(&in.Audience, p.Audience)
	set(&in.InvitedOrgIDs, p.InvitedOrgIDs)
	set(&in.Accessibility, p.Accessibility)
	set(&in.BrokerageTables, p.BrokerageTables)
	set(&in.BrokerageSlotMinutes, p.BrokerageSlotMinutes)
	set(&in.NeedID, p.NeedID)
	set(&in.Categories, p.Categories)
	set(&in.NeedIDs, p.NeedIDs)
	set(&in.CallIDs, p.CallIDs)
}

// eventCancel calls the event off, for its organisers: everyone registered or waiting is told.
func (s *Server) eventCancel(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.loadManagedEvent(r, rq)
	if err != nil {
		return err
	}
	if err := s.store.CancelEvent(r.Context(), e.ID, rq.actor.ID, time.Now()); err != nil {
		return err
	}
	if e, err = s.store.Event(r.Context(), rq.actor.Viewer(), e.ID); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}

// materialCreate adds a link to the event's materials, for its organisers; files are
// uploaded on the event's page.
func (s *Server) materialCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.loadManagedEvent(r, rq)
	if err != nil {
		return err
	}
	var in app.MaterialInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	m, err := s.store.AddMaterial(r.Context(), app.Material{EventID: e.ID, Title: in.Title, URL: in.URL, AddedBy: app.UserRef{ID: rq.actor.ID}})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, m)
	return nil
}

func (s *Server) eventUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.loadManagedEvent(r, rq)
	if err != nil {
		return err
	}
	var p eventPatch
	if err := decode(r, &p); err != nil {
		return err
	}
	in := e.Input()
	p.apply(&in)
	if err := in.Normalise(); err != nil {
		return err
	}
	if e, err = s.store.UpdateEvent(r.Context(), e.ID, in); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}

// registrationList: the seats in the order taken, then the waiting list; for the organisers.
func (s *Server) registrationList(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.loadManagedEvent(r, rq)
	if err != nil {
		return err
	}
	regs, err := s.store.Registrations(r.Context(), e.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Items []app.Registration `json:"items"`
	}{regs})
	return nil
}

// registrationGet: the caller's own registration.
func (s *Server) registrationGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.loadEvent(r, rq)
	if err != nil {
		return err
	}
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	reg, err := s.store.Registration(r.Context(), e.ID, rq.actor.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, reg)
	return nil
}

// registrationCreate gives the caller a seat, or a place on the waiting list.
func (s *Server) registrationCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.loadEvent(r, rq)
	if err != nil {
		return err
	}
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	var in app.RegistrationInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	reg, err := s.store.Register(r.Context(), rq.actor.Viewer(), e.ID, in, time.Now())
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/events/"+itoa(e.ID)+"/registration")
	writeJSON(w, http.StatusCreated, reg)
	return nil
}

// registrationDelete gives up the caller's place; a freed seat goes to the first waiting.
func (s *Server) registrationDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.loadEvent(r, rq)
	if err != nil {
		return err
	}
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	if err := s.store.CancelRegistration(r.Context(), e.ID, rq.actor.ID, time.Now()); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type checkInBody struct {
	CheckedIn bool `json:"checked_in"`
}

// registrationCheckIn marks a registered person as arrived, or not; for the organisers.
func (s *Server) registrationCheckIn(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.loadManagedEvent(r, rq)
	if err != nil {
		return err
	}
	id, err := pathID(r, "rid", "err.registration_not_found")
	if err != nil {
		return err
	}
	var in checkInBody
	if err := decode(r, &in); err != nil {
		return err
	}
	var at *time.Time
	if in.CheckedIn {
		now := time.Now()
		at = &now
	}
	reg, err := s.store.CheckIn(r.Context(), e.ID, id, at)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, reg)
	return nil
}

type minutesBody struct {
	Minutes string `json:"minutes"`
}

// minutesPublish publishes a dialogue meeting's minutes, once, for its organisers.
func (s *Server) minutesPublish(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.loadManagedEvent(r, rq)
	if err != nil {
		return err
	}
	var in minutesBody
	if err := decode(r, &in); err != nil {
		return err
	}
	minutes, err := app.CheckText("minutes", in.Minutes, true)
	if err != nil {
		return err
	}
	if err := s.store.PublishMinutes(r.Context(), e.ID, rq.actor.ID, minutes, time.Now()); err != nil {
		return err
	}
	if e, err = s.store.Event(r.Context(), rq.actor.Viewer(), e.ID); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}
