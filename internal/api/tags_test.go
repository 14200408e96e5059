package api_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

type tagJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

func (e *env) curatedTags(t *testing.T, token string) []string {
	t.Helper()
	r := e.do(t, call{method: "GET", path: "/api/v1/tags", token: token})
	r.want(t, http.StatusOK, "")
	var l struct{ Items []tagJSON }
	r.decode(t, &l)
	if l.Items == nil {
		t.Fatalf("items is null: %s", r.body)
	}
	var names []string
	for _, tg := range l.Items {
		names = append(names, tg.Name)
	}
	return names
}

func TestTags(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		w := newNeedWorld(t, e)
		in := w.input("Virtuellt akutrum i Härjedalen", app.VisibleOrganisation)
		in.Tags = []string{"distansvard", "glesbygd", "distansvård"}
		both := w.need(t, in)
		in.Tags = []string{"Distansvard"}
		one := w.need(t, in)

		// Public, and empty before anything is curated; free tags are not listed.
		if got := e.curatedTags(t, ""); len(got) != 0 {
			t.Fatalf("curated tags = %q", got)
		}
		if strings.Contains(string(e.do(t, call{method: "GET", path: "/api/v1/tags"}).body), "uses") {
			t.Error("the public list tells how many needs use a tag")
		}

		r := e.do(t, call{method: "POST", path: "/api/v1/tags", token: w.admin.token, body: `{"name":" Distansvård ","description":"Vård på distans."}`})
		r.want(t, http.StatusCreated, "")
		var tg tagJSON
		r.decode(t, &tg)
		if tg.ID == 0 || tg.Name != "Distansvård" || tg.Description != "Vård på distans." {
			t.Errorf("created = %+v", tg)
		}
		e.do(t, call{method: "POST", path: "/api/v1/tags", token: w.admin.token, body: `{"name":"ögonsjukvård"}`}).want(t, http.StatusCreated, "")
		e.do(t, call{method: "POST", path: "/api/v1/tags", token: w.admin.token, body: `{"name":"Ätstörningar"}`}).want(t, http.StatusCreated, "")
		if got := e.curatedTags(t, w.supplier.token); !slices.Equal(got, []string{"Distansvård", "Ätstörningar", "ögonsjukvård"}) {
			t.Errorf("curated tags = %q", got)
		}

		// Merge the misspelling into the curated tag.
		merge := `{"from":"DISTANSVARD","into":"distansvård"}`
		for range 2 { // and again: nothing changes
			r = e.do(t, call{method: "POST", path: "/api/v1/tags/merge", token: w.admin.token, body: merge})
			r.want(t, http.StatusOK, "")
			var m struct {
				Name    string `json:"name"`
				Curated bool   `json:"curated"`
			}
			r.decode(t, &m)
			if m.Name != "Distansvård" || !m.Curated {
				t.Errorf("merged = %+v", m)
			}
			if got := e.stored(t, both.ID).Tags; !slices.Equal(got, []string{"glesbygd", "distansvård"}) {
				t.Errorf("tags of a need with both = %q", got)
			}
			if got := e.stored(t, one.ID).Tags; !slices.Equal(got, []string{"Distansvård"}) {
				t.Errorf("tags of a need with the misspelling = %q", got)
			}
		}
		if got := e.needIDs(t, w.admin.token, "tag=distansv%C3%A5rd"); len(got) != 2 {
			t.Errorf("needs tagged distansvård = %v", got)
		}

		tests := []struct {
			name   string
			c      call
			status int
			code   string
			fields []string
		}{
			{"create as non-admin", call{method: "POST", path: "/api/v1/tags", token: w.coord.token, body: `{"name":"x"}`}, 403, "forbidden", nil},
			{"create as visitor", call{method: "POST", path: "/api/v1/tags", body: `{"name":"x"}`, req: reqInvalid}, 401, "unauthenticated", nil},
			{"create curated again", call{method: "POST", path: "/api/v1/tags", token: w.admin.token, body: `{"name":"DISTANSVÅRD"}`}, 409, "conflict", []string{"name"}},
			{"create without a name", call{method: "POST", path: "/api/v1/tags", token: w.admin.token, body: `{"name":"  "}`}, 422, "invalid", []string{"name"}},
			{"create with a comma", call{method: "POST", path: "/api/v1/tags", token: w.admin.token, body: `{"name":"a, b"}`}, 422, "invalid", []string{"name"}},
			{"create with a personnummer", call{method: "POST", path: "/api/v1/tags", token: w.admin.token, body: `{"name":"x","description":"Patient 19121212-1212"}`}, 422, "invalid", []string{"description"}},
			{"create with an unknown field", call{method: "POST", path: "/api/v1/tags", token: w.admin.token, body: `{"name":"x","curated":true}`, req: reqInvalid}, 400, "invalid", []string{"curated"}},
			{"merge as non-admin", call{method: "POST", path: "/api/v1/tags/merge", token: w.coord.token, body: merge}, 403, "forbidden", nil},
			{"merge as visitor", call{method: "POST", path: "/api/v1/tags/merge", body: merge, req: reqInvalid}, 401, "unauthenticated", nil},
			{"merge into itself", call{method: "POST", path: "/api/v1/tags/merge", token: w.admin.token, body: `{"from":"Glesbygd","into":"glesbygd"}`}, 422, "invalid", []string{"into"}},
			{"merge without from", call{method: "POST", path: "/api/v1/tags/merge", token: w.admin.token, body: `{"from":"","into":"glesbygd"}`}, 422, "invalid", []string{"from"}},
			{"merge nothing into nothing", call{method: "POST", path: "/api/v1/tags/merge", token: w.admin.token, body: `{"from":"saknas","into":"finns inte"}`}, 404, "not_found", []string{"from"}},
			{"merge with a missing field", call{method: "POST", path: "/api/v1/tags/merge", token: w.admin.token, body: `{"from":"glesbygd"}`, req: reqInvalid}, 422, "invalid", []string{"into"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e.do(t, tt.c).want(t, tt.status, tt.code, tt.fields...)
			})
		}
		if got := e.curatedTags(t, ""); len(got) != 3 {
			t.Errorf("curated tags after refused requests = %q", got)
		}
		tags, err := e.store.ListTags(context.Background())
		if err != nil || len(tags) != 4 {
			t.Errorf("tags after refused requests = %+v, %v", tags, err)
		}
	})
}
