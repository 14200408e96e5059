package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/ical"
)

// The fika roulette (spontanmöten): opt in, see the week's fika, say whether it led to
// something. For people in a member organisation.

const rouletteShown = 5 // groups shown, the newest first

type roulettePage struct {
	Joined       bool
	Orgs, Places []option
	Weekdays     []option
	Chosen       map[string]bool
	Groups       []app.RouletteGroup
	Figures      app.RouletteFigures
	FoundPercent int
}

func (s *Server) roulette(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(len(rq.actor.Memberships) > 0); err != nil {
		return err
	}
	v := s.withFlash(w, r, s.view(r, rq, "roulette.title"))
	entry, err := s.store.RouletteEntry(r.Context(), rq.actor.ID)
	joined := err == nil
	if err != nil && app.ErrorCode(err) != app.NotFound {
		return err
	}
	if joined {
		v.Form.Set("organisation_id", itoa(entry.Organisation.ID))
		v.Form.Set("place", entry.Place)
		for _, d := range entry.Weekdays {
			v.Form.Add("weekdays", strconv.Itoa(d))
		}
	} else {
		v.Form.Set("place", "either")
		v.Form["weekdays"] = []string{"1", "2", "3", "4", "5"}
	}
	return s.renderRoulette(w, r, rq, v, joined, http.StatusOK)
}

func (s *Server) renderRoulette(w http.ResponseWriter, r *http.Request, rq *request, v *view, joined bool, status int) error {
	groups, err := s.store.RouletteGroups(r.Context(), rq.actor.ID, rouletteShown)
	if err != nil {
		return err
	}
	f, err := s.store.RouletteFigures(r.Context())
	if err != nil {
		return err
	}
	d := roulettePage{Joined: joined, Groups: groups, Figures: f, Chosen: map[string]bool{}}
	if f.Answers > 0 {
		d.FoundPercent = 100 * f.Found / f.Answers
	}
	for _, m := range rq.actor.Memberships {
		d.Orgs = append(d.Orgs, option{Value: itoa(m.Organisation.ID), Label: m.Organisation.Name})
	}
	for _, p := range app.RoulettePlaces {
		d.Places = append(d.Places, option{Value: p, Label: v.T("roulette.place." + p)})
	}
	for day := 1; day <= 5; day++ {
		d.Weekdays = append(d.Weekdays, option{Value: strconv.Itoa(day), Label: v.T("weekday_long." + strings.ToLower(time.Weekday(day).String()[:3]))})
	}
	for _, x := range v.Form["weekdays"] {
		d.Chosen[x] = true
	}
	v.Data = d
	s.render(w, status, "roulette", v)
	return nil
}

// rouletteJoin takes the person in, or changes how they take part.
func (s *Server) rouletteJoin(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(len(rq.actor.Memberships) > 0); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := app.RouletteInput{Place: r.PostForm.Get("place")}
	in.OrgID, _ = strconv.ParseInt(r.PostForm.Get("organisation_id"), 10, 64)
	for _, x := range r.PostForm["weekdays"] {
		d, _ := strconv.Atoi(x)
		in.Weekdays = append(in.Weekdays, d)
	}
	err := in.Normalise()
	if err == nil && !rq.actor.IsMember(in.OrgID) {
		err = app.FieldErrors{"organisation_id": "err.roulette_org"}.Err()
	}
	if err == nil {
		err = s.store.JoinRoulette(r.Context(), rq.actor.ID, in)
	}
	if err != nil {
		v := s.view(r, rq, "roulette.title")
		v.Form = r.PostForm
		if err := formError(v, err); err != nil {
			return err
		}
		_, joinedErr := s.store.RouletteEntry(r.Context(), rq.actor.ID)
		return s.renderRoulette(w, r, rq, v, joinedErr == nil, StatusOf(app.ErrorCode(err)))
	}
	return s.redirect(w, r, "/roulette", "roulette.joined")
}

func (s *Server) rouletteLeave(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	if err := s.store.LeaveRoulette(r.Context(), rq.actor.ID); err != nil {
		return err
	}
	return s.redirect(w, r, "/roulette", "roulette.left")
}

// rouletteAnswer records, in one click, whether the fika found something to work on.
func (s *Server) rouletteAnswer(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return app.Errorf(app.NotFound, "err.roulette_group_not_found")
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	if err := s.store.AnswerRoulette(r.Context(), id, rq.actor.ID, r.PostForm.Get("found") == "yes", time.Now()); err != nil {
		return err
	}
	return s.redirect(w, r, "/roulette", "roulette.answered")
}

// rouletteCalendar is a group's fika as an .ics invitation, for its members.
func (s *Server) rouletteCalendar(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.SignedIn()); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return app.Errorf(app.NotFound, "err.roulette_group_not_found")
	}
	groups, err := s.store.RouletteGroups(r.Context(), rq.actor.ID, rouletteShown)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(groups, func(g app.RouletteGroup) bool { return g.ID == id })
	if i < 0 {
		return app.Errorf(app.NotFound, "err.roulette_group_not_found")
	}
	g := groups[i]
	var names []string
	for _, m := range g.Members {
		names = append(names, m.User.Name+" ("+m.Organisation.Name+")")
	}
	entry := ical.Event{UID: fmt.Sprintf("fika-%d@%s", g.ID, s.baseURL.Host), Summary: i18n.T(rq.lang, "roulette.fika_with", strings.Join(names, ", ")),
		Description: i18n.T(rq.lang, "roulette.fika_about"), Location: i18n.T(rq.lang, "roulette.where."+g.Place),
		URL: s.baseURL.JoinPath("roulette").String(), Start: g.MeetAt, End: g.MeetAt.Add(app.FikaLength), Zone: app.DefaultTimeZone, Updated: g.MeetAt}
	return s.writeCalendar(w, fmt.Sprintf("fika-%d.ics", g.ID), i18n.T(rq.lang, "roulette.title"), []ical.Event{entry})
}
