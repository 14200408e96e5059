package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestAuditLog: changes are recorded with who made them, before and after; the log
// refuses updates and deletes; and a change made beneath the database (the triggers
// dropped) breaks the chain at that entry.
func TestAuditLog(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			dsn := storetest.DSN(t, dialect)
			s := storetest.OpenDSN(t, dialect, dsn)
			owner := mustCreateUser(t, s, "owner@region.example", "Greta")
			region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", owner.ID)
			as := app.WithActor(ctx, owner.ID)
			n, err := s.CreateNeed(as, region.ID, owner.ID, needInput("Nattillsyn", app.VisiblePublic))
			if err != nil {
				t.Fatal(err)
			}
			in := needInput("Digital nattillsyn", app.VisiblePublic)
			if _, err := s.UpdateNeed(as, n.ID, in); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Contacts(as, n.ID, true); err != nil {
				t.Fatal(err)
			}
			l, err := s.AuditLog(ctx, app.AuditFilter{ObjectKind: "need", ObjectID: n.ID})
			if err != nil {
				t.Fatal(err)
			}
			var actions []string
			for _, e := range l.Items {
				actions = append(actions, e.Action)
				if e.ActorID != owner.ID || e.OrgID != region.ID && e.Action != "need.contacts.read" {
					t.Errorf("%s: actor %d, organisation %d", e.Action, e.ActorID, e.OrgID)
				}
			}
			if got := strings.Join(actions, " "); got != "need.contacts.read need.update need.create" {
				t.Fatalf("actions %q", got)
			}
			if u := l.Items[1]; !strings.Contains(u.Before, `"title":"Nattillsyn"`) || !strings.Contains(u.After, `"title":"Digital nattillsyn"`) {
				t.Errorf("update: before %s, after %s", u.Before, u.After)
			}
			total, err := s.VerifyAudit(ctx)
			if err != nil || total != 5 { // the person, the organisation, and the need's three
				t.Fatalf("verify: %d entries, %v", total, err)
			}

			db := rawDB(t, dialect, dsn)
			if _, err := db.Exec(`UPDATE audit_log SET action = 'x'`); err == nil {
				t.Error("an update of the audit log was allowed")
			}
			if _, err := db.Exec(`DELETE FROM audit_log`); err == nil {
				t.Error("a delete from the audit log was allowed")
			}
			// Beneath the database: the triggers gone, an entry changed.
			drop := `DROP TRIGGER audit_log_no_update`
			if dialect == "postgres" {
				drop = `DROP TRIGGER audit_log_append_only ON audit_log`
			}
			if _, err := db.Exec(drop); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(fmt.Sprintf(`UPDATE audit_log SET after = '{"title":"Något annat"}' WHERE id = %d`, l.Items[1].ID)); err != nil {
				t.Fatal(err)
			}
			if _, err := s.VerifyAudit(ctx); err == nil || !strings.Contains(err.Error(), "was changed") {
				t.Errorf("verify after a change: %v", err)
			}
		})
	}
}

// rawDB opens the database of dsn beneath the store.
func rawDB(t *testing.T, dialect, dsn string) *sql.DB {
	t.Helper()
	driver, name := "pgx", dsn
	if dialect == "sqlite" {
		driver, name = "sqlite", strings.TrimPrefix(dsn, "sqlite:")
	}
	db, err := sql.Open(driver, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestAuditSensitiveReads: reading an event's attendee list or an application is recorded
// with who read it and the organisation the object belongs to; the platform's own read of
// an application (a job, no actor) and a write's own read-back are not.
func TestAuditSensitiveReads(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		lars := mustCreateUser(t, s, "lars@kommun.example", "Lars")
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", lars.ID)
		ev := mustCreateEvent(t, s, kommun.ID, lars.ID, eventInput("Nätverksträff", 10))
		c := mustCall(t, s, app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen", CallRules: app.CallRules{Currency: "EUR"}})
		eur := app.Money{Currency: "EUR"}
		as := app.WithActor(ctx, lars.ID)
		a, err := s.CreateApplication(as, lars.ID, app.ApplicationInput{CallID: c.ID, Title: "Akutrum", Status: "drafting",
			Partners: []app.ApplicationPartnerInput{{OrganisationID: kommun.ID, Role: "lead", Budget: eur, Grant: eur, CoFinancing: eur}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Application(ctx, app.Viewer{Admin: true}, a.ID); err != nil { // a job's read
			t.Fatal(err)
		}
		clock, err := s.RecentChangeClock(ctx, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Application(as, app.Viewer{UserID: lars.ID, OrgIDs: []int64{kommun.ID}}, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Registrations(as, ev.ID); err != nil {
			t.Fatal(err)
		}
		// A read changes nothing a page shows: kept pages stay.
		for _, read := range []func(context.Context) (int64, error){s.ChangeClock, func(ctx context.Context) (int64, error) { return s.RecentChangeClock(ctx, time.Hour) }} {
			if c, err := read(ctx); err != nil || c != clock {
				t.Errorf("after two reads the change clock is %d (%v), want %d", c, err, clock)
			}
		}
		_, err = s.Registrations(as, ev.ID+100)
		wantCode(t, err, app.NotFound)
		for _, c := range []struct {
			action, kind string
			id           int64
		}{{app.AuditApplicationRead, "application", a.ID}, {app.AuditEventAttendeesRead, "event", ev.ID}} {
			l, err := s.AuditLog(ctx, app.AuditFilter{Action: c.action})
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Items) != 1 {
				t.Fatalf("%s: %d entries, want 1: %+v", c.action, len(l.Items), l.Items)
			}
			if e := l.Items[0]; e.ActorID != lars.ID || e.ObjectKind != c.kind || e.ObjectID != c.id || e.OrgID != kommun.ID {
				t.Errorf("%s: %+v", c.action, e)
			}
		}
		if n, err := s.VerifyAudit(ctx); err != nil || n == 0 {
			t.Errorf("verify: %d, %v", n, err)
		}
	})
}

// TestAuditEveryChange: each change of the platform is entered in the audit log, in its
// transaction, with who made it and the organisation of the object; a change that fails
// leaves no entry. Together with TestAuditLog and TestAuditSensitiveReads it covers every
// action in app.AuditActions.
func TestAuditEveryChange(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		anna := mustCreateUser(t, s, "anna@norrsken.example", "Anna")
		company := mustCreateOrg(t, s, "Norrsken Sensorik AB", "559034-5673", anna.ID)
		if err := s.AddRole(ctx, company.ID, anna.ID, app.RoleSupplier); err != nil {
			t.Fatal(err)
		}
		byKarin, byAnna := app.WithActor(ctx, karin.ID), app.WithActor(ctx, anna.ID)
		n := mustNeed(t, s, region.ID, karin.ID, needInput("Nattillsyn i glesbygd", app.VisiblePublic))
		sol := mustSolution(t, s, company.ID, anna.ID, app.SolutionInput{Title: "Digital nattillsyn", Tags: []string{"Nattillsyn"}})
		room := mustCreateRoom(t, s, "Stora rummet", 12)
		call := mustCall(t, s, app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen", CallRules: app.CallRules{Currency: "EUR"}})
		eur := app.Money{Currency: "EUR"}
		appIn := app.ApplicationInput{CallID: call.ID, Title: "Akutrum", Status: "drafting",
			Partners: []app.ApplicationPartnerInput{{OrganisationID: region.ID, Role: "lead", Budget: eur, Grant: eur, CoFinancing: eur}}}
		start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Minute)
		evIn := eventInput("Nätverksträff", 10)
		evIn.BrokerageTables, evIn.BrokerageSlotMinutes = 2, 20
		if err := evIn.Normalise(); err != nil {
			t.Fatal(err)
		}
		dialogue := eventInput("Dialogmöte", 10)
		dialogue.Type, dialogue.NeedID, dialogue.Categories = app.DialogueType, n.ID, []string{"nattillsyn"}
		if err := dialogue.Normalise(); err != nil {
			t.Fatal(err)
		}
		projIn := app.ProjectInput{Title: "Virtuellt akutrum", Type: "pilot"}
		if err := projIn.Normalise(); err != nil {
			t.Fatal(err)
		}
		var (
			ev      app.Event
			reg     app.Registration
			meeting app.Meeting
			booking app.Booking
			proj    app.Project
			kpi     app.KPI
			appl    app.Application
			req     app.PartnerRequest
			offer   app.PartnerOffer
			q       app.Question
			contact app.SupplierContact
			att     app.Attachment
		)
		ignore := func(_ any, err error) error { return err }
		steps := []struct {
			action string
			org    int64 // the organisation the entry names
			do     func() (err error)
		}{
			{app.AuditEventCreate, region.ID, func() (err error) { ev, err = s.CreateEvent(byKarin, region.ID, karin.ID, evIn); return }},
			{app.AuditEventUpdate, region.ID, func() error {
				evIn.Title = "Dialogmöte om nattillsyn"
				return ignore(s.UpdateEvent(byKarin, ev.ID, evIn))
			}},
			{app.AuditEventRegister, region.ID, func() (err error) {
				if _, err = s.Register(byAnna, viewerOf(anna, company.ID), ev.ID, app.RegistrationInput{}, time.Now()); err != nil {
					return err
				}
				reg, err = s.Register(byKarin, viewerOf(karin, region.ID), ev.ID, app.RegistrationInput{}, time.Now())
				return err
			}},
			{app.AuditEventCheckIn, region.ID, func() error { at := time.Now(); return ignore(s.CheckIn(byKarin, ev.ID, reg.ID, &at)) }},
			{app.AuditEventProfile, region.ID, func() error {
				if err := s.SetBrokerageProfile(byAnna, ev.ID, anna.ID, app.BrokerageProfileInput{Offer: "Sensorer"}); err != nil {
					return err
				}
				return s.SetBrokerageProfile(byKarin, ev.ID, karin.ID, app.BrokerageProfileInput{Seek: "Sensorer"})
			}},
			{app.AuditEventMeetingRequest, region.ID, func() (err error) {
				meeting, err = s.RequestMeeting(byKarin, ev.ID, 0, karin.ID, anna.ID, time.Now())
				return err
			}},
			{app.AuditEventMeetingDecide, region.ID, func() error { return ignore(s.DecideMeeting(byAnna, ev.ID, meeting.ID, anna.ID, true, time.Now())) }},
			{app.AuditEventMinutes, region.ID, func() error {
				d, err := s.CreateEvent(ctx, region.ID, karin.ID, dialogue)
				if err != nil {
					return err
				}
				return s.PublishMinutes(byKarin, d.ID, karin.ID, "Protokoll.", d.End.Add(time.Hour))
			}},
			{app.AuditEventUnregister, region.ID, func() error { return s.CancelRegistration(byAnna, ev.ID, anna.ID, time.Now()) }},
			{app.AuditRoomCreate, 0, func() error {
				return ignore(s.CreateRoom(byKarin, app.RoomInput{Name: "Lilla rummet", Kind: "room", Capacity: 4}))
			}},
			{app.AuditBookingCreate, 0, func() (err error) {
				booking, err = s.BookRoom(byKarin, room.ID, karin.ID, app.BookingInput{Title: "Möte", Start: start, End: start.Add(time.Hour)})
				return err
			}},
			{app.AuditBookingDelete, 0, func() error { return s.DeleteBooking(byKarin, room.ID, booking.ID) }},
			{app.AuditProjectCreate, region.ID, func() (err error) { proj, err = s.CreateProject(byKarin, region.ID, karin.ID, projIn); return }},
			{app.AuditProjectUpdate, region.ID, func() error {
				projIn.Title = "Virtuellt akutrum i Härjedalen"
				return ignore(s.UpdateProject(byKarin, proj.ID, projIn))
			}},
			{app.AuditProjectKPIAdd, region.ID, func() (err error) {
				kpi, err = s.AddKPI(byKarin, proj.ID, app.KPIInput{Name: "Tid", Direction: "lower", Baseline: 180, BaselineDate: "2026-01-01", Target: 45})
				return err
			}},
			{app.AuditProjectMeasurementAdd, region.ID, func() error {
				return ignore(s.AddMeasurement(byKarin, proj.ID, kpi.ID, karin.ID, app.MeasurementInput{Date: "2026-03-01", Value: 120}))
			}},
			{app.AuditProjectPost, region.ID, func() error { return ignore(s.AddProjectPost(byKarin, proj.ID, karin.ID, "Piloten startar.")) }},
			{app.AuditProjectFileAdd, region.ID, func() error {
				f, err := s.AddProjectFile(byKarin, app.Attachment{ParentID: proj.ID, Name: "plan.pdf", ContentType: "application/pdf", Size: 3,
					BlobKey: "p", UploadedBy: app.UserRef{ID: karin.ID}})
				if err != nil {
					return err
				}
				return ignore(s.DeleteProjectFile(byKarin, proj.ID, f.ID))
			}},
			{app.AuditProjectFileDelete, region.ID, func() error { return nil }}, // the step before
			{app.AuditProjectAdoption, region.ID, func() error {
				return ignore(s.AddAdoption(byKarin, proj.ID, karin.ID, app.AdoptionInput{OrganisationID: company.ID, Date: "2026-10-01"}))
			}},
			{app.AuditProjectDecide, region.ID, func() error {
				return ignore(s.DecideProject(byKarin, proj.ID, karin.ID, app.ProjectDecision{Decision: "go", Rationale: "Bra."}))
			}},
			{app.AuditCallCreate, 0, func() error {
				return ignore(s.CreateCall(byKarin, karin.ID, app.CallInput{Programme: "Vinnova", Title: "Innovation", CallRules: app.CallRules{Currency: "SEK"}}))
			}},
			{app.AuditCallUpdate, 0, func() error {
				in := app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen 2", CallRules: app.CallRules{Currency: "EUR"}}
				return ignore(s.UpdateCall(byKarin, call.ID, in))
			}},
			{app.AuditApplicationCreate, region.ID, func() (err error) { appl, err = s.CreateApplication(byKarin, karin.ID, appIn); return }},
			{app.AuditApplicationUpdate, region.ID, func() error { appIn.Status = "submitted"; return ignore(s.UpdateApplication(byKarin, appl.ID, appIn)) }},
			{app.AuditPartnerRequestCreate, region.ID, func() (err error) {
				req, err = s.CreatePartnerRequest(byKarin, appl.ID, karin.ID, app.PartnerRequestInput{Role: "beneficiary", Competence: "Sensorer", Deadline: "2099-01-01"})
				return err
			}},
			{app.AuditPartnerOfferCreate, region.ID, func() (err error) {
				offer, err = s.OfferPartnership(byAnna, req.ID, anna.ID, app.PartnerOfferInput{OrganisationID: company.ID, Message: "Vi kan."})
				return err
			}},
			{app.AuditPartnerOfferAccept, region.ID, func() error { return ignore(s.AcceptOffer(byKarin, req.ID, offer.ID)) }},
			{app.AuditTagCreate, 0, func() error { return ignore(s.CreateTag(byKarin, app.TagInput{Name: "Distansvård"})) }},
			{app.AuditTagRename, 0, func() error { return ignore(s.RenameTag(byKarin, "Distansvård", "Vård på distans")) }},
			{app.AuditTagMerge, 0, func() error {
				if _, err := s.CreateTag(byKarin, app.TagInput{Name: "Fjärrvård"}); err != nil {
					return err
				}
				return ignore(s.MergeTags(byKarin, "Fjärrvård", "Vård på distans"))
			}},
			{app.AuditNeedJoin, region.ID, func() error { return s.JoinNeed(byAnna, n.ID, company.ID, anna.ID, 10, 1) }},
			{app.AuditNeedQuestion, region.ID, func() (err error) { q, err = s.AskQuestion(byAnna, n.ID, anna.ID, company.ID, "Vilka system?"); return }},
			{app.AuditNeedAnswer, region.ID, func() error { return ignore(s.AnswerQuestion(byKarin, n.ID, q.ID, karin.ID, "Cosmic.")) }},
			{app.AuditNeedComment, region.ID, func() error { return ignore(s.AddComment(byKarin, n.ID, karin.ID, "Bra fråga.")) }},
			{app.AuditNeedContactAdd, region.ID, func() (err error) {
				contact, err = s.AddContact(byKarin, app.SupplierContact{NeedID: n.ID, Date: "2026-10-01", SupplierName: "Norrsken", OurPeople: "Karin",
					TheirPeople: "Anna", Channel: "meeting", Purpose: "Demo", CreatedBy: app.UserRef{ID: karin.ID}})
				return err
			}},
			{app.AuditNeedContactSummary, region.ID, func() error { return s.SetContactSummary(byKarin, n.ID, contact.ID, "Visade tillsyn.", true) }},
			{app.AuditNeedDialogueSummary, region.ID, func() error { return s.SetDialogueSummary(byKarin, n.ID, "Tre leverantörer.", true) }},
			{app.AuditNeedProposalCreate, region.ID, func() error {
				return ignore(s.ProposeSolution(byAnna, n.ID, anna.ID, app.ProposalInput{SolutionID: sol.ID, Rationale: "Den passar."}))
			}},
			{app.AuditNeedProposalDecide, region.ID, func() error {
				return ignore(s.DecideProposal(byKarin, n.ID, sol.ID, karin.ID, app.ProposalDecision{Status: app.ProposalShortlisted}))
			}},
			{app.AuditNeedAttachmentAdd, region.ID, func() (err error) {
				att, err = s.AddAttachment(byKarin, app.Attachment{ParentID: n.ID, Name: "a.pdf", ContentType: "application/pdf", Size: 3, BlobKey: "k",
					UploadedBy: app.UserRef{ID: karin.ID}})
				return err
			}},
			{app.AuditNeedAttachmentDelete, region.ID, func() error { return ignore(s.DeleteAttachment(byKarin, n.ID, att.ID)) }},
			{app.AuditWebhookCreate, region.ID, func() error {
				w, err := s.CreateWebhook(byKarin, region.ID, karin.ID, app.WebhookInput{URL: "https://x.example", Events: []app.WebhookEvent{app.EventNeedPublished}}, "s")
				if err != nil {
					return err
				}
				return s.DeleteWebhook(byKarin, w.ID)
			}},
			{app.AuditWebhookDelete, region.ID, func() error { return nil }}, // the step before
			{app.AuditInvitationCreate, region.ID, func() error {
				now := time.Now()
				_, err := s.CreateInvitation(byKarin, app.Invitation{Organisation: app.OrgRef{ID: region.ID}, Email: "anna@norrsken.example",
					Role: app.RoleMember, InvitedBy: app.UserRef{ID: karin.ID}, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}, []byte("inv"))
				return err
			}},
			{app.AuditInvitationAccept, region.ID, func() error { return ignore(s.AcceptInvitation(byAnna, []byte("inv"), anna.ID, time.Now())) }},
			{app.AuditUserFollow, 0, func() error { return s.Follow(byAnna, n.ID, anna.ID, true) }},
			{app.AuditUserWatchCreate, 0, func() error {
				w, err := s.CreateWatch(byKarin, karin.ID, app.SearchQuery{Q: "nattillsyn"})
				if err != nil {
					return err
				}
				return s.DeleteWatch(byKarin, karin.ID, w.ID)
			}},
			{app.AuditUserWatchDelete, 0, func() error { return nil }}, // the step before
			{app.AuditUserCalendarFeed, 0, func() error { return s.SetCalendarFeed(byKarin, karin.ID, []byte("hash")) }},
			{app.AuditUserRouletteJoin, company.ID, func() error {
				return s.JoinRoulette(byAnna, anna.ID, app.RouletteInput{OrgID: company.ID, Weekdays: []int{2}, Place: "hub"})
			}},
			{app.AuditRoulettePair, 0, func() error {
				monday := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
				group := []app.RouletteEntry{{User: app.UserRef{ID: karin.ID}, Organisation: app.OrgRef{ID: region.ID}, Weekdays: []int{2}},
					{User: app.UserRef{ID: anna.ID}, Organisation: app.OrgRef{ID: company.ID}, Weekdays: []int{2}}}
				return s.SaveRouletteWeek(ctx, "2026-W49", monday, [][]app.RouletteEntry{group}, time.Now())
			}},
			{app.AuditUserRouletteAnswer, 0, func() error {
				groups, err := s.RouletteGroups(ctx, anna.ID, 1)
				if err != nil || len(groups) == 0 {
					return fmt.Errorf("groups %v, %v", groups, err)
				}
				return s.AnswerRoulette(byAnna, groups[0].ID, anna.ID, true, time.Now())
			}},
			{app.AuditUserRouletteLeave, 0, func() error { return s.LeaveRoulette(byAnna, anna.ID) }},
			{app.AuditRetentionEventRequests, 0, func() error {
				if _, err := s.Register(byAnna, viewerOf(anna, company.ID), ev.ID, app.RegistrationInput{Dietary: "Vegetarisk"}, time.Now()); err != nil {
					return err
				}
				n, err := s.ClearEventRequests(ctx, ev.End.Add(time.Hour))
				if err == nil && n != 1 {
					err = fmt.Errorf("%d cleared", n)
				}
				return err
			}},
			{app.AuditRetentionInvitations, 0, func() error {
				now := time.Now()
				_, err := s.CreateInvitation(byKarin, app.Invitation{Organisation: app.OrgRef{ID: region.ID}, Email: "x@example.se",
					Role: app.RoleMember, InvitedBy: app.UserRef{ID: karin.ID}, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}, []byte("old"))
				if err != nil {
					return err
				}
				_, err = s.DeleteExpiredInvitations(ctx, now.Add(2*time.Hour))
				return err
			}},
			{app.AuditUserTwoFactor, 0, func() error {
				if err := s.SetPendingTOTP(byKarin, karin.ID, "JBSWY3DPEHPK3PXP"); err != nil {
					return err
				}
				return s.ConfirmTOTP(byKarin, karin.ID, 1, [][]byte{[]byte("r")})
			}},
			{app.AuditUserRecoveryCode, 0, func() error {
				used, err := s.UseRecoveryCode(ctx, karin.ID, []byte("r"))
				if err == nil && !used {
					err = errors.New("the recovery code was not used")
				}
				return err
			}},
			{app.AuditUserCreate, 0, func() error {
				return ignore(s.CreateUser(ctx, app.NewUser{Email: "eva@ostersund.example", Name: "Eva", Lang: "sv"}, "hash"))
			}},
			{app.AuditUserUpdate, 0, func() error { return s.UpdateUser(byKarin, karin.ID, "Karin Berg", "en") }},
			{app.AuditUserIdentityLink, 0, func() error {
				return ignore(s.SignInWithIdentity(ctx, app.Identity{Provider: "keycloak", Subject: "k-1", Email: "karin@region.example", Name: "Karin"}))
			}},
			{app.AuditUserPasswordResetRequest, 0, func() error {
				now := time.Now()
				return ignore(s.CreatePasswordReset(ctx, anna.ID, []byte("reset"), now, now.Add(time.Hour), now.Add(-time.Minute)))
			}},
			{app.AuditRoomUpdate, 0, func() error {
				return ignore(s.UpdateRoom(byKarin, room.ID, app.RoomInput{Name: "Stora rummet", Kind: "room", Capacity: 14}))
			}},
			{app.AuditBookingDelete, 0, func() error { // a series, from now on
				week := []app.Occurrence{{Start: start, End: start.Add(time.Hour)}, {Start: start.Add(7 * 24 * time.Hour), End: start.Add(7*24*time.Hour + time.Hour)}}
				series, err := s.BookRoomSeries(byKarin, room.ID, karin.ID, app.BookingInput{Title: "Veckomöte"}, "weekly", week)
				if err != nil {
					return err
				}
				n, err := s.CancelSeries(byKarin, room.ID, series[0].Series.ID, time.Now())
				if err == nil && n != 2 {
					err = fmt.Errorf("%d bookings cancelled", n)
				}
				return err
			}},
			{app.AuditEventMaterialAdd, region.ID, func() error {
				m, err := s.AddMaterial(byKarin, app.Material{EventID: ev.ID, Title: "Bilder", URL: "https://region.example/bilder", AddedBy: app.UserRef{ID: karin.ID}})
				if err != nil {
					return err
				}
				return ignore(s.DeleteMaterial(byKarin, ev.ID, m.ID))
			}},
			{app.AuditEventMaterialDelete, region.ID, func() error { return nil }}, // the step before
			{app.AuditEventCancel, region.ID, func() error {
				e, err := s.CreateEvent(ctx, region.ID, karin.ID, evIn)
				if err != nil {
					return err
				}
				return s.CancelEvent(byKarin, e.ID, karin.ID, time.Now())
			}},
			{app.AuditHubVisitorRegister, 0, func() error {
				x, err := s.RegisterVisitor(byKarin, karin.ID, app.VisitorInput{Name: "Gäst", Organisation: "Krokoms kommun", Date: "2026-12-01"}, time.Now())
				if err != nil {
					return err
				}
				return s.DeleteVisitor(byKarin, x.ID)
			}},
			{app.AuditHubVisitorDelete, 0, func() error { return nil }}, // the step before
			{app.AuditRetentionVisitors, 0, func() error {
				if _, err := s.RegisterVisitor(byKarin, karin.ID, app.VisitorInput{Name: "Gäst", Date: "2026-01-01"}, time.Now()); err != nil {
					return err
				}
				_, err := s.DeleteOldVisitors(ctx, "2026-02-01")
				return err
			}},
			{app.AuditRetentionPresence, 0, func() error {
				if err := s.HubCheckIn(byKarin, karin.ID, region.ID, time.Now().Add(-48*time.Hour)); err != nil {
					return err
				}
				_, err := s.DeleteExpiredPresence(ctx, time.Now())
				return err
			}},
		}
		covered := map[string]bool{}
		for _, st := range steps {
			covered[st.action] = true
			if err := st.do(); err != nil {
				t.Fatalf("%s: %v", st.action, err)
			}
			l, err := s.AuditLog(ctx, app.AuditFilter{Action: st.action})
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Items) == 0 {
				t.Errorf("%s: no entry", st.action)
				continue
			}
			// Pairing and retention are the platform's own (jobs): no person acts.
			// A password-reset link is asked for by someone not signed in.
			platform := st.action == app.AuditRoulettePair || st.action == app.AuditUserPasswordResetRequest || strings.HasPrefix(st.action, "retention.")
			if e := l.Items[0]; (e.ActorID == 0) != platform || e.OrgID != st.org {
				t.Errorf("%s: actor %d, organisation %d, want organisation %d", st.action, e.ActorID, e.OrgID, st.org)
			}
		}
		// Actions audited before this test, which it does not make one by one (TestAuditLog
		// and TestAuditSensitiveReads check some of them).
		for _, a := range []string{app.AuditNeedCreate, app.AuditNeedUpdate, app.AuditNeedContactsRead, app.AuditApplicationRead,
			app.AuditEventAttendeesRead, app.AuditNeedTransition, app.AuditMembershipAddRole, app.AuditMembershipSetRoles,
			app.AuditOrganisationCreate, app.AuditOrganisationSSOOnly, app.AuditOrganisationUpdate, app.AuditSolutionCreate,
			app.AuditSolutionDelete, app.AuditSolutionUpdate, app.AuditTokenCreate, app.AuditTokenDelete, app.AuditUserAdmin,
			app.AuditUserDelete, app.AuditUserPassword, app.AuditUserPasswordReset} {
			covered[a] = true
		}
		var missing []string
		for _, a := range app.AuditActions {
			if !covered[a] {
				missing = append(missing, a)
			}
		}
		if len(missing) > 0 {
			t.Errorf("actions no test makes: %v", missing)
		}
		// An update's before is the row as it was.
		l, err := s.AuditLog(ctx, app.AuditFilter{Action: app.AuditProjectUpdate})
		if err != nil {
			t.Fatal(err)
		}
		if e := l.Items[0]; !strings.Contains(e.Before, `"title":"Virtuellt akutrum"`) || !strings.Contains(e.After, "Härjedalen") {
			t.Errorf("project update: before %s, after %s", e.Before, e.After)
		}
		// A change that fails leaves nothing behind.
		clock, _ := s.ChangeClock(ctx)
		_, err = s.BookRoom(byKarin, room.ID+100, karin.ID, app.BookingInput{Title: "x", Start: start, End: start.Add(time.Hour)})
		wantCode(t, err, app.NotFound)
		if after, _ := s.ChangeClock(ctx); after != clock {
			t.Errorf("a failed booking moved the change clock from %d to %d", clock, after)
		}
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}

// TestRecentChangeClock: the clock read a moment ago serves until it is maxAge old, except
// that a change through the same store moves it at once; a change through another store on
// the same database (another instance) shows once maxAge has passed.
func TestRecentChangeClock(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			dsn := storetest.DSN(t, dialect)
			here, there := storetest.OpenDSN(t, dialect, dsn), storetest.OpenDSN(t, dialect, dsn)
			const maxAge = 300 * time.Millisecond
			recent := func() int64 {
				t.Helper()
				c, err := here.RecentChangeClock(ctx, maxAge)
				if err != nil {
					t.Fatal(err)
				}
				return c
			}
			start := recent()
			mustCreateUser(t, here, "karin@region.example", "Karin")
			local := recent()
			if local <= start {
				t.Fatalf("after a change here the clock is %d, was %d", local, start)
			}
			mustCreateUser(t, there, "anna@norrsken.example", "Anna")
			if c := recent(); c != local {
				t.Errorf("a moment after a change through another store the clock is %d, want the read %d", c, local)
			}
			time.Sleep(maxAge)
			if c := recent(); c <= local {
				t.Errorf("%s after a change through another store the clock is %d, want past %d", maxAge, c, local)
			}
		})
	}
}
