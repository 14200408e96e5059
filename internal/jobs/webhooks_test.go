package jobs_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/jobs"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// receiver is a webhook receiver that answers with the statuses it is given, in turn
// (the last one from then on), and keeps every request.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	statuses []int
	got      []request
}

type request struct {
	path   string
	header http.Header
	body   []byte
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	t.Helper()
	r := &receiver{statuses: statuses}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.got = append(r.got, request{req.URL.Path, req.Header.Clone(), body})
		status := http.StatusNoContent
		if len(r.statuses) > 0 {
			status = r.statuses[0]
			if len(r.statuses) > 1 {
				r.statuses = r.statuses[1:]
			}
		}
		r.mu.Unlock()
		if status == http.StatusFound {
			w.Header().Set("Location", "/elsewhere")
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) requests() []request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got)
}

// deliverer runs webhook deliveries over s until the test ends, retrying after wait.
func deliverer(t *testing.T, s *store.Store, loopback bool, wait time.Duration) {
	t.Helper()
	k := (&jobs.Webhooks{Store: s, Client: jobs.NewWebhookClient(loopback)}).Kind()
	k.Backoff = func(int) time.Duration { return wait }
	start(t, s, map[string]jobs.Kind{app.JobDeliverWebhook: k})
}

type world struct {
	user    app.User
	orgs    map[string]app.Organisation
	webhook map[string]app.Webhook
}

var orgNumbers = map[string]string{"owning": "232100-0214", "partner": "212000-2411", "coowner": "212000-2395", "other": "212000-2387"}

// newWorld makes organisations with a webhook each, posting to url/<name>.
func newWorld(t *testing.T, s *store.Store, url string, names ...string) world {
	t.Helper()
	ctx := context.Background()
	u, err := s.CreateUser(ctx, app.NewUser{Email: "anna@region.example", Name: "Anna", Lang: "sv"}, "x")
	if err != nil {
		t.Fatal(err)
	}
	w := world{user: u, orgs: map[string]app.Organisation{}, webhook: map[string]app.Webhook{}}
	for _, name := range names {
		in := app.OrganisationInput{Name: "Organisation " + name, Kind: app.KindMunicipality, Country: "SE", OrgNumber: orgNumbers[name]}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		o, err := s.CreateOrganisation(ctx, in, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		hook := app.WebhookInput{URL: url + "/" + name, Events: app.WebhookEvents}
		if err := hook.Normalise(true); err != nil {
			t.Fatal(err)
		}
		wh, err := s.CreateWebhook(ctx, o.ID, u.ID, hook, "whsec_"+name)
		if err != nil {
			t.Fatal(err)
		}
		w.orgs[name], w.webhook[name] = o, wh
	}
	return w
}

func (w world) solution(t *testing.T, s *store.Store, title string) {
	t.Helper()
	in := app.SolutionInput{Title: title, Type: "software", TRL: 7, Hosting: "Hemlig drift", SecretFields: []string{"hosting"}}
	if err := in.Normalise(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateSolution(context.Background(), w.orgs["owning"].ID, w.user.ID, in); err != nil {
		t.Fatal(err)
	}
}

func deliveries(t *testing.T, s *store.Store, org int64) []app.WebhookDelivery {
	t.Helper()
	ds, err := s.WebhookDeliveries(context.Background(), org, 100)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestWebhookDeliverySigned(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		rcv := newReceiver(t, http.StatusNoContent)
		w := newWorld(t, s, rcv.URL, "owning")
		deliverer(t, s, true, time.Minute)
		w.solution(t, s, "Digital tillsyn")
		eventually(t, "a delivery", func() bool { return len(rcv.requests()) == 1 })
		r := rcv.requests()[0]
		mac := hmac.New(sha256.New, []byte("whsec_owning"))
		mac.Write(r.body)
		if got, want := r.header.Get("X-Tillsammans-Signature"), "sha256="+hex.EncodeToString(mac.Sum(nil)); got != want {
			t.Errorf("signature %q, want %q", got, want)
		}
		ds := deliveries(t, s, w.orgs["owning"].ID)
		if r.path != "/owning" || r.header.Get("X-Tillsammans-Event") != "solution.created" || r.header.Get("Content-Type") != "application/json" ||
			r.header.Get("X-Tillsammans-Delivery") != fmt.Sprint(ds[0].ID) {
			t.Errorf("request %s %v", r.path, r.header)
		}
		var body struct {
			Event      string
			OccurredAt time.Time `json:"occurred_at"`
			Data       struct{ Solution app.Solution }
		}
		if err := json.Unmarshal(r.body, &body); err != nil {
			t.Fatal(err)
		}
		if body.Event != "solution.created" || time.Since(body.OccurredAt) > time.Minute || body.Data.Solution.Title != "Digital tillsyn" ||
			body.Data.Solution.Hosting != "" || strings.Contains(string(r.body), "Hemlig") {
			t.Errorf("body %s", r.body)
		}
		eventually(t, "the attempt recorded", func() bool {
			d := deliveries(t, s, w.orgs["owning"].ID)[0]
			return d.State == app.DeliveryDelivered && len(d.Attempts) == 1 && d.Attempts[0].StatusCode == 204 && d.Attempts[0].Error == ""
		})
	})
}

func TestWebhookDeliveryRetried(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		// A 500, then a redirect (not followed: a failure too), then success.
		rcv := newReceiver(t, http.StatusInternalServerError, http.StatusFound, http.StatusOK)
		w := newWorld(t, s, rcv.URL, "owning")
		deliverer(t, s, true, 50*time.Millisecond)
		w.solution(t, s, "Armband")
		eventually(t, "delivered on the third attempt", func() bool {
			ds := deliveries(t, s, w.orgs["owning"].ID)
			return len(ds) == 1 && ds[0].State == app.DeliveryDelivered
		})
		got := rcv.requests()
		if len(got) != 3 {
			t.Fatalf("%d requests, want 3", len(got))
		}
		for _, r := range got[1:] {
			if string(r.body) != string(got[0].body) || r.header.Get("X-Tillsammans-Delivery") != got[0].header.Get("X-Tillsammans-Delivery") ||
				r.header.Get("X-Tillsammans-Signature") != got[0].header.Get("X-Tillsammans-Signature") || r.path != "/owning" {
				t.Errorf("a retry differs from the first attempt: %s %v", r.path, r.header)
			}
		}
		d := deliveries(t, s, w.orgs["owning"].ID)[0]
		var codes []int
		for _, a := range d.Attempts {
			codes = append(codes, a.StatusCode)
		}
		if !slices.Equal(codes, []int{500, 302, 200}) || !strings.Contains(d.Attempts[0].Error, "500") || d.Attempts[2].Error != "" {
			t.Errorf("attempts = %+v", d.Attempts)
		}
	})
}

func TestWebhookDeliveryGivesUp(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		rcv := newReceiver(t, http.StatusServiceUnavailable)
		w := newWorld(t, s, rcv.URL, "owning")
		deliverer(t, s, true, 10*time.Millisecond)
		w.solution(t, s, "Klocka")
		eventually(t, "given up", func() bool {
			ds := deliveries(t, s, w.orgs["owning"].ID)
			return len(ds) == 1 && ds[0].State == app.DeliveryFailed
		})
		if d := deliveries(t, s, w.orgs["owning"].ID)[0]; len(d.Attempts) != app.WebhookAttempts || len(rcv.requests()) != app.WebhookAttempts {
			t.Errorf("%d attempts recorded, %d received; want %d", len(d.Attempts), len(rcv.requests()), app.WebhookAttempts)
		}
	})
}

// TestWebhookRefusesLoopback: outside development a webhook may not reach this machine,
// whatever its URL says.
func TestWebhookRefusesLoopback(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	rcv := newReceiver(t)
	w := newWorld(t, s, rcv.URL, "owning")
	deliverer(t, s, false, time.Hour)
	w.solution(t, s, "Armband")
	eventually(t, "the attempt refused", func() bool {
		d := deliveries(t, s, w.orgs["owning"].ID)[0]
		return len(d.Attempts) == 1 && strings.Contains(d.Attempts[0].Error, "refused") && d.Attempts[0].StatusCode == 0
	})
	if len(rcv.requests()) != 0 {
		t.Error("a loopback webhook was posted to")
	}
}

// TestWebhookDeliversOnlyVisibleNeeds goes the whole way, for every visibility: from the
// change of a need to the requests the receivers get.
func TestWebhookDeliversOnlyVisibleNeeds(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		rcv := newReceiver(t)
		w := newWorld(t, s, rcv.URL, "owning", "partner", "coowner", "other")
		deliverer(t, s, true, time.Minute)
		want := map[string][]string{}
		for _, tt := range []struct {
			vis  app.Visibility
			seen []string
		}{
			{app.VisibleOrganisation, []string{"owning"}},
			{app.VisiblePartners, []string{"owning", "partner"}},
			{app.VisibleSignedIn, []string{"owning"}},
			{app.VisiblePublic, []string{"owning", "partner", "coowner", "other"}},
		} {
			in := app.NeedInput{Title: "Behov " + string(tt.vis), Visibility: tt.vis, PartnerIDs: []int64{w.orgs["partner"].ID},
				HowMightWe: "Hur kan vi se patienten hemma?", Problem: "Långa resor.", CareSettings: []string{"primarvard"}}
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			n, err := s.CreateNeed(ctx, w.orgs["owning"].ID, w.user.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.TransitionNeed(ctx, n.ID, app.StateDraft, w.user.ID, app.TransitionInput{To: app.StateSubmitted}); err != nil {
				t.Fatal(err)
			}
			for _, name := range tt.seen {
				want[name] = append(want[name], "need.published "+in.Title)
			}
		}
		// A draft is never sent, whatever its visibility.
		in := app.NeedInput{Title: "Utkast", Visibility: app.VisiblePublic}
		if err := in.Normalise(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateNeed(ctx, w.orgs["owning"].ID, w.user.ID, in); err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, l := range want {
			total += len(l)
		}
		eventually(t, "every delivery", func() bool { return len(rcv.requests()) >= total && len(waitingJobs(t, s, app.JobDeliverWebhook)) == 0 })
		got := map[string][]string{}
		for _, r := range rcv.requests() {
			var b struct {
				Event string
				Data  struct{ Need struct{ Title string } }
			}
			if err := json.Unmarshal(r.body, &b); err != nil {
				t.Fatal(err)
			}
			name := strings.TrimPrefix(r.path, "/")
			got[name] = append(got[name], b.Event+" "+b.Data.Need.Title)
		}
		for name := range got {
			slices.Sort(got[name])
			slices.Sort(want[name])
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("received %v, want %v", got, want)
		}
	})
}

func TestWebhookBackoff(t *testing.T) {
	for attempt, base := range []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 12 * time.Hour, 12 * time.Hour} {
		d := jobs.WebhookBackoff(attempt + 1)
		if d < base*8/10 || d > base*12/10 {
			t.Errorf("after attempt %d: wait %s, want %s ± 20 %%", attempt+1, d, base)
		}
	}
}
