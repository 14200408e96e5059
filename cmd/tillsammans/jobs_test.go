package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/mail/mailtest"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// TestTwoInstancesSendOnce runs two instances on one PostgreSQL with a mail server and a
// webhook receiver: what either instance causes is sent once, by whichever claims it.
func TestTwoInstancesSendOnce(t *testing.T) {
	db := storetest.DSN(t, "postgres")
	mustCLI(t, password+"\n", "user", "create", "--email", "root@example.se", "--name", "Root", "--admin", "--password-stdin", "--db", db)
	token := strings.TrimSpace(mustCLI(t, "", "token", "create", "--email", "root@example.se", "--name", "test", "--db", db))

	smtp := mailtest.Start(t, nil, "", "")
	var mu sync.Mutex
	deliveries := map[string]int{}
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		deliveries[r.Header.Get("X-Tillsammans-Delivery")]++
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer receiver.Close()

	mailFlags := []string{"--smtp-addr", smtp.Addr(), "--mail-from", "Tillsammans <noreply@tillsammans.example>"}
	a, b := startServe(t, db, mailFlags...), startServe(t, db, mailFlags...)

	api := func(inst *instance, path, body string) map[string]any {
		t.Helper()
		req, _ := http.NewRequest("POST", inst.url+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		data, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s: %d %s", path, res.StatusCode, data)
		}
		var out map[string]any
		json.Unmarshal(data, &out)
		return out
	}
	number := orgNumber(900)
	org := api(a, "/api/v1/organisations", fmt.Sprintf(`{"name":"Vårdbolaget AB","kind":"company","size":"sme","org_number":%q,"country":"SE"}`, number))
	orgID := int64(org["id"].(float64))
	// The platform runs on 127.0.0.1 here, as in development: a receiver there is allowed.
	api(b, "/api/v1/webhooks", fmt.Sprintf(`{"organisation_id":%d,"url":%q,"events":["solution.created"]}`, orgID, receiver.URL+"/in"))
	const solutions = 12
	for i := range solutions {
		api([]*instance{a, b}[i%2], "/api/v1/solutions", fmt.Sprintf(`{"organisation_id":%d,"title":"Lösning %d","type":"software","trl":6,"deployment":"pilot"}`, orgID, i))
	}

	// An invitation from a page on one instance is mailed once.
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.PostForm(a.url+"/login", url.Values{"email": {"root@example.se"}, "password": {password}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %v %v", res, err)
	}
	res.Body.Close()
	res, err = client.PostForm(fmt.Sprintf("%s/organisations/%d/invitations", a.url, orgID), url.Values{"email": {"asa@vardbolaget.example"}, "role": {"supplier"}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("invite: %v %v", res, err)
	}
	res.Body.Close()

	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		n := len(deliveries)
		mu.Unlock()
		if n >= solutions && len(smtp.Messages()) >= 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 30 s: %d deliveries of %d, %d messages of 1", n, solutions, len(smtp.Messages()))
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(2 * time.Second) // two pollers' worth: a job run twice would show by now
	mu.Lock()
	defer mu.Unlock()
	if len(deliveries) != solutions {
		t.Errorf("%d deliveries, want %d", len(deliveries), solutions)
	}
	for id, n := range deliveries {
		if n != 1 {
			t.Errorf("delivery %s received %d times", id, n)
		}
	}
	msgs := smtp.Messages()
	if len(msgs) != 1 || msgs[0].To != "asa@vardbolaget.example" || !strings.Contains(msgs[0].Data, "Subject: =?utf-8?q?") {
		t.Errorf("mail = %+v", msgs)
	}
}
