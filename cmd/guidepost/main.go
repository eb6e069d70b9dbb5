// Command guidepost builds, checks and serves guidepost sites: Markdown
// guidance and interactive decision guides published as a static site.
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

// command is one subcommand of the CLI.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"build", "build the site into an output folder", runBuild},
	{"check", "check the site without writing anything", runCheck},
	{"serve", "serve the site with live reload while you write", runServe},
	{"new", "create a site, a page or a decision tree to start from", runNew},
	{"import", "copy a Hugo, Jekyll or MkDocs site into a new guidepost site", runImport},
	{"version", "print the version", runVersion},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first Ctrl-C or SIGTERM asks the command to stop cleanly;
		// from then on signals kill the program at once, as usual.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// errUsage marks an error whose message was already printed with usage.
var errUsage = errors.New("usage")

// errSilent marks a failure whose details were already printed.
var errSilent = errors.New("failed")

// errInterrupted marks a command stopped by Ctrl-C or SIGTERM, which
// exits 130 as shells expect.
var errInterrupted = errors.New("interrupted")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		case errors.Is(err, errSilent):
			return 1
		case errors.Is(err, errInterrupted):
			return 130
		case errors.Is(err, errPermissive):
			return 2
		default:
			fmt.Fprintf(stderr, "guidepost %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "guidepost: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "guidepost publishes medical-guidance knowledge bases with decision guides.")
	fmt.Fprintln(w, "\nUsage: guidepost <command> [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'guidepost <command> --help' for a command's flags.")
}

// newFlags returns a FlagSet whose --help prints a usage line and the flags.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: guidepost %s [flags]\n\n%s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and rejects stray arguments. A request for help
// prints the usage to stdout, since it is the output asked for.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			out := fs.Output()
			fs.SetOutput(stdout)
			fs.Usage()
			fs.SetOutput(out)
			return flag.ErrHelp
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}
