package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// roomDays is how far ahead a room's page shows its bookings.
const roomDays = 14

// roomSlot is a booking as the person may see it (the store blanks what they may not).
type roomSlot struct {
	app.Booking
	CanCancel bool
}

type roomPage struct {
	Room        app.Room
	Slots       []roomSlot
	CanBook     bool
	Frequencies []option
}

// roomDetail shows a room's bookings of the next two weeks and, to members, a form to book.
func (s *Server) roomDetail(w http.ResponseWriter, r *http.Request, rq *request) error {
	room, err := s.roomFromPath(r)
	if err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "hub.room_title"))
	start := nextWorkingHour(time.Now().In(stockholm))
	v.Form.Set("start", start.Format(localLayout))
	v.Form.Set("end", start.Add(time.Hour).Format(localLayout))
	return s.renderRoom(w, r, rq, v, room, http.StatusOK)
}

// nextWorkingHour is the form's first suggestion: the next full hour between 08:00 and
// 17:00 on the hub's clock, or 09:00 the next morning.
func nextWorkingHour(now time.Time) time.Time {
	t := now.Truncate(time.Hour).Add(time.Hour)
	switch {
	case t.Hour() < 8:
		return time.Date(t.Year(), t.Month(), t.Day(), 9, 0, 0, 0, t.Location())
	case t.Hour() >= 17:
		return time.Date(t.Year(), t.Month(), t.Day()+1, 9, 0, 0, 0, t.Location())
	}
	return t
}

func (s *Server) renderRoom(w http.ResponseWriter, r *http.Request, rq *request, v *view, room app.Room, status int) error {
	now := time.Now().In(stockholm)
	from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, stockholm)
	slots, err := s.roomSlots(r, rq, room.ID, from, from.AddDate(0, 0, roomDays))
	if err != nil {
		return err
	}
	v.Heading = room.Name
	frequencies := []option{{Value: "", Label: v.T("hub.repeat_none")}}
	for _, f := range app.Frequencies {
		frequencies = append(frequencies, option{Value: f, Label: v.T("hub.repeats_" + f)})
	}
	v.Data = roomPage{Room: room, Slots: slots, CanBook: rq.actor.CanBookRooms(), Frequencies: frequencies}
	s.render(w, status, "room_detail", v)
	return nil
}

// roomSlots are the room's bookings between from and to, as the person may see them.
func (s *Server) roomSlots(r *http.Request, rq *request, roomID int64, from, to time.Time) ([]roomSlot, error) {
	bookings, err := s.store.Bookings(r.Context(), rq.actor.Viewer(), roomID, from, to)
	if err != nil {
		return nil, err
	}
	slots := make([]roomSlot, len(bookings))
	for i, b := range bookings {
		slots[i] = roomSlot{Booking: b, CanCancel: rq.actor.CanCancelBooking(b)}
	}
	return slots, nil
}

// roomBook books the room for the person, on the hub's clock.
func (s *Server) roomBook(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanBookRooms()); err != nil {
		return err
	}
	room, err := s.roomFromPath(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := app.BookingInput{Title: r.PostForm.Get("title")}
	bad := app.FieldErrors{}
	for name, dst := range map[string]*time.Time{"start": &in.Start, "end": &in.End} {
		if t, err := time.ParseInLocation(localLayout, r.PostForm.Get(name), stockholm); err == nil {
			*dst = t
		} else if r.PostForm.Get(name) != "" {
			bad.Add(name, "err.datetime")
		}
	}
	flash := "hub.booked"
	if r.PostForm.Get("frequency") == "" {
		err = addFieldErrors(bad, in.Normalise(time.Now()))
		if err == nil {
			_, err = s.store.BookRoom(r.Context(), room.ID, rq.actor.ID, in)
		}
	} else {
		series := app.SeriesInput{BookingInput: in, Repeat: app.Repeat{Frequency: r.PostForm.Get("frequency"), Until: r.PostForm.Get("until")}}
		if c := r.PostForm.Get("count"); c != "" {
			if series.Repeat.Count = formNumber(c); series.Repeat.Count == 0 {
				bad.Add("count", "err.repeat_count")
			}
		}
		times, nerr := series.Normalise(time.Now(), stockholm)
		err = addFieldErrors(bad, nerr)
		if err == nil {
			_, err = s.store.BookRoomSeries(r.Context(), room.ID, rq.actor.ID, series.BookingInput, series.Repeat.Frequency, times)
		}
		flash = "hub.series_booked"
	}
	if err != nil {
		v := s.view(r, rq, "hub.room_title")
		v.Form = r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderRoom(w, r, rq, v, room, StatusOf(app.ErrorCode(err)))
	}
	return s.redirect(w, r, roomPath(room.ID), flash)
}

// addFieldErrors adds the field problems of err, from a Normalise, to those found while
// reading a form, and returns them all as one error.
func addFieldErrors(bad app.FieldErrors, err error) error {
	if err != nil {
		for k, v := range app.AsError(err).Fields {
			bad.Add(k, v)
		}
	}
	return bad.Err()
}

// cancellableBooking reads the room and booking of the path, if the person may cancel
// the booking: their own (any, for a platform admin).
func (s *Server) cancellableBooking(r *http.Request, rq *request) (app.Room, app.Booking, error) {
	room, err := s.roomFromPath(r)
	if err != nil {
		return app.Room{}, app.Booking{}, err
	}
	id, err := pathID(r, "booking")
	if err != nil {
		return app.Room{}, app.Booking{}, app.Errorf(app.NotFound, "err.booking_not_found")
	}
	b, err := s.store.Booking(r.Context(), room.ID, id)
	if err != nil {
		return app.Room{}, app.Booking{}, err
	}
	return room, b, rq.actor.Require(rq.actor.CanCancelBooking(b))
}

// roomBookingDelete cancels one's own booking (any, for a platform admin).
func (s *Server) roomBookingDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	room, b, err := s.cancellableBooking(r, rq)
	if err != nil {
		return err
	}
	if err := s.store.DeleteBooking(r.Context(), room.ID, b.ID); err != nil {
		return err
	}
	return s.redirect(w, r, roomPath(room.ID), "hub.booking_cancelled")
}

// roomSeriesDelete cancels what is left of the series a booking belongs to: the booker's
// own (any, for a platform admin).
func (s *Server) roomSeriesDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	room, b, err := s.cancellableBooking(r, rq)
	if err != nil {
		return err
	}
	if b.Series == nil {
		return app.Errorf(app.NotFound, "err.booking_not_found")
	}
	if _, err := s.store.CancelSeries(r.Context(), room.ID, b.Series.ID, time.Now()); err != nil {
		return err
	}
	return s.redirect(w, r, roomPath(room.ID), "hub.series_cancelled")
}

func (s *Server) roomFromPath(r *http.Request) (app.Room, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return app.Room{}, app.Errorf(app.NotFound, "err.room_not_found")
	}
	return s.store.Room(r.Context(), id)
}

func roomPath(id int64) string { return fmt.Sprintf("/hub/rooms/%d", id) }
