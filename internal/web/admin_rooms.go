package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

// The hub's rooms and desks, set up by platform admins: every room with a form to add one,
// and a form per room to change it.

type adminRoomsData struct {
	Rooms []app.Room
	Kinds []option
	// Editing is the room whose form the page shows, nil for a new room.
	Editing *app.Room
}

func (s *Server) adminRooms(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanManageRooms()); err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "admin.rooms_title"))
	v.Form.Set("kind", app.RoomKinds[0])
	return s.renderAdminRooms(w, r, v, nil, http.StatusOK)
}

func (s *Server) adminRoomEdit(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanManageRooms()); err != nil {
		return err
	}
	room, err := s.roomFromPath(r)
	if err != nil {
		return err
	}
	v := s.view(r, rq, "admin.rooms_title")
	v.Form = url.Values{"name": {room.Name}, "kind": {room.Kind}, "capacity": {itoa(int64(room.Capacity))},
		"equipment": {strings.Join(room.Equipment, ", ")}, "description": {room.Description}}
	return s.renderAdminRooms(w, r, v, &room, http.StatusOK)
}

func (s *Server) renderAdminRooms(w http.ResponseWriter, r *http.Request, v *view, editing *app.Room, status int) error {
	rooms, err := s.store.ListRooms(r.Context())
	if err != nil {
		return err
	}
	d := adminRoomsData{Rooms: rooms, Editing: editing}
	for _, k := range app.RoomKinds {
		d.Kinds = append(d.Kinds, option{Value: k, Label: v.T("room_kind." + k)})
	}
	v.Data = d
	s.render(w, status, "admin_rooms", v)
	return nil
}

// adminRoomSave adds a room (no id in the path) or changes one.
func (s *Server) adminRoomSave(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanManageRooms()); err != nil {
		return err
	}
	var editing *app.Room
	if r.PathValue("id") != "" {
		room, err := s.roomFromPath(r)
		if err != nil {
			return err
		}
		editing = &room
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	in := app.RoomInput{Name: f.Get("name"), Kind: f.Get("kind"), Capacity: formNumber(f.Get("capacity")),
		Equipment: app.SplitTags(f.Get("equipment")), Description: f.Get("description")}
	err := in.Normalise()
	if err == nil {
		if editing == nil {
			_, err = s.store.CreateRoom(r.Context(), in)
		} else {
			_, err = s.store.UpdateRoom(r.Context(), editing.ID, in)
		}
	}
	if err != nil {
		v := s.view(r, rq, "admin.rooms_title")
		v.Form = f
		if err := formError(v, err); err != nil {
			return err
		}
		return s.renderAdminRooms(w, r, v, editing, StatusOf(app.ErrorCode(err)))
	}
	return s.redirect(w, r, "/admin/rooms", "admin.room_saved")
}
