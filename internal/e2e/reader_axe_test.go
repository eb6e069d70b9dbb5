package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/testsite"
)

// readerAxeTags are the axe-core rule tags of WCAG 2.0, 2.1 and 2.2 at
// levels A and AA.
const readerAxeTags = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]`

// axe-core is installed outside the repository, once per machine, by
// axeInstallCommand (which .ci/run runs): the tests then need no network
// and write nothing into the source tree. It goes into $GUIDEPOST_AXE_DIR,
// else into a folder of the user cache folder named after the version
// package-lock.json pins, so that a new pin gets a new folder.
const (
	axeDirEnv         = "GUIDEPOST_AXE_DIR"
	axeInstallCommand = ".ci/install-axe"
)

var axeScript struct {
	once   sync.Once
	source string
	err    error
}

// readerAxeSource returns axe-core's script, failing the test, with the
// command that installs it, when it is not installed.
func readerAxeSource(t *testing.T) string {
	t.Helper()
	axeScript.once.Do(func() { axeScript.source, axeScript.err = loadAxe() })
	if axeScript.err != nil {
		t.Fatalf("%v: run `%s` from the repository root once (it needs npm)", axeScript.err, axeInstallCommand)
	}
	return axeScript.source
}

// loadAxe reads the axe-core script installed by axeInstallCommand, at
// the version package-lock.json pins.
func loadAxe() (string, error) {
	data, err := os.ReadFile("package-lock.json")
	if err != nil {
		return "", err
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(data, &lock); err != nil {
		return "", fmt.Errorf("package-lock.json: %v", err)
	}
	want := lock.Packages["node_modules/axe-core"].Version
	if want == "" {
		return "", errors.New("package-lock.json pins no version of axe-core")
	}
	dir := os.Getenv(axeDirEnv)
	if dir != "" && !filepath.IsAbs(dir) {
		return "", fmt.Errorf("$%s is %q, not an absolute path", axeDirEnv, dir)
	}
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("no user cache folder to find axe-core in (%v); set $%s", err, axeDirEnv)
		}
		dir = filepath.Join(cache, "guidepost-test", "axe-core-"+want)
	}
	pkg := filepath.Join(dir, "node_modules", "axe-core")
	var installed struct {
		Version string `json:"version"`
	}
	if data, err := os.ReadFile(filepath.Join(pkg, "package.json")); err != nil {
		return "", fmt.Errorf("axe-core %s is not installed in %s", want, dir)
	} else if err := json.Unmarshal(data, &installed); err != nil || installed.Version != want {
		return "", fmt.Errorf("%s holds axe-core %q, not the %s package-lock.json pins", dir, installed.Version, want)
	}
	src, err := os.ReadFile(filepath.Join(pkg, "axe.min.js"))
	if err != nil {
		return "", fmt.Errorf("axe-core %s in %s is incomplete (%v)", want, dir, err)
	}
	return string(src), nil
}

type readerViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target  string `json:"target"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// readerAxe runs axe-core on the page as it is and returns the violations.
func readerAxe(t *testing.T, b *browsertest.Browser, axe string) []readerViolation {
	t.Helper()
	var loaded bool
	b.Run(t, chromedp.Evaluate(axe+";\ntypeof axe === 'object'", &loaded))
	if !loaded {
		t.Fatal("axe-core did not load into the page")
	}
	return readerEval[[]readerViolation](t, b, `axe.run(document, {
  runOnly: {type: "tag", values: `+readerAxeTags+`},
  resultTypes: ["violations"],
}).then(r => r.violations.map(v => ({
  id: v.id, help: v.help,
  nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
})))`)
}

// TestReaderAccessibility runs axe-core's WCAG 2.2 A and AA rules on every
// kind of page, in the light and the dark colour scheme, and expects no
// violation.
func TestReaderAccessibility(t *testing.T) {
	testsite.SkipShort(t, "runs axe-core on every kind of page in two colour schemes: run without -short")
	t.Parallel()
	axe := readerAxeSource(t)
	origin := browsertest.ServeDir(t, readerShared(t, "testdata/reader/site"))
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			b := browsertest.New(t, browsertest.Options{Dark: scheme == "dark"})
			for _, p := range readerPages {
				readerVisit(t, b, origin, p)
				readerShot(t, b, "desktop-"+scheme+"-"+p.name)
				for _, v := range readerAxe(t, b, axe) {
					var where []string
					for _, n := range v.Nodes {
						where = append(where, "\n    "+n.Target+": "+strings.ReplaceAll(n.Summary, "\n", " "))
					}
					t.Errorf("%s (%s): %s: %s%s", p.name, scheme, v.ID, v.Help, strings.Join(where, ""))
				}
			}
			b.AssertNoConsoleErrors(t)
		})
	}
}

// TestReaderAxeFindsViolations makes sure the accessibility check can
// fail: axe-core, run the same way, must report a page's missing image
// text, unlabelled field and low-contrast text.
func TestReaderAxeFindsViolations(t *testing.T) {
	testsite.SkipShort(t, "runs axe-core on a bad page in Chromium: run without -short")
	t.Parallel()
	axe := readerAxeSource(t)
	dir := t.TempDir()
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head><body><main>
<h1>Bad page</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input type="text"><p style="color:#bbb;background:#fff">Faint text</p></main></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	origin := browsertest.ServeDir(t, dir)
	b := browsertest.New(t, browsertest.Options{})
	b.Run(t, chromedp.Navigate(origin+"/"))
	found := map[string]bool{}
	for _, v := range readerAxe(t, b, axe) {
		found[v.ID] = true
	}
	for _, want := range []string{"image-alt", "label", "color-contrast"} {
		if !found[want] {
			t.Errorf("axe-core did not report %s on a page that breaks it (found %v)", want, found)
		}
	}
}
