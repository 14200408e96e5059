package api

import (
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Bookings are listed for at most this long at once; two weeks from now by default.
const (
	maxBookingSpan     = 366 * 24 * time.Hour
	defaultBookingSpan = 14 * 24 * time.Hour
)

func (s *Server) roomList(w http.ResponseWriter, r *http.Request, rq *request) error {
	rooms, err := s.store.ListRooms(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Items []app.Room `json:"items"`
	}{rooms})
	return nil
}

// roomCreate: platform admins set up the hub's rooms and desks.
func (s *Server) roomCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanManageRooms()); err != nil {
		return err
	}
	var in app.RoomInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	room, err := s.store.CreateRoom(r.Context(), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/rooms/"+itoa(room.ID))
	writeJSON(w, http.StatusCreated, room)
	return nil
}

// roomReplace: platform admins change a room or desk; its bookings stay.
func (s *Server) roomReplace(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanManageRooms()); err != nil {
		return err
	}
	room, err := s.loadRoom(r)
	if err != nil {
		return err
	}
	var in app.RoomInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	if room, err = s.store.UpdateRoom(r.Context(), room.ID, in); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, room)
	return nil
}

func (s *Server) loadRoom(r *http.Request) (app.Room, error) {
	id, err := pathID(r, "id", "err.room_not_found")
	if err != nil {
		return app.Room{}, err
	}
	return s.store.Room(r.Context(), id)
}

func (s *Server) roomGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	room, err := s.loadRoom(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, room)
	return nil
}

// bookingList: a room's bookings between from and to, as the caller may see them.
func (s *Server) bookingList(w http.ResponseWriter, r *http.Request, rq *request) error {
	room, err := s.loadRoom(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	from, to := time.Now(), time.Time{}
	bad := app.FieldErrors{}
	for name, dst := range map[string]*time.Time{"from": &from, "to": &to} {
		if v := q.Get(name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				bad.Add(name, "err.datetime")
			}
			*dst = t
		}
	}
	if to.IsZero() {
		to = from.Add(defaultBookingSpan)
	}
	if len(bad) == 0 && (!to.After(from) || to.Sub(from) > maxBookingSpan) {
		bad.Add("to", "err.booking_span")
	}
	if err := bad.Err(); err != nil {
		return badRequest{app.AsError(err)}
	}
	bookings, err := s.store.Bookings(r.Context(), rq.actor.Viewer(), room.ID, from, to)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Items []app.Booking `json:"items"`
	}{bookings})
	return nil
}

// bookingCreate books a room for the caller: people in a member organisation.
func (s *Server) bookingCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanBookRooms()); err != nil {
		return err
	}
	room, err := s.loadRoom(r)
	if err != nil {
		return err
	}
	var in app.BookingInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(time.Now()); err != nil {
		return err
	}
	b, err := s.store.BookRoom(r.Context(), room.ID, rq.actor.ID, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, b)
	return nil
}

// bookingSeriesCreate books a room repeatedly for the caller: every occurrence or none.
func (s *Server) bookingSeriesCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanBookRooms()); err != nil {
		return err
	}
	room, err := s.loadRoom(r)
	if err != nil {
		return err
	}
	var in app.SeriesInput
	if err := decode(r, &in); err != nil {
		return err
	}
	times, err := in.Normalise(time.Now(), app.Zone(app.DefaultTimeZone))
	if err != nil {
		return err
	}
	bookings, err := s.store.BookRoomSeries(r.Context(), room.ID, rq.actor.ID, in.BookingInput, in.Repeat.Frequency, times)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, struct {
		Items []app.Booking `json:"items"`
	}{bookings})
	return nil
}

// seriesDelete cancels what is left of the series a booking belongs to.
func (s *Server) seriesDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	b, err := s.cancellableBooking(r, rq)
	if err != nil {
		return err
	}
	if b.Series == nil {
		return app.Errorf(app.NotFound, "err.booking_not_found")
	}
	if _, err := s.store.CancelSeries(r.Context(), b.Room.ID, b.Series.ID, time.Now()); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// bookingDelete cancels the caller's own booking (any, for a platform admin).
func (s *Server) bookingDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	b, err := s.cancellableBooking(r, rq)
	if err != nil {
		return err
	}
	if err := s.store.DeleteBooking(r.Context(), b.Room.ID, b.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// cancellableBooking is the booking of the path, if the caller may cancel it.
func (s *Server) cancellableBooking(r *http.Request, rq *request) (app.Booking, error) {
	if err := requireSignedIn(rq); err != nil {
		return app.Booking{}, err
	}
	room, err := s.loadRoom(r)
	if err != nil {
		return app.Booking{}, err
	}
	id, err := pathID(r, "bid", "err.booking_not_found")
	if err != nil {
		return app.Booking{}, err
	}
	b, err := s.store.Booking(r.Context(), room.ID, id)
	if err != nil {
		return app.Booking{}, err
	}
	return b, rq.actor.Require(rq.actor.CanCancelBooking(b))
}
