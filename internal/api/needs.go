package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/web"
)

// needBody is a need as the caller may see it, with the demand across the owning and
// co-owning organisations.
type needBody struct {
	app.Need
	TotalVolumePeople int `json:"total_volume_people"`
	TotalVolumeEvents int `json:"total_volume_events"`
}

// needView hides from those outside the owning side what is not theirs to read: the
// dialogue summary until it is published, and while the procurement lock is on.
func needView(a auth.Actor, n app.Need) needBody {
	if !a.IsNeedInsider(n) {
		if _, published := a.CanSeeContacts(n); !published || !n.SummaryPublished {
			n.DialogueSummary = ""
		}
	}
	b := needBody{Need: n, TotalVolumePeople: n.TotalPeople(), TotalVolumeEvents: n.VolumeEvents}
	for _, c := range n.CoOwners {
		b.TotalVolumeEvents += c.VolumeEvents
	}
	return b
}

// needSummary is a need in a list. The store loads a list without benefits, partners and
// the time spent in earlier states, so the list leaves those out rather than show them
// empty; GET /needs/{id} has them.
type needSummary struct {
	ID                int64           `json:"id"`
	Ref               *string         `json:"ref"`
	Organisation      app.OrgRef      `json:"organisation"`
	Owner             *app.UserRef    `json:"owner"`
	Title             string          `json:"title"`
	HowMightWe        string          `json:"how_might_we"`
	Problem           string          `json:"problem"`
	CareSettings      []string        `json:"care_settings"`
	Tags              []string        `json:"tags"`
	VolumePeople      int             `json:"volume_people"`
	VolumeEvents      int             `json:"volume_events"`
	TotalVolumePeople int             `json:"total_volume_people"`
	TotalVolumeEvents int             `json:"total_volume_events"`
	Urgency           app.Urgency     `json:"urgency"`
	Visibility        app.Visibility  `json:"visibility"`
	CoOwners          []app.CoOwner   `json:"co_owners"`
	State             app.NeedState   `json:"state"`
	Route             app.Route       `json:"route,omitempty"`
	CloseReason       app.CloseReason `json:"close_reason,omitempty"`
	MergedInto        *int64          `json:"merged_into"`
	LeadTimeSeconds   *int64          `json:"lead_time_seconds"`
	CreatedAt         time.Time       `json:"created_at"`
	UpdatedAt         time.Time       `json:"updated_at"`
	SubmittedAt       *time.Time      `json:"submitted_at"`
	StateChangedAt    time.Time       `json:"state_changed_at"`
}

func summariseNeed(a auth.Actor, n app.Need) needSummary {
	b := needView(a, n)
	return needSummary{ID: n.ID, Ref: n.Ref, Organisation: n.Organisation, Owner: n.Owner, Title: n.Title, HowMightWe: n.HowMightWe,
		Problem: n.Problem, CareSettings: n.CareSettings, Tags: n.Tags, VolumePeople: n.VolumePeople, VolumeEvents: n.VolumeEvents,
		TotalVolumePeople: b.TotalVolumePeople, TotalVolumeEvents: b.TotalVolumeEvents, Urgency: n.Urgency, Visibility: n.Visibility,
		CoOwners: n.CoOwners, State: n.State, Route: n.Route, CloseReason: n.CloseReason, MergedInto: n.MergedInto,
		LeadTimeSeconds: n.LeadTimeSeconds, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt, SubmittedAt: n.SubmittedAt,
		StateChangedAt: n.StateChangedAt}
}

// needFilter reads the list's filters from the query; a value no need can have is a
// query that could not be read (400), like a bad limit.
func needFilter(r *http.Request) (app.NeedFilter, error) {
	p, err := page(r)
	if err != nil {
		return app.NeedFilter{}, err
	}
	q := r.URL.Query()
	f := app.NeedFilter{Page: p, CareSetting: strings.TrimSpace(q.Get("care_setting")), Tag: strings.TrimSpace(q.Get("tag")),
		Urgency: app.Urgency(strings.TrimSpace(q.Get("urgency"))), Sort: strings.TrimSpace(q.Get("sort")), Ref: strings.TrimSpace(q.Get("ref"))}
	bad := app.FieldErrors{}
	for _, v := range q["state"] {
		for part := range strings.SplitSeq(v, ",") {
			st := app.NeedState(strings.TrimSpace(part))
			switch {
			case !st.Valid():
				bad.Add("state", "err.state")
			case !slices.Contains(f.States, st):
				f.States = append(f.States, st)
			}
		}
	}
	if f.CareSetting != "" && !slices.Contains(app.CareSettings, f.CareSetting) {
		bad.Add("care_setting", "err.care_setting")
	}
	if f.Urgency != "" && !slices.Contains(app.Urgencies, f.Urgency) {
		bad.Add("urgency", "err.urgency")
	}
	if f.Sort != "" && !slices.Contains(app.NeedSorts, f.Sort) {
		bad.Add("sort", "err.sort")
	}
	if v := q.Get("organisation_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			bad.Add("organisation_id", "err.id")
		}
		f.OrgID = id
	}
	if err := bad.Err(); err != nil {
		return f, badRequest{app.AsError(err)}
	}
	return f, nil
}

// needList answers only the needs the caller may see: the store filters by the viewer.
func (s *Server) needList(w http.ResponseWriter, r *http.Request, rq *request) error {
	f, err := needFilter(r)
	if err != nil {
		return err
	}
	list, err := s.store.ListNeeds(r.Context(), rq.actor.Viewer(), f)
	if err != nil {
		return listError(err)
	}
	out := app.List[needSummary]{Items: make([]needSummary, len(list.Items)), NextCursor: list.NextCursor}
	for i, n := range list.Items {
		out.Items[i] = summariseNeed(rq.actor, n)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// loadNeed returns the need of the path's {id} if the caller may see it; one they may not
// see is not found, exactly like one that does not exist.
func (s *Server) loadNeed(r *http.Request, rq *request) (app.Need, error) {
	id, err := pathID(r, "id", "err.need_not_found")
	if err != nil {
		return app.Need{}, err
	}
	return s.store.Need(r.Context(), rq.actor.Viewer(), id)
}

func (s *Server) needGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, needView(rq.actor, n))
	return nil
}

// needCreateBody is a new need and the organisation that owns it.
type needCreateBody struct {
	OrganisationID int64 `json:"organisation_id"`
	app.NeedInput
}

// needCreate registers a draft in an organisation where the caller submits needs or
// coordinates innovation.
func (s *Server) needCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	var in needCreateBody
	if err := decode(r, &in); err != nil {
		return err
	}
	f, err := newInOrganisation(in.OrganisationID, rq.actor.CanCreateNeedIn(in.OrganisationID), "err.need_create_forbidden", in.Normalise())
	if err != nil {
		return err
	}
	if err := f.Err(); err != nil {
		return err
	}
	n, err := s.store.CreateNeed(r.Context(), in.OrganisationID, rq.actor.ID, in.NeedInput)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/needs/"+itoa(n.ID))
	writeJSON(w, http.StatusCreated, needView(rq.actor, n))
	return nil
}

// newInOrganisation checks the body of a record made in an organisation: the caller may
// make it there (may, when the body names one; else forbidden), the input's own checks
// (normalised, the error of its Normalise) and that an organisation is named. It returns
// the field problems for the caller to add to, or an error that is not about fields.
func newInOrganisation(orgID int64, may bool, forbidden string, normalised error) (app.FieldErrors, error) {
	if orgID != 0 && !may {
		return nil, app.Errorf(app.Forbidden, forbidden)
	}
	f := app.FieldErrors{}
	if err := addFields(f, normalised); err != nil {
		return nil, err
	}
	if orgID == 0 {
		f.Add("organisation_id", "err.required")
	}
	return f, nil
}

// addFields copies the field problems of an Invalid error into f and returns any other error.
func addFields(f app.FieldErrors, err error) error {
	if err == nil {
		return nil
	}
	e := app.AsError(err)
	if e.Code != app.Invalid || len(e.Fields) == 0 {
		return err
	}
	for k, v := range e.Fields {
		f.Add(k, v)
	}
	return nil
}

// optionalID is a field a PATCH may leave out, set to an id, or set to null to clear.
type optionalID struct {
	set bool
	id  *int64
}

func (o *optionalID) UnmarshalJSON(b []byte) error {
	o.set = true
	if string(b) == "null" {
		o.id = nil
		return nil
	}
	var id int64
	if err := json.Unmarshal(b, &id); err != nil {
		return &json.UnmarshalTypeError{Value: "value", Type: reflect.TypeFor[int64]()}
	}
	o.id = &id
	return nil
}

// needPatch holds the fields a PATCH may change; absent ones stay as they are, and
// owner_id may be set to null to leave the need without a named owner.
type needPatch struct {
	Title           *string         `json:"title"`
	HowMightWe      *string         `json:"how_might_we"`
	Problem         *string         `json:"problem"`
	CurrentPractice *string         `json:"current_practice"`
	Consequence     *string         `json:"consequence"`
	TargetGroups    *string         `json:"target_groups"`
	Constraints     *string         `json:"constraints"`
	CareSettings    *[]string       `json:"care_settings"`
	Tags            *[]string       `json:"tags"`
	VolumePeople    *int            `json:"volume_people"`
	VolumeEvents    *int            `json:"volume_events"`
	Urgency         *app.Urgency    `json:"urgency"`
	Benefits        *[]app.Benefit  `json:"benefits"`
	BenefitPlan     *string         `json:"benefit_plan"`
	Visibility      *app.Visibility `json:"visibility"`
	PartnerIDs      *[]int64        `json:"partner_ids"`
	OwnerID         optionalID      `json:"owner_id"`
}

func (p needPatch) apply(in *app.NeedInput) {
	set(&in.Title, p.Title)
	set(&in.HowMightWe, p.HowMightWe)
	set(&in.Problem, p.Problem)
	set(&in.CurrentPractice, p.CurrentPractice)
	set(&in.Consequence, p.Consequence)
	set(&in.TargetGroups, p.TargetGroups)
	set(&in.Constraints, p.Constraints)
	set(&in.CareSettings, p.CareSettings)
	set(&in.Tags, p.Tags)
	set(&in.VolumePeople, p.VolumePeople)
	set(&in.VolumeEvents, p.VolumeEvents)
	set(&in.Urgency, p.Urgency)
	set(&in.Benefits, p.Benefits)
	set(&in.BenefitPlan, p.BenefitPlan)
	set(&in.Visibility, p.Visibility)
	set(&in.PartnerIDs, p.PartnerIDs)
	if p.OwnerID.set {
		in.OwnerID = p.OwnerID.id
	}
}

func (s *Server) needUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanEditNeed(n)); err != nil {
		return err
	}
	var p needPatch
	if err := decode(r, &p); err != nil {
		return err
	}
	in := n.Input()
	p.apply(&in)
	if err := in.Normalise(); err != nil {
		return err
	}
	if n, err = s.store.UpdateNeed(r.Context(), n.ID, in); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, needView(rq.actor, n))
	return nil
}

// needTransition moves a need along its lifecycle. The table in internal/app says who may
// make which move (409 with the allowed moves otherwise); the store checks the guards.
func (s *Server) needTransition(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	if !rq.actor.CanMoveNeed(n) {
		if !rq.actor.SignedIn() {
			return rq.actor.Require(false)
		}
		return app.Errorf(app.Forbidden, "err.transition_forbidden")
	}
	var t app.TransitionInput
	if err := decode(r, &t); err != nil {
		return err
	}
	f := app.FieldErrors{}
	switch {
	case t.To == "":
		f.Add("to", "err.required")
	case !t.To.Valid():
		f.Add("to", "err.state")
	}
	if t.Comment, err = app.CheckText("comment", t.Comment, false); addFields(f, err) != nil {
		return err
	}
	if t.ProcurementContact, err = app.CheckText("procurement_contact", t.ProcurementContact, false); addFields(f, err) != nil {
		return err
	}
	if t.Route != "" && !slices.Contains(app.Routes, t.Route) {
		f.Add("route", "err.route")
	}
	if t.CloseReason != "" && !slices.Contains(app.CloseReasons, t.CloseReason) {
		f.Add("close_reason", "err.close_reason")
	}
	if t.MergedInto < 0 {
		f.Add("merged_into", "err.merged_into")
	}
	if err := f.Err(); err != nil {
		return err
	}
	// What only one move reads is ignored on the others: the store would record it anyway.
	if t.To != app.StateRouteDecided {
		t.Route = ""
	}
	if t.To != app.StateClosed {
		t.CloseReason = ""
	}
	if t.To != app.StateMerged {
		t.MergedInto = 0
	}
	if t.To != app.StatePiloting {
		t.ProjectID = 0
	}
	if err := app.CheckTransition(n.State, t.To, rq.actor.NeedRelations(n)); err != nil {
		return err
	}
	if t.ProjectID != 0 {
		if err := web.CheckPilotProject(r.Context(), s.store, rq.actor, n, t.ProjectID); err != nil {
			return err
		}
	}
	// A need is merged only into one the person merging can see.
	if t.To == app.StateMerged && t.MergedInto != 0 && t.MergedInto != n.ID {
		if _, err := s.store.Need(r.Context(), rq.actor.Viewer(), t.MergedInto); err != nil {
			if app.ErrorCode(err) == app.NotFound {
				return app.FieldErrors{"merged_into": "err.merged_into"}.Err()
			}
			return err
		}
	}
	if n, err = s.store.TransitionNeed(r.Context(), n.ID, n.State, rq.actor.ID, t); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, needView(rq.actor, n))
	return nil
}

func (s *Server) needHistory(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	h, err := s.store.NeedHistory(r.Context(), n.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, app.List[app.NeedTransition]{Items: orEmpty(h)})
	return nil
}

// coOwnerBody is an organisation that has the need too, with its own volume.
type coOwnerBody struct {
	OrganisationID int64 `json:"organisation_id"`
	VolumePeople   int   `json:"volume_people"`
	VolumeEvents   int   `json:"volume_events"`
}

// needJoin: "vi har också detta behov". A public organisation where the caller submits
// needs or coordinates innovation joins as co-owner, with its own volume.
func (s *Server) needJoin(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	joinable := rq.actor.JoinableOrganisations(n)
	if err := rq.actor.Require(len(joinable) > 0); err != nil {
		return joinError(err)
	}
	var in coOwnerBody
	if err := decode(r, &in); err != nil {
		return err
	}
	f := app.FieldErrors{}
	if in.OrganisationID == 0 {
		f.Add("organisation_id", "err.required")
	}
	if in.VolumePeople < 0 || in.VolumePeople > 100_000_000 {
		f.Add("volume_people", "err.volume")
	}
	if in.VolumeEvents < 0 || in.VolumeEvents > 1_000_000_000 {
		f.Add("volume_events", "err.volume")
	}
	if err := f.Err(); err != nil {
		return err
	}
	if !slices.ContainsFunc(joinable, func(o app.OrgRef) bool { return o.ID == in.OrganisationID }) {
		return joinError(rq.actor.Require(false))
	}
	if err := s.store.JoinNeed(r.Context(), n.ID, in.OrganisationID, rq.actor.ID, in.VolumePeople, in.VolumeEvents); err != nil {
		return err
	}
	if n, err = s.store.Need(r.Context(), rq.actor.Viewer(), n.ID); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, needView(rq.actor, n))
	return nil
}

// joinError says why a signed-in person may not join, instead of a bare "forbidden".
func joinError(err error) error {
	if app.ErrorCode(err) == app.Forbidden {
		return app.Errorf(app.Forbidden, "err.cannot_join")
	}
	return err
}

// needExport is one need with everything recorded on it that the caller may see, as one
// document for registration as an official document (diarieföring). Contacts is null when
// the caller may see none of the contact log, comments when they may not see internal comments.
type needExport struct {
	Need       needBody              `json:"need"`
	History    []app.NeedTransition  `json:"history"`
	Questions  []questionBody        `json:"questions"`
	Contacts   []app.SupplierContact `json:"contacts"`
	Comments   []app.Comment         `json:"comments"`
	ExportedAt time.Time             `json:"exported_at"`
	ExportedBy *app.UserRef          `json:"exported_by"`
}

func (s *Server) needExport(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	a := rq.actor
	x := needExport{Need: needView(a, n), ExportedAt: time.Now().UTC()}
	if a.SignedIn() {
		x.ExportedBy = &app.UserRef{ID: a.ID, Name: a.Name}
	}
	h, err := s.store.NeedHistory(ctx, n.ID)
	if err != nil {
		return err
	}
	x.History = orEmpty(h)
	if x.Questions, err = s.questions(r, a, n); err != nil {
		return err
	}
	if all, published := a.CanSeeContacts(n); all || published {
		cs, err := s.store.Contacts(ctx, n.ID, all)
		if err != nil {
			return err
		}
		x.Contacts = orEmpty(cs)
	}
	if a.IsNeedInsider(n) {
		cs, err := s.store.Comments(ctx, n.ID)
		if err != nil {
			return err
		}
		x.Comments = orEmpty(cs)
	}
	w.Header().Set("Content-Disposition", `attachment; filename="behov-`+itoa(n.ID)+`.json"`)
	writeJSON(w, http.StatusOK, x)
	return nil
}

// orEmpty makes a list without items [] in JSON rather than null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
