// Command guidepost-bench compares guidepost with Hugo on a generated
// corpus and profiles guidepost's build.
//
// Run it from the repository:
//
//	go run ./cmd/guidepost-bench -pages 1000 -runs 5
//
// It generates N pages (prose in sections, lists, a table, a callout, two
// distinct code blocks, internal links, tags, jurisdictions, dates) as a
// guidepost site, with the repository's layouts/ and static/, and as a
// Hugo site with equivalent minimal layouts; installs Hugo and GNU time
// with apt-get when missing; builds the guidepost binary; and then builds
// both sites alternately, runs times each, under /usr/bin/time -v. It
// prints a Markdown report: median wall time, CPU time and peak RSS per
// build, guidepost/Hugo ratios, guidepost with the persistent highlight
// cache (empty, warm, one page edited), and the dev server's in-memory
// rebuilds (nothing changed, one page changed). With -profile it also
// writes CPU and allocation profiles of one in-process build and prints
// their top entries.
//
// -shape small generates many short pages in several scripts instead;
// -shape multilingual generates short pages in four languages and builds
// them twice, as one language and as translations under languages:, to
// compare the two (multilingual.go).
//
// The hidden subcommands _build and _warm are the measured processes for
// in-process builds; the harness runs them itself. The hidden subcommand
// _serve measures only the dev server's edit → reload event latency on an
// existing site, such as a corpus kept by an earlier run (it edits the
// page and puts it back):
//
//	go run ./cmd/guidepost-bench -pages 10000 -runs 0 -edits 0 -dir /tmp/gpb
//	go run ./cmd/guidepost-bench _serve -source /tmp/gpb/guidepost -page content/s50/p05000.md -edits 50 [-pause 2s] [-log server.log]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/guidepost/guidepost/internal/corpus"
)

func main() {
	if len(os.Args) > 1 {
		var err error
		switch os.Args[1] {
		case "_build":
			err = runInprocBuild(os.Args[2:], os.Stdout)
		case "_warm":
			err = runWarm(os.Args[2:], os.Stdout)
		case "_serve":
			err = runServeLatency(os.Args[2:], os.Stdout)
		default:
			err = runHarness(os.Args[1:], os.Stdout, os.Stderr)
		}
		exit(err)
	}
	exit(runHarness(nil, os.Stdout, os.Stderr))
}

func exit(err error) {
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	default:
		fmt.Fprintln(os.Stderr, "guidepost-bench:", err)
		os.Exit(1)
	}
}

// options are the harness's flags.
type options struct {
	pages, runs int
	edits       int
	dir         string
	keep        bool
	profile     string
	install     bool
	out         string
	shape       string
	hugo        bool
	syscalls    bool
	coldOnly    bool
}

func parseOptions(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("guidepost-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: go run ./cmd/guidepost-bench [flags]\n\nCompare guidepost with Hugo on a generated corpus; see docs/benchmarks.md.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	fs.IntVar(&o.pages, "pages", 1000, "regular pages in the generated corpus")
	fs.StringVar(&o.shape, "shape", "long", "`shape` of the corpus: long (pages with prose, lists, a table, code), small (many short pages in many sections and scripts) or multilingual (short pages in 4 languages, built as one language and as translations)")
	fs.BoolVar(&o.hugo, "hugo", true, "with -shape multilingual, also build the corpus with Hugo (false: guidepost only)")
	fs.BoolVar(&o.syscalls, "syscalls", false, "also count the system calls of one cold guidepost build and one Hugo build with strace -c -f (installed with apt-get when missing)")
	fs.BoolVar(&o.coldOnly, "cold-only", false, "measure only the cold guidepost build and Hugo's, and not the dev server: the rows a comparison at 10,000 pages and more needs")
	fs.IntVar(&o.runs, "runs", 5, "measured builds of each kind (0: only generate and profile)")
	fs.IntVar(&o.edits, "edits", 50, "edits for the dev server's edit → reload event latency (0: skip)")
	fs.StringVar(&o.dir, "dir", "", "work `folder` for the corpus and outputs (default: a new temporary folder)")
	fs.BoolVar(&o.keep, "keep", false, "keep the work folder")
	fs.StringVar(&o.profile, "profile", "", "write cpu.pprof and mem.pprof of one build into `folder` and print their top costs")
	fs.BoolVar(&o.install, "install", true, "install Hugo and GNU time with apt-get when missing")
	fs.StringVar(&o.out, "out", "", "also write the report to `file`")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.shape != "long" && o.shape != "small" && o.shape != "multilingual" {
		return o, fmt.Errorf("-shape %q: use long, small or multilingual", o.shape)
	}
	if !o.hugo && o.shape != "multilingual" {
		return o, errors.New("-hugo=false is for -shape multilingual: the other shapes' report is a comparison with Hugo")
	}
	if o.pages < 1 || o.runs < 0 || o.edits < 0 {
		return o, fmt.Errorf("-pages must be at least 1, -runs and -edits at least 0")
	}
	return o, nil
}

// runHarness generates the corpus, measures both generators and prints
// the report.
func runHarness(args []string, stdout, stderr io.Writer) error {
	o, err := parseOptions(args, stderr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	repo, err := repoRoot()
	if err != nil {
		return err
	}
	if o.runs > 0 {
		if err := ensureTools(o.install, o.hugo, o.syscalls, stderr); err != nil {
			return err
		}
	}
	work := o.dir
	if work == "" {
		if work, err = os.MkdirTemp("", "guidepost-bench-*"); err != nil {
			return err
		}
		if !o.keep {
			defer os.RemoveAll(work)
		}
	} else if work, err = filepath.Abs(work); err != nil {
		return err
	}
	progress := func(format string, a ...any) { fmt.Fprintf(stderr, "· "+format+"\n", a...) }

	c, err := corpus.New(corpus.Shape(o.shape), o.pages)
	if err != nil {
		return err
	}
	start := time.Now()
	s, err := writeSites(work, repo, c)
	if err != nil {
		return err
	}
	progress("generated %d pages in %d sections in %s (%s)", c.RegularPages(), c.Sections(), time.Since(start).Round(time.Millisecond), work)

	bins, err := buildBinaries(ctx, repo, filepath.Join(work, "bin"))
	if err != nil {
		return err
	}
	h := &harness{opts: o, work: work, sites: s, corpus: c, bins: bins, progress: progress}
	rep := &report{pages: c.RegularPages(), sections: c.Sections(), runs: o.runs}
	measure := h.measureAll
	if c.HasOneLanguageCopy() {
		measure = h.measureMultilingual
	}
	if o.runs > 0 {
		if err := measure(rep); err != nil {
			return err
		}
	}
	if o.profile != "" {
		if err := h.profile(rep); err != nil {
			return err
		}
	}
	var text strings.Builder
	rep.write(&text)
	fmt.Fprint(stdout, text.String())
	if o.out != "" {
		if err := os.WriteFile(o.out, []byte(text.String()), 0o644); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	return nil
}

// binaries are the programs the harness runs.
type binaries struct {
	guidepost string // cmd/guidepost, built by go build
	self      string // this program, for _build and _warm
	hugo      string
}

// buildBinaries builds cmd/guidepost into dir, and finds this program and
// Hugo.
func buildBinaries(ctx context.Context, repo, dir string) (binaries, error) {
	var b binaries
	b.guidepost = filepath.Join(dir, "guidepost")
	// Built as docs/releasing.md builds the published binaries: no cgo
	// (a static binary, which does not load libc), no symbol tables.
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", b.guidepost, "./cmd/guidepost")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		return b, fmt.Errorf("go build ./cmd/guidepost: %w\n%s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		return b, fmt.Errorf("find this program: %w", err)
	}
	b.self = self
	b.hugo, _ = exec.LookPath("hugo")
	return b, nil
}

// ensureTools installs GNU time and, when hugo is set, Hugo, and when
// strace is set, strace, with apt-get when they are missing.
func ensureTools(install, hugo, strace bool, stderr io.Writer) error {
	need := map[string]string{"hugo": "hugo", timeBin: "time", "strace": "strace"}
	tools := []string{timeBin}
	if hugo {
		tools = append(tools, "hugo")
	}
	if strace {
		tools = append(tools, "strace")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err == nil {
			continue
		}
		if !install {
			return fmt.Errorf("%s is missing: install the Debian package %q (apt-get install -y %s) or drop -install=false", tool, need[tool], need[tool])
		}
		fmt.Fprintf(stderr, "· installing %s: apt-get install -y %s\n", tool, need[tool])
		cmd := exec.Command("apt-get", "install", "-y", need[tool])
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("apt-get install -y %s: %w\n%s\n(run it yourself as root, then try again)", need[tool], err, lastLines(string(out), 10))
		}
	}
	return nil
}

// hugoVersion returns the first line of `hugo version`.
func hugoVersion(hugo string) string {
	out, err := exec.Command(hugo, "version").Output()
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}
