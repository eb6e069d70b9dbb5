package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/guidepost/guidepost/internal/browsertest"
)

// readerAxeTags are the axe-core rule tags of WCAG 2.0, 2.1 and 2.2 at
// levels A and AA.
const readerAxeTags = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]`

var axeInstall sync.Once

// readerAxeSource returns axe-core's script, failing the test when it is
// not installed.
func readerAxeSource(t *testing.T) string {
	t.Helper()
	p := filepath.Join("node_modules", "axe-core", "axe.min.js")
	axeInstall.Do(func() {
		if _, err := os.Stat(p); err == nil {
			return
		}
		// Install the version package-lock.json pins, so `go test ./...`
		// works on a fresh checkout where npm is available.
		cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Logf("npm ci in internal/e2e: %v\n%s", err, out)
		}
	})
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("axe-core is missing (%v): run `npm ci` in internal/e2e to install it", err)
	}
	return string(data)
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
	axe := readerAxeSource(t)
	origin := browsertest.ServeDir(t, readerBuild(t, "testdata/reader/site"))
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
