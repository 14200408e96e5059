package store_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

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
			if err != nil || total != 4 { // the organisation, and the need's three
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
		if _, err := s.Application(as, app.Viewer{UserID: lars.ID, OrgIDs: []int64{kommun.ID}}, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Registrations(as, ev.ID); err != nil {
			t.Fatal(err)
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
