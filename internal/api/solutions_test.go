package api_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

type solutionList struct {
	Items      []app.Solution `json:"items"`
	NextCursor *string        `json:"next_cursor"`
}

type solutionWorld struct {
	company, company2, region                app.Organisation
	orgAdmin, supplier, member, other, admin string
	regionAdmin                              string
}

func newSolutionWorld(t *testing.T, e *env) solutionWorld {
	t.Helper()
	var w solutionWorld
	anna, annaTok := e.person(t, "Anna", false)
	w.orgAdmin = annaTok
	w.company = e.org(t, app.OrganisationInput{Name: "Vårdbolaget AB", Kind: app.KindCompany, Size: app.SizeSME, OrgNumber: orgNumber(60), Country: "SE"}, anna.ID)
	sven, svenTok := e.person(t, "Sven", false)
	w.other = svenTok
	w.company2 = e.org(t, app.OrganisationInput{Name: "Konkurrenten AB", Kind: app.KindCompany, Size: app.SizeLarge, OrgNumber: orgNumber(61), Country: "SE"}, 0)
	rut, rutTok := e.person(t, "Rut", false)
	w.regionAdmin = rutTok
	w.region = e.org(t, app.OrganisationInput{Name: "Region Test", Kind: app.KindRegion, OrgNumber: orgNumber(62), Country: "SE"}, rut.ID)
	sara, saraTok := e.person(t, "Sara", false)
	w.supplier = saraTok
	mia, miaTok := e.person(t, "Mia", false)
	w.member = miaTok
	_, w.admin = e.person(t, "Admin", true)
	for _, r := range []struct {
		org, user int64
		role      app.Role
	}{{w.company.ID, sara.ID, app.RoleSupplier}, {w.company.ID, mia.ID, app.RoleMember}, {w.company2.ID, sven.ID, app.RoleSupplier}} {
		if err := e.store.AddRole(context.Background(), r.org, r.user, r.role); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func (e *env) solutionCount(t *testing.T) int {
	t.Helper()
	l, err := e.store.ListSolutions(context.Background(), app.SolutionFilter{Page: app.Page{Limit: app.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	return len(l.Items)
}

const solutionBody = `{"organisation_id":%d,"title":"Digital tillsyn","description":"**Kamera** nattetid","type":"software","tags":["tillsyn","natt"],
"target_groups":["äldre"],"care_settings":["hemtjanst"],"trl":8,"deployment":"in_use","medical_device":true,"mdr_class":"IIa","ce_marked":true,
"interoperability":["FHIR"],"hosting":"Svensk drift","data_location":"sweden","accessibility":"WCAG 2.1 AA","identity_support":["siths","bankid"],
"evidence":"Studie 2024","references":"Kommun X","secret_fields":["hosting","evidence"]%s}`

func TestSolutionsAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newSolutionWorld(t, e)
		create := func(t *testing.T, token string, org int64, extra string) result {
			t.Helper()
			c := call{method: "POST", path: "/api/v1/solutions", token: token, body: fmt.Sprintf(solutionBody, org, extra)}
			if token == "" {
				c.req = reqInvalid
			}
			return e.do(t, c)
		}
		t.Run("who may create", func(t *testing.T) {
			before := e.solutionCount(t)
			create(t, "", w.company.ID, "").want(t, 401, "unauthenticated")
			create(t, w.member, w.company.ID, "").want(t, 403, "forbidden")
			create(t, w.other, w.company.ID, "").want(t, 403, "forbidden")
			create(t, w.regionAdmin, w.company.ID, "").want(t, 403, "forbidden")
			// A region is no supplier, even for its own admin.
			create(t, w.regionAdmin, w.region.ID, "").want(t, 422, "invalid", "organisation_id")
			if got := e.solutionCount(t); got != before {
				t.Fatalf("%d solutions after refusals, want %d", got, before)
			}
		})
		r := create(t, w.supplier, w.company.ID, `,"ref":"ext-7"`)
		r.want(t, 201, "")
		var sol app.Solution
		r.decode(t, &sol)
		if r.header.Get("Location") != fmt.Sprintf("/api/v1/solutions/%d", sol.ID) || sol.Organisation.ID != w.company.ID || sol.Hosting != "Svensk drift" ||
			sol.Ref == nil || *sol.Ref != "ext-7" || !slices.Equal(sol.IdentitySupport, []string{"siths", "bankid"}) {
			t.Fatalf("created = %+v, Location %q", sol, r.header.Get("Location"))
		}
		create(t, w.orgAdmin, w.company.ID, `,"ref":"ext-7"`).want(t, 409, "conflict", "ref")
		r = create(t, w.admin, w.company.ID, "")
		r.want(t, 201, "")
		var second app.Solution
		r.decode(t, &second)

		t.Run("secret fields only for the supplier and platform admins", func(t *testing.T) {
			path := fmt.Sprintf("/api/v1/solutions/%d", sol.ID)
			for _, tc := range []struct {
				name, token string
				shown       bool
			}{{"visitor", "", false}, {"other supplier", w.other, false}, {"region", w.regionAdmin, false},
				{"member", w.member, true}, {"supplier", w.supplier, true}, {"admin", w.admin, true}} {
				var got app.Solution
				r := e.do(t, call{method: "GET", path: path, token: tc.token})
				r.want(t, 200, "")
				r.decode(t, &got)
				if shown := got.Hosting != "" && got.Evidence != ""; shown != tc.shown || got.References != "Kommun X" {
					t.Errorf("%s: %+v", tc.name, got)
				}
				var l solutionList
				r = e.do(t, call{method: "GET", path: "/api/v1/solutions?ref=ext-7", token: tc.token})
				r.want(t, 200, "")
				r.decode(t, &l)
				if len(l.Items) != 1 || (l.Items[0].Evidence != "") != tc.shown {
					t.Errorf("%s: list %+v", tc.name, l.Items)
				}
			}
		})

		t.Run("list filters and pages", func(t *testing.T) {
			var l solutionList
			e.do(t, call{method: "GET", path: "/api/v1/solutions?type=software&care_setting=hemtjanst&trl_min=8&tag=TILLSYN&limit=1"}).decode(t, &l)
			if len(l.Items) != 1 || l.NextCursor == nil {
				t.Fatalf("page 1 = %+v", l)
			}
			var l2 solutionList
			e.do(t, call{method: "GET", path: "/api/v1/solutions?type=software&care_setting=hemtjanst&trl_min=8&tag=TILLSYN&limit=1&cursor=" + *l.NextCursor}).decode(t, &l2)
			if len(l2.Items) != 1 || l2.NextCursor != nil || l2.Items[0].ID == l.Items[0].ID {
				t.Fatalf("page 2 = %+v", l2)
			}
			e.do(t, call{method: "GET", path: "/api/v1/solutions?trl_min=9"}).decode(t, &l)
			if len(l.Items) != 0 {
				t.Fatalf("trl_min=9: %+v", l.Items)
			}
			e.do(t, call{method: "GET", path: "/api/v1/solutions?type=gadget", req: reqInvalid}).want(t, 400, "invalid", "type")
			e.do(t, call{method: "GET", path: "/api/v1/solutions?trl_min=10", req: reqInvalid}).want(t, 400, "invalid", "trl_min")
			e.do(t, call{method: "GET", path: "/api/v1/solutions?cursor=x"}).want(t, 400, "invalid", "cursor")
		})

		t.Run("bad input writes nothing, in the language asked for", func(t *testing.T) {
			before := e.solutionCount(t)
			body := fmt.Sprintf(solutionBody, w.company.ID, "")
			body = strings.Replace(body, `"trl":8`, `"trl":12`, 1)
			body = strings.Replace(body, `"references":"Kommun X"`, `"references":"Ring 19121212-1212"`, 1)
			for _, lang := range []string{"sv", "en"} {
				r := e.do(t, call{method: "POST", path: "/api/v1/solutions", token: w.supplier, body: body, lang: lang})
				r.want(t, 422, "invalid", "trl", "references")
				got := r.err(t)
				if got.Fields["trl"] != i18n.T(lang, "err.trl") || got.Fields["references"] != i18n.T(lang, "err.personal_number") {
					t.Errorf("%s: %+v", lang, got)
				}
			}
			if i18n.T("sv", "err.trl") == i18n.T("en", "err.trl") || i18n.T("sv", "err.trl") == "err.trl" {
				t.Error("err.trl is not translated")
			}
			path := fmt.Sprintf("/api/v1/solutions/%d", sol.ID)
			e.do(t, call{method: "PATCH", path: path, token: w.supplier, body: `{"title":"Ny","mdr_class":"IV"}`}).want(t, 422, "invalid", "mdr_class")
			e.do(t, call{method: "PATCH", path: path, token: w.supplier, body: `{"secret_fields":["title"]}`}).want(t, 422, "invalid", "secret_fields")
			if got := e.solutionCount(t); got != before {
				t.Errorf("%d solutions, want %d", got, before)
			}
			if x, _ := e.store.Solution(context.Background(), sol.ID); x.Title != "Digital tillsyn" {
				t.Errorf("a refused change was written: %+v", x)
			}
		})

		t.Run("update and delete", func(t *testing.T) {
			path := fmt.Sprintf("/api/v1/solutions/%d", sol.ID)
			e.do(t, call{method: "PATCH", path: path, token: w.other, body: `{"title":"Stulen"}`}).want(t, 403, "forbidden")
			e.do(t, call{method: "PATCH", path: path, token: w.member, body: `{"title":"Stulen"}`}).want(t, 403, "forbidden")
			e.do(t, call{method: "PATCH", path: path, body: `{"title":"Stulen"}`, req: reqInvalid}).want(t, 401, "unauthenticated")
			var got app.Solution
			r := e.do(t, call{method: "PATCH", path: path, token: w.orgAdmin, body: `{"title":"Digital tillsyn 2","trl":9,"secret_fields":[]}`})
			r.want(t, 200, "")
			r.decode(t, &got)
			if got.Title != "Digital tillsyn 2" || got.TRL != 9 || len(got.SecretFields) != 0 || got.Hosting != "Svensk drift" || got.Ref == nil {
				t.Fatalf("patched = %+v", got)
			}
			e.do(t, call{method: "DELETE", path: path, token: w.other}).want(t, 403, "forbidden")
			e.do(t, call{method: "DELETE", path: path, token: w.supplier}).want(t, 204, "")
			e.do(t, call{method: "GET", path: path}).want(t, 404, "not_found")
			e.do(t, call{method: "DELETE", path: path, token: w.supplier}).want(t, 404, "not_found")
			e.do(t, call{method: "GET", path: "/api/v1/solutions/abc", req: reqInvalid}).want(t, 404, "not_found")
		})
	})
}
