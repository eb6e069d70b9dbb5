// Package browsertest starts headless Chromium for tests through chromedp
// and records what a page does: every request it makes and every console
// error or uncaught exception.
//
// Tests fail, never skip, when Chromium is missing: CI installs it.
package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Chromium returns the path of the Chromium binary, failing the test when
// there is none. $CHROMIUM overrides the search.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("headless Chromium not found: install it (apt-get install -y chromium) or set $CHROMIUM")
	return ""
}

// Options adjust the browser.
type Options struct {
	Width, Height int  // window size; default 1280×900
	NoJavaScript  bool // disable JavaScript for the whole session
	Dark          bool // emulate prefers-color-scheme: dark
	// Timeout bounds the whole session; default 90 s. A test that shares
	// one browser across many pages may need more on a busy machine.
	Timeout time.Duration
}

// searchHook runs in every page before its scripts: on a search page it
// sets window.guidepostSearch, for tests to search as the form does, to
// the page export of the module js/search.js (once it has run, the same
// instance: importing its URL again neither fetches nor runs it again).
// Readers' pages have no such global; only tests add it.
const searchHook = `document.addEventListener("DOMContentLoaded", () => {
  const s = document.querySelector('script[type="module"][src*="/js/search."]');
  if (s) import(s.src).then(m => { window.guidepostSearch = m.page; });
});`

// Browser is a headless Chromium tab with recorders attached.
type Browser struct {
	Ctx context.Context

	mu       sync.Mutex
	requests []string
	console  []string
}

// New starts Chromium for the test and returns a tab. The browser is shut
// down when the test ends. Each call gets a fresh profile.
func New(t testing.TB, opts Options) *Browser {
	t.Helper()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocatorOptions(t, opts)...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	if opts.Timeout <= 0 {
		opts.Timeout = 90 * time.Second
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, opts.Timeout)
	t.Cleanup(func() {
		// Close the browser and wait for it to exit before the profile
		// folder (a t.TempDir, removed after this) is deleted.
		_ = chromedp.Cancel(ctx)
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})

	b := &Browser{Ctx: ctx}
	chromedp.ListenTarget(ctx, b.record)
	actions := []chromedp.Action{network.Enable(), runtime.Enable(), chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(searchHook).Do(ctx)
		return err
	})}
	if opts.Dark {
		actions = append(actions, chromedp.ActionFunc(func(ctx context.Context) error {
			return emulateDark(ctx)
		}))
	}
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return b
}

// allocatorOptions are the command line of a headless Chromium of its
// own (a new profile, no background traffic) for opts.
func allocatorOptions(t testing.TB, opts Options) []chromedp.ExecAllocatorOption {
	t.Helper()
	if opts.Width == 0 {
		opts.Width, opts.Height = 1280, 900
	}
	allocOpts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Chromium(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(opts.Width, opts.Height),
	}
	if opts.NoJavaScript {
		allocOpts = append(allocOpts, chromedp.Flag("blink-settings", "scriptEnabled=false"))
	}
	return allocOpts
}

// record keeps, from the tab's events, the URLs it requests and its
// console errors and uncaught exceptions.
func (b *Browser) record(ev any) {
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		b.mu.Lock()
		b.requests = append(b.requests, e.Request.URL)
		b.mu.Unlock()
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.APITypeError || e.Type == runtime.APITypeAssert {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
			}
			b.mu.Lock()
			b.console = append(b.console, "console."+string(e.Type)+": "+strings.Join(parts, " "))
			b.mu.Unlock()
		}
	case *runtime.EventExceptionThrown:
		msg := e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
		b.mu.Lock()
		b.console = append(b.console, "exception: "+msg)
		b.mu.Unlock()
	}
}

// Requests returns every URL the tab requested so far.
func (b *Browser) Requests() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.requests...)
}

// ConsoleErrors returns console errors and uncaught exceptions so far.
func (b *Browser) ConsoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.console...)
}

// AssertSameOrigin fails the test if the tab requested anything outside
// origin (data: and blob: URLs are local and allowed).
func (b *Browser) AssertSameOrigin(t testing.TB, origin string) {
	t.Helper()
	for _, u := range b.Requests() {
		if strings.HasPrefix(u, origin+"/") || u == origin || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
			continue
		}
		t.Errorf("page requested %s, outside %s", u, origin)
	}
}

// AssertNoConsoleErrors fails the test if any console error occurred.
func (b *Browser) AssertNoConsoleErrors(t testing.TB) {
	t.Helper()
	for _, e := range b.ConsoleErrors() {
		t.Errorf("browser %s", e)
	}
}

// Run runs chromedp actions in the tab, failing the test on error.
func (b *Browser) Run(t testing.TB, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(b.Ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// ServeDir serves a built site folder on 127.0.0.1 for the test, with the
// site's 404.html for missing paths, and returns its origin.
func ServeDir(t testing.TB, dir string) string {
	t.Helper()
	return ServeDirAt(t, dir, "/")
}

// ServeDirAt serves a built site folder at the URL path base ("/kb/"), as
// a site built for a sub-path is published, and returns the server's
// origin. Paths outside base get the site's 404.html.
func ServeDirAt(t testing.TB, dir, base string) string {
	t.Helper()
	base = "/" + strings.Trim(base, "/")
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel, ok := r.URL.Path, true
		if base != "/" {
			rel, ok = strings.CutPrefix(r.URL.Path, base)
			ok = ok && (rel == "" || rel[0] == '/')
		}
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if fi, err := os.Stat(p); !ok || err != nil || (fi.IsDir() && !exists(filepath.Join(p, "index.html"))) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			if data, err := os.ReadFile(filepath.Join(dir, "404.html")); err == nil {
				w.Write(data)
			}
			return
		}
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		if base != "/" {
			http.StripPrefix(base, files).ServeHTTP(w, r)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
