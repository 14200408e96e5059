package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/i18n"
)

//go:embed templates
var templateFS embed.FS

// pages maps a page name to its template set: the layout, the partials and the page.
type pages map[string]*template.Template

var funcs = template.FuncMap{
	"field": newField,
	"date": func(v any) string {
		if t := timeOf(v); !t.IsZero() {
			return t.In(stockholm).Format("2006-01-02 15:04")
		}
		return ""
	},
	// inZone is a time on the wall clock of an IANA zone (an event's), with the zone's abbreviation.
	"inZone": func(v any, zone string) string {
		if t := timeOf(v); !t.IsZero() {
			return t.In(app.Zone(zone)).Format("2006-01-02 15:04 MST")
		}
		return ""
	},
	"span": app.Span,
	// weekday is the short name of the day t falls on in zone, in the page's language.
	// clock is the hour and minute of t on the hub's clock.
	"clock": func(t time.Time) string { return t.In(stockholm).Format("15:04") },
	"weekday": func(lang string, t time.Time, zone string) string {
		return i18n.T(lang, "weekday."+strings.ToLower(t.In(app.Zone(zone)).Weekday().String()[:3]))
	},
	"join": strings.Join,
	"searchParams": func() []string {
		out := make([]string, len(searchParams))
		for i, p := range searchParams {
			out[i] = p.param
		}
		return out
	},
	// matchView hands a list of suggestions and the page to the "matches" partial.
	"matchView": func(v *view, items []app.Match) matchView { return matchView{View: v, Items: items} },
	"decideView": func(v *view, needID, solutionID int64, options []option) any {
		return struct {
			View               *view
			NeedID, SolutionID int64
			Options            []option
		}{v, needID, solutionID, options}
	},
	// visitorTable is a list of visits with the page, for the visitor-table partial.
	"visitorTable": func(v *view, items []app.Visitor) any {
		return struct {
			View  *view
			Items []app.Visitor
		}{v, items}
	},
	// needMatchView adds the need page, whose owning side decides on each solution.
	"needMatchView": func(v *view, p *needPage) matchView { return matchView{View: v, Items: p.Solutions, Page: p} },
	"markdown":      markdown,
	"money":         formatMoney,
	"recordPath":    func(kind string) string { return recordPaths[kind] },
	// radarView hands the calls that fit a record and the page to the "radar" partial.
	"radarView": func(v *view, items []app.CallMatch) any {
		return struct {
			View  *view
			Items []app.CallMatch
		}{v, items}
	},
	"country": countryName,
	"directionOptions": func(v *view) []option {
		return withBlank(v, []option{{Value: app.HigherIsBetter, Label: v.T("direction.higher")}, {Value: app.LowerIsBetter, Label: v.T("direction.lower")}}, "form.choose")
	},
	"filesize": fileSize,
	// filesView hands a record's files to the "files" partial: the address they are under
	// (/needs/1/attachments), the heading's id and whether the reader may add and remove.
	"filesView": func(v *view, base, id string, list []app.Attachment, manage bool) any {
		return struct {
			View     *view
			Base, ID string
			Files    []app.Attachment
			Manage   bool
		}{v, base, id, list, manage}
	},
	// duration says how long, in days or hours, in the page's language.
	"duration": func(lang string, seconds any) string {
		var sec int64
		switch v := seconds.(type) {
		case int64:
			sec = v
		case *int64:
			if v == nil {
				return "–"
			}
			sec = *v
		}
		if sec >= 2*86400 {
			return i18n.T(lang, "dur.days", sec/86400)
		}
		return i18n.T(lang, "dur.hours", sec/3600)
	},
	// stateIndex is a state's place on the main path, for the progress bar; side states are -1.
	"stateIndex": func(st app.NeedState) int {
		for i, s := range mainPath {
			if s == st {
				return i
			}
		}
		return -1
	},
	// options puts choices on a select field and marks the chosen one.
	"options": func(f field, opts []option) field {
		f.Options = make([]option, len(opts))
		for i, o := range opts {
			o.Selected = o.Value == f.Value || (f.Type == "checkboxes" && slices.Contains(f.Values, o.Value))
			f.Options[i] = o
		}
		return f
	},
	"query": func(kv ...string) template.URL {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] != "" {
				v.Set(kv[i], kv[i+1])
			}
		}
		return template.URL(v.Encode())
	},
}

// timeOf takes a time or a pointer to one; nil is the zero time.
func timeOf(v any) time.Time {
	switch v := v.(type) {
	case time.Time:
		return v
	case *time.Time:
		if v != nil {
			return *v
		}
	}
	return time.Time{}
}

// matchView is what the "matches" partial shows.
type matchView struct {
	View  *view
	Items []app.Match
	Page  *needPage
}

// mainPath is the lifecycle from draft to spread, as the need page draws it.
var mainPath = app.NeedStates[:12]

// stockholm is the zone times are shown in: the platform's people are in Sweden and Norway.
var stockholm = func() *time.Location {
	l, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return time.UTC
	}
	return l
}()

// Today is the hub's calendar day, YYYY-MM-DD: what "today" means for a date a person enters.
func Today() string { return time.Now().In(stockholm).Format(time.DateOnly) }

func parsePages() (pages, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := pages{}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || base == "partials" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", base, err)
		}
		out[base] = t
	}
	return out, nil
}

// view is what every template gets.
type view struct {
	Lang  string
	Actor auth.Actor
	Path  string // the page's own path and query, for the language switch
	Title string // a message key
	// Heading, when set, names the page instead of Title (an organisation's name, say).
	Heading string
	Flash   string // a message key
	Form    url.Values
	Errors  map[string]string // field → message key
	Unread  int               // unread notifications, for the header
	// Feed, when set, is the Atom feed of the page's records, announced in the head.
	Feed *feedLink
	Data any
}

// feedLink names an Atom feed; Title is a message key.
type feedLink struct{ Href, Title string }

// T translates a message key into the page's language.
func (v *view) T(key string, args ...any) string { return i18n.T(v.Lang, key, args...) }

// Other is the language the switch offers.
func (v *view) Other() string {
	if v.Lang == "sv" {
		return "en"
	}
	return "sv"
}

func (s *Server) view(r *http.Request, rq *request, title string) *view {
	return &view{Lang: rq.lang, Actor: rq.actor, Unread: rq.unread, Path: r.URL.RequestURI(), Title: title, Form: url.Values{}, Errors: map[string]string{}}
}

// withFlash moves a flash message from its cookie into the view.
func (s *Server) withFlash(w http.ResponseWriter, r *http.Request, v *view) *view {
	if c, err := r.Cookie(flashCookie); err == nil && i18n.Has(i18n.Default, c.Value) {
		v.Flash = c.Value
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1})
	}
	return v
}

// formError puts an invalid input's field problems on the form view; anything else is returned.
func formError(v *view, err error) error {
	e := app.AsError(err)
	if e.Code != app.Invalid && e.Code != app.Conflict && e.Code != app.Unauthenticated && e.Code != app.RateLimited {
		return err
	}
	for f, k := range e.Fields {
		v.Errors[f] = k
	}
	switch {
	case len(e.Args) > 0:
		// A message with its particulars (the dates that clash, say) is said whole.
		v.Errors["_form"] = v.T(e.Message, e.Args...)
	case len(e.Fields) == 0:
		v.Errors["_form"] = e.Message
	}
	return nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render executes a page into a buffer first, so that a template error never leaves half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, v *view) {
	t, ok := s.pages[name]
	if !ok {
		panic("web: no page " + name)
	}
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() { buf.Reset(); bufPool.Put(buf) }()
	if err := t.ExecuteTemplate(buf, "layout", v); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// field is one form control with its label, value and problem, for the "field" partial.
type field struct {
	Name, Label, Type, Value, Error, Hint, Autocomplete string
	List                                                string // the id of a <datalist> of suggestions
	Required                                            bool
	Options                                             []option
	// Values are all the form's values of the name, for checkboxes.
	Values []string
}

type option struct {
	Value, Label string
	Selected     bool
}

// newField builds a form control from the view: field $ "name" "label.key" "type" ["required"] ["hint:key"] ["ac:autocomplete"] ["list:datalist-id"].
func newField(v *view, name, label, typ string, opts ...string) field {
	f := field{Name: name, Label: v.T(label), Type: typ, Value: v.Form.Get(name), Values: v.Form[name]}
	if k := v.Errors[name]; k != "" {
		f.Error = v.T(k)
	}
	for _, o := range opts {
		switch {
		case o == "required":
			f.Required = true
		case strings.HasPrefix(o, "hint:"):
			f.Hint = v.T(strings.TrimPrefix(o, "hint:"))
		case strings.HasPrefix(o, "ac:"):
			f.Autocomplete = strings.TrimPrefix(o, "ac:")
		case strings.HasPrefix(o, "list:"):
			f.List = strings.TrimPrefix(o, "list:")
		}
	}
	return f
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
