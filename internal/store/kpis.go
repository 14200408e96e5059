package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

func (s *Store) AddKPI(ctx context.Context, projectID int64, in app.KPIInput) (app.KPI, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO kpis (project_id, name, unit, direction, baseline, baseline_date, target, source, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			projectID, in.Name, in.Unit, in.Direction, in.Baseline, in.BaselineDate, in.Target, in.Source, time.Now().UTC()).Scan(&id)
		if err != nil {
			if c.d.isForeignKey(err) {
				return app.Errorf(app.NotFound, "err.project_not_found")
			}
			return fmt.Errorf("store: add kpi: %w", err)
		}
		return auditObject(ctx, c, app.AuditProjectKPIAdd, kindProject, projectID, nil, map[string]any{"kpi_id": id, "kpi": in})
	})
	if err != nil {
		return app.KPI{}, err
	}
	return app.KPI{ID: id, ProjectID: projectID, Name: in.Name, Unit: in.Unit, Direction: in.Direction, Baseline: in.Baseline,
		BaselineDate: in.BaselineDate, Target: in.Target, Source: in.Source, Measurements: []app.Measurement{}}, nil
}

func (s *Store) KPIs(ctx context.Context, projectID int64) ([]app.KPI, error) {
	rows, err := s.r().query(ctx, `SELECT id, project_id, name, unit, direction, baseline, baseline_date, target, source
		FROM kpis WHERE project_id = ? ORDER BY id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("store: kpis: %w", err)
	}
	kpis, err := collect(rows, func(r scanner) (app.KPI, error) {
		k := app.KPI{Measurements: []app.Measurement{}}
		return k, r.Scan(&k.ID, &k.ProjectID, &k.Name, &k.Unit, &k.Direction, &k.Baseline, &k.BaselineDate, &k.Target, &k.Source)
	})
	if err != nil || len(kpis) == 0 {
		return kpis, err
	}
	index := map[int64]*app.KPI{}
	for i := range kpis {
		index[kpis[i].ID] = &kpis[i]
	}
	err = eachRow(ctx, s.r(), `SELECT m.kpi_id, m.id, m.measured_on, m.value, m.note, COALESCE(u.id, 0), COALESCE(u.name, '')
		FROM kpi_measurements m JOIN kpis k ON k.id = m.kpi_id LEFT JOIN users u ON u.id = m.recorded_by
		WHERE k.project_id = ? ORDER BY m.kpi_id, m.measured_on, m.id`, []any{projectID}, func(r scanner) error {
		var kpiID int64
		var m app.Measurement
		err := r.Scan(&kpiID, &m.ID, &m.Date, &m.Value, &m.Note, &m.RecordedBy.ID, &m.RecordedBy.Name)
		index[kpiID].Measurements = append(index[kpiID].Measurements, m)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: measurements: %w", err)
	}
	return kpis, nil
}

// AddMeasurement records a value of a KPI of the project; a KPI of another project is not found.
func (s *Store) AddMeasurement(ctx context.Context, projectID, kpiID, userID int64, in app.MeasurementInput) (app.Measurement, error) {
	var id int64
	err := s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO kpi_measurements (kpi_id, measured_on, value, note, recorded_by, created_at)
			SELECT id, ?, ?, ?, ?, ? FROM kpis WHERE id = ? AND project_id = ? RETURNING id`,
			in.Date, in.Value, in.Note, nullID(userID), time.Now().UTC(), kpiID, projectID).Scan(&id)
		if err != nil {
			return notFound(err, "err.kpi_not_found")
		}
		return auditObject(ctx, c, app.AuditProjectMeasurementAdd, kindProject, projectID, nil,
			map[string]any{"kpi_id": kpiID, "measurement_id": id, "measurement": in})
	})
	if err != nil {
		return app.Measurement{}, err
	}
	return app.Measurement{ID: id, Date: in.Date, Value: in.Value, Note: in.Note, RecordedBy: app.UserRef{ID: userID}}, nil
}
