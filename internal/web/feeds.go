package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

// Atom feeds (RFC 4287) of what anyone may read, for feed readers and for other sites of
// the region. A feed answers as a visitor sees, whoever asks, so that one answer serves
// every reader; its words follow the request's language.

// feedSize is how many of the newest records a feed holds.
const feedSize = 50

// summaryLength bounds an entry's summary, in characters; the link leads to the rest.
const summaryLength = 400

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
	// modified is when the newest entry changed.
	modified time.Time
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Author     atomPerson     `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// atomText is plain text: readers show it as it is and never run it as HTML.
type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// needFeed holds the newest public needs: published to everyone and submitted, through the
// same visibility predicate as every list (a visitor's viewer), so that a draft or a need
// for some organisations only never appears.
func (s *Server) needFeed(w http.ResponseWriter, r *http.Request, rq *request) error {
	l, err := s.store.ListNeeds(r.Context(), app.Viewer{}, app.NeedFilter{Sort: "newest", Page: app.Page{Limit: feedSize}})
	if err != nil {
		return err
	}
	f := s.newFeed(rq.lang, "needs", "need.feed_title", "need.feed_subtitle")
	for _, n := range l.Items {
		text := n.HowMightWe
		if text == "" {
			text = n.Problem
		}
		cats := []atomCategory{{Term: string(n.State), Label: i18n.T(rq.lang, "state."+string(n.State))}}
		s.addEntry(&f, "needs", n.ID, n.Title, n.Organisation.Name, n.SubmittedAt, n.UpdatedAt, text, cats, n.Tags)
	}
	return s.serveFeed(w, r, f)
}

// solutionFeed holds the newest solutions. Solutions are public, but the fields their
// suppliers mark as business secret are hidden as from any visitor, by the same policy.
func (s *Server) solutionFeed(w http.ResponseWriter, r *http.Request, rq *request) error {
	l, err := s.store.ListSolutions(r.Context(), app.SolutionFilter{Sort: "newest", Page: app.Page{Limit: feedSize}})
	if err != nil {
		return err
	}
	f := s.newFeed(rq.lang, "solutions", "solution.feed_title", "solution.feed_subtitle")
	var visitor auth.Actor
	for _, x := range l.Items {
		x = visitor.SolutionView(x)
		cats := []atomCategory{{Term: x.Type, Label: i18n.T(rq.lang, "solution_type."+x.Type)}}
		s.addEntry(&f, "solutions", x.ID, x.Title, x.Organisation.Name, &x.CreatedAt, x.UpdatedAt, x.Description, cats, x.Tags)
	}
	return s.serveFeed(w, r, f)
}

func (s *Server) newFeed(lang, list, titleKey, subtitleKey string) atomFeed {
	self := s.baseURL.JoinPath("feeds", list+".atom").String()
	return atomFeed{Lang: lang, ID: self, Title: i18n.T(lang, titleKey), Subtitle: i18n.T(lang, subtitleKey),
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: s.baseURL.JoinPath(list).String()}},
		Author: atomPerson{Name: "Tillsammans"}}
}

// addEntry adds one record: its page's absolute address is its id, its text a plain summary.
func (s *Server) addEntry(f *atomFeed, kind string, id int64, title, author string, published *time.Time, updated time.Time, text string,
	cats []atomCategory, tags []string) {
	link := s.link(kind, id)
	e := atomEntry{ID: link, Title: title, Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: link}},
		Updated: atomTime(updated), Author: atomPerson{Name: author}, Categories: cats}
	if published != nil {
		e.Published = atomTime(*published)
	}
	for _, t := range tags {
		e.Categories = append(e.Categories, atomCategory{Term: t})
	}
	if summary := plainText(text, summaryLength); summary != "" {
		e.Summary = &atomText{Type: "text", Text: summary}
	}
	f.Entries = append(f.Entries, e)
	if updated.After(f.modified) {
		f.modified = updated
	}
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// serveFeed answers with the feed, or 304 Not Modified to a reader that has it. The ETag
// is the hash of the document, so it changes with anything in it, a need that left the
// public included; Last-Modified is the newest entry's time, which such a removal does not
// move, so readers should send If-None-Match, which wins over If-Modified-Since.
func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request, f atomFeed) error {
	f.Updated = atomTime(f.modified)
	if f.modified.IsZero() {
		f.Updated = atomTime(time.Unix(0, 0)) // a feed must say when; one without entries never changed
	}
	body, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	body = append([]byte(xml.Header), body...)
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("Content-Type", "application/atom+xml; charset=utf-8")
	h.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	// Readers may keep the feed but must ask again each time; the ETag makes asking cheap.
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", f.modified, bytes.NewReader(body))
	return nil
}
