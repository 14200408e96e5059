package api

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
)

// FuzzDecodeJSON feeds arbitrary bytes to decodeJSON: it must never panic, and every error
// must be a badRequest wrapping an *app.Error (answered 400) or a *http.MaxBytesError (413).
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{
		`{"name":"Östersunds kommun","kind":"municipality","org_number":"2120002411","country":"SE"}`,
		`{"name":"Vårdbolaget AB","kind":"company","size":"sme","org_number":"556000-0000","country":"se","county":"Jämtland","description":"x","capabilities":["AI","e-hälsa"]}`,
		`{"description":null,"capabilities":null}`,
		`{}`, `null`, ``, ` `, `[]`, `"x"`, `42`, `true`,
		`{"name":`, `{"name":"a"}{}`, `{"name":"a"} x`, `{"name":"a"}]`,
		`{"colour":"red"}`, `{"name":42}`, `{"capabilities":"ai"}`, `{"capabilities":["ai",7]}`, `{"capabilities":[[]]}`,
		`{"name":"\ud800"}`, "{\"name\":\"\xff\"}", `{"Name":"case"}`, `{"name":"a","name":"b"}`,
		`{"kind":{"a":1}}`, `{"size":1e400}`, `{"capabilities":{"0":"a"}}`, `{"\u0000":1}`,
		`{"owner_id":null}`, `{"owner_id":"x"}`, `{"owner_id":1e400}`, `{"owner_id":{}}`, `{"benefits":[{"kpi":5}]}`,
		`{"organisation_id":1,"title":"Behov","volume_people":"många"}`, `{"to":"validated","merged_into":"x"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p organisationPatch
		checkDecodeError(t, decodeJSON(bytes.NewReader(data), &p))
		var in app.OrganisationInput
		checkDecodeError(t, decodeJSON(bytes.NewReader(data), &in))
		var np needPatch
		checkDecodeError(t, decodeJSON(bytes.NewReader(data), &np))
		var nc needCreateBody
		checkDecodeError(t, decodeJSON(bytes.NewReader(data), &nc))
		var tr app.TransitionInput
		checkDecodeError(t, decodeJSON(bytes.NewReader(data), &tr))
		// Through a body limit, as the server reads it.
		limited := http.MaxBytesReader(httptest.NewRecorder(), io.NopCloser(bytes.NewReader(data)), 64)
		checkDecodeError(t, decodeJSON(limited, &in))
	})
}

func checkDecodeError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return
	}
	var br badRequest
	if !errors.As(err, &br) || br.err == nil {
		t.Fatalf("error %v (%T) is neither a badRequest nor a *http.MaxBytesError", err, err)
	}
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.Invalid || e.Message == "" {
		t.Fatalf("badRequest %v does not wrap an invalid *app.Error", err)
	}
	for f, k := range e.Fields {
		if k == "" {
			t.Fatalf("field %q has no message key in %v", f, err)
		}
	}
}
