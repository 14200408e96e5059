package jobs_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/jobs"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// reminderCounts are the days (or months) of the waiting reminders of a kind, in order.
func reminderCounts(t *testing.T, s *store.Store, kind string) ([]int, []app.Job) {
	t.Helper()
	js := waitingJobs(t, s, kind)
	var counts []int
	for _, j := range js {
		var p app.ReminderJob
		if err := json.Unmarshal(j.Payload, &p); err != nil {
			t.Fatal(err)
		}
		counts = append(counts, p.Count)
	}
	slices.Sort(counts)
	return counts, js
}

// TestDeadlineReminders: an application's partners are mailed, each in their language, 7
// and 1 days before its call's deadline (14 has passed); a reminder of a deadline that moved
// or of an application already submitted is dropped.
func TestDeadlineReminders(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		user := func(email, name, lang string) app.User {
			u, err := s.CreateUser(ctx, app.NewUser{Email: email, Name: name, Lang: lang}, "x")
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		org := func(in app.OrganisationInput, admin int64) app.Organisation {
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			o, err := s.CreateOrganisation(ctx, in, admin)
			if err != nil {
				t.Fatal(err)
			}
			return o
		}
		karin, ingrid := user("karin@region.example", "Karin", "sv"), user("ingrid@levanger.example", "Ingrid", "en")
		region := org(app.OrganisationInput{Name: "Region Jämtland Härjedalen", Kind: app.KindRegion, Country: "SE", OrgNumber: "232100-0214"}, karin.ID)
		levanger := org(app.OrganisationInput{Name: "Levanger kommune", Kind: app.KindMunicipality, Country: "NO", OrgNumber: "938587418"}, ingrid.ID)
		local := func(days int) string { return time.Now().AddDate(0, 0, days).Format(time.DateOnly) + "T17:00" }
		ci := app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen", CallRules: app.CallRules{Currency: "EUR"},
			Deadlines: []app.Deadline{{Stage: "Fullständig ansökan", Local: local(10), TimeZone: "Europe/Stockholm"}}}
		if err := ci.Normalise(); err != nil {
			t.Fatal(err)
		}
		c, err := s.CreateCall(ctx, karin.ID, ci)
		if err != nil {
			t.Fatal(err)
		}
		eur := app.Money{Currency: "EUR"}
		in := app.ApplicationInput{CallID: c.ID, Title: "Akutrum över gränsen", Status: "drafting", Partners: []app.ApplicationPartnerInput{
			{OrganisationID: region.ID, Role: "lead", Budget: eur, Grant: eur, CoFinancing: eur},
			{OrganisationID: levanger.ID, Role: "beneficiary", Budget: eur, Grant: eur, CoFinancing: eur}}}
		a, err := s.CreateApplication(ctx, karin.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateApplication(ctx, a.ID, in); err != nil { // writing it again adds nothing
			t.Fatal(err)
		}
		counts, js := reminderCounts(t, s, app.JobDeadlineReminder)
		if !slices.Equal(counts, []int{1, 7}) {
			t.Fatalf("reminders at %v days, want 1 and 7", counts)
		}
		sent := &sentMail{}
		r := &jobs.Reminders{Store: s, Mail: sent, BaseURL: "https://tillsammans.example"}
		week := js[slices.IndexFunc(js, func(j app.Job) bool { return strings.Contains(j.DedupKey, ":7") })]
		if err := r.Deadline().Handle(ctx, week); err != nil {
			t.Fatal(err)
		}
		if len(sent.mail) != 2 {
			t.Fatalf("mailed %+v", sent.mail)
		}
		for _, m := range sent.mail {
			want := map[string]string{"karin@region.example": "Sista dag om 7 dagar: Akutrum över gränsen", "ingrid@levanger.example": "Deadline in 7 days: Akutrum över gränsen"}[m.To]
			if m.Subject != want || !strings.Contains(m.Body, "17:00 (Europe/Stockholm)") || !strings.Contains(m.Body, "https://tillsammans.example/applications/") {
				t.Errorf("mail to %s: %q\n%s", m.To, m.Subject, m.Body)
			}
		}

		// The deadline moves: the old reminders are dropped, the new time has its own.
		ci.Deadlines[0].Local = local(20)
		if err := ci.Normalise(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateCall(ctx, c.ID, ci); err != nil {
			t.Fatal(err)
		}
		if counts, _ := reminderCounts(t, s, app.JobDeadlineReminder); !slices.Equal(counts, []int{1, 1, 7, 7, 14}) {
			t.Errorf("reminders after the move: %v", counts)
		}
		sent.mail = nil
		if err := r.Deadline().Handle(ctx, week); err != nil || len(sent.mail) != 0 {
			t.Errorf("a reminder of the old deadline mailed %v, %v", sent.mail, err)
		}
		// Submitted, nobody is reminded.
		_, js = reminderCounts(t, s, app.JobDeadlineReminder)
		in.Status = "submitted"
		if _, err := s.UpdateApplication(ctx, a.ID, in); err != nil {
			t.Fatal(err)
		}
		for _, j := range js {
			if err := r.Deadline().Handle(ctx, j); err != nil || len(sent.mail) != 0 {
				t.Errorf("a submitted application's reminder mailed %v, %v", sent.mail, err)
			}
		}

		// A project started two months ago: follow-ups at 6 and 12 months, for its manager.
		pin := app.ProjectInput{Title: "Virtuellt akutrum", Type: "pilot", ManagerID: &karin.ID, StartDate: time.Now().AddDate(0, -2, 0).Format(time.DateOnly)}
		p, err := s.CreateProject(ctx, region.ID, karin.ID, pin)
		if err != nil {
			t.Fatal(err)
		}
		counts, js = reminderCounts(t, s, app.JobFollowUpReminder)
		if !slices.Equal(counts, []int{6, 12}) {
			t.Fatalf("follow-ups at %v months", counts)
		}
		if err := r.FollowUp().Handle(ctx, js[0]); err != nil {
			t.Fatal(err)
		}
		if len(sent.mail) != 1 || sent.mail[0].To != "karin@region.example" || !strings.HasPrefix(sent.mail[0].Subject, "Dags att följa upp nyckeltalen") {
			t.Fatalf("follow-up mail %+v", sent.mail)
		}
		pin.StartDate = time.Now().Format(time.DateOnly)
		if _, err := s.UpdateProject(ctx, p.ID, pin); err != nil {
			t.Fatal(err)
		}
		if err := r.FollowUp().Handle(ctx, js[0]); err != nil || len(sent.mail) != 1 {
			t.Errorf("a follow-up of the old start mailed again: %d, %v", len(sent.mail), err)
		}
	})
}
