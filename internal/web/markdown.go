package web

import (
	"bytes"
	"html/template"

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

// markdown renders user text as sanitised HTML.
func markdown(s string) template.HTML {
	var buf bytes.Buffer
	if err := md.Convert([]byte(s), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(s))
	}
	return template.HTML(sanitiser.SanitizeBytes(buf.Bytes()))
}
