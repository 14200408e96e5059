package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/auth"
	"github.com/tillsammans/tillsammans/internal/config"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/store"
)

// openStore connects and migrates, for the operating commands.
func openStore(ctx context.Context, dsn string) (*store.Store, error) {
	s, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func newFlags(name, synopsis, about string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	config.Usage(fs, synopsis, about)
	var db string
	config.AddDB(fs, &db)
	return fs, &db
}

func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("migrate", "tillsammans migrate [--status] [--db DSN]", "Apply every pending migration, or list them with --status.", stderr)
	status := fs.Bool("status", false, "list migrations and whether each is applied; change nothing")
	if err := config.Parse(fs, args); err != nil {
		return err
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if !*status {
		if err := s.Migrate(ctx); err != nil {
			return err
		}
	}
	list, err := s.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	for _, m := range list {
		state := "pending"
		if m.Applied {
			state = "applied"
		}
		fmt.Fprintf(stdout, "%05d  %-8s %s\n", m.Version, state, m.Source)
	}
	return nil
}

func userCreate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, db := newFlags("user create", "tillsammans user create --email E --name N [--org ORG_ID --role ROLE] [--admin] --password-stdin",
		"Create an account. The password is read from the first line of standard input.", stderr)
	email := fs.String("email", "", "e-mail address (required)")
	name := fs.String("name", "", "full name (required)")
	orgID := fs.Int64("org", 0, "organisation id to join")
	role := fs.String("role", "", "role in --org: "+roleNames())
	admin := fs.Bool("admin", false, "make the person a platform admin")
	lang := fs.String("lang", "sv", "language: sv or en")
	pwStdin := fs.Bool("password-stdin", false, "read the password from standard input (required)")
	if err := config.Parse(fs, args); err != nil {
		return err
	}
	var problems []string
	if !*pwStdin {
		problems = append(problems, "--password-stdin is required")
	}
	if (*orgID == 0) != (*role == "") {
		problems = append(problems, "--org and --role go together")
	}
	if *role != "" && !app.Role(*role).Valid() {
		problems = append(problems, fmt.Sprintf("--role %q: want one of %s", *role, roleNames()))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	pw, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password: %w", err)
	}
	pw = strings.TrimRight(pw, "\r\n")

	s, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if *orgID != 0 {
		if _, err := s.Organisation(ctx, *orgID); err != nil {
			return fmt.Errorf("--org %d: %w", *orgID, err)
		}
	}
	u, err := auth.NewAccounts(s).SignUp(ctx, app.NewUser{Email: *email, Name: *name, Password: pw, IsAdmin: *admin, Lang: *lang})
	if err != nil {
		return cliError(err)
	}
	if *orgID != 0 {
		if err := s.AddRole(ctx, *orgID, u.ID, app.Role(*role)); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "created user %d <%s>\n", u.ID, u.Email)
	return nil
}

func tokenCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("token create", "tillsammans token create --email E --name LABEL",
		"Create a personal access token for the API and print it on standard output, once. Only its hash is stored.", stderr)
	email := fs.String("email", "", "the account's e-mail address (required)")
	name := fs.String("name", "", "a label for the token (required)")
	if err := config.Parse(fs, args); err != nil {
		return err
	}
	s, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	addr, _ := app.NormaliseEmail(*email)
	u, _, err := s.UserCredentials(ctx, addr)
	if err != nil {
		return fmt.Errorf("--email %q: no such account", *email)
	}
	secret, _, err := auth.NewAccounts(s).CreateToken(ctx, u.ID, *name)
	if err != nil {
		return cliError(err)
	}
	fmt.Fprintln(stdout, secret)
	return nil
}

func backup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("backup", "tillsammans backup --to FILE [--db DSN]",
		"Write a consistent copy of the database to FILE, also while the server runs: a SQLite file,\n"+
			"or for PostgreSQL a pg_dump archive (pg_dump must be installed).", stderr)
	to := fs.String("to", "", "file to write (must not exist)")
	if err := config.Parse(fs, args); err != nil {
		return err
	}
	if *to == "" {
		return errors.New("--to is required")
	}
	if _, err := os.Stat(*to); err == nil {
		return fmt.Errorf("--to %s: file exists", *to)
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(ctx, *to); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n", *to)
	return nil
}

func restore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("restore", "tillsammans restore --from FILE [--db DSN]",
		"Fill an empty database from a file that backup wrote (for PostgreSQL, pg_restore must be installed).\n"+
			"Everyone signs in as before, with the same passwords and tokens.", stderr)
	from := fs.String("from", "", "file that backup wrote")
	if err := config.Parse(fs, args); err != nil {
		return err
	}
	if *from == "" {
		return errors.New("--from is required")
	}
	if err := store.Restore(ctx, *db, *from); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored %s\n", *from)
	return nil
}

// auditVerify checks the audit log's hash chain from the first entry to the last.
func auditVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("audit verify", "tillsammans audit verify [--db DSN]",
		"Check that no entry of the audit log was changed or removed since it was written.", stderr)
	if err := config.Parse(fs, args); err != nil {
		return err
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("%w (after %d entries that hold)", err, n)
	}
	fmt.Fprintf(stdout, "audit log: %d entries, none changed or removed\n", n)
	return nil
}

func roleNames() string {
	names := make([]string, len(app.Roles))
	for i, r := range app.Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// cliError spells out field problems for the terminal, in English.
func cliError(err error) error {
	e := app.AsError(err)
	if len(e.Fields) == 0 {
		return err
	}
	var parts []string
	for f, k := range e.Fields {
		parts = append(parts, fmt.Sprintf("%s: %s", f, i18n.T("en", k)))
	}
	slices.Sort(parts)
	return errors.New(strings.Join(parts, "; "))
}
