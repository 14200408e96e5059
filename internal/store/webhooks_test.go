package store_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

var allEvents = app.WebhookEvents

func mustWebhook(t *testing.T, s *store.Store, org, creator int64, events ...app.WebhookEvent) app.Webhook {
	t.Helper()
	in := app.WebhookInput{URL: fmt.Sprintf("https://hooks.example/%d", org), Events: events}
	if err := in.Normalise(false); err != nil {
		t.Fatalf("webhook input: %v", err)
	}
	w, err := s.CreateWebhook(ctx, org, creator, in, "whsec_test")
	if err != nil {
		t.Fatalf("create webhook: %v", err)
	}
	return w
}

// sent lists the events enqueued for an organisation's webhooks, oldest first, as
// "event need-title" or "event from→to".
func sent(t *testing.T, s *store.Store, org int64) []string {
	t.Helper()
	ds, err := s.WebhookDeliveries(ctx, org, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(ds) - 1; i >= 0; i-- {
		m, err := s.StartWebhookDelivery(ctx, ds[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		var b struct {
			Event string
			Data  struct {
				Need     struct{ Title string }
				From, To string
				Solution struct{ Title string }
			}
		}
		if err := json.Unmarshal(m.Body, &b); err != nil {
			t.Fatal(err)
		}
		switch {
		case b.Data.From != "":
			out = append(out, fmt.Sprintf("%s %s %s→%s", b.Event, b.Data.Need.Title, b.Data.From, b.Data.To))
		case b.Data.Need.Title != "":
			out = append(out, b.Event+" "+b.Data.Need.Title)
		default:
			out = append(out, b.Event+" "+b.Data.Solution.Title)
		}
	}
	return out
}

func TestWebhooksRegister(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "anna@region.example", "Anna")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
		kommun := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", 0)
		w := mustWebhook(t, s, region.ID, u.ID, app.EventSolutionCreated, app.EventNeedPublished)
		if w.Organisation.Name != region.Name || w.CreatedBy == nil || w.CreatedBy.Name != "Anna" || w.URL != fmt.Sprintf("https://hooks.example/%d", region.ID) ||
			!slices.Equal(w.Events, []app.WebhookEvent{app.EventNeedPublished, app.EventSolutionCreated}) {
			t.Fatalf("created = %+v", w)
		}
		k := mustWebhook(t, s, kommun.ID, 0, app.EventNeedTransitioned)
		if k.CreatedBy != nil {
			t.Errorf("created by nobody = %+v", k.CreatedBy)
		}
		list := func(f app.WebhookFilter) []int64 {
			t.Helper()
			l, err := s.ListWebhooks(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, x := range l.Items {
				ids = append(ids, x.ID)
			}
			return ids
		}
		if got := list(app.WebhookFilter{OrgIDs: []int64{region.ID}}); !slices.Equal(got, []int64{w.ID}) {
			t.Errorf("region's webhooks = %v", got)
		}
		if got := list(app.WebhookFilter{AllOrgs: true}); !slices.Equal(got, []int64{k.ID, w.ID}) {
			t.Errorf("every webhook = %v", got)
		}
		if got := list(app.WebhookFilter{}); len(got) != 0 {
			t.Errorf("no organisation given, but listed %v", got)
		}
		for range app.MaxWebhooks - 1 {
			mustWebhook(t, s, region.ID, u.ID, app.EventNeedPublished)
		}
		_, err := s.CreateWebhook(ctx, region.ID, u.ID, app.WebhookInput{URL: "https://x.example", Events: allEvents}, "s")
		wantCode(t, err, app.Conflict)
		_, err = s.CreateWebhook(ctx, 424242, u.ID, app.WebhookInput{URL: "https://x.example", Events: allEvents}, "s")
		wantCode(t, err, app.Invalid)
		if err := s.DeleteWebhook(ctx, w.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.Webhook(ctx, w.ID)
		wantCode(t, err, app.NotFound)
		wantCode(t, s.DeleteWebhook(ctx, w.ID), app.NotFound)
	})
}

// TestWebhooksSeeOnlyWhatTheirOrganisationMay is the visibility rule: for every
// visibility, a need reaches only the webhooks of organisations that may see it, once it
// is submitted, and never a draft.
func TestWebhooksSeeOnlyWhatTheirOrganisationMay(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		owner := mustCreateUser(t, s, "owner@region.example", "Owner")
		admin := mustCreateUser(t, s, "admin@example.se", "Admin")
		orgs := map[string]app.Organisation{
			"owning":  mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", owner.ID),
			"partner": mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", 0),
			"coowner": mustCreateOrg(t, s, "Krokoms kommun", "212000-2395", 0),
			"other":   mustCreateOrg(t, s, "Bergs kommun", "212000-2387", 0),
		}
		for _, o := range orgs {
			// Registered by a platform admin: the webhook still sees only as its organisation.
			mustWebhook(t, s, o.ID, admin.ID, allEvents...)
		}
		// A webhook that wants only solutions hears nothing of needs.
		solutionsOnly := mustCreateOrg(t, s, "Härjedalens kommun", "212000-2460", 0)
		mustWebhook(t, s, solutionsOnly.ID, 0, app.EventSolutionCreated)

		tests := []struct {
			vis       app.Visibility
			published []string // organisations told when it is submitted
			moved     []string // organisations told when it moves on, after the co-owner joined
		}{
			{app.VisibleOrganisation, []string{"owning"}, []string{"owning", "coowner"}},
			{app.VisiblePartners, []string{"owning", "partner"}, []string{"owning", "partner", "coowner"}},
			// Shown to everyone signed in: to people on the platform, not to systems outside it.
			{app.VisibleSignedIn, []string{"owning"}, []string{"owning", "coowner"}},
			{app.VisiblePublic, []string{"owning", "partner", "coowner", "other"}, []string{"owning", "partner", "coowner", "other"}},
		}
		for _, tt := range tests {
			t.Run(string(tt.vis), func(t *testing.T) {
				before := map[string]int{}
				for name, o := range orgs {
					before[name] = len(sent(t, s, o.ID))
				}
				told := func() map[string][]string {
					out := map[string][]string{}
					for name, o := range orgs {
						if got := sent(t, s, o.ID)[before[name]:]; len(got) > 0 {
							out[name] = got
						}
					}
					return out
				}
				title := "Behov " + string(tt.vis)
				in := needInput(title, tt.vis)
				in.PartnerIDs = []int64{orgs["partner"].ID}
				n := mustNeed(t, s, orgs["owning"].ID, owner.ID, in)
				in.Title = title // an edit of a draft tells nobody either
				if err := in.Normalise(); err != nil {
					t.Fatal(err)
				}
				if _, err := s.UpdateNeed(ctx, n.ID, in); err != nil {
					t.Fatal(err)
				}
				if got := told(); len(got) != 0 {
					t.Fatalf("a draft was sent: %v", got)
				}
				n = move(t, s, n, owner.ID, app.StateSubmitted)
				want := map[string][]string{}
				for _, name := range tt.published {
					want[name] = []string{"need.published " + title}
				}
				if got := told(); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("on submission told %v, want %v", got, want)
				}
				if err := s.JoinNeed(ctx, n.ID, orgs["coowner"].ID, owner.ID, 100, 0); err != nil {
					t.Fatal(err)
				}
				move(t, s, n, owner.ID, app.StateBeingAnalysed)
				for _, name := range tt.moved {
					want[name] = append(want[name], "need.transitioned "+title+" submitted→being_analysed")
				}
				if got := told(); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("on the move told %v, want %v", got, want)
				}
			})
		}
		if got := sent(t, s, solutionsOnly.ID); len(got) != 0 {
			t.Errorf("a webhook for solutions heard of needs: %v", got)
		}

		t.Run("a draft withdrawn", func(t *testing.T) {
			n := mustNeed(t, s, orgs["owning"].ID, owner.ID, needInput("Tillbakadraget", app.VisiblePublic))
			move(t, s, n, owner.ID, app.StateWithdrawn)
			for name, o := range orgs {
				for _, e := range sent(t, s, o.ID) {
					if strings.Contains(e, "Tillbakadraget") {
						t.Errorf("%s was told of a draft withdrawn: %s", name, e)
					}
				}
			}
		})

		t.Run("visibility widened and narrowed", func(t *testing.T) {
			in := needInput("Breddas", app.VisibleOrganisation)
			n := move(t, s, mustNeed(t, s, orgs["owning"].ID, owner.ID, in), owner.ID, app.StateSubmitted)
			count := func(name string) int {
				c := 0
				for _, e := range sent(t, s, orgs[name].ID) {
					if strings.Contains(e, "Breddas") {
						c++
					}
				}
				return c
			}
			if count("other") != 0 {
				t.Fatal("told other of a need for the organisation only")
			}
			in.Visibility = app.VisiblePublic
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			if _, err := s.UpdateNeed(ctx, n.ID, in); err != nil {
				t.Fatal(err)
			}
			if count("other") != 1 || count("owning") != 1 {
				t.Fatalf("after widening: other told %d times, owning %d; want 1 and 1", count("other"), count("owning"))
			}
			// Narrowed again before the delivery went out: the worker finds it withheld.
			ds, err := s.WebhookDeliveries(ctx, orgs["other"].ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			in.Visibility = app.VisibleOrganisation
			if _, err := s.UpdateNeed(ctx, n.ID, in); err != nil {
				t.Fatal(err)
			}
			m, err := s.StartWebhookDelivery(ctx, ds[0].ID)
			if err != nil || !m.Withheld {
				t.Fatalf("delivery of a need no longer visible = %+v, %v; want withheld", m, err)
			}
			if ds, _ := s.WebhookDeliveries(ctx, orgs["other"].ID, 1); ds[0].State != app.DeliveryWithheld || ds[0].FinishedAt == nil {
				t.Errorf("delivery = %+v, want withheld", ds[0])
			}
		})

		t.Run("a refused write sends nothing", func(t *testing.T) {
			n := mustNeed(t, s, orgs["owning"].ID, owner.ID, needInput("Vägrad", app.VisibleOrganisation))
			n = move(t, s, n, owner.ID, app.StateSubmitted)
			in := needInput("Vägrad", app.VisiblePublic)
			stranger := mustCreateUser(t, s, "x@example.se", "X")
			in.OwnerID = &stranger.ID // not a member: the update is refused and rolled back
			if err := in.Normalise(); err != nil {
				t.Fatal(err)
			}
			_, err := s.UpdateNeed(ctx, n.ID, in)
			wantCode(t, err, app.Invalid)
			for _, e := range sent(t, s, orgs["other"].ID) {
				if strings.Contains(e, "Vägrad") {
					t.Errorf("told of a change that was refused: %s", e)
				}
			}
		})
	})
}

func TestWebhooksSolutionWithoutSecrets(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "anna@bolag.example", "Anna")
		company := mustCreateOrg(t, s, "Vårdbolaget AB", "556677-8899", u.ID)
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", 0)
		needsOnly := mustCreateOrg(t, s, "Östersunds kommun", "212000-2411", 0)
		// The supplier's own webhook gets no secrets either: the body leaves the platform.
		own := mustWebhook(t, s, company.ID, u.ID, app.EventSolutionCreated)
		mustWebhook(t, s, region.ID, 0, app.EventSolutionCreated, app.EventNeedPublished)
		mustWebhook(t, s, needsOnly.ID, 0, app.EventNeedPublished)
		mustSolution(t, s, company.ID, u.ID, app.SolutionInput{Title: "Ögonblick", Type: "software", TRL: 8, Hosting: "Hemlig drift",
			Evidence: "Hemlig studie", Description: "Öppen beskrivning", Tags: []string{"tillsyn"}, CareSettings: []string{"hemtjanst"},
			SecretFields: []string{"hosting", "evidence"}})
		for _, o := range []app.Organisation{company, region} {
			ds, err := s.WebhookDeliveries(ctx, o.ID, 10)
			if err != nil || len(ds) != 1 || ds[0].Event != app.EventSolutionCreated || ds[0].State != app.DeliveryPending {
				t.Fatalf("%s: deliveries = %+v, %v", o.Name, ds, err)
			}
			m, err := s.StartWebhookDelivery(ctx, ds[0].ID)
			if err != nil || m.Withheld {
				t.Fatalf("message = %+v, %v", m, err)
			}
			body := string(m.Body)
			if strings.Contains(body, "Hemlig") || !strings.Contains(body, "Öppen beskrivning") || !strings.Contains(body, `"tags":["tillsyn"]`) ||
				!strings.Contains(body, `"care_settings":["hemtjanst"]`) {
				t.Errorf("%s: body = %s", o.Name, body)
			}
		}
		if ds, _ := s.WebhookDeliveries(ctx, needsOnly.ID, 10); len(ds) != 0 {
			t.Errorf("a webhook for needs heard of a solution: %+v", ds)
		}
		// One job per delivery, each to be tried WebhookAttempts times.
		jobs, err := s.ClaimJobs(ctx, "w", []string{app.JobDeliverWebhook}, 10, time.Minute, time.Now())
		if err != nil || len(jobs) != 2 {
			t.Fatalf("jobs = %+v, %v", jobs, err)
		}
		for _, j := range jobs {
			var p app.WebhookJob
			if err := json.Unmarshal(j.Payload, &p); err != nil || p.DeliveryID == 0 || j.MaxAttempts != app.WebhookAttempts {
				t.Errorf("job = %+v (%v)", j, err)
			}
		}
		// Deleting a webhook forgets its deliveries: the worker finds nothing to send.
		ds, _ := s.WebhookDeliveries(ctx, company.ID, 1)
		if err := s.DeleteWebhook(ctx, own.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.StartWebhookDelivery(ctx, ds[0].ID)
		wantCode(t, err, app.NotFound)
	})
}

func TestWebhookAttempts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "anna@bolag.example", "Anna")
		company := mustCreateOrg(t, s, "Vårdbolaget AB", "556677-8899", u.ID)
		mustWebhook(t, s, company.ID, u.ID, app.EventSolutionCreated)
		mustSolution(t, s, company.ID, u.ID, app.SolutionInput{Title: "Armband", Type: "device", TRL: 5})
		ds, _ := s.WebhookDeliveries(ctx, company.ID, 1)
		id := ds[0].ID
		at := time.Now().Add(-time.Hour)
		if err := s.RecordWebhookAttempt(ctx, id, app.WebhookAttempt{StatusCode: 500, Error: "svar 500", Duration: 1500 * time.Millisecond, At: at}, app.DeliveryPending); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordWebhookAttempt(ctx, id, app.WebhookAttempt{StatusCode: 204, Duration: 20 * time.Millisecond, At: at.Add(time.Minute)}, app.DeliveryDelivered); err != nil {
			t.Fatal(err)
		}
		ds, err := s.WebhookDeliveries(ctx, company.ID, 10)
		if err != nil || len(ds) != 1 {
			t.Fatalf("deliveries = %+v, %v", ds, err)
		}
		d := ds[0]
		if d.State != app.DeliveryDelivered || d.FinishedAt == nil || len(d.Attempts) != 2 || d.Attempts[0].StatusCode != 500 || d.Attempts[0].Error != "svar 500" ||
			d.Attempts[0].Duration != 1500*time.Millisecond || d.Attempts[1].StatusCode != 204 || !strings.HasPrefix(d.URL, "https://hooks.example/") {
			t.Errorf("delivery = %+v", d)
		}
		// Finished deliveries are forgotten after a while; pending ones wait for their job.
		mustSolution(t, s, company.ID, u.ID, app.SolutionInput{Title: "Klocka", Type: "device", TRL: 5})
		if n, err := s.DeleteWebhookDeliveries(ctx, time.Now().Add(time.Second)); err != nil || n != 1 {
			t.Fatalf("deleted %d, %v; want the finished one", n, err)
		}
		if ds, _ := s.WebhookDeliveries(ctx, company.ID, 10); len(ds) != 1 || ds[0].State != app.DeliveryPending {
			t.Errorf("left = %+v", ds)
		}
		wantCode(t, s.RecordWebhookAttempt(ctx, 424242, app.WebhookAttempt{At: at}, app.DeliveryFailed), app.NotFound)
	})
}
