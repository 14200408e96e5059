package api

import (
	"net/http"
)

// record is an object of kind with its metadata and audit history, for its organisation's
// registrar to enter in the diary (diarieföring): one handler for every kind in
// app.RecordKinds; the pages print the same.
func (s *Server) record(kind string) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		all, orgIDs := rq.actor.RecordScope()
		if err := rq.actor.Require(all || len(orgIDs) > 0); err != nil {
			return err
		}
		id, err := pathID(r, "id", "err.record_not_found")
		if err != nil {
			return err
		}
		rec, err := s.store.Record(r.Context(), kind, id, all, orgIDs)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, rec)
		return nil
	}
}
