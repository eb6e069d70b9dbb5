package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/corpus"
)

// TestMultilingualCorpus checks the multilingual shape: both guidepost
// sites build with no problem, they hold the same pages with the same
// text (only the translations' file names, and the links to them,
// differ), each language publishes its own home and search index, and
// the Hugo twins' relrefs name files that exist.
func TestMultilingualCorpus(t *testing.T) {
	repo, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	c, err := corpus.New(corpus.Multilingual, 90)
	if err != nil {
		t.Fatal(err)
	}
	if c.RegularPages() < 90 || c.RegularPages()%len(corpus.Languages()) != 0 {
		t.Fatalf("%d regular pages for 90 asked, in %d languages", c.RegularPages(), len(corpus.Languages()))
	}
	s, err := writeSites(t.TempDir(), repo, c)
	if err != nil {
		t.Fatal(err)
	}

	dests := map[string]string{}
	pages := map[string]int{}
	for name, src := range map[string]string{"one language": s.guidepostOne, "multilingual": s.guidepost} {
		dests[name] = filepath.Join(t.TempDir(), "out")
		res, err := build.Build(build.Options{Source: src, Dest: dests[name], Now: testNow})
		if err != nil {
			t.Fatalf("%s: generated site does not build: %v", name, err)
		}
		for _, d := range res.Diags {
			t.Errorf("%s: diagnostic on the generated site: %s", name, d)
		}
		pages[name] = res.Pages
	}
	if pages["one language"] < c.RegularPages() || pages["multilingual"] < pages["one language"] {
		t.Errorf("built %v pages for %d regular pages", pages, c.RegularPages())
	}
	for j, l := range corpus.Languages() {
		prefix := l.Code + "/"
		if j == 0 {
			prefix = ""
		}
		for _, f := range []string{"index.html", "feed.xml", "search/index.html", "s00/p00000/index.html"} {
			if _, err := os.Stat(filepath.Join(dests["multilingual"], prefix, f)); err != nil {
				t.Errorf("multilingual site: %v", err)
			}
		}
		if _, err := os.Stat(filepath.Join(dests["one language"], l.Code, "index.html")); j > 0 && err == nil {
			t.Errorf("one-language site has a /%s/ home", l.Code)
		}
	}

	// The same pages, with the same text.
	one := readContent(t, s.guidepostOne)
	multi := readContent(t, s.guidepost)
	regular := 0
	for name, text := range one {
		if strings.HasSuffix(name, "_index.md") {
			continue
		}
		regular++
		mname, mtext := name, text
		for _, l := range corpus.Languages()[1:] {
			mname = strings.Replace(mname, "-"+l.Code+".md", "."+l.Code+".md", 1)
			mtext = strings.ReplaceAll(mtext, "-"+l.Code+".md)", "."+l.Code+".md)")
		}
		if multi[mname] != mtext {
			t.Errorf("%s and %s differ:\n%s\n---\n%s", name, mname, text, multi[mname])
		}
	}
	if regular != c.RegularPages() {
		t.Errorf("one-language site has %d regular pages, want %d", regular, c.RegularPages())
	}
	scripts := map[string]bool{"í": false, "患": false, "م": false}
	for _, text := range multi {
		for r := range scripts {
			scripts[r] = scripts[r] || strings.Contains(text, r)
		}
	}
	for r, seen := range scripts {
		if !seen {
			t.Errorf("no page contains %q", r)
		}
	}

	for _, dir := range []string{s.hugo, s.hugoOne} {
		links := 0
		for name, text := range readContent(t, dir) {
			for _, m := range relrefRE.FindAllStringSubmatch(text, -1) {
				links++
				if _, err := os.Stat(filepath.Join(dir, "content", m[1])); err != nil {
					t.Errorf("%s: relref to missing %s", name, m[1])
				}
			}
		}
		if links < c.RegularPages()/2 {
			t.Errorf("%s: %d relref links, want about one per page", dir, links)
		}
	}
}

// readContent returns the files below dir/content by their path there.
func readContent(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	root := filepath.Join(dir, "content")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
