// Package config reads the typed configuration of every command from flags and the
// environment (flags win), and checks it before anything starts.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// DefaultDB is the embedded database a fresh clone runs on.
const DefaultDB = "sqlite:tillsammans.db"

// DefaultFiles is the folder attachments are kept in unless --files says otherwise.
const DefaultFiles = "data/files"

// Config is what `tillsammans serve` needs; other commands use DB alone.
type Config struct {
	Addr    string
	DB      string
	Demo    bool
	BaseURL string
	// TrustProxy takes the client address from X-Forwarded-For (set it only behind a
	// proxy that overwrites the header).
	TrustProxy bool
	LogLevel   string
	// Files is the folder that keeps attachments.
	Files string
	// SMTPAddr (host:port) turns on sending mail through that server, as MailFrom,
	// authenticating as SMTPUser when set. Without it mail goes to the log and the outbox.
	SMTPAddr     string
	SMTPUser     string
	SMTPPassword string
	MailFrom     string
	// OIDCConfig is a JSON file of identity providers to sign in through (see
	// auth.OIDCProvider); none when empty.
	OIDCConfig string
	// PprofAddr, when set, serves Go's profiles (/debug/pprof/) on that address alone,
	// never on the public one.
	PprofAddr string
	// RateWrites and RateSearches cap the writes and searches one person makes a minute
	// (one address: ten times as many); 0 turns a limit off.
	RateWrites, RateSearches int
}

// Default rate limits a minute: far above what a person does by hand (a form a second,
// two searches a second while typing), well below what a script does.
const (
	DefaultRateWrites   = 60
	DefaultRateSearches = 120
)

// AddDB registers --db (env TILLSAMMANS_DB) on fs.
func AddDB(fs *flag.FlagSet, dst *string) {
	fs.StringVar(dst, "db", env("TILLSAMMANS_DB", DefaultDB), "database: sqlite:FILE or postgres://… (env TILLSAMMANS_DB)")
}

// Serve parses the flags of `serve`; help and errors go to output.
func Serve(args []string, output io.Writer) (Config, error) {
	var c Config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.Usage = usage(fs, "tillsammans serve [flags]", "Start the web server and the API; migrates the database first.")
	fs.StringVar(&c.Addr, "addr", env("TILLSAMMANS_ADDR", "127.0.0.1:8080"), "listen address (env TILLSAMMANS_ADDR)")
	AddDB(fs, &c.DB)
	fs.BoolVar(&c.Demo, "demo", false, "load the Swedish demo dataset into an empty database")
	fs.StringVar(&c.BaseURL, "base-url", env("TILLSAMMANS_BASE_URL", ""), "public URL of the platform, for links in e-mail and secure cookies (env TILLSAMMANS_BASE_URL; default http://ADDR)")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", env("TILLSAMMANS_TRUST_PROXY", "") == "true", "take the client address from X-Forwarded-For (env TILLSAMMANS_TRUST_PROXY=true)")
	fs.StringVar(&c.Files, "files", env("TILLSAMMANS_FILES", DefaultFiles), "folder that keeps attachments, relative to the working directory (env TILLSAMMANS_FILES)")
	fs.StringVar(&c.SMTPAddr, "smtp-addr", env("TILLSAMMANS_SMTP_ADDR", ""), "mail server host:port; without it mail goes to the log and /admin/outbox (env TILLSAMMANS_SMTP_ADDR)")
	fs.StringVar(&c.SMTPUser, "smtp-user", env("TILLSAMMANS_SMTP_USER", ""), "user name at the mail server, if it wants one (env TILLSAMMANS_SMTP_USER)")
	fs.StringVar(&c.SMTPPassword, "smtp-password", env("TILLSAMMANS_SMTP_PASSWORD", ""), "password at the mail server; prefer the environment, which ps does not show (env TILLSAMMANS_SMTP_PASSWORD)")
	fs.StringVar(&c.MailFrom, "mail-from", env("TILLSAMMANS_MAIL_FROM", ""), "sender of the platform's mail, e.g. 'Tillsammans <noreply@example.se>' (env TILLSAMMANS_MAIL_FROM)")
	fs.StringVar(&c.OIDCConfig, "oidc-config", env("TILLSAMMANS_OIDC_CONFIG", ""), "JSON file of OpenID Connect providers to sign in through (env TILLSAMMANS_OIDC_CONFIG; see the README)")
	fs.StringVar(&c.PprofAddr, "pprof-addr", env("TILLSAMMANS_PPROF_ADDR", ""), "serve Go's profiles at /debug/pprof/ on this address, e.g. 127.0.0.1:6060; off when empty (env TILLSAMMANS_PPROF_ADDR)")
	fs.StringVar(&c.LogLevel, "log-level", env("TILLSAMMANS_LOG_LEVEL", "info"), "debug, info, warn or error (env TILLSAMMANS_LOG_LEVEL)")
	rateWrites := env("TILLSAMMANS_RATE_WRITES", fmt.Sprint(DefaultRateWrites))
	rateSearches := env("TILLSAMMANS_RATE_SEARCHES", fmt.Sprint(DefaultRateSearches))
	fs.StringVar(&rateWrites, "rate-writes", rateWrites, "writes one person may make a minute, ten times as many one address; 0 is no limit (env TILLSAMMANS_RATE_WRITES)")
	fs.StringVar(&rateSearches, "rate-searches", rateSearches, "searches one person may make a minute, ten times as many one address; 0 is no limit (env TILLSAMMANS_RATE_SEARCHES)")
	if err := Parse(fs, args); err != nil {
		return c, err
	}
	var errs []error
	for _, r := range []struct {
		flag, v string
		dst     *int
	}{{"--rate-writes", rateWrites, &c.RateWrites}, {"--rate-searches", rateSearches, &c.RateSearches}} {
		if n, err := strconv.Atoi(r.v); err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("%s %q: want a whole number, 0 or more", r.flag, r.v))
		} else {
			*r.dst = n
		}
	}
	if len(errs) > 0 {
		return c, errors.Join(errs...)
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	return c, c.Validate()
}

// Validate checks the values together.
func (c Config) Validate() error {
	var errs []error
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("--base-url %q: want http(s)://host[:port]", c.BaseURL))
	}
	if !strings.HasPrefix(c.DB, "sqlite:") && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") {
		errs = append(errs, fmt.Errorf("--db %q: want sqlite:FILE or postgres://…", c.DB))
	}
	if strings.TrimSpace(c.Files) == "" {
		errs = append(errs, errors.New("--files: want a folder"))
	}
	errs = append(errs, c.validateSMTP()...)
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("--log-level %q: want debug, info, warn or error", c.LogLevel))
	}
	return errors.Join(errs...)
}

// LoopbackWebhooks reports whether webhooks may post to this machine, over plain http too:
// only when the platform itself is served on it (a base URL on localhost or a loopback
// address), as in development.
func (c Config) LoopbackWebhooks() bool {
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return false
	}
	if ip := net.ParseIP(u.Hostname()); ip != nil {
		return ip.IsLoopback()
	}
	return u.Hostname() == "localhost"
}

func (c Config) validateSMTP() []error {
	var errs []error
	if c.SMTPAddr == "" {
		for flag, v := range map[string]string{"--smtp-user": c.SMTPUser, "--smtp-password": c.SMTPPassword, "--mail-from": c.MailFrom} {
			if v != "" {
				errs = append(errs, fmt.Errorf("%s: needs --smtp-addr", flag))
			}
		}
		return errs
	}
	if host, port, err := net.SplitHostPort(c.SMTPAddr); err != nil || host == "" || port == "" {
		errs = append(errs, fmt.Errorf("--smtp-addr %q: want host:port", c.SMTPAddr))
	}
	if _, err := mail.ParseAddress(c.MailFrom); err != nil {
		errs = append(errs, fmt.Errorf("--mail-from %q: want an address such as 'Tillsammans <noreply@example.se>'", c.MailFrom))
	}
	if (c.SMTPUser == "") != (c.SMTPPassword == "") {
		errs = append(errs, errors.New("--smtp-user and --smtp-password: give both or neither"))
	}
	return errs
}

// Parse parses args and refuses stray positional arguments.
func Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// usage prints a synopsis, a sentence and the flags.
func usage(fs *flag.FlagSet, synopsis, about string) func() {
	return func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\n%s\n\nFlags:\n", synopsis, about)
		fs.PrintDefaults()
	}
}

// Usage sets fs's help text.
func Usage(fs *flag.FlagSet, synopsis, about string) { fs.Usage = usage(fs, synopsis, about) }

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}
