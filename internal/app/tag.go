package app

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Tag is one tag of the shared taxonomy. Platform admins curate the vocabulary; a need may
// also carry free tags, which show here uncurated until an admin curates, renames or merges
// them. Tags are the same regardless of case and spacing ("KOL" is "kol").
type Tag struct {
	// ID is 0 for a free tag, which only needs use.
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Curated     bool   `json:"curated"`
	// Uses is the number of needs tagged with it, whoever may see them: for admins only.
	Uses      int        `json:"uses"`
	CreatedAt *time.Time `json:"created_at"`
}

// TagInput curates a tag.
type TagInput struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

const maxTagDescriptionLen = 500

// Normalise trims the input and checks it.
func (in *TagInput) Normalise() error {
	f := FieldErrors{}
	var k string
	if in.Name, k = NormaliseTag(in.Name); k != "" {
		f.Add("name", k)
	}
	in.Description = normaliseSpace(in.Description)
	if utf8.RuneCountInString(in.Description) > maxTagDescriptionLen {
		f.Add("description", "err.too_long")
	}
	if ContainsPersonalNumber(in.Name) {
		f.Add("name", "err.personal_number")
	}
	if ContainsPersonalNumber(in.Description) {
		f.Add("description", "err.personal_number")
	}
	return f.Err()
}

// NormaliseTag trims a tag and collapses its spaces, returning a message key when it is
// empty, too long or holds a comma (the forms separate tags with commas).
func NormaliseTag(t string) (string, string) {
	t = normaliseSpace(t)
	switch {
	case t == "":
		return t, "err.required"
	case utf8.RuneCountInString(t) > maxTagLen:
		return t, "err.tag_too_long"
	case strings.Contains(t, ","):
		return t, "err.tag_comma"
	}
	return t, ""
}

// TagMerge moves every need tagged From to Into.
type TagMerge struct {
	From string `json:"from"`
	Into string `json:"into"`
}

// Normalise checks both names, and that they are two different tags.
func (m *TagMerge) Normalise() error {
	f := FieldErrors{}
	var k string
	if m.From = normaliseSpace(m.From); m.From == "" {
		f.Add("from", "err.required")
	}
	if m.Into, k = NormaliseTag(m.Into); k != "" {
		f.Add("into", k)
	}
	if len(f) == 0 && strings.ToLower(m.From) == strings.ToLower(m.Into) {
		f.Add("into", "err.tag_merge_same")
	}
	if len(f) == 0 && ContainsPersonalNumber(m.Into) {
		f.Add("into", "err.personal_number")
	}
	return f.Err()
}

// TagRename respells the tag From as To.
type TagRename struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Normalise checks both names.
func (r *TagRename) Normalise() error {
	f := FieldErrors{}
	var k string
	if r.From = normaliseSpace(r.From); r.From == "" {
		f.Add("from", "err.required")
	}
	if r.To, k = NormaliseTag(r.To); k != "" {
		f.Add("to", k)
	}
	if len(f) == 0 && ContainsPersonalNumber(r.To) {
		f.Add("to", "err.personal_number")
	}
	return f.Err()
}
