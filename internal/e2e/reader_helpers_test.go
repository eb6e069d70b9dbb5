package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/build"
)

// The reader-experience tests (reader_*_test.go) build the small site in
// testdata/reader/site with the repository's layouts/ and static/, serve
// it on 127.0.0.1 and check in headless Chromium what a reader meets:
// search, accessibility (axe-core), keyboard use, a 360 px screen, dark
// mode, print and privacy.
//
// Set GUIDEPOST_SCREENSHOTS to a folder to save a screenshot of every page
// they check there.

// readerBuild builds the site whose guidepost.yaml and content/ are in
// folder src, with the repository's layouts/ and static/, and returns the
// output folder. Everything lives in t's temporary folder. It takes a
// testing.TB so that benchmarks build sites the same way.
func readerBuild(t testing.TB, src string) string {
	t.Helper()
	dest, err := buildReaderSite(t.TempDir(), src)
	if err != nil {
		t.Fatal(err)
	}
	return dest
}

// readerShared is readerBuild for tests that only read the output: the
// site in src is built once for all of them, into a folder removed when
// the tests end. They must not change its files.
func readerShared(t testing.TB, src string) string {
	t.Helper()
	readerSites.mu.Lock()
	s := readerSites.built[src]
	if s == nil {
		s = &readerSite{}
		if readerSites.built == nil {
			readerSites.built = map[string]*readerSite{}
		}
		readerSites.built[src] = s
	}
	readerSites.mu.Unlock()
	s.once.Do(func() {
		dir, err := os.MkdirTemp("", "guidepost-reader-")
		if err != nil {
			s.err = err
			return
		}
		addCleanup(func() { os.RemoveAll(dir) })
		s.dest, s.err = buildReaderSite(dir, src)
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.dest
}

// readerSites are the sites readerShared built, by source folder.
var readerSites struct {
	mu    sync.Mutex
	built map[string]*readerSite
}

// readerSite is one site readerShared builds once.
type readerSite struct {
	once sync.Once
	dest string
	err  error
}

// buildReaderSite builds the site in src as readerBuild does, in folder
// dir, and returns the output folder.
func buildReaderSite(dir, src string) (string, error) {
	root := filepath.Join(dir, "site")
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return "", err
	}
	for _, c := range []struct{ from, to string }{
		{src, "."},
		{filepath.Join(repo, "layouts"), "layouts"},
		{filepath.Join(repo, "static"), "static"},
	} {
		if err := os.CopyFS(filepath.Join(root, c.to), os.DirFS(c.from)); err != nil {
			return "", fmt.Errorf("copy %s: %w", c.from, err)
		}
	}
	dest := filepath.Join(dir, "public")
	res, err := build.Build(build.Options{Source: root, Dest: dest, Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		var msgs []string
		if res != nil {
			for _, d := range res.Diags {
				msgs = append(msgs, d.String())
			}
		}
		return "", fmt.Errorf("build %s: %w\n%s", src, err, strings.Join(msgs, "\n"))
	}
	return dest, nil
}

// readerPage is a page the tests visit: its path, and a JavaScript
// condition that holds once it has finished drawing itself.
type readerPage struct {
	name, path, ready string
	// answers are given to the decision tool after loading: the label of
	// the option to choose, then a condition to wait for.
	answers [][2]string
}

// readerLoaded holds on every page once scripts have run: the decision
// tool has taken over its start page and the search page has answered.
const readerLoaded = `document.readyState === "complete" &&
  (!document.querySelector('script[src*="decide"]') || !document.querySelector('article.decision[data-mode="tree"]') || !!document.querySelector("article.decision.dt-ready")) &&
  (!document.getElementById("search") || !new URLSearchParams(location.search).get("q") || document.getElementById("search-status").textContent !== "")`

// readerDecideHeading waits for the decision tool to show a new heading.
func readerDecideHeading(text string) string {
	return `(document.getElementById("dt-heading") || document.querySelector("h1") || {}).textContent.includes(` + readerJS(text) + `)`
}

// readerPages are the pages every reader test visits.
var readerPages = []readerPage{
	{name: "home", path: "/"},
	{name: "guidance-page", path: "/guidance/consent/"},
	{name: "section-list", path: "/guidance/"},
	{name: "search-results", path: "/search/?q=consent"},
	{name: "not-found", path: "/no/such/page/"},
	{name: "decide-start", path: "/decide/tool/"},
	{name: "decide-midway", path: "/decide/tool/", answers: [][2]string{
		{"United States", readerDecideHeading("business associate agreement")},
	}},
	{name: "decide-outcome", path: "/decide/tool/", answers: [][2]string{
		{"United States", readerDecideHeading("business associate agreement")},
		{"No", readerDecideHeading("Do not send patient information")},
	}},
}

// readerVisit loads a page and waits until it is ready.
func readerVisit(t testing.TB, b *browsertest.Browser, origin string, p readerPage) {
	t.Helper()
	b.Run(t, chromedp.Navigate(origin+p.path))
	readerWait(t, b, readerLoaded)
	if p.ready != "" {
		readerWait(t, b, p.ready)
	}
	for _, a := range p.answers {
		clicked := readerEval[bool](t, b, `(() => {
  const o = [...document.querySelectorAll(".option")].find(e => e.textContent.trim().startsWith(`+readerJS(a[0])+`));
  if (o) o.click();
  return !!o;
})()`)
		if !clicked {
			t.Fatalf("%s: no option %q to choose", p.name, a[0])
		}
		readerWait(t, b, a[1])
		readerWait(t, b, readerLoaded)
	}
}

// readerWait polls a JavaScript condition until it holds, failing after
// ten seconds with the page's URL and console errors. It keeps polling
// through navigations, when the page's JavaScript context is replaced.
func readerWait(t testing.TB, b *browsertest.Browser, cond string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var err error
	for time.Now().Before(deadline) {
		var ok bool
		ctx, cancel := context.WithTimeout(b.Ctx, 2*time.Second)
		err = chromedp.Run(ctx, chromedp.Evaluate("!!("+cond+")", &ok))
		cancel()
		if err == nil && ok {
			return
		}
		if b.Ctx.Err() != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	var where string
	_ = chromedp.Run(b.Ctx, chromedp.Location(&where))
	t.Fatalf("waiting at %s for %s: still false after 10s (last error: %v)\nconsole: %v", where, cond, err, b.ConsoleErrors())
}

// readerEval evaluates JavaScript, awaiting it when it is a promise.
func readerEval[T any](t testing.TB, b *browsertest.Browser, js string) T {
	t.Helper()
	var out T
	b.Run(t, chromedp.Evaluate(js, &out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	return out
}

// readerJS quotes s as a JavaScript string.
func readerJS(s string) string { return fmt.Sprintf("%q", s) }

// readerShot saves a full-page screenshot as name.png in the folder
// $GUIDEPOST_SCREENSHOTS, when it is set.
func readerShot(t *testing.T, b *browsertest.Browser, name string) {
	t.Helper()
	dir := os.Getenv("GUIDEPOST_SCREENSHOTS")
	if dir == "" {
		return
	}
	var png []byte
	b.Run(t, chromedp.FullScreenshot(&png, 100))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
