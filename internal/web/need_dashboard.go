package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// dashboardRow is one state's figures, as the tables beside the charts show them.
type dashboardRow struct {
	Label string
	Count string
	Days  string // median days in the state, "" when no need has left it yet
}

type dashboardData struct {
	Orgs        []option
	OrgName     string // the chosen organisation, "" for all
	Funnel      []dashboardRow
	Times       []dashboardRow // only the states with a measured median
	Total, Open string
	LeadTime    string
	OpenAge     string
	FunnelChart template.HTML
	TimeChart   template.HTML
}

// needDashboard shows the pipeline over the needs the person may see, overall or for one
// organisation: how many needs are in each state and how long they stay there, drawn as
// charts with the same numbers in a table beside each.
func (s *Server) needDashboard(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	v := s.view(r, rq, "dashboard.title")
	d := dashboardData{}
	var orgID int64
	if q := r.URL.Query().Get("organisation"); q != "" {
		id, err := strconv.ParseInt(q, 10, 64)
		if err != nil {
			return app.Errorf(app.NotFound, "err.organisation_not_found")
		}
		o, err := s.store.Organisation(ctx, id)
		if err != nil {
			return err
		}
		if !o.Kind.IsPublic() {
			return app.Errorf(app.NotFound, "err.organisation_not_found")
		}
		orgID, d.OrgName = o.ID, o.Name
		v.Form.Set("organisation", itoa(o.ID))
		v.Heading = v.T("dashboard.title") + ": " + o.Name
	}
	orgs, err := s.store.OrganisationRefs(ctx, app.PublicKinds...)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		d.Orgs = append(d.Orgs, option{Value: itoa(o.ID), Label: o.Name})
	}
	d.Orgs = withBlank(v, d.Orgs, "need.any_org")

	f, err := s.store.NeedFigures(ctx, rq.actor.Viewer(), orgID, time.Now())
	if err != nil {
		return err
	}
	var funnel, times []bar
	total := 0
	for _, st := range app.NeedStates { // the main path in order, then the side states
		label := v.T("state." + string(st))
		n := f.Count[st]
		total += n
		row := dashboardRow{Label: label, Count: formatInt(v.Lang, n)}
		funnel = append(funnel, bar{Label: label, Value: float64(n), Text: row.Count})
		if sec, ok := f.MedianSeconds[st]; ok {
			row.Days = days(v.Lang, sec)
			d.Times = append(d.Times, row)
			times = append(times, bar{Label: label, Value: float64(sec) / 86400, Text: row.Days})
		}
		d.Funnel = append(d.Funnel, row)
	}
	d.Total, d.Open = formatInt(v.Lang, total), formatInt(v.Lang, f.Open)
	d.LeadTime, d.OpenAge = "–", "–"
	if f.MedianLeadTime != nil {
		d.LeadTime = days(v.Lang, *f.MedianLeadTime)
	}
	if f.MedianOpenAge != nil {
		d.OpenAge = days(v.Lang, *f.MedianOpenAge)
	}
	if d.FunnelChart, err = barChart("chart-funnel", v.T("dashboard.funnel_chart"), funnel); err != nil {
		return err
	}
	if len(times) > 0 {
		if d.TimeChart, err = barChart("chart-time", v.T("dashboard.time_chart"), times); err != nil {
			return err
		}
	}
	v.Data = d
	s.render(w, http.StatusOK, "need_dashboard", v)
	return nil
}

// days writes a duration in days with one decimal, in the page's language.
func days(lang string, seconds int64) string {
	return i18n.T(lang, "dashboard.days", decimal(lang, float64(seconds)/86400))
}

// decimal writes x with one decimal: a decimal comma in Swedish.
func decimal(lang string, x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	if lang == "sv" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// formatInt groups the thousands of a count as the language does: 12 345 in Swedish,
// 12,345 in English.
func formatInt(lang string, n int) string {
	s := strconv.Itoa(n)
	sep := ","
	if lang == "sv" {
		sep = "\u00a0" // a no-break space, so that a number never breaks over two lines
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// bar is one bar of a chart: its label, its length and the text written after it.
type bar struct {
	Label string
	Value float64
	Text  string
}

// Chart geometry, in pixels: each bar has its label above it and its value after it. Bar
// lengths are percentages of the chart's width, so that the chart fills its column while
// the text keeps its size on any screen.
const (
	chartRow    = 46 // height of one labelled bar
	chartBar    = 18 // thickness of a bar
	chartMaxPct = 70 // the longest bar, leaving room for its value
)

var chartTemplate = template.Must(template.New("chart").Parse(`<svg class="chart" role="img" aria-labelledby="{{.ID}}-title" width="100%" height="{{.Height}}" xmlns="http://www.w3.org/2000/svg">` +
	`<title id="{{.ID}}-title">{{.Title}}</title>` +
	`{{range .Bars}}<g>` +
	`<text x="0" y="{{.LabelY}}" font-size="14" fill="#1d2a33">{{.Label}}</text>` +
	`<rect x="0" y="{{.BarY}}" width="{{.Pct}}%" height="` + fmt.Sprint(chartBar) + `" fill="#0b5563"></rect>` +
	`<text x="{{.Pct}}%" dx="6" y="{{.TextY}}" font-size="14" font-weight="600" fill="#1d2a33">{{.Text}}</text>` +
	`</g>{{end}}</svg>`))

// barChart draws a labelled horizontal bar chart as inline SVG: an image named by title,
// with every bar's label and value written out, so that neither colour nor length alone
// carries the numbers. The page puts a table with the same numbers beside it.
func barChart(id, title string, bars []bar) (template.HTML, error) {
	type placed struct {
		bar
		Pct                 string
		LabelY, BarY, TextY int
	}
	longest := 0.0
	for _, b := range bars {
		longest = max(longest, b.Value)
	}
	data := struct {
		ID, Title string
		Height    int
		Bars      []placed
	}{ID: id, Title: title, Height: len(bars)*chartRow + 4}
	for i, b := range bars {
		pct := 0.0
		if longest > 0 && b.Value > 0 {
			pct = b.Value / longest * chartMaxPct
		}
		top := i * chartRow
		data.Bars = append(data.Bars, placed{bar: b, Pct: strconv.FormatFloat(pct, 'f', 2, 64),
			LabelY: top + 15, BarY: top + 21, TextY: top + 21 + chartBar - 4})
	}
	var buf bytes.Buffer
	if err := chartTemplate.Execute(&buf, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // escaped by html/template above
}
