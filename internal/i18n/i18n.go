// Package i18n holds the message catalogues (Swedish first, English second) and picks the
// language of a request.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"

	"golang.org/x/text/language"
)

//go:embed catalog/*.json
var files embed.FS

// Default is the platform's first language.
const Default = "sv"

// Languages the catalogues cover, the default first.
var Languages = []string{"sv", "en"}

var catalogs = func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, l := range Languages {
		b, err := files.ReadFile("catalog/" + l + ".json")
		if err != nil {
			panic(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			panic(fmt.Sprintf("i18n: %s.json: %v", l, err))
		}
		out[l] = m
	}
	return out
}()

// T translates key into lang, filling its %-verbs with args. An unknown key comes back as
// itself, which the catalogue test makes impossible for keys written in the code.
func T(lang, key string, args ...any) string {
	s, ok := catalogs[lang][key]
	if !ok {
		if s, ok = catalogs[Default][key]; !ok {
			return key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether the catalogue of lang has key.
func Has(lang, key string) bool {
	_, ok := catalogs[lang][key]
	return ok
}

// Keys returns every key of lang's catalogue.
func Keys(lang string) []string {
	keys := make([]string, 0, len(catalogs[lang]))
	for k := range catalogs[lang] {
		keys = append(keys, k)
	}
	return keys
}

var matcher = language.NewMatcher([]language.Tag{language.Swedish, language.English})

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool { return lang == "sv" || lang == "en" }

// CookieName is where a chosen language is remembered.
const CookieName = "lang"

// FromRequest picks a language: the cookie set by the language switch, then
// Accept-Language, then Swedish.
func FromRequest(r *http.Request) string {
	if c, err := r.Cookie(CookieName); err == nil && Supported(c.Value) {
		return c.Value
	}
	if h := r.Header.Get("Accept-Language"); h != "" {
		tags, _, err := language.ParseAcceptLanguage(h)
		if err == nil && len(tags) > 0 {
			_, i, conf := matcher.Match(tags...)
			if conf != language.No {
				return Languages[i]
			}
		}
	}
	return Default
}
