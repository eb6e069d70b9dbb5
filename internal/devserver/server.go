// Package devserver is guidepost's live-reload authoring server: it builds
// a site in memory, serves it on a loopback address, watches the sources
// and tells open browsers what changed over Server-Sent Events, so a page
// reloads (keeping its scroll position and the decision tool's answers),
// a stylesheet is swapped in place, or an overlay lists the build's errors
// as file:line: message while the last good build stays served.
package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/markdown"
	"github.com/guidepost/guidepost/internal/site"
)

// Options configure a Server.
type Options struct {
	Source string // the site folder
	Bind   string // address to listen on; default 127.0.0.1
	Port   int    // 0 picks a free port
	Drafts bool   // include pages marked draft
	// AllowHosts are host names, besides IP addresses, localhost and
	// Bind, that requests may name in their Host header (see hostAllowed).
	AllowHosts []string
	// Now, when set, is the date builds take as today (see build.Options);
	// zero is the time of each build.
	Now time.Time
	// Log receives one line per build; nil discards them.
	Log io.Writer
	// Heartbeat is how often an idle event stream gets a comment that
	// keeps proxies from closing it; default 15 s.
	Heartbeat time.Duration
	// HighlightCache is the persistent highlight cache the builds use
	// (see build.Options.HighlightCache), if any: the server saves what
	// each build highlighted into it, after telling browsers.
	HighlightCache *markdown.HighlightCache
}

// DefaultBind is the address the server listens on unless told otherwise:
// loopback, so the drafts being written are not shared with the network.
const DefaultBind = "127.0.0.1"

// PortInUseError is returned by New when another program holds the port.
type PortInUseError struct{ Port int }

func (e *PortInUseError) Error() string {
	return fmt.Sprintf("port %d is in use: stop the other server or pass --port N", e.Port)
}

// Server builds, serves and watches one site.
type Server struct {
	opts      Options
	ln        net.Listener
	url       string // root URL of the site, with the base path
	basePath  string // "/" or "/docs/"
	inc       *build.Incremental
	hub       *hub
	log       io.Writer
	heartbeat time.Duration
	closing   chan struct{}
	ready     chan struct{}
	bg        sync.WaitGroup // Finish goroutines
	// flushWarned is set once a failure to save the highlight cache was
	// reported; only Run's goroutine uses it.
	flushWarned bool

	mu        sync.Mutex
	out       *build.Output // the last good build; nil before the first
	errs      diag.List     // the last build's errors; nil when it succeeded
	site      *site.Site    // the last good build's site, for the dashboard
	warnings  diag.List     // the last good build's warnings
	seq       uint64        // Seq of the last update applied
	warned    map[string]bool
	finishing bool      // a goroutine runs Finish or waits to
	again     bool      // Finish must run once more
	finishAt  time.Time // when Finish may start: finishQuiet after the last build that left it work
	builds    int       // builds applied (Finish not counted), for tests
}

// New listens on the address opts asks for and prepares the build. It
// returns a *PortInUseError when the port is taken.
func New(opts Options) (*Server, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Bind == "" {
		opts.Bind = DefaultBind
	}
	if opts.Heartbeat == 0 {
		opts.Heartbeat = 15 * time.Second
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if fi, err := os.Stat(opts.Source); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("site folder %s: not found: pass --source with the folder holding %s and content/", opts.Source, config.FileName)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, &PortInUseError{Port: opts.Port}
		}
		return nil, fmt.Errorf("listen on %s: %w", net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port)), err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	host := opts.Bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	basePath := configBasePath(opts.Source)
	s := &Server{
		opts:      opts,
		ln:        ln,
		url:       "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + basePath,
		basePath:  basePath,
		hub:       newHub(),
		log:       opts.Log,
		heartbeat: opts.Heartbeat,
		closing:   make(chan struct{}),
		ready:     make(chan struct{}),
		warned:    map[string]bool{},
	}
	// The search index is rebuilt while the author goes on editing: leave
	// a core to the rebuilds of those edits.
	s.inc = build.NewIncremental(build.Options{Source: opts.Source, BaseURL: s.url, Drafts: opts.Drafts, Now: opts.Now, HighlightCache: opts.HighlightCache, SearchWorkers: max(1, runtime.GOMAXPROCS(0)-1)})
	return s, nil
}

// configBasePath is the path of the config's base_url, e.g. "/docs/": the
// server keeps it, so links work as they will once published. Problems
// with the config are reported by the build.
func configBasePath(source string) string {
	var diags diag.List
	cfg := config.Load(source, &diags)
	if cfg.BaseURL == "" {
		return "/"
	}
	norm, err := config.NormalizeBaseURL(cfg.BaseURL)
	if err != nil {
		return "/"
	}
	u, err := url.Parse(norm)
	if err != nil || !strings.HasPrefix(u.Path, "/") {
		return "/"
	}
	return u.Path
}

// URL is the address of the site's home page.
func (s *Server) URL() string { return s.url }

// Ready is closed once the first build is done and the sources are watched.
func (s *Server) Ready() <-chan struct{} { return s.ready }

// Run builds the site, serves it and rebuilds on every change until ctx
// is done, then shuts down: browsers' event streams end and requests in
// flight finish.
func (s *Server) Run(ctx context.Context) error {
	wctx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	warned := map[string]bool{}
	var warnMu sync.Mutex
	w, err := newWatcher(s.opts.Source, func(err error) {
		warnMu.Lock()
		defer warnMu.Unlock()
		if msg := err.Error(); !warned[msg] {
			warned[msg] = true
			fmt.Fprintf(s.log, "warning: %s: changes there are not seen\n", msg)
		}
	})
	if err != nil {
		s.ln.Close()
		return fmt.Errorf("watch %s: %w", s.opts.Source, err)
	}
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		w.run(wctx)
	}()

	start := time.Now()
	up, err := s.inc.RebuildContext(ctx, build.Changes{})
	if errors.Is(err, build.ErrInterrupted) {
		s.ln.Close()
		stopWatch()
		<-watching
		return nil
	}
	s.apply(up, err, "", start)
	s.saveHighlights()
	close(s.ready)

	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.ln) }()
	fmt.Fprintf(s.log, "serving %s at %s (Ctrl-C to stop)\n", s.opts.Source, s.url)
	fmt.Fprintf(s.log, "authoring dashboard (reviews due, tree changes, warnings): %s\n", strings.TrimSuffix(s.url, s.basePath)+DashboardPath)
	if ip := net.ParseIP(s.opts.Bind); s.opts.Bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(s.log, "warning: listening on %s: other computers can open the site, drafts included\n", s.opts.Bind)
	}

	runErr := s.rebuildOnChanges(ctx, w.batches, served)
	close(s.closing)
	stopWatch()
	<-watching
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && runErr == nil {
		runErr = fmt.Errorf("shut down: %w", err)
	}
	s.bg.Wait()
	return runErr
}

// rebuildOnChanges rebuilds the site for each batch of changes until ctx
// is done, the watcher stops or the HTTP server fails (its error is
// returned). One rebuild runs at a time, on its own goroutine, so that a
// save made meanwhile can supersede it: the running build is cancelled and
// the next one takes both builds' changes.
func (s *Server) rebuildOnChanges(ctx context.Context, batches <-chan build.Changes, served <-chan error) error {
	var (
		running context.CancelFunc // nil while no build runs
		queued  *build.Changes     // changes waiting for the running build to end
		results = make(chan rebuilt, 1)
	)
	startBuild := func(ch build.Changes) {
		bctx, cancel := context.WithCancel(ctx)
		running = cancel
		begun := time.Now()
		go func() {
			up, err := s.inc.RebuildContext(bctx, ch)
			results <- rebuilt{up, err, ch, begun}
		}()
	}
	queue := func(ch build.Changes) {
		if queued == nil {
			queued = &build.Changes{}
		}
		*queued = merge(*queued, ch)
	}
	defer func() {
		if running != nil {
			running()
			<-results
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-served:
			return fmt.Errorf("serve: %w", err)
		case ch, ok := <-batches:
			if !ok {
				return nil
			}
			if running != nil {
				queue(ch)
				running() // superseded
				continue
			}
			startBuild(ch)
		case r := <-results:
			running()
			running = nil
			if errors.Is(r.err, build.ErrInterrupted) {
				queue(r.ch) // not built: the next build does it
			} else {
				s.apply(r.up, r.err, describe(r.ch), r.start)
				s.saveHighlights()
			}
			if queued != nil {
				ch := *queued
				queued = nil
				startBuild(ch)
			}
		}
	}
}

// saveHighlights writes what the last build highlighted into the
// persistent highlight cache, for later builds and servers. It costs
// nothing when the build highlighted nothing new.
func (s *Server) saveHighlights() {
	if err := s.opts.HighlightCache.Flush(); err != nil && !s.flushWarned {
		s.flushWarned = true
		fmt.Fprintf(s.log, "warning: highlight cache %s: %v (later builds highlight code again)\n", s.opts.HighlightCache.Dir(), err)
	}
}

// rebuilt is the outcome of a rebuild of the changes ch started at start.
type rebuilt struct {
	up    *build.Update
	err   error
	ch    build.Changes
	start time.Time
}

// merge returns the changes of a and b together.
func merge(a, b build.Changes) build.Changes {
	files := append(slices.Clone(a.Files), b.Files...)
	slices.Sort(files)
	return build.Changes{Files: slices.Compact(files), All: a.All || b.All}
}

// describe names what changed in a batch for the terminal.
func describe(ch build.Changes) string {
	var parts []string
	if ch.All {
		parts = append(parts, "many files")
	}
	switch n := len(ch.Files); {
	case n == 1:
		parts = append(parts, ch.Files[0])
	case n > 1:
		parts = append(parts, fmt.Sprintf("%s and %d more", ch.Files[0], n-1))
	}
	return strings.Join(parts, ", ")
}

// apply makes a build's result current: the new output is served, browsers
// are told what changed, and a line goes to the terminal. A failed build
// keeps the last good output and sends the errors. Updates older than the
// current one are dropped.
func (s *Server) apply(up *build.Update, err error, what string, start time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if up != nil {
		if up.Seq <= s.seq {
			return
		}
		s.seq = up.Seq
	}
	if what != finishLabel {
		s.builds++
	}
	ms := time.Since(start).Milliseconds()
	clock := time.Now().Format("15:04:05")
	label := what
	if label == "" {
		label = "first build"
	}
	if err != nil {
		s.errs = failureDiags(err)
		s.hub.send(errorEvent(s.errs))
		served := "still serving the last good build"
		if s.out == nil {
			served = "no page is served until the site builds"
		}
		fmt.Fprintf(s.log, "%s %s: build failed with %s in %d ms; %s\n", clock, label, diag.Count(len(s.errs), "error"), ms, served)
		for _, d := range s.errs {
			fmt.Fprintf(s.log, "  %s\n", d)
		}
		return
	}
	prev := s.out
	s.out = up.Output
	s.site, s.warnings = up.Result.Site, up.Result.Diags.Warnings()
	// Only a rebuild that succeeds clears the errors: the search index
	// finishing for an earlier edit (what == finishLabel) says nothing of
	// a later edit that broke the build, whose overlay must stay.
	if s.errs != nil && what != finishLabel {
		s.errs = nil
		s.hub.send(newEvent(EventOK, struct{}{}))
	}
	s.notify(prev, up)
	for _, d := range up.Result.Diags.Warnings() {
		if line := d.String(); !s.warned[line] {
			s.warned[line] = true
			fmt.Fprintf(s.log, "  %s\n", line)
		}
	}
	switch {
	case what == "":
		fmt.Fprintf(s.log, "%s built %d pages in %d ms\n", clock, up.Result.Pages, ms)
	case what == finishLabel:
		if len(up.Moved) > 0 {
			fmt.Fprintf(s.log, "%s %s updated in %d ms\n", clock, generatedNames(up.Generated), ms)
		}
	default:
		fmt.Fprintf(s.log, "%s %s: %d pages rendered in %d ms\n", clock, label, up.Rendered, ms)
	}
	if up.Pending {
		s.startFinish()
	}
}

// generatedNames says in words which slow generators ran.
func generatedNames(names []string) string {
	words := map[string]string{"search": "search index"}
	var out []string
	for _, n := range names {
		if w, ok := words[n]; ok {
			n = w
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return "generated files"
	}
	return strings.Join(out, " and ")
}

// finishLabel marks the updates of Finish.
const finishLabel = "\x00finish"

// finishQuiet is how long the sources must be quiet before the slow
// generated files (the search index; the decision engine is embedded and
// published at once) are brought up to date. While an author saves again
// and again they would be out of date by the next save, and on a big site
// building them takes seconds of every core, which would slow down the
// rebuilds the author waits for.
const finishQuiet = time.Second

// startFinish brings the slow generated files up to date in the
// background once the sources have been quiet for finishQuiet; s.mu must
// be held.
func (s *Server) startFinish() {
	s.finishAt = time.Now().Add(finishQuiet)
	if s.finishing {
		s.again = true
		return
	}
	s.finishing = true
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		for {
			if !s.waitQuiet() {
				s.mu.Lock()
				s.finishing, s.again = false, false
				s.mu.Unlock()
				return
			}
			start := time.Now()
			up, err := s.inc.Finish()
			if up != nil {
				s.apply(up, err, finishLabel, start)
			}
			s.mu.Lock()
			if !s.again {
				s.finishing = false
				s.mu.Unlock()
				return
			}
			s.again = false
			s.mu.Unlock()
		}
	}()
}

// waitQuiet waits until s.finishAt, which later builds push back; it
// returns false when the server is closing.
func (s *Server) waitQuiet() bool {
	for {
		s.mu.Lock()
		wait := time.Until(s.finishAt)
		s.mu.Unlock()
		if wait <= 0 {
			return true
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-s.closing:
			t.Stop()
			return false
		}
	}
}

// failureDiags returns the errors of a failed build.
func failureDiags(err error) diag.List {
	var f *build.Failure
	if errors.As(err, &f) {
		if errs := f.Diags.Errors(); len(errs) > 0 {
			return errs
		}
	}
	return diag.List{{File: "guidepost", Message: err.Error()}}
}

// notify tells browsers what a successful build changed: a reload for the
// pages whose HTML changed, a css event for stylesheets that moved. Pages
// open in a browser are compared with what they were, which covers pages
// that changed only because a script or data file they name moved.
// s.mu must be held.
func (s *Server) notify(prev *build.Output, up *build.Update) {
	var css []cssChange
	for old, u := range up.Moved {
		if strings.HasSuffix(old, ".css") {
			css = append(css, cssChange{Old: old, New: u})
		}
	}
	if len(css) > 0 {
		s.hub.send(newEvent(EventCSS, cssData{Changes: css}))
	}
	if prev == nil || up.Static {
		s.hub.send(newEvent(EventReload, reloadData{All: true}))
		return
	}
	reload := append([]string(nil), up.Pages...)
	seen := map[string]bool{}
	for _, p := range reload {
		seen[p] = true
	}
	for _, name := range s.hub.pages() {
		u := s.urlOf(name)
		if seen[u] {
			continue
		}
		old, _ := s.page(prev, name)
		now, _ := s.page(s.out, name)
		if string(old) != string(now) && !sameButStyles(old, now, css) {
			reload = append(reload, u)
			seen[u] = true
		}
	}
	switch {
	case len(reload) > maxReloadPaths:
		s.hub.send(newEvent(EventReload, reloadData{All: true}))
	case len(reload) > 0:
		s.hub.send(newEvent(EventReload, reloadData{Paths: reload}))
	}
}

// maxReloadPaths bounds the paths a reload event lists; past it, after a
// change to a layout or the config, every page reloads.
const maxReloadPaths = 500

// sameButStyles reports whether two versions of a page differ only in the
// stylesheet URLs the css event swaps.
func sameButStyles(old, now []byte, css []cssChange) bool {
	if len(css) == 0 {
		return false
	}
	s := string(old)
	for _, c := range css {
		s = strings.ReplaceAll(s, path.Base(c.Old), path.Base(c.New))
	}
	return s == string(now)
}
