package api

import (
	"net/http"
	"slices"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// The fika roulette through the API: one's own place in it, one's own groups and answers.
// Nobody reads another's entry, and a group only its members.

// rouletteShown is how many of the caller's groups are listed, the newest first.
const rouletteShown = 20

func (s *Server) rouletteGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	e, err := s.store.RouletteEntry(r.Context(), rq.actor.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}

// rouletteJoin takes the caller in, for one of their organisations, or changes how they take part.
func (s *Server) rouletteJoin(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(len(rq.actor.Memberships) > 0); err != nil {
		return err
	}
	var in app.RouletteInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	if !rq.actor.IsMember(in.OrgID) {
		return app.FieldErrors{"organisation_id": "err.roulette_org"}.Err()
	}
	if err := s.store.JoinRoulette(r.Context(), rq.actor.ID, in); err != nil {
		return err
	}
	return s.rouletteGet(w, r, rq)
}

func (s *Server) rouletteLeave(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	if err := s.store.LeaveRoulette(r.Context(), rq.actor.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) rouletteGroups(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	groups, err := s.store.RouletteGroups(r.Context(), rq.actor.ID, rouletteShown)
	if err != nil {
		return err
	}
	if groups == nil {
		groups = []app.RouletteGroup{}
	}
	writeJSON(w, http.StatusOK, struct {
		Items []app.RouletteGroup `json:"items"`
	}{groups})
	return nil
}

type rouletteAnswerBody struct {
	Found *bool `json:"found"`
}

// rouletteAnswer records whether the caller's fika found something to work on.
func (s *Server) rouletteAnswer(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireSignedIn(rq); err != nil {
		return err
	}
	id, err := pathID(r, "id", "err.roulette_group_not_found")
	if err != nil {
		return err
	}
	// Another's group is not found, whatever the body says.
	groups, err := s.store.RouletteGroups(r.Context(), rq.actor.ID, rouletteShown)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(groups, func(g app.RouletteGroup) bool { return g.ID == id }) {
		return app.Errorf(app.NotFound, "err.roulette_group_not_found")
	}
	var in rouletteAnswerBody
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.Found == nil {
		return app.FieldErrors{"found": "err.required"}.Err()
	}
	if err := s.store.AnswerRoulette(r.Context(), id, rq.actor.ID, *in.Found, time.Now()); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
