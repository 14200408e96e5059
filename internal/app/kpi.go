package app

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Directions say which way a KPI improves.
const (
	HigherIsBetter = "higher"
	LowerIsBetter  = "lower"
)

// KPI is a measure of a project's benefit (nyttorealisering): where it started, where it
// should get to, and what was measured on the way.
type KPI struct {
	ID           int64         `json:"id"`
	ProjectID    int64         `json:"project_id"`
	Name         string        `json:"name"`
	Unit         string        `json:"unit"`
	Direction    string        `json:"direction"`
	Baseline     float64       `json:"baseline"`
	BaselineDate string        `json:"baseline_date"` // YYYY-MM-DD
	Target       float64       `json:"target"`
	Source       string        `json:"source"`
	Measurements []Measurement `json:"measurements"` // oldest first
}

// Measurement is one measured value of a KPI.
type Measurement struct {
	ID         int64   `json:"id"`
	Date       string  `json:"date"` // YYYY-MM-DD
	Value      float64 `json:"value"`
	Note       string  `json:"note"`
	RecordedBy UserRef `json:"recorded_by"`
}

// KPIInput is what a person writes on a KPI.
type KPIInput struct {
	Name         string  `json:"name"`
	Unit         string  `json:"unit"`
	Direction    string  `json:"direction"`
	Baseline     float64 `json:"baseline"`
	BaselineDate string  `json:"baseline_date"`
	Target       float64 `json:"target"`
	Source       string  `json:"source"`
}

// MeasurementInput is a measured value.
type MeasurementInput struct {
	Date  string  `json:"date"`
	Value float64 `json:"value"`
	Note  string  `json:"note"`
}

// maxMeasure bounds values so that charts and sums stay finite.
const maxMeasure = 1e12

// Normalise checks a KPI: a name, a date for the baseline, and a target on the better side
// of the baseline, as the direction says.
func (in *KPIInput) Normalise() error {
	f := FieldErrors{}
	in.Unit, in.Source = normaliseSpace(in.Unit), strings.TrimSpace(in.Source)
	var k string
	if in.Name, k = NormaliseName(in.Name); k != "" {
		f.Add("name", k)
	}
	if utf8.RuneCountInString(in.Unit) > maxTagLen {
		f.Add("unit", "err.too_long")
	}
	if utf8.RuneCountInString(in.Source) > maxDescriptionLen {
		f.Add("source", "err.too_long")
	}
	if in.Direction != HigherIsBetter && in.Direction != LowerIsBetter {
		f.Add("direction", "err.direction")
	}
	if in.BaselineDate == "" {
		f.Add("baseline_date", "err.required")
	}
	checkDate(f, "baseline_date", &in.BaselineDate)
	for name, x := range map[string]float64{"baseline": in.Baseline, "target": in.Target} {
		if !finite(x) {
			f.Add(name, "err.number")
		}
	}
	switch {
	case in.Direction == HigherIsBetter && in.Target <= in.Baseline:
		f.Add("target", "err.target_higher")
	case in.Direction == LowerIsBetter && in.Target >= in.Baseline:
		f.Add("target", "err.target_lower")
	}
	for name, s := range map[string]string{"name": in.Name, "unit": in.Unit, "source": in.Source} {
		if ContainsPersonalNumber(s) {
			f.Add(name, "err.personal_number")
		}
	}
	return f.Err()
}

// Normalise checks a measurement: a date, a finite value and an optional note.
func (in *MeasurementInput) Normalise() error {
	f := FieldErrors{}
	if strings.TrimSpace(in.Date) == "" {
		f.Add("date", "err.required")
	}
	checkDate(f, "date", &in.Date)
	if !finite(in.Value) {
		f.Add("value", "err.number")
	}
	var err error
	in.Note, err = CheckText("note", in.Note, false)
	addFields(f, err)
	return f.Err()
}

func finite(x float64) bool { return !math.IsNaN(x) && math.Abs(x) <= maxMeasure }

// Latest is the newest measurement, if any.
func (k KPI) Latest() *Measurement {
	if len(k.Measurements) == 0 {
		return nil
	}
	return &k.Measurements[len(k.Measurements)-1]
}

// Progress is how far the newest measurement has come from the baseline towards the
// target, in percent: 0 at the baseline, 100 at the target, negative when it went the
// wrong way, above 100 when it did better. Nil before anything was measured.
func (k KPI) Progress() *float64 {
	m := k.Latest()
	if m == nil || k.Target == k.Baseline {
		return nil
	}
	p := (m.Value - k.Baseline) / (k.Target - k.Baseline) * 100
	return &p
}
