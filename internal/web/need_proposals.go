package web

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

// needPropose: a supplier proposes one of its solutions for the need, with a rationale.
func (s *Server) needPropose(r *http.Request, rq *request, n app.Need) (string, error) {
	in := app.ProposalInput{SolutionID: int64(formNumber(r.PostForm.Get("solution_id"))), Rationale: r.PostForm.Get("rationale")}
	if err := in.Check(); err != nil {
		return "", err
	}
	sol, err := s.store.Solution(r.Context(), in.SolutionID)
	if err != nil {
		return "", app.FieldErrors{"solution_id": "err.solution_not_found"}.Err()
	}
	if err := rq.actor.CheckPropose(n, sol); err != nil {
		return "", err
	}
	_, err = s.store.ProposeSolution(r.Context(), n.ID, rq.actor.ID, in)
	return "need.proposal_sent", err
}

// needDecide: the owning side shortlists, declines or pilots a solution for the need.
func (s *Server) needDecide(r *http.Request, rq *request, n app.Need) (string, error) {
	if err := rq.actor.Require(rq.actor.CanDecideProposals(n)); err != nil {
		return "", err
	}
	solutionID, err := pathID(r, "solution")
	if err != nil {
		return "", app.Errorf(app.NotFound, "err.solution_not_found")
	}
	d := app.ProposalDecision{Status: app.ProposalStatus(r.PostForm.Get("status")), Reason: r.PostForm.Get("reason")}
	if err := d.Check(); err != nil {
		return "", err
	}
	_, err = s.store.DecideProposal(r.Context(), n.ID, solutionID, rq.actor.ID, d)
	return "need.proposal_decided", err
}

// loadProposals adds to the need page what the person sees of proposals, the solutions
// they may propose, and the status of each suggestion.
func (s *Server) loadProposals(r *http.Request, rq *request, v *view, p *needPage) error {
	a, n := rq.actor, p.Need
	all, orgs := a.ProposalScope(n)
	var err error
	if p.Proposals, err = s.store.Proposals(r.Context(), n.ID, all, orgs); err != nil {
		return err
	}
	p.Status = map[int64]app.ProposalStatus{}
	for _, x := range p.Proposals {
		p.Status[x.Solution.ID] = x.Status
	}
	p.Decide = a.CanDecideProposals(n)
	for _, st := range []app.ProposalStatus{app.ProposalShortlisted, app.ProposalDeclined, app.ProposalPiloted} {
		p.Decisions = append(p.Decisions, option{Value: string(st), Label: v.T("proposal." + string(st))})
	}
	for _, org := range a.ProposalOrgs() {
		if !a.CanPropose(n, org) {
			continue
		}
		sols, err := s.store.ListSolutions(r.Context(), app.SolutionFilter{OrgID: org, Page: app.Page{Limit: app.MaxLimit}})
		if err != nil {
			return err
		}
		for _, x := range sols.Items {
			if _, done := p.Status[x.ID]; !done {
				p.Proposable = append(p.Proposable, option{Value: itoa(x.ID), Label: x.Title})
			}
		}
	}
	return nil
}
