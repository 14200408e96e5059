package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"os"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// SMTP sends through a mail server: STARTTLS whenever the server offers it, and the
// password only over TLS (or to the same machine).
type SMTP struct {
	Addr     string // host:port
	User     string // no authentication when empty
	Password string
	From     string // "Name <address>" or an address
	// TLS, when set, is used for STARTTLS instead of the system's roots and the host's name.
	TLS *tls.Config
}

// Timeout bounds one conversation with the server when ctx does not.
const Timeout = time.Minute

// Send delivers one message in plain UTF-8 text.
func (s *SMTP) Send(ctx context.Context, m app.Mail) error {
	from, err := mail.ParseAddress(s.From)
	if err != nil {
		return fmt.Errorf("mail: from %q: %w", s.From, err)
	}
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return fmt.Errorf("mail: to %q: %w", m.To, err)
	}
	msg, err := compose(from, to, m, time.Now())
	if err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return fmt.Errorf("mail: server %q: %w", s.Addr, err)
	}
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("mail: connect: %w", err)
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(Timeout)
	}
	conn.SetDeadline(deadline)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("mail: greeting: %w", err)
	}
	defer c.Close()
	if err := s.converse(c, host, from.Address, to.Address, msg); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	return nil
}

// HandleJob sends the message of a mail job.
func (s *SMTP) HandleJob(ctx context.Context, j app.Job) error {
	var m message
	if err := json.Unmarshal(j.Payload, &m); err != nil {
		return fmt.Errorf("mail: job %d: %w", j.ID, err)
	}
	return s.Send(ctx, app.Mail{To: m.To, Subject: m.Subject, Body: m.Body})
}

func (s *SMTP) converse(c *smtp.Client, host, from, to string, msg []byte) error {
	name, err := os.Hostname()
	if err != nil || name == "" {
		name = "localhost"
	}
	if err := c.Hello(name); err != nil {
		return err
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := s.TLS
		if cfg == nil {
			cfg = &tls.Config{ServerName: host}
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("starttls: %w", err)
		}
	}
	if s.User != "" {
		// PlainAuth refuses to send the password unencrypted to another machine.
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, host)); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	if err := c.Mail(from); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// compose writes the message: headers in ASCII (the subject as RFC 2047 encoded words)
// and the body as quoted-printable UTF-8, no line longer than 78 octets.
func compose(from, to *mail.Address, m app.Mail, now time.Time) ([]byte, error) {
	if strings.ContainsAny(to.Address+from.Address, "\r\n") {
		return nil, errors.New("mail: line break in an address")
	}
	id := make([]byte, 12)
	rand.Read(id)
	domain := from.Address[strings.LastIndexByte(from.Address, '@')+1:]
	var b bytes.Buffer
	for _, h := range [][2]string{
		{"From", from.String()},
		{"To", to.String()},
		{"Subject", mime.QEncoding.Encode("utf-8", m.Subject)},
		{"Date", now.Format(time.RFC1123Z)},
		{"Message-ID", "<" + hex.EncodeToString(id) + "@" + domain + ">"},
		{"MIME-Version", "1.0"},
		{"Content-Type", "text/plain; charset=utf-8"},
		{"Content-Transfer-Encoding", "quoted-printable"},
	} {
		writeHeader(&b, h[0], h[1])
	}
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(strings.ReplaceAll(m.Body, "\r\n", "\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeHeader folds a header at its spaces (those between encoded words, too), so that no
// line is longer than 78 octets.
func writeHeader(b *bytes.Buffer, name, value string) {
	b.WriteString(name + ":")
	line := len(name) + 1
	for _, w := range strings.Split(value, " ") {
		if line+1+len(w) > 78 {
			b.WriteString("\r\n")
			line = 0
		}
		b.WriteString(" " + w)
		line += 1 + len(w)
	}
	b.WriteString("\r\n")
}
