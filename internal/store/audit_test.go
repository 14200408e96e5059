package store_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
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
