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
	"github.com/guidepost/guidepost/internal/markdown"
	"github.com/guidepost/guidepost/internal/testsite"
)

var testNow = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// testSites writes a corpus of n pages for both generators.
func testSites(t *testing.T, n int) (sites, corpus) {
	t.Helper()
	repo, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	c := newCorpus(n)
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
	if res.Pages < c.pages+c.sections+1 {
		t.Errorf("built %d pages, want at least %d", res.Pages, c.pages+c.sections+1)
	}
}

var (
	fenceRE  = regexp.MustCompile("(?m)^```([a-z]+)\n((?s:.*?))^```$")
	relrefRE = regexp.MustCompile(`\{\{< relref "/([^"#]+)(#[^"]*)?" >\}\}`)
	// Links as written for each generator.
	mdLinkRE   = regexp.MustCompile(`\]\([^)]+\.md(#[^)]*)?\)`)
	hugoLinkRE = regexp.MustCompile(`\]\(\{\{< relref "[^"]+" >\}\}\)`)
)

// TestCorpusPages checks what the benchmark relies on: two distinct code
// blocks in different languages on every page, code that differs from page
// to page, and the same text for both generators apart from links.
func TestCorpusPages(t *testing.T) {
	c := newCorpus(300)
	seen := map[string]int{}
	langs := map[string]bool{}
	for i := range c.pages {
		body := c.body(i, guidepostLinks{})
		blocks := fenceRE.FindAllStringSubmatch(body, -1)
		if len(blocks) != 2 {
			t.Fatalf("page %d has %d code blocks, want 2", i, len(blocks))
		}
		if blocks[0][1] == blocks[1][1] {
			t.Errorf("page %d: both code blocks are %s", i, blocks[0][1])
		}
		for _, b := range blocks {
			langs[b[1]] = true
			if j, ok := seen[b[2]]; ok {
				t.Errorf("page %d repeats a code block of page %d", i, j)
			}
			seen[b[2]] = i
		}
		g := mdLinkRE.ReplaceAllString(body, "](LINK)")
		h := hugoLinkRE.ReplaceAllString(c.body(i, hugoLinks{}), "](LINK)")
		if g != h {
			t.Errorf("page %d: guidepost and Hugo text differ beyond links:\n%s\n---\n%s", i, g, h)
		}
	}
	if len(langs) < 8 {
		t.Errorf("code in %d languages, want at least 8", len(langs))
	}
}

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
	c := newSmallCorpus(120)
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
	if c.sections < 4 || res.Pages < c.pages+c.sections+1 {
		t.Errorf("%d sections, %d pages built; want about 30 pages a section and every page", c.sections, res.Pages)
	}
	scripts := map[int]bool{}
	for i := range c.pages {
		body := c.smallBody(i, guidepostLinks{})
		if strings.Contains(body, "```") || len(body) > 2000 {
			t.Errorf("page %d is not a short page:\n%s", i, body)
		}
		scripts[i%len(smallScripts)] = true
	}
	if len(scripts) != len(smallScripts) {
		t.Errorf("%d of %d scripts used", len(scripts), len(smallScripts))
	}
}
