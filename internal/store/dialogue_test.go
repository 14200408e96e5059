package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestDialogueMeeting: a market dialogue meeting invites every company in its categories
// (by a solution's tag or a capability, whatever the case) and no other, whatever the
// organiser names; its suppliers are told; its minutes are published once, after the start,
// to the participants and to all in the need's contact log.
func TestDialogueMeeting(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@regionjh.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		company := func(name, number, email string, capabilities ...string) (app.Organisation, app.User) {
			u := mustCreateUser(t, s, email, name+" säljare")
			in := app.OrganisationInput{Name: name, Kind: app.KindCompany, Size: app.SizeSME, Country: "SE", OrgNumber: number, Capabilities: capabilities}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			o, err := s.CreateOrganisation(ctx, in, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.AddRole(ctx, o.ID, u.ID, app.RoleSupplier); err != nil {
				t.Fatal(err)
			}
			return o, u
		}
		bySolution, anna := company("Norrsken Sensorik AB", "559034-5673", "anna@norrsken.example")
		byCapability, _ := company("Fjällvård Digital AB", "556812-3409", "per@fjallvard.example", "NATTILLSYN")
		other, otto := company("Dosera Hälsa AB", "556745-1231", "otto@dosera.example", "läkemedel")
		sol := app.SolutionInput{Title: "Digital nattillsyn", Tags: []string{"Nattillsyn", "kamera"}}
		if err := sol.Normalise(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateSolution(ctx, bySolution.ID, anna.ID, sol); err != nil {
			t.Fatal(err)
		}
		need := mustNeed(t, s, region.ID, karin.ID, needInput("Nattillsyn i glesbygd", app.VisiblePublic))

		in := eventInput("Dialogmöte: digital nattillsyn", 20)
		in.Type, in.NeedID, in.Categories, in.InvitedOrgIDs = app.DialogueType, need.ID, []string{"nattillsyn"}, []int64{other.ID}
		e := mustCreateEvent(t, s, region.ID, karin.ID, in)
		var invited []int64
		for _, o := range e.Invited {
			invited = append(invited, o.ID)
		}
		slices.Sort(invited)
		want := []int64{bySolution.ID, byCapability.ID}
		slices.Sort(want)
		if e.Audience != app.AudienceInvited || !slices.Equal(invited, want) || e.NeedID == nil || *e.NeedID != need.ID {
			t.Fatalf("dialogue meeting %+v invites %v, want %v", e, invited, want)
		}
		if _, err := s.Event(ctx, viewerOf(otto, other.ID), e.ID); app.ErrorCode(err) != app.NotFound {
			t.Errorf("a supplier outside the categories sees the meeting: %v", err)
		}
		notes, err := s.Notifications(ctx, anna.ID, app.Page{})
		if err != nil || len(notes.Items) != 1 || notes.Items[0].Kind != "dialogue_invitation" || notes.Items[0].Event.ID != e.ID {
			t.Errorf("supplier's notifications = %+v, %v", notes.Items, err)
		}
		// Updating does not tell them again.
		if _, err := s.UpdateEvent(ctx, e.ID, e.Input()); err != nil {
			t.Fatal(err)
		}
		if notes, _ = s.Notifications(ctx, anna.ID, app.Page{}); len(notes.Items) != 1 {
			t.Errorf("%d notifications after an update", len(notes.Items))
		}
		// A need of another organisation is refused, and nothing is saved.
		foreign := mustNeed(t, s, byCapability.ID, karin.ID, needInput("Annans behov", app.VisiblePublic))
		in.NeedID = foreign.ID
		_, err = s.CreateEvent(ctx, region.ID, karin.ID, in)
		wantCode(t, err, app.Invalid)

		if _, err := s.Register(ctx, viewerOf(anna, bySolution.ID), e.ID, app.RegistrationInput{}, time.Now()); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.PublishMinutes(ctx, e.ID, karin.ID, "Tidigt", time.Now()), app.Conflict)
		after := e.End.Add(time.Hour)
		if err := s.PublishMinutes(ctx, e.ID, karin.ID, "Leverantörerna beskrev **kamerabaserad** tillsyn.", after); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.PublishMinutes(ctx, e.ID, karin.ID, "Igen", after), app.Conflict)
		got, err := s.Event(ctx, viewerOf(anna, bySolution.ID), e.ID)
		if err != nil || got.MinutesPublishedAt == nil || got.Minutes == "" {
			t.Errorf("minutes = %q at %v, %v", got.Minutes, got.MinutesPublishedAt, err)
		}
		contacts, err := s.Contacts(ctx, need.ID, false)
		if err != nil || len(contacts) != 1 || !contacts[0].Published || contacts[0].Summary != got.Minutes ||
			contacts[0].TheirPeople != "Norrsken Sensorik AB säljare (Norrsken Sensorik AB)" || contacts[0].Channel != "event" {
			t.Errorf("contact log = %+v, %v", contacts, err)
		}
		if notes, _ = s.Notifications(ctx, anna.ID, app.Page{}); len(notes.Items) != 2 || notes.Items[0].Kind != "minutes_published" {
			t.Errorf("participant's notifications = %+v", notes.Items)
		}
	})
}
