package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/publish"
	"github.com/guidepost/guidepost/internal/testsite"
)

var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// hashSink records the SHA-256 of every file written to it.
type hashSink struct {
	mu    sync.Mutex
	files map[string]string
}

func (h *hashSink) WriteFile(name string, data []byte) error {
	sum := sha256.Sum256(data)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.files == nil {
		h.files = map[string]string{}
	}
	h.files[name] = hex.EncodeToString(sum[:])
	return nil
}

// renderHashes builds src in memory with b and returns the output's hashes.
func renderHashes(t *testing.T, b *Builder, src string) map[string]string {
	t.Helper()
	res, files, err := b.Render(Options{Source: src, Now: now})
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	if len(res.Diags) > 0 {
		t.Fatalf("diagnostics on the generated corpus:\n%v", res.Diags)
	}
	sink := &hashSink{}
	if err := files.WriteTo(sink); err != nil {
		t.Fatal(err)
	}
	if len(sink.files) != res.Files {
		t.Errorf("the result counts %d files, %d were written", res.Files, len(sink.files))
	}
	return sink.files
}

// TestRenderIsDeterministic renders one corpus with fresh and reused
// Builders and different numbers of workers: every output file must be
// byte-identical.
func TestRenderIsDeterministic(t *testing.T) {
	pages := 120
	if testing.Short() {
		pages = 40 // the full suite renders 120
	}
	src := t.TempDir()
	writeCorpus(t, src, pages)
	first := renderHashes(t, New(), src)
	if len(first) < pages {
		t.Fatalf("only %d files rendered", len(first))
	}
	warm := New()
	renderHashes(t, warm, src)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, tt := range []struct {
		name    string
		b       *Builder
		workers int
	}{
		{"fresh builder", New(), runtime.GOMAXPROCS(0)},
		{"reused builder", warm, runtime.GOMAXPROCS(0)},
		{"one worker", New(), 1},
		{"eight workers", New(), 8},
	} {
		runtime.GOMAXPROCS(tt.workers)
		got := renderHashes(t, tt.b, src)
		for name, h := range first {
			if got[name] != h {
				t.Errorf("%s: %s differs from the first build", tt.name, name)
			}
		}
		if len(got) != len(first) {
			t.Errorf("%s: %d files, the first build had %d", tt.name, len(got), len(first))
		}
	}
}

func TestBuildWritesAndReplacesDest(t *testing.T) {
	src := t.TempDir()
	c := writeCorpus(t, src, 10)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: src, Dest: dest, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages < 10 || res.Files <= res.Pages || res.Duration <= 0 {
		t.Errorf("result: %d pages, %d files in %v", res.Pages, res.Files, res.Duration)
	}
	for _, f := range []string{"index.html", strings.TrimSuffix(c.PagePath(0), ".md") + "/index.html", "sitemap.xml", "feed.xml", "robots.txt", "404.html", "tags/consent/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("missing output: %v", err)
		}
	}
	write(t, dest, "stale.html", "from before")
	if _, err := Build(Options{Source: src, Dest: dest, Now: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "stale.html")); err == nil {
		t.Error("a file of the previous output survived a rebuild")
	}
}

// TestBuildStreamsWhatRenderHolds checks that a build written to disk as
// pages are rendered (and the search index made beside them) holds exactly
// the files, byte for byte, of the same site rendered in memory.
func TestBuildStreamsWhatRenderHolds(t *testing.T) {
	src := t.TempDir()
	writeCorpus(t, src, 60)
	want := renderHashes(t, New(), src)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: src, Dest: dest, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	got := &hashSink{}
	for name, data := range testsite.ReadTree(t, dest) {
		got.WriteFile(name, data)
	}
	// The marker is the output folder's, written on commit: neither a
	// file of the site nor one the dev server serves.
	if _, ok := got.files[publish.Marker]; !ok {
		t.Errorf("the build did not write %s", publish.Marker)
	}
	if _, ok := want[publish.Marker]; ok {
		t.Errorf("the in-memory render holds %s", publish.Marker)
	}
	delete(got.files, publish.Marker)
	for name, h := range want {
		if got.files[name] != h {
			t.Errorf("%s: differs from the in-memory render (or is missing)", name)
		}
	}
	if len(got.files) != len(want) || res.Files != len(want) {
		t.Errorf("build wrote %d files and counts %d; the in-memory render has %d", len(got.files), res.Files, len(want))
	}
}

func TestBuildFailureKeepsDest(t *testing.T) {
	src := t.TempDir()
	writeCorpus(t, src, 5)
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	write(t, dest, "index.html", "previous")
	write(t, dest, publish.Marker, "written by guidepost build")
	write(t, src, "content/s00/bad.md", "---\ntitle: Bad\nweight: heavy\n---\n[x](nowhere.md)\n")

	res, err := Build(Options{Source: src, Dest: dest, Now: now})
	var f *Failure
	if !errors.Is(err, ErrFailed) || !errors.As(err, &f) {
		t.Fatalf("error %v, want a *Failure matching ErrFailed", err)
	}
	want := []string{
		`content/s00/bad.md:3: weight must be a whole number, got "heavy"`,
		`content/s00/bad.md:5: link to a missing page "nowhere.md"`,
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
	if len(res.Diags.Errors()) != 2 {
		t.Errorf("diagnostics %v, want the two errors", res.Diags)
	}
	if data, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(data) != "previous" {
		t.Errorf("the failed build changed the output: %q", data)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("the failed build left files beside the output: %v", entries)
	}
}

func TestCheckOnlyWritesNothing(t *testing.T) {
	src := t.TempDir()
	writeCorpus(t, src, 5)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: src, Dest: dest, CheckOnly: true, Now: now})
	if err != nil || res.Pages == 0 {
		t.Fatalf("check: %v, %d pages", err, res.Pages)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("a check created the output folder")
	}
}

func TestCheckDest(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	tests := []struct {
		dest   string
		phrase string // "" when the destination is fine
	}{
		{filepath.Join(site, "public"), ""},
		{filepath.Join(root, "public"), ""},
		{filepath.Join(site, "contents"), ""},
		{site, "holds the site's sources"},
		{site + string(filepath.Separator), "holds the site's sources"},
		{root, "holds the site's sources"},
		{filepath.Join(site, "content"), "inside the site's content/ folder"},
		{filepath.Join(site, "content", "out"), "inside the site's content/ folder"},
		{filepath.Join(site, "layouts"), "inside the site's layouts/ folder"},
		{filepath.Join(site, "static", "x", ".."), "inside the site's static/ folder"},
	}
	for _, tt := range tests {
		err := checkDest(site, tt.dest)
		switch {
		case tt.phrase == "" && err != nil:
			t.Errorf("checkDest(%s) = %v, want nil", tt.dest, err)
		case tt.phrase != "" && (err == nil || !strings.Contains(err.Error(), tt.phrase)):
			t.Errorf("checkDest(%s) = %v, want an error saying %q", tt.dest, err, tt.phrase)
		}
	}
}

// A site or an output folder reached through a symbolic link is the folder
// the link leads to: checkDest compares the paths the system resolves.
func TestCheckDestFollowsLinks(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "r", "site")
	for _, sub := range []string{"content", "layouts"} {
		if err := os.MkdirAll(filepath.Join(real, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	shared := filepath.Join(root, "shared-static")
	if err := os.MkdirAll(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	link := func(target, name string) string {
		t.Helper()
		p := filepath.Join(root, name)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	link(shared, filepath.Join("r", "site", "static"))
	siteLink := link(real, "link")
	parentLink := link(filepath.Join(root, "r"), "rlink")
	destLink := link(real, "dest-link")
	tests := []struct {
		source, dest string
		phrase       string // "" when the destination is fine
	}{
		{siteLink, filepath.Join(root, "r"), "holds the site's sources"},
		{siteLink, real, "holds the site's sources"},
		{siteLink, filepath.Join(real, "content", "new"), "inside the site's content/ folder"},
		{real, siteLink, "holds the site's sources"},
		{real, destLink, "holds the site's sources"},
		{real, parentLink, "holds the site's sources"},
		{real, filepath.Join(parentLink, "site", "layouts"), "inside the site's layouts/ folder"},
		{real, filepath.Join(parentLink, "site", "layouts", "not", "yet"), "inside the site's layouts/ folder"},
		{real, filepath.Join(shared, "out"), "inside the site's static/ folder"},
		{siteLink, filepath.Join(siteLink, "public"), ""},
		{siteLink, filepath.Join(root, "public"), ""},
		{siteLink, filepath.Join(parentLink, "public"), ""},
	}
	for _, tt := range tests {
		err := checkDest(tt.source, tt.dest)
		switch {
		case tt.phrase == "" && err != nil:
			t.Errorf("checkDest(%s, %s) = %v, want nil", tt.source, tt.dest, err)
		case tt.phrase != "" && (err == nil || !strings.Contains(err.Error(), tt.phrase)):
			t.Errorf("checkDest(%s, %s) = %v, want an error saying %q", tt.source, tt.dest, err, tt.phrase)
		}
	}
}

func TestFilesGet(t *testing.T) {
	src := t.TempDir()
	c := writeCorpus(t, src, 3)
	_, files, err := New().Render(Options{Source: src, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	page, ok := files.Get(strings.TrimSuffix(c.PagePath(0), ".md") + "/index.html")
	if !ok || !strings.Contains(string(page), "Messaging safeguards 0: Consent") {
		t.Errorf("Get(page) = %v", ok)
	}
	sink := &hashSink{}
	if err := files.WriteTo(sink); err != nil {
		t.Fatal(err)
	}
	css := ""
	for name := range sink.files {
		if strings.HasPrefix(name, "css/site.") {
			css = name
		}
	}
	if data, ok := files.Get(css); css == "" || !ok || len(data) == 0 {
		t.Errorf("Get(%q) does not return the fingerprinted stylesheet", css)
	}
	if _, ok := files.Get("nope/index.html"); ok {
		t.Error("Get found a file that was never rendered")
	}
}

// gcPercentSink records the garbage collector's target while pages are
// written.
type gcPercentSink struct {
	mu     sync.Mutex
	during int
}

func (g *gcPercentSink) WriteFile(string, []byte) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.during = debug.SetGCPercent(-1)
	debug.SetGCPercent(g.during)
	return nil
}

// TestGCPercentOnlyForLargeSites checks that a build sets the garbage
// collector's targets it is given only for a site of tunedGCPages pages
// or more, restores them after, and writes the same pages either way.
func TestGCPercentOnlyForLargeSites(t *testing.T) {
	src := t.TempDir()
	writeCorpus(t, src, 5)
	prev := debug.SetGCPercent(77)
	defer debug.SetGCPercent(prev)
	_, plain, err := New().Render(Options{Source: src, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Source: src, Now: now, GCPercent: 50, IndexGCPercent: 30}
	for _, tt := range []struct {
		minPages, during int
	}{
		{TunedGCPages, 77}, // 5 pages: Go's own target stays
		{3, 50},
	} {
		tunedGCPages = tt.minPages
		sink := &gcPercentSink{}
		_, err := New().run(opts, sink, nil)
		tunedGCPages = TunedGCPages
		if err != nil {
			t.Fatal(err)
		}
		if sink.during != tt.during {
			t.Errorf("from %d pages: GC percent while rendering = %d, want %d", tt.minPages, sink.during, tt.during)
		}
		if got := debug.SetGCPercent(77); got != 77 {
			t.Errorf("from %d pages: GC percent after the build = %d, want 77 as before", tt.minPages, got)
		}
	}
	tunedGCPages = 3
	_, tuned, err := New().Render(opts)
	tunedGCPages = TunedGCPages
	if err != nil {
		t.Fatal(err)
	}
	a, _ := plain.Get("index.html")
	b, ok := tuned.Get("index.html")
	if !ok || !bytes.Equal(a, b) {
		t.Errorf("index.html differs with the GC tuned")
	}
}
