package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/publish"
	"github.com/guidepost/guidepost/internal/testsite"
)

var release struct {
	once sync.Once
	bin  string
	err  error
}

// releaseBinary builds guidepost once as a release is built (-trimpath,
// so the binary holds no path of this repository) into a folder of its
// own, removed when the tests end.
func releaseBinary(t *testing.T) string {
	t.Helper()
	release.once.Do(func() {
		dir, err := os.MkdirTemp("", "guidepost-release-")
		if err != nil {
			release.err = err
			return
		}
		addCleanup(func() { os.RemoveAll(dir) })
		release.bin = filepath.Join(dir, "guidepost")
		cmd := exec.Command("go", "build", "-trimpath", "-o", release.bin, "./cmd/guidepost")
		cmd.Dir = testsite.RepoRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			release.err = fmt.Errorf("go build -trimpath: %v\n%s", err, out)
		}
	})
	if release.err != nil {
		t.Fatal(release.err)
	}
	return release.bin
}

// cleanups run when the package's tests end (see TestMain).
var (
	cleanupsMu sync.Mutex
	cleanups   []func()
)

// addCleanup adds f to the cleanups; tests running in parallel may.
func addCleanup(f func()) {
	cleanupsMu.Lock()
	defer cleanupsMu.Unlock()
	cleanups = append(cleanups, f)
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range cleanups {
		f()
	}
	os.Exit(code)
}

// author runs the binary as an author without Go would: in their own
// folder, far from this repository, with a PATH that holds no go command
// and caches of their own.
type author struct {
	t   *testing.T
	bin string
	env []string
}

func newAuthor(t *testing.T, bin string) *author {
	home := t.TempDir()
	emptyPath := t.TempDir()
	env := []string{"PATH=" + emptyPath, "HOME=" + home, "XDG_CACHE_HOME=" + filepath.Join(home, ".cache")}
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("the go command is needed to build the binary under test")
	}
	return &author{t: t, bin: bin, env: env}
}

// run runs guidepost in dir and returns its output, failing the test on a
// non-zero exit.
func (a *author) run(dir string, args ...string) string {
	a.t.Helper()
	cmd := exec.Command(a.bin, args...)
	cmd.Dir = dir
	cmd.Env = a.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		a.t.Fatalf("guidepost %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	if strings.Contains(stderr.String(), "panic:") {
		a.t.Fatalf("guidepost %s crashed:\n%s", strings.Join(args, " "), stderr.String())
	}
	return stdout.String() + stderr.String()
}

// TestInstalledBinaryFromNothingToAWorkingSite is a new author's first
// hour: the release binary alone makes a site, checks it, builds it, and
// its decision tool works in a browser.
func TestInstalledBinaryFromNothingToAWorkingSite(t *testing.T) {
	testsite.SkipShort(t, "builds a release binary: run without -short")
	t.Parallel()
	a := newAuthor(t, releaseBinary(t))
	work := t.TempDir()
	start := time.Now()
	out := a.run(work, "new", "site", "clinic")
	if !strings.Contains(out, "cd clinic") {
		t.Errorf("new site does not say what to do next:\n%s", out)
	}
	site := filepath.Join(work, "clinic")
	if out := a.run(site, "check", "--strict"); !strings.Contains(out, "0 warnings") {
		t.Errorf("check --strict on a new site:\n%s", out)
	}
	a.run(site, "build")
	origin := browsertest.ServeDir(t, filepath.Join(site, "public"))

	b := decideBrowser(t, browsertest.Options{})
	v := decideOpen(t, b, origin+"/decide/example/")
	t.Logf("new site → decision tool ready in the browser: %s", time.Since(start).Round(time.Millisecond))
	if v.Heading != "Has a second person checked the page against its sources?" || strings.Join(v.Options, "|") != "Yes|No|Not sure" {
		t.Fatalf("the example tree starts with %+v", v)
	}
	decideClick(t, b, "option", "Not sure")
	v = decideHeading(t, b, "Ask a colleague to review the page first")
	if v.View != "outcome" || v.Verdict != "Caution" || v.Hash != "#a=3" {
		t.Errorf("outcome after Not sure: %+v", v)
	}
	decideClick(t, b, "back", "Back")
	decideHeading(t, b, "Has a second person checked the page against its sources?")
	decideClick(t, b, "option", "Yes")
	v = decideHeading(t, b, "The page can be published")
	if v.Verdict != "Allowed with conditions" {
		t.Errorf("outcome after Yes: verdict %q", v.Verdict)
	}
	b.Run(t, chromedp.Navigate(origin+"/"))
	var title string
	b.Run(t, chromedp.Text("h1", &title))
	if title != "My guidance" {
		t.Errorf("home page heading %q", title)
	}
	decideAssertPrivate(t, b, origin, []string{"Not sure"})

	// A page and a tree added later build too.
	a.run(site, "new", "page", "guidance/consent.md")
	a.run(site, "new", "tree", "whatsapp-use")
	if out := a.run(site, "check", "--strict"); !strings.Contains(out, "tree whatsapp-use: 3 nodes") {
		t.Errorf("check after new page and tree:\n%s", out)
	}
}

// TestInstalledBinaryBuildsThisSiteFromContentAlone builds this
// repository's site from its content/ and guidepost.yaml alone, with the
// built-in theme, and compares it with the build of the whole repository.
func TestInstalledBinaryBuildsThisSiteFromContentAlone(t *testing.T) {
	testsite.SkipShort(t, "builds a release binary: run without -short")
	t.Parallel()
	a := newAuthor(t, releaseBinary(t))
	root := testsite.RepoRoot(t)
	site := filepath.Join(t.TempDir(), "site")
	testsite.CopyTree(t, filepath.Join(root, "content"), filepath.Join(site, "content"))
	data, err := os.ReadFile(filepath.Join(root, "guidepost.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	testsite.WriteFile(t, site, "guidepost.yaml", string(data))
	alone := filepath.Join(t.TempDir(), "alone")
	whole := filepath.Join(t.TempDir(), "whole")
	a.run(site, "build", "--dest", alone)
	a.run(root, "build", "--force", "--dest", whole)

	got, want := testsite.ReadTree(t, alone), testsite.ReadTree(t, whole)
	delete(got, publish.Marker)
	delete(want, publish.Marker)
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s is missing from the content-only build", name)
		case !bytes.Equal(g, w):
			t.Errorf("%s differs from the repository's build", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("the content-only build has %s, which the repository's build has not", name)
		}
	}
	if len(want) < 100 || want["decide/whatsapp/index.html"] == nil {
		t.Fatalf("the repository's build has %d files, without the decision tool", len(want))
	}
}
