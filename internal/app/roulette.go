package app

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// Fika roulette (spontanmöten): people opt in with the weekdays they can meet and where; a
// weekly job puts them in pairs (one group of three when the number is odd) across public
// and private organisations, never two from one organisation, avoiding people who met in
// the last RouletteRepeatWindow.

// RoulettePlaces: at the hub, online, or either.
var RoulettePlaces = []string{"hub", "online", "either"}

// RouletteRepeatWindow is how long two people who met are not put together again, where
// that can be avoided.
const RouletteRepeatWindow = 8 * 7 * 24 * time.Hour

// RouletteInput is what a person opts in with: the organisation they meet for, the
// weekdays they can (1 Monday … 5 Friday) and where.
type RouletteInput struct {
	OrgID    int64  `json:"organisation_id"`
	Weekdays []int  `json:"weekdays"`
	Place    string `json:"place"`
}

// Normalise sorts the weekdays and checks the input; the caller checks the membership.
func (in *RouletteInput) Normalise() error {
	f := FieldErrors{}
	slices.Sort(in.Weekdays)
	in.Weekdays = slices.Compact(in.Weekdays)
	if len(in.Weekdays) == 0 {
		f.Add("weekdays", "err.weekdays")
	}
	for _, d := range in.Weekdays {
		if d < 1 || d > 5 {
			f.Add("weekdays", "err.weekdays")
		}
	}
	if in.Place == "" {
		in.Place = "either"
	}
	if !slices.Contains(RoulettePlaces, in.Place) {
		f.Add("place", "err.roulette_place")
	}
	if in.OrgID < 1 {
		f.Add("organisation_id", "err.required")
	}
	return f.Err()
}

// RouletteEntry is one person in the roulette, with what pairing needs to know.
type RouletteEntry struct {
	User         UserRef `json:"user"`
	Organisation OrgRef  `json:"organisation"`
	Weekdays     []int   `json:"weekdays"`
	Place        string  `json:"place"`
}

// RouletteGroup is one week's fika: two people, or three.
type RouletteGroup struct {
	ID      int64            `json:"id"`
	Week    string           `json:"week"`
	MeetAt  time.Time        `json:"meet_at"`
	Place   string           `json:"place"` // hub or online
	Members []RouletteMember `json:"members"`
	// Answer is the viewer's: "yes" (found something to work on), "no", or "" not yet.
	Answer string `json:"answer"`
}

// RouletteMember is a person of a group.
type RouletteMember struct {
	User         UserRef `json:"user"`
	Organisation OrgRef  `json:"organisation"`
}

// RouletteFigures say how the roulette goes: groups met, and how many of the answers said
// they found something to work on.
type RouletteFigures struct {
	Participants int `json:"participants"`
	Groups       int `json:"groups"`
	Answers      int `json:"answers"`
	Found        int `json:"found"`
}

// Week names the ISO week of t, in the hub's zone: 2026-W48.
func Week(t time.Time) string {
	y, w := t.In(Zone(DefaultTimeZone)).ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

// Costs of putting two people together; pairing keeps the sum low.
const (
	costSameOrg     = 1000000 // never, when it can be avoided
	costMetRecently = 1000    // only when it cannot be avoided
	costSameSector  = 10      // the point is to meet across public and private
	costNoCommonDay = 3
	costPlaces      = 3 // one only at the hub, the other only online
)

func pairCost(a, b RouletteEntry, metRecently func(a, b int64) bool) int {
	c := 0
	if a.Organisation.ID == b.Organisation.ID {
		c += costSameOrg
	}
	if metRecently(a.User.ID, b.User.ID) {
		c += costMetRecently
	}
	if a.Organisation.Kind.IsPublic() == b.Organisation.Kind.IsPublic() {
		c += costSameSector
	}
	if !slices.ContainsFunc(a.Weekdays, func(d int) bool { return slices.Contains(b.Weekdays, d) }) {
		c += costNoCommonDay
	}
	if a.Place != b.Place && a.Place != "either" && b.Place != "either" {
		c += costPlaces
	}
	return c
}

func groupCost(g []RouletteEntry, metRecently func(a, b int64) bool) int {
	c := 0
	for i := range g {
		for j := i + 1; j < len(g); j++ {
			c += pairCost(g[i], g[j], metRecently)
		}
	}
	return c
}

// PairRoulette puts everyone in a group of two, and one of three when the number is odd;
// a single person is left for next week. It starts from a grouping with no two people of
// one organisation in a group (there is one whenever no organisation has more than half
// the people) and then swaps people between groups while that lowers the cost: people who
// met recently, the same sector, no common weekday, places that do not fit.
func PairRoulette(entries []RouletteEntry, metRecently func(a, b int64) bool, rng *rand.Rand) [][]RouletteEntry {
	n := len(entries)
	if n < 2 {
		return nil
	}
	var best [][]RouletteEntry
	bestCost := 0
	for range 4 {
		groups := spreadByOrganisation(entries, rng)
		cost := improve(groups, metRecently, rng)
		if best == nil || cost < bestCost {
			best, bestCost = groups, cost
		}
	}
	return best
}

// spreadByOrganisation deals the people, largest organisation first, round the groups, so
// that an organisation's people land in different groups.
func spreadByOrganisation(entries []RouletteEntry, rng *rand.Rand) [][]RouletteEntry {
	people := slices.Clone(entries)
	rng.Shuffle(len(people), func(i, j int) { people[i], people[j] = people[j], people[i] })
	size := map[int64]int{}
	for _, p := range people {
		size[p.Organisation.ID]++
	}
	slices.SortStableFunc(people, func(a, b RouletteEntry) int {
		return cmp.Or(cmp.Compare(size[b.Organisation.ID], size[a.Organisation.ID]), cmp.Compare(a.Organisation.ID, b.Organisation.ID))
	})
	groups := make([][]RouletteEntry, len(people)/2)
	for i, p := range people {
		groups[i%len(groups)] = append(groups[i%len(groups)], p)
	}
	return groups
}

// improve anneals: it swaps two people of different groups, keeping a swap that lowers the
// cost and, while the temperature is high, now and then one that raises it, so that it does
// not stick at the first grouping no single swap improves. It leaves groups as the best
// grouping it saw and returns its cost.
func improve(groups [][]RouletteEntry, metRecently func(a, b int64) bool, rng *rand.Rand) int {
	costs := make([]int, len(groups))
	total := 0
	for i, g := range groups {
		costs[i] = groupCost(g, metRecently)
		total += costs[i]
	}
	if len(groups) < 2 {
		return total
	}
	best, bestTotal := cloneGroups(groups), total
	steps := 400 * len(groups)
	for step := range steps {
		temperature := 2 * costMetRecently * (1 - float64(step)/float64(steps))
		gi, gj := rng.IntN(len(groups)), rng.IntN(len(groups))
		if gi == gj {
			continue
		}
		a, b := rng.IntN(len(groups[gi])), rng.IntN(len(groups[gj]))
		groups[gi][a], groups[gj][b] = groups[gj][b], groups[gi][a]
		ci, cj := groupCost(groups[gi], metRecently), groupCost(groups[gj], metRecently)
		delta := ci + cj - costs[gi] - costs[gj]
		if delta <= 0 || rng.Float64() < math.Exp(-float64(delta)/temperature) {
			total += delta
			costs[gi], costs[gj] = ci, cj
			if total < bestTotal {
				best, bestTotal = cloneGroups(groups), total
			}
			continue
		}
		groups[gi][a], groups[gj][b] = groups[gj][b], groups[gi][a]
	}
	for i := range groups {
		groups[i] = best[i]
	}
	return bestTotal
}

func cloneGroups(groups [][]RouletteEntry) [][]RouletteEntry {
	out := make([][]RouletteEntry, len(groups))
	for i, g := range groups {
		out[i] = slices.Clone(g)
	}
	return out
}

// FikaTime suggests when a group meets in the week that starts on monday: 14:30 on the first
// weekday they all can (Wednesday when there is none), for half an hour, and where: online
// when anyone can only meet online, otherwise at the hub.
func FikaTime(monday time.Time, g []RouletteEntry) (start time.Time, place string) {
	day := 3
	for d := 1; d <= 5; d++ {
		if !slices.ContainsFunc(g, func(e RouletteEntry) bool { return !slices.Contains(e.Weekdays, d) }) {
			day = d
			break
		}
	}
	place = "hub"
	if slices.ContainsFunc(g, func(e RouletteEntry) bool { return e.Place == "online" }) {
		place = "online"
	}
	loc := Zone(DefaultTimeZone)
	m := monday.In(loc)
	return time.Date(m.Year(), m.Month(), m.Day()+day-1, 14, 30, 0, 0, loc), place
}

// FikaLength is how long a roulette fika is.
const FikaLength = 30 * time.Minute
