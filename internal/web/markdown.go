package web

import (
	"bytes"
	"html"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	md = goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Table, extension.Strikethrough))
	// sanitiser keeps what user-written text needs (paragraphs, lists, emphasis, links,
	// tables) and drops scripts, styles, images from elsewhere and event handlers.
	sanitiser = func() *bluemonday.Policy {
		p := bluemonday.UGCPolicy()
		p.RequireNoFollowOnLinks(true)
		p.AddTargetBlankToFullyQualifiedLinks(false)
		p.AllowElements("del")
		p.AllowImages() // only with the default safe attributes; the CSP stops images from elsewhere
		return p
	}()
)

// markdown renders user text as sanitised HTML. A page rendered again (after a change
// anywhere, or for another person) shows mostly the same texts, so the renderings are kept,
// up to 4 MiB of text and HTML.
func markdown(s string) template.HTML {
	if h, ok := rendered.get(s); ok {
		return h
	}
	var buf bytes.Buffer
	if err := md.Convert([]byte(s), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(s))
	}
	h := template.HTML(sanitiser.SanitizeBytes(buf.Bytes()))
	rendered.put(s, h, len(s)+len(h))
	return h
}

var rendered = keptMap[template.HTML]{budget: 4 << 20}

// textOnly strips every element, leaving the words; goldmark ends every block with a line
// break, so that words of two blocks stay apart.
var textOnly = bluemonday.StrictPolicy()

// plainText renders user text as plain words, at most limit characters, cut after a word
// with "…": for places that show no HTML, such as feed summaries.
func plainText(s string, limit int) string {
	var buf bytes.Buffer
	if err := md.Convert([]byte(s), &buf); err == nil {
		s = html.UnescapeString(textOnly.Sanitize(buf.String()))
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	cut := string([]rune(s)[:limit])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return cut + "…"
}
