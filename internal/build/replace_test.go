package build

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// replacing are static files at the names of files the build generates,
// with what each holds.
var replacing = map[string]string{
	"sitemap.xml":       "<x/>\n",
	"feed.xml":          "<feed>the site's own</feed>\n",
	"robots.txt":        "User-agent: *\nDisallow: /\n",
	"404.html":          "<!doctype html><title>Our own 404</title>\n",
	"css/syntax.css":    "/* the site's own highlighting */\n",
	"search/index.json": "{\"own\":true}\n",
}

// dirHashes returns the SHA-256 of every file below dir by relative path.
func dirHashes(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestStaticFileReplacesGeneratedOne: a static file with the name of a
// file the build generates is published instead of it, every time, whole
// (the two were written at once and either won, or a mix of both), and
// the result says so once per file.
func TestStaticFileReplacesGeneratedOne(t *testing.T) {
	testsite.SkipShort(t, "builds a site 50 times: run without -short")
	src := t.TempDir()
	writeCorpus(t, src, 10)
	for name, data := range replacing {
		write(t, src, "static/"+name, data)
	}
	dest := filepath.Join(t.TempDir(), "public")
	var first map[string][32]byte
	for i := range 50 {
		res, err := Build(Options{Source: src, Dest: dest, Now: now})
		if err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
		got := dirHashes(t, dest)
		if first == nil {
			first = got
			if len(res.Replaced) != len(replacing) {
				t.Errorf("replaced %v, want one note for each of %d files", res.Replaced, len(replacing))
			}
			for _, r := range res.Replaced {
				if r.Static != "static/"+r.Generated || replacing[r.Generated] == "" || !strings.Contains(r.Note(), "replaces the "+r.Generated) {
					t.Errorf("replacement %+v: %s", r, r.Note())
				}
			}
			for _, name := range []string{"sitemap.xml", "feed.xml", "robots.txt", "404.html"} {
				if data, _ := os.ReadFile(filepath.Join(dest, name)); string(data) != replacing[name] {
					t.Errorf("%s = %q, want the site's own %q", name, data, replacing[name])
				}
			}
			for _, pattern := range []string{"css/syntax.*.css", "search/index.*.json"} {
				matches, _ := filepath.Glob(filepath.Join(dest, filepath.FromSlash(pattern)))
				logical := strings.Replace(pattern, ".*", "", 1)
				if len(matches) != 1 {
					t.Errorf("%s: %d files, want the site's one", pattern, len(matches))
					continue
				}
				if data, _ := os.ReadFile(matches[0]); string(data) != replacing[logical] {
					t.Errorf("%s = %q, want the site's own %q", matches[0], data, replacing[logical])
				}
			}
			continue
		}
		if len(got) != len(first) {
			t.Fatalf("build %d wrote %d files, the first %d", i, len(got), len(first))
		}
		for name, h := range first {
			if got[name] != h {
				t.Fatalf("build %d: %s differs from the first build's", i, name)
			}
		}
	}
}

// TestStaticFileReplacesGeneratedOneInServe: the dev server's builds follow
// the same rule.
func TestStaticFileReplacesGeneratedOneInServe(t *testing.T) {
	src := t.TempDir()
	writeCorpus(t, src, 10)
	for name, data := range replacing {
		write(t, src, "static/"+name, data)
	}
	b := NewIncremental(Options{Source: src, Now: now})
	up, err := b.Rebuild(Changes{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sitemap.xml", "feed.xml", "robots.txt", "404.html"} {
		if data, ok := up.Output.Get(name); !ok || string(data) != replacing[name] {
			t.Errorf("%s = %q, %v; want the site's own %q", name, data, ok, replacing[name])
		}
	}
}
