package app

import (
	"strings"
	"time"
)

// Watch is horizon scanning (bevakning): a saved search or a followed tag. New or changed
// needs and solutions that match it, and that its owner may see, notify the owner in the
// platform and in a daily e-mail digest.
type Watch struct {
	ID        int64       `json:"id"`
	Query     SearchQuery `json:"query"`
	CreatedAt time.Time   `json:"created_at"`
}

// MaxWatches is how many saved searches a person keeps.
const MaxWatches = 50

// CheckWatch is a search fit to keep: words or a tag (a followed tag is a saved search of
// one tag), and only facets that needs and solutions have.
func CheckWatch(q *SearchQuery) error {
	if err := q.Check(); err != nil {
		return err
	}
	f := FieldErrors{}
	if q.Q == "" && strings.TrimSpace(q.Tag) == "" {
		f.Add("q", "err.watch_empty")
	}
	if q.Kind == KindOrganisation || q.Kind == KindPerson {
		f.Add("type", "err.watch_type")
	}
	q.Limit = 0
	return f.Err()
}

// WatchHit is a record a watch found and told its owner of.
type WatchHit struct {
	Watch Watch
	Kind  string
	ID    int64
	Title string
	At    time.Time
}
