// Command tillsammans is the whole platform in one binary: the web server and API, and
// the commands that operate it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `Tillsammans – från behov till lösning.

Usage: tillsammans COMMAND [flags]

Commands:
  serve            start the web server and the API
  migrate          apply database migrations (--status lists them)
  user create      create an account
  token create     create a personal access token for the API
  backup           copy the database to a file, also while the server runs
  restore          fill an empty database from a backup
  audit verify     check that no entry of the audit log was changed or removed
  seed             fill the database with a synthetic dataset for load tests
  load             start the platform on a seeded database and measure it under load
  reindex          rebuild the search index of every record
  eval             measure need→solution matching on an evaluation collection
  import           import needs and solutions from JSON Lines files

Every command takes --db (env TILLSAMMANS_DB; default sqlite:tillsammans.db).
Run "tillsammans COMMAND --help" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "tillsammans:", err)
			os.Exit(1)
		}
	}
}

// run dispatches a command line; tests call it directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		return serve(ctx, rest, stdout, stderr)
	case "migrate":
		return migrate(ctx, rest, stdout, stderr)
	case "user":
		if len(rest) > 0 && rest[0] == "create" {
			return userCreate(ctx, rest[1:], stdin, stdout, stderr)
		}
		return fmt.Errorf("usage: tillsammans user create --help")
	case "token":
		if len(rest) > 0 && rest[0] == "create" {
			return tokenCreate(ctx, rest[1:], stdout, stderr)
		}
		return fmt.Errorf("usage: tillsammans token create --help")
	case "backup":
		return backup(ctx, rest, stdout, stderr)
	case "restore":
		return restore(ctx, rest, stdout, stderr)
	case "audit":
		if len(rest) > 0 && rest[0] == "verify" {
			return auditVerify(ctx, rest[1:], stdout, stderr)
		}
		return fmt.Errorf("usage: tillsammans audit verify --help")
	case "seed":
		return seedCmd(ctx, rest, stdout, stderr)
	case "load":
		return loadCmd(ctx, rest, stdout, stderr)
	case "reindex":
		return reindex(ctx, rest, stdout, stderr)
	case "eval":
		return evalCmd(ctx, rest, stdout, stderr)
	case "import":
		return importCmd(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
}
