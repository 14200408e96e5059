package store_test

import (
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestRecords: a registrar's record of an object names its sender, received date,
// organisation, kind, id and status, holds its fields and its audit history; an object of
// another organisation is not found; only public organisations have registrars; and the
// audit log narrows to one organisation and a range of time.
func TestRecords(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		karin := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", karin.ID)
		lars := mustCreateUser(t, s, "lars@kommun.example", "Lars")
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", lars.ID)
		n := mustNeed(t, s, region.ID, karin.ID, needInput("Nattillsyn", app.VisibleOrganisation))
		other := mustNeed(t, s, kommun.ID, lars.ID, needInput("Läkemedel", app.VisiblePublic))
		p := mustProject(t, s, region.ID, karin.ID, app.ProjectInput{Title: "Virtuellt akutrum", Type: "pilot"})

		rec, err := s.Record(ctx, app.KindNeed, n.ID, false, []int64{region.ID})
		if err != nil {
			t.Fatal(err)
		}
		if rec.Kind != "need" || rec.ID != n.ID || rec.Title != "Nattillsyn" || rec.Status != string(app.StateDraft) ||
			rec.Organisation.ID != region.ID || rec.Sender.Email != "karin@region.example" || rec.Received.IsZero() {
			t.Errorf("record %+v", rec)
		}
		if rec.Content["title"] != "Nattillsyn" || rec.Content["title_fold"] != nil {
			t.Errorf("content %v", rec.Content)
		}
		if len(rec.History) == 0 || rec.History[len(rec.History)-1].Action != app.AuditNeedCreate {
			t.Errorf("history %+v", rec.History)
		}
		if rec, err := s.Record(ctx, app.KindProject, p.ID, false, []int64{region.ID}); err != nil || rec.Status != "running" {
			t.Errorf("project record %+v, %v", rec, err)
		}
		for _, c := range []struct {
			kind   string
			id     int64
			all    bool
			orgIDs []int64
		}{
			{app.KindNeed, other.ID, false, []int64{region.ID}}, // another organisation's
			{app.KindNeed, n.ID, false, []int64{kommun.ID}},
			{app.KindNeed, n.ID, false, nil},
			{app.KindProject, p.ID, false, []int64{kommun.ID}},
			{"call", 1, true, nil}, // no record of that kind
		} {
			_, err := s.Record(ctx, c.kind, c.id, c.all, c.orgIDs)
			wantCode(t, err, app.NotFound)
		}
		if _, err := s.Record(ctx, app.KindNeed, other.ID, true, nil); err != nil {
			t.Errorf("a platform admin's record: %v", err)
		}

		anna := mustCreateUser(t, s, "anna@norrsken.example", "Anna")
		in, err := app.NamedOrganisation("Norrsken Sensorik AB", app.KindCompany)
		if err != nil {
			t.Fatal(err)
		}
		company, err := s.CreateOrganisation(ctx, in, anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.AddRole(ctx, company.ID, anna.ID, app.RoleRegistrar), app.Invalid)
		if err := s.AddRole(ctx, region.ID, lars.ID, app.RoleRegistrar); err != nil {
			t.Fatalf("a region's registrar: %v", err)
		}

		l, err := s.AuditLog(ctx, app.AuditFilter{OrgID: kommun.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range l.Items {
			if e.OrgID != kommun.ID {
				t.Errorf("kommun's log holds %+v", e)
			}
		}
		if len(l.Items) == 0 {
			t.Error("kommun's log is empty")
		}
		now := time.Now()
		if l, err := s.AuditLog(ctx, app.AuditFilter{OrgID: region.ID, From: now.Add(-time.Hour), To: now.Add(time.Hour)}); err != nil || len(l.Items) == 0 {
			t.Errorf("this hour: %d entries, %v", len(l.Items), err)
		}
		if l, err := s.AuditLog(ctx, app.AuditFilter{OrgID: region.ID, To: now.Add(-time.Hour)}); err != nil || len(l.Items) != 0 {
			t.Errorf("before this hour: %d entries, %v", len(l.Items), err)
		}
	})
}
