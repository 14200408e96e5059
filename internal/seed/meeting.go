package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

var eventTitles = []string{"Frukostseminarium om distansvård", "Workshop: välfärdsteknik i hemtjänsten", "Nätverksträff för innovationssamordnare",
	"Studiebesök på virtuella akutrummet", "Inspirationsföreläsning om AI i vården", "Dialogmöte om digital nattillsyn", "Hackathon för egenvård"}

// eventTypes are the kinds of event seeded: every kind but the market dialogue meeting,
// which belongs to a need in market scan and invites its suppliers.
var eventTypes = slices.DeleteFunc(slices.Clone(app.EventTypes), func(t string) bool { return t == "dialogue_meeting" })

// Events makes n events of the public organisations over the coming four months, and
// registers people of all of them for each, up to half its seats.
func Events(ctx context.Context, s Store, rng *rand.Rand, orgs []Org, n int, now time.Time) error {
	for i := range n {
		org := orgs[i%len(orgs)]
		day := now.Truncate(24*time.Hour).AddDate(0, 0, 1+rng.IntN(120))
		start := day.Add(time.Duration(8+rng.IntN(8)) * time.Hour)
		in := app.EventInput{Type: eventTypes[rng.IntN(len(eventTypes))], Title: eventTitles[i%len(eventTitles)] + " i " + places[rng.IntN(len(places))],
			Description: "Vi träffas för att dela erfarenheter. " + words(rng, swedish, 20+rng.IntN(30)), Start: start, End: start.Add(2 * time.Hour),
			TimeZone: "Europe/Stockholm", Address: "Kyrkgatan 12, " + places[rng.IntN(len(places))], Language: "sv",
			Capacity: 20 + rng.IntN(80), Audience: []app.Audience{app.AudiencePublic, app.AudienceSignedIn}[rng.IntN(2)]}
		if err := in.Normalise(); err != nil {
			return fmt.Errorf("seed: event %q: %w", in.Title, err)
		}
		e, err := s.CreateEvent(ctx, org.ID, org.People[0], in)
		if err != nil {
			return err
		}
		for range rng.IntN(e.Capacity/2 + 1) {
			o := orgs[rng.IntN(len(orgs))]
			person := o.People[rng.IntN(len(o.People))]
			_, err := s.Register(ctx, app.Viewer{UserID: person, OrgIDs: []int64{o.ID}}, e.ID, app.RegistrationInput{}, now)
			if err != nil && app.ErrorCode(err) != app.Conflict { // one seat each: a second draw of a person is refused
				return err
			}
		}
	}
	return nil
}

// Comments writes n comments on needs, each by a person of the need's organisation.
func Comments(ctx context.Context, s Store, rng *rand.Rand, orgs []Org, n int) error {
	type need struct{ id, org int64 }
	var needs []need
	for _, o := range orgs {
		l, err := s.ListNeeds(ctx, app.Viewer{Admin: true}, app.NeedFilter{OrgID: o.ID, Page: app.Page{Limit: app.MaxLimit}})
		if err != nil {
			return err
		}
		for _, x := range l.Items {
			needs = append(needs, need{x.ID, o.ID})
		}
	}
	people := map[int64][]int64{}
	for _, o := range orgs {
		people[o.ID] = o.People
	}
	for range min(n, 10*len(needs)) {
		x := needs[rng.IntN(len(needs))]
		by := people[x.org][rng.IntN(len(people[x.org]))]
		if _, err := s.AddComment(ctx, x.id, by, "Vi har pratat med verksamheten: "+words(rng, swedish, 10+rng.IntN(20))); err != nil {
			return err
		}
	}
	return nil
}
