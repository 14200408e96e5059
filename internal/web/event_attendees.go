package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// eventManaged loads the event of the path for one who manages it: its organisers and
// platform admins.
func (s *Server) eventManaged(r *http.Request, rq *request) (app.Event, error) {
	e, err := s.eventFromPath(r, rq)
	if err != nil {
		return e, err
	}
	return e, rq.actor.Require(rq.actor.CanManageEvent(e.Organisation.ID))
}

// eventAttendees is the organiser's list: seats in the order taken, then the waiting list,
// with the requests and a check-in button for the door.
func (s *Server) eventAttendees(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventManaged(r, rq)
	if err != nil {
		return err
	}
	regs, err := s.store.Registrations(r.Context(), e.ID)
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "event.attendees_title"))
	v.Heading = e.Title
	v.Data = struct {
		Event         app.Event
		Registrations []app.Registration
	}{e, regs}
	s.render(w, http.StatusOK, "event_attendees", v)
	return nil
}

// eventAttendeesCSV is the same list as a spreadsheet.
func (s *Server) eventAttendeesCSV(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventManaged(r, rq)
	if err != nil {
		return err
	}
	regs, err := s.store.Registrations(r.Context(), e.ID)
	if err != nil {
		return err
	}
	t := func(k string) string { return i18n.T(rq.lang, k) }
	rows := [][]string{{t("field.name"), t("field.email"), t("field.status"), t("event.position"), t("field.dietary"), t("field.access_needs"),
		t("event.checked_in")}}
	for _, x := range regs {
		pos, checked := "", ""
		if x.Position > 0 {
			pos = strconv.Itoa(x.Position)
		}
		if x.CheckedInAt != nil {
			checked = x.CheckedInAt.In(e.Location()).Format("2006-01-02 15:04")
		}
		rows = append(rows, []string{x.User.Name, x.User.Email, t("registration." + string(x.Status)), pos, x.Dietary, x.AccessNeeds, checked})
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="deltagare-%d.csv"`, e.ID))
	return writeCSV(w, rows)
}

// eventCheckIn marks a registered person as arrived, or undoes it.
func (s *Server) eventCheckIn(w http.ResponseWriter, r *http.Request, rq *request) error {
	e, err := s.eventManaged(r, rq)
	if err != nil {
		return err
	}
	id, err := pathID(r, "registration")
	if err != nil {
		return app.Errorf(app.NotFound, "err.registration_not_found")
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	var at *time.Time
	flash := "event.checked_in_undone"
	if r.PostForm.Get("undo") == "" {
		now := time.Now()
		at, flash = &now, "event.checked_in_done"
	}
	if _, err := s.store.CheckIn(r.Context(), e.ID, id, at); err != nil {
		return err
	}
	return s.redirect(w, r, fmt.Sprintf("/events/%d/attendees#r%d", e.ID, id), flash)
}
