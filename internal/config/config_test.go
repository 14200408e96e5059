package config

import (
	"io"
	"strings"
	"testing"
)

func TestServeSMTP(t *testing.T) {
	for _, k := range []string{"TILLSAMMANS_SMTP_ADDR", "TILLSAMMANS_SMTP_USER", "TILLSAMMANS_SMTP_PASSWORD", "TILLSAMMANS_MAIL_FROM"} {
		t.Setenv(k, "")
	}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		bad  string // a part of the error, or "" for none
	}{
		{"no mail server", nil, nil, ""},
		{"a server", []string{"--smtp-addr", "smtp.example.se:587", "--mail-from", "Tillsammans <noreply@example.se>"}, nil, ""},
		{"with credentials from the environment", []string{"--smtp-addr", "smtp.example.se:587", "--mail-from", "noreply@example.se"},
			map[string]string{"TILLSAMMANS_SMTP_USER": "tillsammans", "TILLSAMMANS_SMTP_PASSWORD": "hemligt"}, ""},
		{"all from the environment", nil, map[string]string{"TILLSAMMANS_SMTP_ADDR": "127.0.0.1:25", "TILLSAMMANS_MAIL_FROM": "noreply@example.se"}, ""},
		{"no sender", []string{"--smtp-addr", "smtp.example.se:587"}, nil, "--mail-from"},
		{"no port", []string{"--smtp-addr", "smtp.example.se", "--mail-from", "noreply@example.se"}, nil, "--smtp-addr"},
		{"user without password", []string{"--smtp-addr", "smtp.example.se:587", "--mail-from", "noreply@example.se", "--smtp-user", "u"}, nil, "give both"},
		{"sender without server", []string{"--mail-from", "noreply@example.se"}, nil, "needs --smtp-addr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			c, err := Serve(tt.args, io.Discard)
			switch {
			case tt.bad == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.bad != "" && (err == nil || !strings.Contains(err.Error(), tt.bad)):
				t.Fatalf("error %v, want one about %s", err, tt.bad)
			}
			if tt.env["TILLSAMMANS_SMTP_USER"] != "" && (c.SMTPUser != "tillsammans" || c.SMTPPassword != "hemligt") {
				t.Errorf("credentials from the environment: %+v", c)
			}
			if tt.env["TILLSAMMANS_SMTP_ADDR"] != "" && (c.SMTPAddr != "127.0.0.1:25" || c.MailFrom != "noreply@example.se") {
				t.Errorf("server from the environment: %+v", c)
			}
		})
	}
}

func TestLoopbackWebhooks(t *testing.T) {
	for base, want := range map[string]bool{
		"http://127.0.0.1:8080":       true,
		"http://localhost:8080":       true,
		"http://[::1]:8080":           true,
		"https://tillsammans.example": false,
		"http://10.0.0.5:8080":        false,
	} {
		if got := (Config{BaseURL: base}).LoopbackWebhooks(); got != want {
			t.Errorf("%s: %v, want %v", base, got, want)
		}
	}
}
