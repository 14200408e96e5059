package api_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

type webhookList struct {
	Items      []app.Webhook `json:"items"`
	NextCursor *string       `json:"next_cursor"`
}

func TestWebhooksAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, e *env) {
		anna, annaTok := e.person(t, "Anna", false) // org_admin of the region
		region := e.org(t, app.OrganisationInput{Name: "Region Test", Kind: app.KindRegion, OrgNumber: orgNumber(70), Country: "SE"}, anna.ID)
		bo, boTok := e.person(t, "Bo", false) // org_admin of the kommun
		kommun := e.org(t, kommun("Östersunds kommun", 71), bo.ID)
		cia, ciaTok := e.person(t, "Cia", false) // coordinator in the region, no admin
		if err := e.store.AddRole(context.Background(), region.ID, cia.ID, app.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		_, rootTok := e.person(t, "Root", true)

		body := func(org int64, url string, events ...string) string {
			return fmt.Sprintf(`{"organisation_id":%d,"url":%q,"events":["%s"]}`, org, url, strings.Join(events, `","`))
		}
		create := func(t *testing.T, token, b string, req int) result {
			t.Helper()
			return e.do(t, call{method: "POST", path: "/api/v1/webhooks", token: token, body: b, req: req})
		}

		t.Run("who may register", func(t *testing.T) {
			good := body(region.ID, "https://hooks.region.example/in", "need.published")
			create(t, "", good, reqInvalid).want(t, 401, "unauthenticated")
			create(t, ciaTok, good, reqValid).want(t, 403, "forbidden")
			create(t, boTok, good, reqValid).want(t, 403, "forbidden")
		})

		var hook struct {
			app.Webhook
			Secret string `json:"secret"`
		}
		r := create(t, annaTok, body(region.ID, "https://hooks.region.example/in", "solution.created", "need.published"), reqValid)
		r.want(t, 201, "")
		r.decode(t, &hook)
		if !regexp.MustCompile(`^whsec_[A-Za-z0-9_-]{43}$`).MatchString(hook.Secret) || hook.Organisation.ID != region.ID ||
			hook.CreatedBy == nil || hook.CreatedBy.ID != anna.ID || r.header.Get("Location") != fmt.Sprintf("/api/v1/webhooks/%d", hook.ID) ||
			fmt.Sprint(hook.Events) != "[need.published solution.created]" {
			t.Fatalf("created = %+v, Location %q", hook, r.header.Get("Location"))
		}
		r = create(t, rootTok, body(kommun.ID, "https://hooks.kommun.example/", "need.transitioned"), reqValid)
		r.want(t, 201, "")
		var kommunHook app.Webhook
		r.decode(t, &kommunHook)

		t.Run("bad input", func(t *testing.T) {
			create(t, annaTok, body(region.ID, "http://hooks.region.example/in", "need.published"), reqValid).want(t, 422, "invalid", "url")
			// Plain http to this machine only in development, which this server is not.
			create(t, annaTok, body(region.ID, "http://127.0.0.1:9000/", "need.published"), reqValid).want(t, 422, "invalid", "url")
			create(t, annaTok, body(region.ID, "https://hooks.example/", "need.deleted"), reqInvalid).want(t, 422, "invalid", "events")
			create(t, annaTok, fmt.Sprintf(`{"organisation_id":%d,"url":"https://x.example","events":[]}`, region.ID), reqInvalid).want(t, 422, "invalid", "events")
			create(t, annaTok, `{"url":"https://x.example","events":["need.published"]}`, reqInvalid).want(t, 422, "invalid", "organisation_id")
			create(t, annaTok, body(region.ID, "https://x.example", "need.published")[:20], reqUnchecked).want(t, 400, "invalid")
			create(t, annaTok, `{"organisation_id":1,"url":"https://x.example","events":["need.published"],"secret":"mine"}`, reqInvalid).want(t, 400, "invalid", "secret")
			create(t, rootTok, body(424242, "https://x.example", "need.published"), reqValid).want(t, 422, "invalid", "organisation_id")
		})

		t.Run("lists", func(t *testing.T) {
			list := func(t *testing.T, token, query string) []int64 {
				t.Helper()
				r := e.do(t, call{method: "GET", path: "/api/v1/webhooks" + query, token: token})
				r.want(t, 200, "")
				if strings.Contains(string(r.body), "whsec_") {
					t.Fatalf("a list shows a secret: %s", r.body)
				}
				var l webhookList
				r.decode(t, &l)
				var ids []int64
				for _, w := range l.Items {
					ids = append(ids, w.ID)
				}
				return ids
			}
			for _, tt := range []struct {
				who, token, query string
				want              []int64
			}{
				{"the region's admin", annaTok, "", []int64{hook.ID}},
				{"the kommun's admin", boTok, "", []int64{kommunHook.ID}},
				{"a coordinator", ciaTok, "", nil},
				{"a platform admin", rootTok, "", []int64{kommunHook.ID, hook.ID}},
				{"a platform admin, one organisation", rootTok, fmt.Sprintf("?organisation_id=%d", region.ID), []int64{hook.ID}},
				{"the region's admin, paged", annaTok, fmt.Sprintf("?organisation_id=%d&limit=1", region.ID), []int64{hook.ID}},
			} {
				if got := list(t, tt.token, tt.query); fmt.Sprint(got) != fmt.Sprint(tt.want) {
					t.Errorf("%s lists %v, want %v", tt.who, got, tt.want)
				}
			}
			e.do(t, call{method: "GET", path: fmt.Sprintf("/api/v1/webhooks?organisation_id=%d", kommun.ID), token: annaTok}).want(t, 403, "forbidden")
			e.do(t, call{method: "GET", path: "/api/v1/webhooks?organisation_id=x", token: annaTok, req: reqInvalid}).want(t, 400, "invalid", "organisation_id")
			e.do(t, call{method: "GET", path: "/api/v1/webhooks", req: reqInvalid}).want(t, 401, "unauthenticated")
		})

		t.Run("one, and delete", func(t *testing.T) {
			path := fmt.Sprintf("/api/v1/webhooks/%d", hook.ID)
			r := e.do(t, call{method: "GET", path: path, token: annaTok})
			r.want(t, 200, "")
			if strings.Contains(string(r.body), "whsec_") {
				t.Fatalf("GET shows the secret: %s", r.body)
			}
			// Someone who may not manage it finds nothing there.
			for _, token := range []string{boTok, ciaTok} {
				e.do(t, call{method: "GET", path: path, token: token}).want(t, 404, "not_found")
				e.do(t, call{method: "DELETE", path: path, token: token}).want(t, 404, "not_found")
			}
			e.do(t, call{method: "DELETE", path: path, req: reqInvalid}).want(t, 401, "unauthenticated")
			e.do(t, call{method: "DELETE", path: path, token: annaTok}).want(t, 204, "")
			e.do(t, call{method: "GET", path: path, token: annaTok}).want(t, 404, "not_found")
			e.do(t, call{method: "DELETE", path: path, token: rootTok}).want(t, 404, "not_found")
			e.do(t, call{method: "DELETE", path: "/api/v1/webhooks/0", token: rootTok, req: reqInvalid}).want(t, 404, "not_found")
		})

		t.Run("at most ten per organisation", func(t *testing.T) {
			for i := range app.MaxWebhooks {
				create(t, boTok, body(kommun.ID, fmt.Sprintf("https://hooks.kommun.example/%d", i), "need.published"), reqValid)
			}
			create(t, boTok, body(kommun.ID, "https://hooks.kommun.example/more", "need.published"), reqValid).want(t, 409, "conflict")
		})
	})
}
