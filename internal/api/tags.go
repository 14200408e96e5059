package api

import (
	"net/http"

	"github.com/tillsammans/tillsammans/internal/app"
)

// The shared tag taxonomy. Everyone may read the curated tags; platform admins curate and
// merge. How many needs use each tag is not told here: the counts cover needs a caller may
// not see.

// tagJSON is a curated tag as the API shows it.
type tagJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

func tagOut(t app.Tag) tagJSON { return tagJSON{ID: t.ID, Name: t.Name, Description: t.Description} }

type tagList struct {
	Items []tagJSON `json:"items"`
}

func (s *Server) tagList(w http.ResponseWriter, r *http.Request, rq *request) error {
	tags, err := s.store.CuratedTags(r.Context())
	if err != nil {
		return err
	}
	l := tagList{Items: make([]tagJSON, len(tags))}
	for i, t := range tags {
		l.Items[i] = tagOut(t)
	}
	writeJSON(w, http.StatusOK, l)
	return nil
}

// tagCreate curates a tag, new or already used by needs as a free tag.
func (s *Server) tagCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	var in app.TagInput
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	t, err := s.store.CreateTag(r.Context(), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, tagOut(t))
	return nil
}

// tagMergeResult is what a merge answers: the tag that remains, and whether it is curated
// (a merge into a free tag that was not curated leaves it free).
type tagMergeResult struct {
	Name    string `json:"name"`
	Curated bool   `json:"curated"`
}

// tagMerge gives every need tagged from the tag into instead; merging again changes nothing.
func (s *Server) tagMerge(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := rq.actor.Require(rq.actor.CanAdminister()); err != nil {
		return err
	}
	var in app.TagMerge
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.Normalise(); err != nil {
		return err
	}
	t, err := s.store.MergeTags(r.Context(), in.From, in.Into)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, tagMergeResult{Name: t.Name, Curated: t.Curated})
	return nil
}
