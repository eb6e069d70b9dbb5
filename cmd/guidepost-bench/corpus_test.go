package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/corpus"
	"github.com/guidepost/guidepost/internal/markdown"
	"github.com/guidepost/guidepost/internal/testsite"
)

var testNow = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// testSites writes a corpus of n pages for both generators.
func testSites(t *testing.T, n int) (sites, corpus.Corpus) {
	t.Helper()
	repo, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	c, err := corpus.New(corpus.Long, n)
	if err != nil {
		t.Fatal(err)
	}
	s, err := writeSites(t.TempDir(), repo, c)
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

// TestCorpusBuildsCleanly checks that the generated guidepost site builds
// with no error or warning: every link, anchor and front matter key is
// valid.
func TestCorpusBuildsCleanly(t *testing.T) {
	s, c := testSites(t, 45)
	res, err := build.Build(build.Options{Source: s.guidepost, CheckOnly: true, Now: testNow})
	if err != nil {
		t.Fatalf("generated site does not build: %v", err)
	}
	for _, d := range res.Diags {
		t.Errorf("diagnostic on the generated site: %s", d)
	}
	// pages + sections + home + taxonomies and terms + search + 404
	if res.Pages < c.Pages()+c.Sections()+1 {
		t.Errorf("built %d pages, want at least %d", res.Pages, c.Pages()+c.Sections()+1)
	}
}

// relrefRE matches a relref link of the Hugo twin.
var relrefRE = regexp.MustCompile(`\{\{< relref "/([^"#]+)(#[^"]*)?" >\}\}`)

// TestHugoLinksResolve checks that every relref of the Hugo site names a
// content file that exists, so Hugo (refLinksErrorLevel ERROR) builds.
func TestHugoLinksResolve(t *testing.T) {
	s, _ := testSites(t, 45)
	links := 0
	err := filepath.WalkDir(filepath.Join(s.hugo, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte(".md)")) {
			t.Errorf("%s: a Markdown link to a .md file, which Hugo would publish as is", p)
		}
		for _, m := range relrefRE.FindAllSubmatch(data, -1) {
			links++
			if _, err := os.Stat(filepath.Join(s.hugo, "content", string(m[1]))); err != nil {
				t.Errorf("%s: relref to missing %s", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if links < 45*2 {
		t.Errorf("found %d relref links, want at least two per page", links)
	}
}

// TestOutputIdenticalWithHighlightCache builds the corpus without the
// persistent highlight cache, with an empty one and with a warm one (new
// Builder and cache handle, as a second process would have), and checks
// every output file is byte-identical.
func TestOutputIdenticalWithHighlightCache(t *testing.T) {
	s, _ := testSites(t, 40)
	out := t.TempDir()
	cacheDir := filepath.Join(t.TempDir(), "highlight")

	builds := []struct {
		name  string
		cache bool
	}{
		{"no cache", false},
		{"empty cache", true},
		{"warm cache", true},
	}
	trees := make([]map[string][]byte, len(builds))
	for i, b := range builds {
		var c *markdown.HighlightCache // nil: no cache
		if b.cache {
			var err error
			if c, err = markdown.OpenHighlightCache(cacheDir, markdown.DefaultHighlightCacheSize); err != nil {
				t.Fatal(err)
			}
		}
		dest := filepath.Join(out, strings.ReplaceAll(b.name, " ", "-"))
		if _, err := build.Build(build.Options{Source: s.guidepost, Dest: dest, Now: testNow, HighlightCache: c}); err != nil {
			t.Fatalf("%s: %v", b.name, err)
		}
		if err := c.Flush(); err != nil {
			t.Fatalf("%s: Flush: %v", b.name, err)
		}
		trees[i] = testsite.ReadTree(t, dest)
		if b.cache && treeSize(cacheDir) < 40*2*500 {
			t.Fatalf("%s: highlight cache holds %d bytes after building 40 pages with two code blocks each", b.name, treeSize(cacheDir))
		}
	}
	for i := 1; i < len(builds); i++ {
		for name, want := range trees[0] {
			if got, ok := trees[i][name]; !ok {
				t.Errorf("%s: %s missing", builds[i].name, name)
			} else if !bytes.Equal(got, want) {
				t.Errorf("%s: %s differs from the build without a cache", builds[i].name, name)
			}
		}
		if len(trees[i]) != len(trees[0]) {
			t.Errorf("%s: %d files, want %d", builds[i].name, len(trees[i]), len(trees[0]))
		}
	}
}

// TestSmallCorpusBuildsCleanly checks the small shape: short pages in
// several scripts build with no problem, each page links the next, and
// every script appears.
func TestSmallCorpusBuildsCleanly(t *testing.T) {
	repo, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	c, err := corpus.New(corpus.Small, 120)
	if err != nil {
		t.Fatal(err)
	}
	s, err := writeSites(t.TempDir(), repo, c)
	if err != nil {
		t.Fatal(err)
	}
	res, err := build.Build(build.Options{Source: s.guidepost, CheckOnly: true, Now: testNow})
	if err != nil {
		t.Fatalf("generated site does not build: %v", err)
	}
	for _, d := range res.Diags {
		t.Errorf("diagnostic on the generated site: %s", d)
	}
	if c.Sections() < 4 || res.Pages < c.Pages()+c.Sections()+1 {
		t.Errorf("%d sections, %d pages built; want about 30 pages a section and every page", c.Sections(), res.Pages)
	}
}
