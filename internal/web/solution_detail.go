package web

import (
	"fmt"
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

// solutionDetail shows a solution; the fields marked as business secret only to the
// supplier's members and platform admins.
func (s *Server) solutionDetail(w http.ResponseWriter, r *http.Request, rq *request) error {
	x, err := s.solutionFromPath(r)
	if err != nil {
		return err
	}
	needs, err := s.store.SolutionMatches(r.Context(), rq.actor.Viewer(), x.ID, suggestions)
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "solution.detail_title"))
	v.Heading = x.Title
	v.Data = struct {
		Solution  app.Solution
		CanManage bool
		Needs     []app.Match
	}{rq.actor.SolutionView(x), rq.actor.CanManageSolution(x.Organisation.ID), needs}
	s.render(w, http.StatusOK, "solution_detail", v)
	return nil
}

// solutionDelete removes a solution, for those who manage its supplier's solutions.
func (s *Server) solutionDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	x, err := s.solutionFromPath(r)
	if err != nil {
		return err
	}
	if err := rq.actor.Require(rq.actor.CanManageSolution(x.Organisation.ID)); err != nil {
		return err
	}
	if err := s.store.DeleteSolution(r.Context(), x.ID); err != nil {
		return err
	}
	return s.redirect(w, r, "/solutions", "solution.deleted")
}

func (s *Server) solutionFromPath(r *http.Request) (app.Solution, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return app.Solution{}, app.Errorf(app.NotFound, "err.solution_not_found")
	}
	return s.store.Solution(r.Context(), id)
}

func solutionPath(x app.Solution) string { return fmt.Sprintf("/solutions/%d", x.ID) }
