// Package mailtest is a mail server for tests: it speaks enough SMTP on 127.0.0.1 to take
// messages (EHLO, STARTTLS when it has a certificate, AUTH PLAIN only after STARTTLS,
// MAIL, RCPT, DATA, QUIT) and keeps what it received.
package mailtest

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"net"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// Server is a running test mail server.
type Server struct {
	ln    net.Listener
	tls   *tls.Config // nil: no STARTTLS
	login string      // the PLAIN credentials it takes, "user\x00password"; "" takes none

	mu       sync.Mutex
	refusal  string // when set, the reply to RCPT
	received []Message
	wg       sync.WaitGroup
}

// Message is what the server received in one transaction.
type Message struct {
	From, To string
	Data     string // the message as sent, CRLF line endings, dots unstuffed
	TLS      bool   // sent after STARTTLS
	User     string // authenticated as, or ""
}

// Start runs a server until the test ends. With tlsConfig it offers STARTTLS and then
// takes user and password by AUTH PLAIN.
func Start(t testing.TB, tlsConfig *tls.Config, user, password string) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{ln: ln, tls: tlsConfig}
	if user != "" {
		s.login = user + "\x00" + password
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Go(func() { s.serve(c) })
		}
	}()
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

// Addr is the server's host:port.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Refuse makes the server answer RCPT with reply (e.g. "451 try again later"); "" accepts again.
func (s *Server) Refuse(reply string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refusal = reply
}

// Messages returns what the server received so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.received...)
}

func (s *Server) refusing() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refusal
}

func (s *Server) serve(c net.Conn) {
	defer func() { c.Close() }()
	var m Message
	rw := bufio.NewReadWriter(bufio.NewReader(c), bufio.NewWriter(c))
	reply := func(lines ...string) {
		for _, l := range lines {
			rw.WriteString(l + "\r\n")
		}
		rw.Flush()
	}
	reply("220 mailtest ESMTP")
	for {
		line, err := rw.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.TrimRight(line, "\r\n")
		verb, arg, _ := strings.Cut(cmd, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			lines := []string{"250-mailtest"}
			if s.tls != nil && !m.TLS {
				lines = append(lines, "250-STARTTLS")
			}
			if m.TLS && s.login != "" {
				lines = append(lines, "250-AUTH PLAIN")
			}
			reply(append(lines, "250 8BITMIME")...)
		case "STARTTLS":
			if s.tls == nil || m.TLS {
				reply("502 not now")
				continue
			}
			reply("220 go ahead")
			tc := tls.Server(c, s.tls)
			if err := tc.Handshake(); err != nil {
				return
			}
			c, m.TLS = tc, true
			rw = bufio.NewReadWriter(bufio.NewReader(tc), bufio.NewWriter(tc))
		case "AUTH":
			creds, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(arg, "PLAIN "))
			if !m.TLS || s.login == "" || string(creds) != "\x00"+s.login {
				reply("535 authentication failed")
				continue
			}
			m.User, _, _ = strings.Cut(s.login, "\x00")
			reply("235 ok")
		case "MAIL":
			m.From = address(arg)
			reply("250 ok")
		case "RCPT":
			if r := s.refusing(); r != "" {
				reply(r)
				continue
			}
			m.To = address(arg)
			reply("250 ok")
		case "DATA":
			reply("354 go ahead")
			var b strings.Builder
			for {
				l, err := rw.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, "."))
			}
			m.Data = b.String()
			s.mu.Lock()
			s.received = append(s.received, m)
			s.mu.Unlock()
			reply("250 queued")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

// address takes the address out of "FROM:<a@b> SIZE=…" or "TO:<a@b>".
func address(arg string) string {
	_, rest, _ := strings.Cut(arg, "<")
	a, _, _ := strings.Cut(rest, ">")
	return a
}

// TLS borrows httptest's certificate for 127.0.0.1 and returns a server's and a client's
// configuration.
func TLS(t testing.TB) (server, client *tls.Config) {
	t.Helper()
	hs := httptest.NewUnstartedServer(nil)
	hs.StartTLS()
	t.Cleanup(hs.Close)
	pool := x509.NewCertPool()
	pool.AddCert(hs.Certificate())
	return &tls.Config{Certificates: hs.TLS.Certificates}, &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
}
