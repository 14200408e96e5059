package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/ical/icaltest"
)

// TestProjectFiles: the members of a project's owner and partners upload files to its space,
// checked by content, and download them as attachments that never run; a partner's member
// too; nobody else sees the list or gets a file, not even of a public project.
func TestProjectFiles(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		karin := p.mustUser("karin@region.example", false)
		pelle := p.mustUser("pelle@kommun.example", false)
		p.mustUser("olle@annan.example", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", karin.ID)
		kommun := p.mustOrg("Härjedalens kommun", "212000-2460", pelle.ID)
		p.mustOrg("Vårdbolaget AB", "556812-3409", 0)
		for _, public := range []bool{false, true} {
			t.Run(fmt.Sprintf("public=%v", public), func(t *testing.T) {
				pr, err := p.store.CreateProject(ctx, region.ID, karin.ID, app.ProjectInput{Title: fmt.Sprintf("Akutrum %v", public), Type: "pilot",
					Public: public, Partners: []app.ProjectPartnerInput{{OrganisationID: kommun.ID, Budget: app.Money{Currency: "SEK"}}}})
				if err != nil {
					t.Fatal(err)
				}
				path := fmt.Sprintf("/projects/%d", pr.ID)
				owner, partner := p.signedIn("karin@region.example"), p.signedIn("pelle@kommun.example")
				owner.get(path).want(t, http.StatusOK, "Filer", "Inga bilagor än.", `action="`+path+`/files" enctype="multipart/form-data"`)
				owner.upload(path+"/files", "Projektplan.pdf", pdf).want(t, http.StatusSeeOther)
				// Content decides: an SVG, or HTML under a PDF's name, is refused and not kept.
				owner.upload(path+"/files", "logga.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)).
					want(t, http.StatusUnprocessableEntity, "Den filtypen kan inte bifogas.")
				owner.upload(path+"/files", "plan.pdf", []byte("<html><script>alert(1)</script></html>")).want(t, http.StatusUnprocessableEntity)
				files, err := p.store.ProjectFiles(ctx, pr.ID)
				if err != nil || len(files) != 1 {
					t.Fatalf("files = %v, %v", files, err)
				}
				file := fmt.Sprintf("%s/files/%d", path, files[0].ID)
				partner.get(path).want(t, http.StatusOK, "Projektplan.pdf", file)
				for _, b := range []*browser{owner, partner} {
					r := b.get(file)
					r.want(t, http.StatusOK)
					if r.body != string(pdf) || r.header.Get("Content-Type") != "application/pdf" ||
						!strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment;") || !strings.Contains(r.header.Get("Content-Security-Policy"), "sandbox") {
						t.Errorf("download: %v %q", r.header, r.body)
					}
				}
				partner.upload(path+"/files", "Kommunens bilaga.pdf", pdf).want(t, http.StatusSeeOther)

				// Those outside: an internal project is not found at all; of a public one
				// they read the page without the space, and get no file.
				olle, visitor := p.signedIn("olle@annan.example"), p.browser()
				wantOutside := http.StatusNotFound
				if public {
					wantOutside = http.StatusForbidden
					for _, b := range []*browser{olle, visitor} {
						page := b.get(path)
						page.want(t, http.StatusOK, pr.Title)
						if strings.Contains(page.body, "Projektplan.pdf") || strings.Contains(page.body, "/files") {
							t.Error("the space's files show to someone outside the project")
						}
					}
				}
				olle.get(file).want(t, wantOutside)
				olle.upload(path+"/files", "intrång.pdf", pdf).want(t, wantOutside)
				olle.post(file+"/delete", nil).want(t, wantOutside)
				if r := visitor.get(file); r.status == http.StatusOK || strings.Contains(r.body, "%PDF") {
					t.Errorf("a visitor got the file: %d", r.status)
				}
				if files, _ := p.store.ProjectFiles(ctx, pr.ID); len(files) != 2 {
					t.Errorf("%d files after outsiders tried", len(files))
				}
				// A member removes one; it is gone.
				partner.post(file+"/delete", nil).want(t, http.StatusSeeOther)
				owner.get(file).want(t, http.StatusNotFound)
			})
		}
	})
}

// TestProjectAdoptions: an editor records that other organisations took the solution into
// use (not the owner, not in the future, not twice); the public page shows them, counted,
// in Swedish and English; someone who may not edit cannot record one.
func TestProjectAdoptions(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		karin := p.mustUser("karin@region.example", false)
		pelle := p.mustUser("pelle@kommun.example", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", karin.ID)
		kommun := p.mustOrg("Östersunds kommun", "212000-2411", pelle.ID)
		if err := p.store.AddRole(ctx, region.ID, karin.ID, app.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		pr, err := p.store.CreateProject(ctx, region.ID, karin.ID, app.ProjectInput{Title: "Digital nattillsyn", Type: "pilot", Public: true})
		if err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/projects/%d", pr.ID)
		b := p.signedIn("karin@region.example")
		b.get(path).want(t, http.StatusOK, "Spridning", "Ingen annan organisation har registrerat", `action="`+path+`/adoptions"`)
		today := time.Now().Format(time.DateOnly)
		add := func(org int64, date, scope string) response {
			return b.post(path+"/adoptions", url.Values{"organisation_id": {fmt.Sprint(org)}, "date": {date}, "scope": {scope}})
		}
		add(region.ID, today, "").want(t, http.StatusUnprocessableEntity, "Välj en annan organisation än projektets ägare.")
		add(kommun.ID, time.Now().AddDate(0, 0, 3).Format(time.DateOnly), "").want(t, http.StatusUnprocessableEntity, "Datumet kan inte ligga i framtiden")
		add(kommun.ID, "", "").want(t, http.StatusUnprocessableEntity, `aria-invalid="true"`)
		add(kommun.ID, "2026-09-01", "Alla hemtjänstområden").want(t, http.StatusSeeOther)
		add(kommun.ID, "2026-10-01", "").want(t, http.StatusConflict, "redan registrerad")
		p.signedIn("pelle@kommun.example").post(path+"/adoptions", url.Values{"organisation_id": {fmt.Sprint(kommun.ID)}, "date": {today}}).
			want(t, http.StatusForbidden)

		visitor := p.browser()
		visitor.get(path).want(t, http.StatusOK, "I bruk hos 1 andra organisationer", "Östersunds kommun", "2026-09-01", "Alla hemtjänstområden")
		visitor.lang = "en"
		visitor.get(path).want(t, http.StatusOK, "In use at 1 other organisations", "In use since")
		if strings.Contains(visitor.get(path).body, path+"/adoptions") {
			t.Error("a visitor is offered the adoption form")
		}
		p.browser().get("/projects").want(t, http.StatusOK, "I bruk hos 1 andra organisationer")
	})
}

// TestMilestoneCalendars: a project's milestones as an .ics that ical.js reads, each a whole
// day under a UID that stays, for those who may see the project; and in the personal
// calendar of a member of its organisations, beside the deadlines of the calls they apply to.
func TestMilestoneCalendars(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		karin := p.mustUser("karin@region.example", false)
		p.mustUser("olle@annan.example", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", karin.ID)
		soon := time.Now().AddDate(0, 2, 0).Format(time.DateOnly)
		milestones := []app.Milestone{{Title: "Driftstart", Due: soon, Status: "planned"}, {Title: "Utvärdering", Due: "2099-03-15", Status: "planned"},
			{Title: "Inställd", Due: "2099-04-01", Status: app.MilestoneCancelled}, {Title: "Utan dag", Status: "planned"}}
		internal, err := p.store.CreateProject(ctx, region.ID, karin.ID, app.ProjectInput{Title: "Akutrum", Type: "pilot", Milestones: milestones})
		if err != nil {
			t.Fatal(err)
		}
		public, err := p.store.CreateProject(ctx, region.ID, karin.ID, app.ProjectInput{Title: "Nattillsyn", Type: "pilot", Public: true,
			Milestones: []app.Milestone{{Title: "Slutrapport", Due: "2099-06-30", Status: "planned"}}})
		if err != nil {
			t.Fatal(err)
		}
		host := strings.TrimPrefix(p.url, "http://")
		b := p.signedIn("karin@region.example")
		ipath := fmt.Sprintf("/projects/%d", internal.ID)
		b.get(ipath).want(t, http.StatusOK, ipath+"/milestones.ics", "Milstolparna i kalendern")
		r := b.get(ipath + "/milestones.ics")
		r.want(t, http.StatusOK, "BEGIN:VCALENDAR", "DTSTART;VALUE=DATE:20990315")
		if ct := r.header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
			t.Errorf("Content-Type = %q", ct)
		}
		c := icaltest.Parse(t, []byte(r.body))
		var got []string
		for _, e := range c.Events {
			got = append(got, fmt.Sprintf("%s|%s|%s|%v", e.UID, e.Summary, e.Day, e.AllDay))
		}
		want := []string{fmt.Sprintf("project-%d-milestone-0@%s|Milstolpe: Driftstart (Akutrum)|%s|true", internal.ID, host, soon),
			fmt.Sprintf("project-%d-milestone-1@%s|Milstolpe: Utvärdering (Akutrum)|2099-03-15|true", internal.ID, host)}
		if c.Name != "Milstolpar: Akutrum" || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("calendar %q holds %v, want %v", c.Name, got, want)
		}
		if c.Events[1].EndDay != "2099-03-16" || c.Events[1].URL != p.url+ipath {
			t.Errorf("milestone read as %+v", c.Events[1])
		}
		if again := b.get(ipath + "/milestones.ics"); again.body != r.body {
			t.Error("the feed changed between two requests")
		}
		p.browser().get(ipath+"/milestones.ics").want(t, http.StatusNotFound)
		p.signedIn("olle@annan.example").get(ipath+"/milestones.ics").want(t, http.StatusNotFound)
		en := p.browser()
		en.lang = "en"
		pub := en.get(fmt.Sprintf("/projects/%d/milestones.ics", public.ID))
		pub.want(t, http.StatusOK)
		if c := icaltest.Parse(t, []byte(pub.body)); len(c.Events) != 1 || c.Events[0].Summary != "Milestone: Slutrapport (Nattillsyn)" {
			t.Errorf("public project's feed: %+v", c)
		}

		// The personal calendar: the member's milestones and the deadline of the call the
		// region applies to, under the same UIDs as in their own feeds.
		ci := app.CallInput{Programme: "Interreg Aurora", Title: "Hälsa över gränsen", CallRules: app.CallRules{Currency: "EUR"},
			Deadlines: []app.Deadline{{Stage: "Ansökan", Local: "2099-02-15T17:00", TimeZone: "Europe/Stockholm"}}}
		if err := ci.Normalise(); err != nil {
			t.Fatal(err)
		}
		call, err := p.store.CreateCall(ctx, 0, ci)
		if err != nil {
			t.Fatal(err)
		}
		eur := app.Money{Currency: "EUR"}
		if _, err := p.store.CreateApplication(ctx, karin.ID, app.ApplicationInput{CallID: call.ID, Title: "Akutrum över gränsen", Status: "drafting",
			Partners: []app.ApplicationPartnerInput{{OrganisationID: region.ID, Role: "lead", Budget: eur, Grant: eur, CoFinancing: eur}}}); err != nil {
			t.Fatal(err)
		}
		r = b.post("/profile/calendar", nil)
		feed := strings.TrimPrefix(regexpFind(t, `<code id="new-calendar">([^<]+)</code>`, r.body), p.url)
		r = p.browser().get(feed)
		r.want(t, http.StatusOK, "TZID:Europe/Stockholm")
		c = icaltest.Parse(t, []byte(r.body))
		got = nil
		for _, e := range c.Events {
			got = append(got, e.UID)
		}
		want = []string{fmt.Sprintf("project-%d-milestone-0@%s", internal.ID, host), fmt.Sprintf("project-%d-milestone-1@%s", internal.ID, host),
			fmt.Sprintf("project-%d-milestone-0@%s", public.ID, host), fmt.Sprintf("call-%d-deadline-1@%s", call.ID, host)}
		if c.Name != "Min kalender – Tillsammans" || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("personal calendar %q holds %v, want %v", c.Name, got, want)
		}
		stockholm, _ := time.LoadLocation("Europe/Stockholm")
		if d := c.Events[3]; !d.Start.Equal(time.Date(2099, 2, 15, 17, 0, 0, 0, stockholm)) || d.Summary != "Sista dag: Hälsa över gränsen (Ansökan)" {
			t.Errorf("deadline read as %+v", d)
		}
	})
}

// regexpFind returns the first group of pattern in s, and fails the test without it.
func regexpFind(t *testing.T, pattern, s string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %s in the page", pattern)
	}
	return m[1]
}
