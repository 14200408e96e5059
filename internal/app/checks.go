package app

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// The checks that several records share.

// checkTexts trims free-text fields and refuses overlong ones; "title", when present,
// follows the rule for names (required, at most 200 characters).
func checkTexts(f FieldErrors, fields map[string]*string) {
	for name, p := range fields {
		if name == "title" {
			var k string
			if *p, k = NormaliseName(*p); k != "" {
				f.Add(name, k)
			}
			continue
		}
		*p = strings.TrimSpace(*p)
		if utf8.RuneCountInString(*p) > maxTextLen {
			f.Add(name, "err.too_long")
		}
	}
}

// checkChoices normalises a list and refuses values not among allowed, with key.
func checkChoices(f FieldErrors, field string, list *[]string, allowed []string, key string) {
	*list = NormaliseTags(*list)
	for _, v := range *list {
		if !slices.Contains(allowed, v) {
			f.Add(field, key)
		}
	}
}

// checkTags normalises free tags and refuses too many or too long ones.
func checkTags(f FieldErrors, field string, list *[]string) {
	*list = NormaliseTags(*list)
	if len(*list) > maxCapabilities {
		f.Add(field, "err.too_many_tags")
	}
	for _, t := range *list {
		if utf8.RuneCountInString(t) > maxTagLen {
			f.Add(field, "err.tag_too_long")
		}
	}
}

// addFields copies the field problems of an Invalid error into f and returns any other
// error as it is.
func addFields(f FieldErrors, err error) error {
	if err == nil {
		return nil
	}
	e := AsError(err)
	if e.Code != Invalid {
		return err
	}
	for k, v := range e.Fields {
		f.Add(k, v)
	}
	return nil
}
