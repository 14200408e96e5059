package web

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
)

// needPage is everything the need page shows, each part already filtered by what the
// person may see.
type needPage struct {
	Need        app.Need
	History     []app.NeedTransition
	Questions   []app.Question
	Contacts    []app.SupplierContact
	Comments    []app.Comment
	Attachments []app.Attachment
	Moves       []option
	Joinable    []option
	Following   bool
	Insider     bool
	CanEdit     bool
	CanAsk      bool
	Coordinate  bool
	SeeContacts bool
	Routes      []option
	Reasons     []option
	Channels    []option
	Path        []app.NeedState
	// Solutions and Organisations are the matcher's suggestions for the need.
	Solutions, Organisations []app.Match
	// Proposals are what the person may see of them; Status is each solution's status
	// among them; Decide says whether the person decides; Proposable are the solutions
	// they may propose.
	Proposals             []app.Proposal
	Status                map[int64]app.ProposalStatus
	Decide                bool
	Decisions, Proposable []option
	// Projects are the projects the need is linked to; PilotProjects those of its
	// organisation that a move to piloting may join instead of starting a new pilot.
	Projects      []app.ProjectRef
	PilotProjects []option
	// Radar are the open calls that fit the need.
	Radar []app.CallMatch
}

// suggestions is how many matches a page shows.
const suggestions = 5

// needDetail shows a need with its timeline, questions, contacts and comments.
func (s *Server) needDetail(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.needFromPath(r, rq)
	if err != nil {
		return err
	}
	if all, _ := rq.actor.CanSeeContacts(n); all {
		// Each showing of the whole contact log is recorded, kept page or not.
		rq.onShow = func(ctx context.Context) error { _, err := s.store.Contacts(ctx, n.ID, true); return err }
	}
	v := s.withFlash(w, r, s.view(r, rq, "need.detail_title"))
	v.Heading = n.Title
	return s.renderNeed(w, r, rq, v, n, http.StatusOK)
}

func (s *Server) renderNeed(w http.ResponseWriter, r *http.Request, rq *request, v *view, n app.Need, status int) error {
	p, err := s.loadNeedPage(r, rq.actor, n)
	if err != nil {
		return err
	}
	for _, st := range app.AllowedTransitions(n.State, rq.actor.NeedRelations(n)) {
		p.Moves = append(p.Moves, option{Value: string(st), Label: v.T("state." + string(st))})
	}
	if len(p.Moves) > 0 {
		p.Moves = withBlank(v, p.Moves, "form.choose") // no move by a stray click
	}
	if slices.Contains(app.AllowedTransitions(n.State, rq.actor.NeedRelations(n)), app.StatePiloting) {
		if err := s.loadPilotProjects(r, rq, v, n, p); err != nil {
			return err
		}
	}
	for _, o := range rq.actor.JoinableOrganisations(n) {
		p.Joinable = append(p.Joinable, option{Value: itoa(o.ID), Label: o.Name})
	}
	for _, rt := range app.Routes {
		p.Routes = append(p.Routes, option{Value: string(rt), Label: v.T("route." + string(rt))})
	}
	for _, cr := range app.CloseReasons {
		p.Reasons = append(p.Reasons, option{Value: string(cr), Label: v.T("close." + string(cr))})
	}
	for _, ch := range app.ContactChannels {
		p.Channels = append(p.Channels, option{Value: ch, Label: v.T("channel." + ch)})
	}
	p.Routes, p.Reasons = withBlank(v, p.Routes, "form.choose"), withBlank(v, p.Reasons, "form.choose")
	if p.Solutions, err = s.store.NeedMatches(r.Context(), rq.actor.Viewer(), n.ID, suggestions); err != nil {
		return err
	}
	if p.Organisations, err = s.store.OrganisationMatches(r.Context(), rq.actor.Viewer(), n.ID, suggestions); err != nil {
		return err
	}
	if p.Radar, err = s.store.CallRadar(r.Context(), "need", n.ID, time.Now(), suggestions); err != nil {
		return err
	}
	if err := s.loadProposals(r, rq, v, p); err != nil {
		return err
	}
	p.Decisions = withBlank(v, p.Decisions, "form.choose")
	if len(p.Proposable) > 0 {
		p.Proposable = withBlank(v, p.Proposable, "form.choose")
	}
	v.Data = p
	s.render(w, status, "need_detail", v)
	return nil
}

// loadNeedPage reads what belongs to a need as far as the actor may see it; the export
// uses it too.
func (s *Server) loadNeedPage(r *http.Request, a auth.Actor, n app.Need) (*needPage, error) {
	ctx := r.Context()
	p := &needPage{Need: n, Path: mainPath, Insider: a.IsNeedInsider(n), CanEdit: a.CanEditNeed(n), CanAsk: a.CanAsk(n), Coordinate: a.CanCoordinateNeed(n)}
	var err error
	if p.History, err = s.store.NeedHistory(ctx, n.ID); err != nil {
		return nil, err
	}
	if p.Questions, err = s.store.Questions(ctx, n.ID, p.Insider, a.ID); err != nil {
		return nil, err
	}
	if p.Attachments, err = s.store.Attachments(ctx, n.ID); err != nil {
		return nil, err
	}
	all, published := a.CanSeeContacts(n)
	if p.SeeContacts = all || published; p.SeeContacts {
		if p.Contacts, err = s.store.Contacts(ctx, n.ID, all); err != nil {
			return nil, err
		}
	}
	if p.Insider {
		if p.Comments, err = s.store.Comments(ctx, n.ID); err != nil {
			return nil, err
		}
	}
	if p.Projects, err = s.store.NeedProjects(ctx, a.Viewer(), n.ID); err != nil {
		return nil, err
	}
	if a.SignedIn() {
		if p.Following, err = s.store.Following(ctx, n.ID, a.ID); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// loadPilotProjects offers the projects of the need's organisation that the person may
// change, for a move to piloting to join.
func (s *Server) loadPilotProjects(r *http.Request, rq *request, v *view, n app.Need, p *needPage) error {
	list, err := s.store.ListProjects(r.Context(), rq.actor.Viewer(), app.ProjectFilter{OrgID: n.Organisation.ID, Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		return err
	}
	for _, x := range list.Items {
		if x.Organisation.ID == n.Organisation.ID && rq.actor.CanEditProject(x) {
			p.PilotProjects = append(p.PilotProjects, option{Value: itoa(x.ID), Label: x.Title})
		}
	}
	if len(p.PilotProjects) > 0 {
		p.PilotProjects = withBlank(v, p.PilotProjects, "need.new_pilot")
	}
	return nil
}

// needFromPath is the need of the path if the person may see it; otherwise not found.
func (s *Server) needFromPath(r *http.Request, rq *request) (app.Need, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return app.Need{}, app.Errorf(app.NotFound, "err.need_not_found")
	}
	return s.store.Need(r.Context(), rq.actor.Viewer(), id)
}
