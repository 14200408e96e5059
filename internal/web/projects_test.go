package web_test

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

// TestProjectPages: a coordinator starts a project, adds a KPI and measurements and sees
// them as a chart with a table; the internal space is for members; a public project is
// read by visitors in Swedish and English, an internal one is not found.
func TestProjectPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, p *platform) {
		karin := p.mustUser("karin@region.example", false)
		region := p.mustOrg("Region Jämtland Härjedalen", "232100-0214", karin.ID)
		if err := p.store.AddRole(ctx, region.ID, karin.ID, app.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		p.mustUser("olle@annan.example", false)
		b := p.signedIn("karin@region.example")
		b.get("/projects/new").want(t, http.StatusOK, `name="organisation_id"`, "Ny")

		// A bad budget and dates out of order are named; nothing is created.
		form := url.Values{"organisation_id": {fmt.Sprint(region.ID)}, "title": {"Virtuellt akutrum i Härjedalen"}, "type": {"pilot"},
			"start_date": {"2026-05-01"}, "end_date": {"2026-01-01"}, "partner_org": {fmt.Sprint(region.ID)}, "partner_budget": {"12,345"}}
		b.post("/projects/new", form).want(t, http.StatusUnprocessableEntity, "Slutdatumet ligger före startdatumet", `id="f-partners"`)
		form.Set("end_date", "2027-06-30")
		form.Del("partner_org")
		form.Del("partner_budget")
		form["milestone_title"], form["milestone_due"], form["milestone_status"] = []string{"Driftstart", ""}, []string{"2026-03-01", ""}, []string{"done", ""}
		res := b.post("/projects/new", form)
		res.want(t, http.StatusSeeOther)
		path := res.header.Get("Location")
		page := b.get(path)
		page.want(t, http.StatusOK, "Virtuellt akutrum i Härjedalen", "Driftstart", "Klar", "Projektrummet", "Internt")

		// A KPI whose target is on the wrong side of the baseline is refused by name.
		kpi := url.Values{"name": {"Tid till läkare"}, "unit": {"minuter"}, "direction": {"lower"}, "baseline": {"180"},
			"baseline_date": {"2025-12-01"}, "target": {"200"}}
		b.post(path+"/kpis", kpi).want(t, http.StatusUnprocessableEntity, "När lägre är bättre ska målet vara lägre än utgångsläget")
		kpi.Set("target", "45")
		b.post(path+"/kpis", kpi).want(t, http.StatusSeeOther)
		kpis, err := p.store.KPIs(ctx, projectID(t, path))
		if err != nil || len(kpis) != 1 {
			t.Fatalf("kpis = %v, %v", kpis, err)
		}
		mpath := fmt.Sprintf("%s/kpis/%d/measurements", path, kpis[0].ID)
		b.post(mpath, url.Values{"date": {"2026-03-01"}, "value": {"120,5"}, "note": {"Första kvartalet"}}).want(t, http.StatusSeeOther)
		b.post(mpath, url.Values{"date": {"2026-06-01"}, "value": {"60"}}).want(t, http.StatusSeeOther)
		b.post(mpath, url.Values{"date": {"igår"}, "value": {"sju"}}).want(t, http.StatusUnprocessableEntity, "Ange ett tal")
		page = b.get(path)
		page.want(t, http.StatusOK, `<svg class="chart kpi-chart" role="img"`, "Tid till läkare över tid, med utgångsläge och mål",
			"Mätningar av Tid till läkare", ">120,5<", "Första kvartalet", "88,9 % av vägen till målet")
		svg := regexp.MustCompile(`(?s)<svg class="chart kpi-chart".*?</svg>`).FindString(page.body)
		if n := strings.Count(svg, "<circle"); n != 3 {
			t.Errorf("%d points, want the baseline and two measurements", n)
		}
		if !strings.Contains(svg, `class="baseline"`) || !strings.Contains(svg, `class="target"`) || !strings.Contains(svg, "<polyline") {
			t.Errorf("chart lacks a baseline, target or line:\n%s", svg)
		}
		if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
			t.Errorf("the chart is not well-formed XML: %v", err)
		}

		b.post(path+"/posts", url.Values{"body": {"Piloten startar måndag."}}).want(t, http.StatusSeeOther)
		b.get(path).want(t, http.StatusOK, "Piloten startar måndag.")

		// Outsiders: the internal project is not found, and its space cannot be written to.
		visitor, olle := p.browser(), p.signedIn("olle@annan.example")
		visitor.get(path).want(t, http.StatusNotFound)
		olle.get(path).want(t, http.StatusNotFound)
		olle.post(path+"/posts", url.Values{"body": {"Hej"}}).want(t, http.StatusNotFound)
		if strings.Contains(olle.get("/projects").body, "Virtuellt akutrum") {
			t.Error("an internal project is listed for an outsider")
		}

		// Public: visitors read it with its results, in Swedish and English, but not the space.
		edit := b.get(path + "/edit")
		edit.want(t, http.StatusOK, `name="manager_id"`)
		form.Set("public", "on")
		form.Set("manager_id", fmt.Sprint(karin.ID))
		form.Set("lessons_learned", "Ljuset vid britsen betydde mer än tekniken.")
		b.post(path+"/edit", form).want(t, http.StatusSeeOther)
		public := visitor.get(path)
		public.want(t, http.StatusOK, "Nyttorealisering", "Tid till läkare", `<svg class="chart kpi-chart"`)
		if strings.Contains(public.body, "Piloten startar måndag.") || strings.Contains(public.body, "Projektrummet") {
			t.Error("a visitor sees the internal space")
		}
		// Decided, its lessons are found among the closed projects'.
		b.post(path+"/decision", url.Values{"decision": {"go"}}).want(t, http.StatusUnprocessableEntity, "Motivering")
		b.post(path+"/decision", url.Values{"decision": {"go"}, "rationale": {"Målen nås."}}).want(t, http.StatusSeeOther)
		visitor.get(path).want(t, http.StatusOK, "Go – gå vidare", "Målen nås.")
		visitor.get("/projects?lessons=BRITSEN+tekniken").want(t, http.StatusOK, "Virtuellt akutrum i Härjedalen", "Ljuset vid britsen betydde mer än tekniken.")
		if strings.Contains(visitor.get("/projects?lessons=korridoren").body, "Virtuellt akutrum") {
			t.Error("a search for other lessons found the project")
		}
		visitor.lang = "en"
		visitor.get(path).want(t, http.StatusOK, "Benefit realisation", "Measurements of Tid till läkare", ">120.5<", "88.9 % of the way to the target")
	})
}

func projectID(t *testing.T, path string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscanf(path, "/projects/%d", &id); err != nil {
		t.Fatalf("path %q: %v", path, err)
	}
	return id
}
