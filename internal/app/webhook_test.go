package app

import (
	"slices"
	"testing"
)

func TestWebhookInput(t *testing.T) {
	tests := []struct {
		url      string
		loopback bool
		ok       bool
	}{
		{"https://hooks.region.example/tillsammans", false, true},
		{"  https://hooks.region.example:8443/x?kund=7  ", false, true},
		{"https://10.1.2.3/intranet", false, true}, // an organisation's own network is its business
		{"http://hooks.region.example/", false, false},
		{"http://hooks.region.example/", true, false}, // plain http only to this machine
		{"http://127.0.0.1:9000/hook", false, false},
		{"http://127.0.0.1:9000/hook", true, true},
		{"http://localhost:9000/hook", true, true},
		{"http://[::1]:9000/hook", true, true},
		{"https://localhost/hook", false, false},
		{"https://127.0.0.1/hook", false, false},
		{"https://169.254.169.254/latest/meta-data", true, false}, // cloud metadata
		{"https://0.0.0.0/", true, false},
		{"https://user:pass@hooks.example/", false, false}, // credentials would show in lists
		{"https://hooks.example/#fragment", false, false},
		{"ftp://hooks.example/", false, false},
		{"hooks.example/x", false, false},
		{"https:///path", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		in := WebhookInput{URL: tt.url, Events: []WebhookEvent{EventNeedPublished}}
		err := in.Normalise(tt.loopback)
		if (err == nil) != tt.ok {
			t.Errorf("%q (loopback %v): %v, want ok %v", tt.url, tt.loopback, err, tt.ok)
		}
	}
	in := WebhookInput{URL: "https://x.example", Events: []WebhookEvent{EventSolutionCreated, EventNeedPublished, EventSolutionCreated}}
	if err := in.Normalise(false); err != nil || !slices.Equal(in.Events, []WebhookEvent{EventNeedPublished, EventSolutionCreated}) {
		t.Errorf("events = %v, %v; want the canonical order, once each", in.Events, err)
	}
	for _, events := range [][]WebhookEvent{nil, {"need.deleted"}, {EventNeedPublished, "x"}} {
		in := WebhookInput{URL: "https://x.example", Events: events}
		if err := in.Normalise(false); err == nil || AsError(err).Fields["events"] == "" {
			t.Errorf("events %v: %v, want a problem with events", events, err)
		}
	}
}
