package api

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

type proposalList struct {
	Items []app.Proposal `json:"items"`
}

// proposalList: the owning side sees every proposal; others those of their own
// organisations' solutions, never a competitor's.
func (s *Server) proposalList(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	all, orgs := rq.actor.ProposalScope(n)
	ps, err := s.store.Proposals(r.Context(), n.ID, all, orgs)
	if err != nil {
		return err
	}
	if ps == nil {
		ps = []app.Proposal{}
	}
	writeJSON(w, http.StatusOK, proposalList{ps})
	return nil
}

// proposalCreate: a supplier proposes one of its solutions with a rationale.
func (s *Server) proposalCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	var in app.ProposalInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Check(); err != nil {
		return err
	}
	sol, err := s.store.Solution(r.Context(), in.SolutionID)
	if err != nil {
		return app.FieldErrors{"solution_id": "err.solution_not_found"}.Err()
	}
	if err := rq.actor.CheckPropose(n, sol); err != nil {
		return err
	}
	p, err := s.store.ProposeSolution(r.Context(), n.ID, rq.actor.ID, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

// proposalDecide: the owning side shortlists, declines (with a reason) or pilots a
// solution, proposed or only suggested by the matcher.
func (s *Server) proposalDecide(w http.ResponseWriter, r *http.Request, rq *request) error {
	n, err := s.loadNeed(r, rq)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanDecideProposals(n)); err != nil {
		return err
	}
	solutionID, err := pathID(r, "solution", "err.solution_not_found")
	if err != nil {
		return err
	}
	var d app.ProposalDecision
	if err := decode(r, &d); err != nil {
		return err
	}
	if err := d.Check(); err != nil {
		return err
	}
	p, err := s.store.DecideProposal(r.Context(), n.ID, solutionID, rq.actor.ID, d)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}
