package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/markdown"
	"github.com/guidepost/guidepost/internal/site"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", "Build the site into an output folder. The folder is replaced only when the build succeeds.", stderr)
	source := fs.String("source", ".", "site `folder` holding guidepost.yaml, content/, layouts/ and static/")
	dest := fs.String("dest", "public", "output `folder`, replaced as a whole on success")
	baseURL := fs.String("base-url", "", "absolute `URL` the site is published at (default: base_url from guidepost.yaml, else http://localhost:1313/)")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	force := fs.Bool("force", false, "build even when nothing changed since the last build into --dest")
	minify := fs.Bool("minify", true, "publish stylesheets and scripts minified (--minify=false keeps them as written)")
	precompress := fs.Bool("precompress", false, "also write a .br and a .gz copy of every text file, and a _headers file that lets readers cache fingerprinted files for a year, for hosts that serve them")
	todayOf := todayFlag(fs)
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	now, err := todayOf()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return errUsage
	}
	start := time.Now()
	check := newUpToDate(*source, *dest, now, []string{"base-url " + *baseURL, fmt.Sprint("drafts ", *drafts), fmt.Sprint("minify ", *minify), fmt.Sprint("precompress ", *precompress)})
	if !*force {
		if prev, ok := check.same(ctx); ok {
			for _, w := range prev.Warnings {
				fmt.Fprintln(stderr, w)
			}
			fmt.Fprintf(stdout, "up to date: %d pages, %d files; nothing changed since the last build (checked in %s) → %s\n", prev.Pages, prev.Files, time.Since(start).Round(time.Millisecond), *dest)
			return nil
		}
	}
	check.begin()
	gc, indexGC := tuneGC()
	highlight := markdown.DefaultHighlightCache()
	defer saveHighlights(highlight)
	res, err := build.Build(build.Options{Context: ctx, Source: *source, Dest: *dest, BaseURL: *baseURL, Drafts: *drafts, Now: now, Minify: *minify, Precompress: *precompress, WroteDest: check.wrote, HighlightCache: highlight, GCPercent: gc, IndexGCPercent: indexGC})
	if res != nil {
		printDiags(stderr, res.Diags)
	}
	if err != nil {
		check.failed()
		return failure("build", err, stderr)
	}
	check.record(ctx, res)
	fmt.Fprintf(stdout, "built %d pages, %d files in %s → %s\n", res.Pages, res.Files, res.Duration.Round(time.Millisecond), *dest)
	for _, r := range res.Replaced {
		fmt.Fprintln(stderr, "note: "+r.Note())
	}
	warnLocalBaseURL(stderr, res.Site)
	return nil
}

// warnLocalBaseURL reminds the author, after a build for a local base URL,
// that canonical links, the sitemap, the feed and robots.txt name that
// address: fine for a preview, wrong for a published site.
func warnLocalBaseURL(w io.Writer, s *site.Site) {
	if s == nil {
		return
	}
	u, err := url.Parse(s.BaseURL)
	if err != nil {
		return
	}
	host := u.Hostname()
	if host != "localhost" && !strings.HasSuffix(host, ".localhost") && host != "::1" && !strings.HasPrefix(host, "127.") {
		return
	}
	where := "(the default)"
	if line, ok := s.Config.Lines["base_url"]; ok {
		where = fmt.Sprintf("(%s:%d)", config.FileName, line)
	}
	fmt.Fprintf(w, "note: base_url is %s %s, so canonical links, the sitemap, the feed and robots.txt point at this computer: "+
		"before you publish, set base_url in %s to the site's address or build with --base-url https://…/\n", s.BaseURL, where, config.FileName)
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", "Run every check of a build (front matter, links, anchors, layouts, decision trees, review dates) without writing output.", stderr)
	source := fs.String("source", ".", "site `folder`")
	strict := fs.Bool("strict", false, "fail on warnings too, such as overdue reviews")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	against := fs.String("against", "", "also report what changed in the decision trees since the git `revision` (HEAD~1, main, a tag): paths whose verdict or outcome changed, outcomes and questions added or removed, safeguards, sources and scenarios; exits 2 when a verdict became more permissive")
	format := fs.String("format", "text", "`format` of the --against report: text, or markdown for a document a reviewer signs")
	todayOf := todayFlag(fs)
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	now, err := todayOf()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return errUsage
	}
	gc, indexGC := tuneGC()
	highlight := markdown.DefaultHighlightCache()
	defer saveHighlights(highlight)
	res, err := build.Build(build.Options{Context: ctx, Source: *source, Drafts: *drafts, CheckOnly: true, Now: now, HighlightCache: highlight, GCPercent: gc, IndexGCPercent: indexGC})
	if res != nil {
		printDiags(stderr, res.Diags)
	}
	if err != nil {
		return failure("check", err, stderr)
	}
	warnings := len(res.Diags.Warnings())
	if *strict && warnings > 0 {
		fmt.Fprintf(stderr, "check failed: %s (--strict)\n", diag.Count(warnings, "warning"))
		return errSilent
	}
	for _, line := range treeReport(res) {
		fmt.Fprintln(stdout, line)
	}
	fmt.Fprintf(stdout, "ok: %d pages checked, %s\n", res.Pages, diag.Count(warnings, "warning"))
	if *against != "" {
		return reviewAgainst(*source, *against, *format, now, res.Site.Trees, stdout, stderr)
	}
	return nil
}

// buildGCPercent is the garbage collector's target for one-shot builds
// of large sites (build.Options.GCPercent). A build's live heap is
// mostly the site, held to the end, so Go's default of 100 lets the heap
// reach twice the site; 70 keeps a 10,000-page build's peak memory about
// 5 % lower (783 -> 740 MB) for no CPU time we could measure
// (docs/benchmarks.md).
const buildGCPercent = 70

// indexGCPercent is the garbage collector's target while a one-shot
// build runs its generators (build.Options.IndexGCPercent): the search
// index's working memory comes on top of the site's, and at
// buildGCPercent the heap peaked there (10,000 pages: a 730 MB target).
const indexGCPercent = 30

// tuneGC returns the garbage collector's targets for a one-shot build
// (build.Options.GCPercent and IndexGCPercent, which the build applies to
// large sites), none when the user set GOGC, and turns off the runtime's
// sampling of allocations for heap profiles, which nothing in a build
// reads (its records are 1.4 MB of a 1,000-page build).
func tuneGC() (gc, index int) {
	runtime.MemProfileRate = 0
	if os.Getenv("GOGC") != "" {
		return 0, 0
	}
	return buildGCPercent, indexGCPercent
}

// saveHighlights saves what a run highlighted into the persistent cache
// (markdown.DefaultHighlightCache: nil, none, when GUIDEPOST_CACHE=off),
// for later runs. A cache that cannot be written only slows them.
func saveHighlights(cache *markdown.HighlightCache) { _ = cache.Flush() }

// treeReport summarises each decision tree's scenario coverage.
func treeReport(res *build.Result) []string {
	var out []string
	for _, t := range res.Site.Trees {
		_, cov := t.RunScenarios()
		out = append(out, fmt.Sprintf("tree %s: %d nodes, %d scenarios; %s", t.ID, len(t.Nodes), len(t.Scenarios), cov))
	}
	return out
}

func printDiags(w io.Writer, diags diag.List) {
	for _, d := range diags {
		fmt.Fprintln(w, d.String())
	}
}

// failure prints a one-line summary for a failed build or check, e.g.
// "check failed: 1 error", and returns errSilent; other errors are
// returned to be printed by run.
func failure(command string, err error, stderr io.Writer) error {
	if errors.Is(err, build.ErrInterrupted) {
		what := "nothing was written"
		if command == "build" {
			what = "the output folder is as it was"
		}
		fmt.Fprintf(stderr, "%s interrupted: %s\n", command, what)
		return errInterrupted
	}
	var f *build.Failure
	if errors.As(err, &f) {
		fmt.Fprintf(stderr, "%s failed: %s\n", command, diag.Count(len(f.Diags.Errors()), "error"))
		return errSilent
	}
	return err
}
