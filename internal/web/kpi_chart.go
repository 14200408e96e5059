package web

import (
	"bytes"
	"html/template"
	"strconv"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// KPI chart geometry, in the units of the SVG's viewBox: the plot sits inside margins that
// hold the value labels on the left and the dates below. The chart scales to its column.
const (
	kpiWidth, kpiHeight = 640, 280
	kpiLeft, kpiRight   = 64, 96 // the right margin holds the names of the baseline and target lines
	kpiTop, kpiBottom   = 16, 40
	kpiDateGap          = 76 // the width of a written date, with room between two
)

var kpiChartTemplate = template.Must(template.New("kpi").Parse(`<svg class="chart kpi-chart" role="img" aria-labelledby="{{.ID}}-title" viewBox="0 0 ` +
	strconv.Itoa(kpiWidth) + ` ` + strconv.Itoa(kpiHeight) + `" width="100%" xmlns="http://www.w3.org/2000/svg">` +
	`<title id="{{.ID}}-title">{{.Title}}</title>` +
	`<line x1="{{.Left}}" y1="{{.Bottom}}" x2="{{.Right}}" y2="{{.Bottom}}" stroke="#4a5a66"></line>` +
	`{{range .Lines}}<g class="{{.Class}}"><line x1="{{$.Left}}" y1="{{.Y}}" x2="{{$.Right}}" y2="{{.Y}}" stroke="{{.Colour}}" stroke-width="2"{{if .Dashed}} stroke-dasharray="6 4"{{end}}></line>` +
	`<text x="{{$.Right}}" dx="6" y="{{.Y}}" dy="4" font-size="13" fill="{{.Colour}}">{{.Label}}</text>` +
	`<text x="{{$.Left}}" dx="-6" y="{{.Y}}" dy="4" font-size="13" text-anchor="end" fill="#1d2a33">{{.Value}}</text></g>{{end}}` +
	`{{with .Path}}<polyline points="{{.}}" fill="none" stroke="#0b5563" stroke-width="3"></polyline>{{end}}` +
	`{{range $p := .Points}}<g class="point"><circle cx="{{.X}}" cy="{{.Y}}" r="5" fill="{{if .Measured}}#0b5563{{else}}#ffffff{{end}}" stroke="#0b5563" stroke-width="2"></circle>` +
	`{{if .Measured}}<text x="{{.X}}" y="{{.Y}}" dy="-10" font-size="13" font-weight="600" text-anchor="middle" fill="#1d2a33">{{.Value}}</text>{{end}}` +
	`{{with .Date}}<text x="{{$p.X}}" y="{{$.Bottom}}" dy="18" font-size="12" text-anchor="middle" fill="#4a5a66">{{.}}</text>{{end}}</g>{{end}}` +
	`</svg>`))

type kpiPoint struct {
	X, Y           string
	Value, Date    string
	Measured       bool // the baseline is drawn hollow, its value written on its line
	when           time.Time
	value          float64
	xPixel, yPixel float64
}

type kpiLine struct {
	Class, Colour, Label, Value, Y string
	Dashed                         bool
}

// kpiChart draws a KPI over time as inline SVG: the baseline at its date and every
// measurement joined by a line, with the baseline and the target drawn across as named
// lines, and every point's value and date written out. The page puts a table with the same
// numbers beside it.
func kpiChart(v *view, id string, k app.KPI) (template.HTML, error) {
	points := []kpiPoint{{Date: k.BaselineDate, value: k.Baseline}}
	for _, m := range k.Measurements {
		points = append(points, kpiPoint{Date: m.Date, value: m.Value, Measured: true})
	}
	lo, hi := min(k.Baseline, k.Target), max(k.Baseline, k.Target)
	first, last := time.Time{}, time.Time{}
	for i := range points {
		p := &points[i]
		p.when, _ = time.Parse(time.DateOnly, p.Date)
		lo, hi = min(lo, p.value), max(hi, p.value)
		if i == 0 || p.when.Before(first) {
			first = p.when
		}
		if p.when.After(last) {
			last = p.when
		}
	}
	pad := (hi - lo) * 0.1
	if pad == 0 {
		pad = 1
	}
	lo, hi = lo-pad, hi+pad
	left, right := float64(kpiLeft), float64(kpiWidth-kpiRight)
	top, bottom := float64(kpiTop), float64(kpiHeight-kpiBottom)
	y := func(x float64) float64 { return bottom - (x-lo)/(hi-lo)*(bottom-top) }
	span := last.Sub(first).Hours()
	path := ""
	lastLabel := -float64(kpiDateGap)
	for i := range points {
		p := &points[i]
		p.xPixel = (left + right) / 2
		if span > 0 {
			p.xPixel = left + 20 + p.when.Sub(first).Hours()/span*(right-left-40)
		}
		p.yPixel = y(p.value)
		p.X, p.Y = coord(p.xPixel), coord(p.yPixel)
		p.Value = formatNumber(v.Lang, p.value)
		// A date too near the one written before it is left to the table.
		if p.xPixel-lastLabel < kpiDateGap {
			p.Date = ""
		} else {
			lastLabel = p.xPixel
		}
		if i > 0 {
			path += " "
		}
		path += p.X + "," + p.Y
	}
	data := struct {
		ID, Title, Path     string
		Left, Right, Bottom string
		Lines               []kpiLine
		Points              []kpiPoint
	}{ID: id, Title: v.T("kpi.chart_title", k.Name), Left: coord(left), Right: coord(right), Bottom: coord(bottom), Points: points,
		Lines: []kpiLine{
			{Class: "baseline", Colour: "#4a5a66", Label: v.T("field.baseline"), Value: formatNumber(v.Lang, k.Baseline), Y: coord(y(k.Baseline)), Dashed: true},
			{Class: "target", Colour: "#1e6b34", Label: v.T("field.target"), Value: formatNumber(v.Lang, k.Target), Y: coord(y(k.Target))},
		}}
	if len(points) > 1 {
		data.Path = path
	}
	var buf bytes.Buffer
	if err := kpiChartTemplate.Execute(&buf, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // escaped by html/template above
}

func coord(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
