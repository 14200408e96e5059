package mail_test

import (
	"context"
	"encoding/json"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	mailer "github.com/tillsammans/tillsammans/internal/mail"
	"github.com/tillsammans/tillsammans/internal/mail/mailtest"
)

const body = "Hej Åsa!\n\nDu är inbjuden till Region Jämtland Härjedalen. Länken gäller i 14 dagar:\nhttps://tillsammans.example/invitations/abc\n.\nEn rad som börjar med punkt, och en mycket lång rad som måste brytas eftersom quoted-printable inte tillåter rader över 76 tecken.\n"

func TestSMTPWithSTARTTLS(t *testing.T) {
	serverTLS, clientTLS := mailtest.TLS(t)
	srv := mailtest.Start(t, serverTLS, "tillsammans", "hemligt")
	s := &mailer.SMTP{Addr: srv.Addr(), User: "tillsammans", Password: "hemligt",
		From: "Tillsammans Östersund <noreply@tillsammans.example>", TLS: clientTLS}
	subject := "Inbjudan till Region Jämtland Härjedalen – välkommen"
	if err := s.Send(context.Background(), app.Mail{To: "asa@kommun.example", Subject: subject, Body: body}); err != nil {
		t.Fatal(err)
	}
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("received %d messages", len(got))
	}
	r := got[0]
	if !r.TLS || r.User != "tillsammans" || r.From != "noreply@tillsammans.example" || r.To != "asa@kommun.example" {
		t.Errorf("conversation: tls %v, user %q, from %q, to %q", r.TLS, r.User, r.From, r.To)
	}
	msg, err := mail.ReadMessage(strings.NewReader(r.Data))
	if err != nil {
		t.Fatalf("read message: %v\n%s", err, r.Data)
	}
	raw := msg.Header.Get("Subject")
	if !strings.HasPrefix(raw, "=?utf-8?q?") {
		t.Errorf("Subject %q is not Q-encoded", raw)
	}
	if dec, err := new(mime.WordDecoder).DecodeHeader(raw); err != nil || dec != subject {
		t.Errorf("Subject decodes to %q, %v", dec, err)
	}
	from, err := msg.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "Tillsammans Östersund" || from[0].Address != "noreply@tillsammans.example" {
		t.Errorf("From = %v, %v (raw %q)", from, err, msg.Header.Get("From"))
	}
	if to := msg.Header.Get("To"); to != "<asa@kommun.example>" {
		t.Errorf("To = %q", to)
	}
	for h, want := range map[string]string{"MIME-Version": "1.0", "Content-Type": "text/plain; charset=utf-8", "Content-Transfer-Encoding": "quoted-printable"} {
		if got := msg.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if _, err := msg.Header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	if id := msg.Header.Get("Message-ID"); !strings.HasSuffix(id, "@tillsammans.example>") {
		t.Errorf("Message-ID = %q", id)
	}
	for l := range strings.SplitSeq(r.Data, "\r\n") {
		if len(l) > 78 {
			t.Errorf("line longer than 78 octets: %q", l)
		}
	}
	text, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.ReplaceAll(string(text), "\r\n", "\n"); got != body {
		t.Errorf("body = %q, want %q", got, body)
	}
}

func TestSMTPRefusesPasswordWithoutTLS(t *testing.T) {
	srv := mailtest.Start(t, nil, "", "")
	// The server offers no STARTTLS and is another machine as far as the client can tell
	// (127.0.0.1 written as an IPv6 address): the password must not go out.
	_, port, _ := net.SplitHostPort(srv.Addr())
	s := &mailer.SMTP{Addr: "[::ffff:127.0.0.1]:" + port, User: "u", Password: "p", From: "noreply@tillsammans.example"}
	if err := s.Send(context.Background(), app.Mail{To: "a@example.se", Subject: "x", Body: "y"}); err == nil || !strings.Contains(err.Error(), "unencrypted") || len(srv.Messages()) != 0 {
		t.Fatalf("sent a password in clear: %v", err)
	}
	// Without credentials, a local relay without TLS is fine.
	s = &mailer.SMTP{Addr: srv.Addr(), From: "noreply@tillsammans.example"}
	if err := s.Send(context.Background(), app.Mail{To: "a@example.se", Subject: "Hej", Body: "y"}); err != nil {
		t.Fatal(err)
	}
	if got := srv.Messages(); len(got) != 1 || got[0].TLS {
		t.Errorf("received %+v", got)
	}
}

// TestMailJob goes the whole way: a Queue enqueues, the job's handler sends, and a
// refusal by the server fails the job so that it is retried.
func TestMailJob(t *testing.T) {
	srv := mailtest.Start(t, nil, "", "")
	q := &jobRecorder{}
	if err := (mailer.Queue{Jobs: q}).Send(context.Background(), app.Mail{To: "a@example.se", Subject: "Påminnelse", Body: "Hej"}); err != nil {
		t.Fatal(err)
	}
	if len(q.jobs) != 1 || q.jobs[0].Kind != app.JobSendMail {
		t.Fatalf("enqueued %+v", q.jobs)
	}
	payload, err := json.Marshal(q.jobs[0].Payload)
	if err != nil {
		t.Fatal(err)
	}
	s := &mailer.SMTP{Addr: srv.Addr(), From: "noreply@tillsammans.example"}
	job := app.Job{ID: 1, Kind: app.JobSendMail, Payload: payload, Attempt: 1, MaxAttempts: 5}
	srv.Refuse("451 try again later")
	if err := s.HandleJob(context.Background(), job); err == nil || !strings.Contains(err.Error(), "451") {
		t.Fatalf("a refused message: %v, want the server's 451", err)
	}
	srv.Refuse("")
	if err := s.HandleJob(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	if got := srv.Messages(); len(got) != 1 || got[0].To != "a@example.se" || !strings.Contains(got[0].Data, "=?utf-8?q?P=C3=A5minnelse?=") {
		t.Errorf("received %+v", got)
	}
}

type jobRecorder struct{ jobs []app.NewJob }

func (r *jobRecorder) EnqueueJob(ctx context.Context, j app.NewJob) (int64, error) {
	r.jobs = append(r.jobs, j)
	return int64(len(r.jobs)), nil
}
