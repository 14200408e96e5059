package app_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// population makes n people in random organisations, none with more than half of them (so
// that a grouping without two of one organisation exists), public and private, with random
// weekdays and places, and a random history of who met recently.
func population(rng *rand.Rand, n int) ([]app.RouletteEntry, map[[2]int64]bool) {
	most := max(1, n/2) // people in one organisation at most
	orgs := max(2+rng.IntN(n), (n+most-1)/most)
	kinds := []app.OrgKind{app.KindRegion, app.KindMunicipality, app.KindCompany, app.KindCompany, app.KindAcademia}
	var people []app.RouletteEntry
	size := map[int64]int{}
	for i := range n {
		var org int64
		for {
			org = int64(1 + rng.IntN(orgs))
			if size[org] < most {
				break
			}
		}
		size[org]++
		var days []int
		for d := 1; d <= 5; d++ {
			if rng.IntN(2) == 0 {
				days = append(days, d)
			}
		}
		if days == nil {
			days = []int{1 + rng.IntN(5)}
		}
		people = append(people, app.RouletteEntry{User: app.UserRef{ID: int64(100 + i)},
			Organisation: app.OrgRef{ID: org, Kind: kinds[int(org)%len(kinds)]}, Weekdays: days, Place: app.RoulettePlaces[rng.IntN(3)]})
	}
	met := map[[2]int64]bool{}
	density := rng.Float64() * 0.6
	for i := range people {
		for j := i + 1; j < len(people); j++ {
			if rng.Float64() < density {
				met[[2]int64{people[i].User.ID, people[j].User.ID}] = true
			}
		}
	}
	return people, met
}

func metFunc(met map[[2]int64]bool) func(a, b int64) bool {
	return func(a, b int64) bool { return met[[2]int64{a, b}] || met[[2]int64{b, a}] }
}

// repeats counts the pairs within groups that met recently.
func repeats(groups [][]app.RouletteEntry, met func(a, b int64) bool) int {
	n := 0
	for _, g := range groups {
		for i := range g {
			for j := i + 1; j < len(g); j++ {
				if met(g[i].User.ID, g[j].User.ID) {
					n++
				}
			}
		}
	}
	return n
}

// fewestRepeats finds, by trying every grouping, the fewest repeats a grouping without two
// of one organisation in a group can have; -1 when there is no such grouping.
func fewestRepeats(people []app.RouletteEntry, met func(a, b int64) bool) int {
	best := -1
	var walk func(rest []app.RouletteEntry, groups [][]app.RouletteEntry, trio bool)
	walk = func(rest []app.RouletteEntry, groups [][]app.RouletteEntry, trio bool) {
		if len(rest) == 0 {
			if r := repeats(groups, met); best < 0 || r < best {
				best = r
			}
			return
		}
		first := rest[0]
		for i := 1; i < len(rest); i++ {
			if rest[i].Organisation.ID == first.Organisation.ID {
				continue
			}
			pair := []app.RouletteEntry{first, rest[i]}
			others := append(slices.Clone(rest[1:i]), rest[i+1:]...)
			walk(others, append(groups, pair), trio)
			if !trio {
				continue
			}
			for j := range others {
				if others[j].Organisation.ID == first.Organisation.ID || others[j].Organisation.ID == rest[i].Organisation.ID {
					continue
				}
				three := append(slices.Clone(pair), others[j])
				walk(append(slices.Clone(others[:j]), others[j+1:]...), append(groups, three), false)
			}
		}
	}
	walk(people, nil, len(people)%2 == 1)
	return best
}

// TestPairRouletteProperties is the roulette's property test over random populations:
// everyone who opted in is placed exactly once, in pairs and one group of three when the
// number is odd; no group holds two people of one organisation; and, checked against every
// possible grouping for small populations, no pair that met recently is put together again
// where that could have been avoided.
func TestPairRouletteProperties(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 2026))
	for run := range 300 {
		n := 2 + rng.IntN(9)
		if run%3 == 0 {
			n = 2 + rng.IntN(60)
		}
		people, history := population(rng, n)
		met := metFunc(history)
		groups := app.PairRoulette(people, met, rng)
		name := fmt.Sprintf("run %d (%d people)", run, n)

		placed := map[int64]int{}
		trios := 0
		for _, g := range groups {
			switch len(g) {
			case 2:
			case 3:
				trios++
			default:
				t.Fatalf("%s: a group of %d", name, len(g))
			}
			for i, p := range g {
				placed[p.User.ID]++
				for _, q := range g[i+1:] {
					if p.Organisation.ID == q.Organisation.ID {
						t.Fatalf("%s: %d and %d of organisation %d in one group", name, p.User.ID, q.User.ID, p.Organisation.ID)
					}
				}
			}
		}
		if len(placed) != n {
			t.Fatalf("%s: %d placed", name, len(placed))
		}
		for id, times := range placed {
			if times != 1 {
				t.Fatalf("%s: %d placed %d times", name, id, times)
			}
		}
		if trios != n%2 {
			t.Fatalf("%s: %d groups of three", name, trios)
		}
		if n <= 8 {
			if best, got := fewestRepeats(people, met), repeats(groups, met); got != best {
				t.Fatalf("%s: %d pairs met recently, but a grouping with %d exists", name, got, best)
			}
		}
	}
}

func TestPairRouletteMixesSectors(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var people []app.RouletteEntry
	for i := range 10 {
		kind := app.KindCompany
		if i%2 == 0 {
			kind = app.KindRegion
		}
		people = append(people, app.RouletteEntry{User: app.UserRef{ID: int64(i + 1)}, Organisation: app.OrgRef{ID: int64(i + 1), Kind: kind},
			Weekdays: []int{1, 2, 3}, Place: "either"})
	}
	for _, g := range app.PairRoulette(people, func(a, b int64) bool { return false }, rng) {
		if g[0].Organisation.Kind.IsPublic() == g[1].Organisation.Kind.IsPublic() {
			t.Errorf("a pair from one sector: %+v", g)
		}
	}
	if got := app.PairRoulette(people[:1], func(a, b int64) bool { return false }, rng); got != nil {
		t.Errorf("one person alone was grouped: %v", got)
	}
}

func TestFikaTime(t *testing.T) {
	monday := time.Date(2026, 11, 30, 0, 0, 0, 0, app.Zone(app.DefaultTimeZone))
	g := []app.RouletteEntry{{Weekdays: []int{2, 4}, Place: "either"}, {Weekdays: []int{4, 5}, Place: "hub"}}
	at, place := app.FikaTime(monday, g)
	if at.Format("Mon 2006-01-02 15:04 MST") != "Thu 2026-12-03 14:30 CET" || place != "hub" {
		t.Errorf("fika at %s, %s", at, place)
	}
	g[0].Place, g[1].Weekdays = "online", []int{5}
	if at, place = app.FikaTime(monday, g); at.Weekday() != time.Wednesday || place != "online" {
		t.Errorf("no common day: fika at %s, %s", at, place)
	}
}
