package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

// TestRecordsAPI: a registrar gets a record of their organisation's need and project as
// the OpenAPI document says, with its metadata; the organisation's admin is refused, and
// a registrar of another organisation finds nothing.
func TestRecordsAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		admin, adminToken := e.person(t, "Greta", false)
		o := e.org(t, kommun("Östersunds kommun", 1), admin.ID)
		reg, regToken := e.person(t, "Rut", false)
		other, otherToken := e.person(t, "Olle", false)
		o2 := e.org(t, kommun("Bergs kommun", 2), other.ID)
		for _, m := range []struct {
			org, user int64
		}{{o.ID, reg.ID}, {o2.ID, other.ID}} {
			if err := e.store.AddRole(ctx, m.org, m.user, app.RoleRegistrar); err != nil {
				t.Fatal(err)
			}
		}
		in := app.NeedInput{Title: "Nattillsyn", Visibility: app.VisibleOrganisation}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		n, err := e.store.CreateNeed(app.WithActor(ctx, admin.ID), o.ID, admin.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		pin := app.ProjectInput{Title: "Virtuellt akutrum", Type: "pilot"}
		if err := pin.Normalise(); err != nil {
			t.Fatal(err)
		}
		p, err := e.store.CreateProject(app.WithActor(ctx, admin.ID), o.ID, admin.ID, pin)
		if err != nil {
			t.Fatal(err)
		}
		var rec app.Record
		e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/needs/%d/record", n.ID), token: regToken}).want(t, http.StatusOK, "")
		e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/needs/%d/record", n.ID), token: regToken}).decode(t, &rec)
		if rec.Kind != "need" || rec.ID != n.ID || rec.Organisation.ID != o.ID || rec.Sender.ID != admin.ID || rec.Status != "draft" ||
			rec.Received.IsZero() || len(rec.History) == 0 {
			t.Errorf("record %+v", rec)
		}
		e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/projects/%d/record", p.ID), token: regToken}).want(t, http.StatusOK, "")
		e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/needs/%d/record", n.ID), token: adminToken}).want(t, http.StatusForbidden, "forbidden")
		e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/needs/%d/record", n.ID), token: otherToken}).want(t, http.StatusNotFound, "not_found")
		e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/needs/%d/record", n.ID), req: reqInvalid}).want(t, http.StatusUnauthorized, "unauthenticated")
	})
}
