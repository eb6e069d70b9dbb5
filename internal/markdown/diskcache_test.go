package markdown

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// cachePages are documents with code in several languages, one block
// shared by all of them, and a fence in an unknown language.
func cachePages() [][]byte {
	var pages [][]byte
	for i := range 8 {
		pages = append(pages, fmt.Appendf(nil,
			"# Page %d\n\n```go\nfunc allowed%d(p Patient) bool {\n\treturn p.Consent && p.Encrypted\n}\n```\n\n"+
				"```python\ndef retention_%d(record):\n    return record.years >= %d  # keep it\n```\n\n"+
				"```yaml\nshared: true\nsafeguards: [consent, encryption]\n```\n\n"+
				"```nosuchlang\nplain <text> %d\n```\n", i, i, i, i%7, i))
	}
	return pages
}

// renderAll renders pages with a new Renderer using cache.
func renderAll(t *testing.T, cache *HighlightCache, pages [][]byte) [][]byte {
	t.Helper()
	r := New(Options{HighlightCache: cache})
	out := make([][]byte, len(pages))
	for i, src := range pages {
		doc, err := r.Render(src, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = doc.HTML
	}
	return out
}

func assertSameHTML(t *testing.T, what string, got, want [][]byte) {
	t.Helper()
	for i := range want {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("%s: page %d differs from the render without a cache:\n got %s\nwant %s", what, i, got[i], want[i])
		}
	}
}

func openTestCache(t *testing.T, max int64) *HighlightCache {
	t.Helper()
	c, err := OpenHighlightCache(filepath.Join(t.TempDir(), "highlight"), max)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// cacheEntries returns the paths of the cache's entry files, and fails the
// test if a temporary file was left behind.
func cacheEntries(t *testing.T, c *HighlightCache) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(c.Dir(), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasPrefix(d.Name(), tmpPrefix) {
			t.Errorf("temporary file left in the cache: %s", p)
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// forgeEntry writes a well-formed entry (valid checksum) holding html.
func forgeEntry(t *testing.T, path, html string) {
	t.Helper()
	sum := sha256.Sum256([]byte(html))
	data := append(append(append([]byte{}, entryMagic...), sum[:]...), html...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHighlightCacheOutputIdentical(t *testing.T) {
	pages := cachePages()
	want := renderAll(t, nil, pages)
	c := openTestCache(t, DefaultHighlightCacheSize)

	assertSameHTML(t, "cold cache", renderAll(t, c, pages), want)
	// 8 go + 8 python + 1 shared yaml block; unknown languages are not stored.
	entries := cacheEntries(t, c)
	if len(entries) != 17 {
		t.Fatalf("cache holds %d entries after the first build, want 17", len(entries))
	}
	assertSameHTML(t, "warm cache", renderAll(t, c, pages), want)

	// The warm render really reads the disk: a forged entry shows up.
	for _, p := range entries {
		forgeEntry(t, p, "FORGED")
	}
	if got := renderAll(t, c, pages); !bytes.Contains(got[0], []byte("FORGED")) {
		t.Fatal("a new Renderer did not read highlighted code from the disk cache")
	}
}

func TestHighlightCacheIgnoresBrokenEntries(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(data []byte) []byte
	}{
		{"empty file", func([]byte) []byte { return nil }},
		{"truncated header", func(d []byte) []byte { return d[:10] }},
		{"truncated payload", func(d []byte) []byte { return d[:len(d)-5] }},
		{"flipped payload byte", func(d []byte) []byte { d[len(d)-3] ^= 0x20; return d }},
		{"flipped checksum byte", func(d []byte) []byte { d[len(entryMagic)] ^= 1; return d }},
		{"wrong magic", func(d []byte) []byte { d[0] = 'X'; return d }},
		{"extra bytes", func(d []byte) []byte { return append(d, "<script>"...) }},
	}
	pages := cachePages()
	want := renderAll(t, nil, pages)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := openTestCache(t, DefaultHighlightCacheSize)
			renderAll(t, c, pages)
			entries := cacheEntries(t, c)
			for _, p := range entries {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, tt.corrupt(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			assertSameHTML(t, "broken entries", renderAll(t, c, pages), want)
			// The broken entries were written again and are valid now.
			for _, p := range entries {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if _, ok := decodeEntry(data); !ok {
					t.Errorf("entry %s was not repaired", filepath.Base(p))
				}
			}
		})
	}
}

// TestHighlightCacheConcurrentBuilds runs several "builds" (separate
// Renderers on one folder, as separate processes would be) at once and
// checks every output, and that the folder holds only valid entries. Run
// with -race.
func TestHighlightCacheConcurrentBuilds(t *testing.T) {
	pages := cachePages()
	want := renderAll(t, nil, pages)
	dir := filepath.Join(t.TempDir(), "highlight")
	const builds, rounds = 6, 3
	var wg sync.WaitGroup
	results := make([][][]byte, builds*rounds)
	for b := range builds {
		wg.Go(func() {
			for round := range rounds {
				c, err := OpenHighlightCache(dir, DefaultHighlightCacheSize)
				if err != nil {
					t.Error(err)
					return
				}
				r := New(Options{HighlightCache: c})
				out := make([][]byte, len(pages))
				for k := range pages {
					i := (k + b) % len(pages) // builds start at different pages
					doc, err := r.Render(pages[i], 0, nil)
					if err != nil {
						t.Error(err)
						return
					}
					out[i] = doc.HTML
				}
				results[b*rounds+round] = out
			}
		})
	}
	wg.Wait()
	for i, got := range results {
		if got != nil {
			assertSameHTML(t, fmt.Sprintf("build %d", i), got, want)
		}
	}
	c, _ := OpenHighlightCache(dir, DefaultHighlightCacheSize)
	for _, p := range cacheEntries(t, c) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := decodeEntry(data); !ok {
			t.Errorf("invalid entry %s after concurrent builds", filepath.Base(p))
		}
	}
}

func TestHighlightCacheTrimEvictsOldest(t *testing.T) {
	const entries, size = 40, 400
	c := openTestCache(t, 1<<30) // no trimming while filling
	payload := strings.Repeat("x", size-headerSize)
	base := time.Now().Add(-48 * time.Hour)
	var paths []string
	for i := range entries {
		k := newDiskKey("go", fmt.Sprint("code ", i))
		c.put(k, payload)
		p := c.path(k)
		mod := base.Add(time.Duration(i) * time.Minute) // entry i is older than i+1
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	stale := filepath.Join(c.Dir(), tmpPrefix+"crashed")
	if err := os.WriteFile(stale, []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(stale, base, base); err != nil {
		t.Fatal(err)
	}

	c.max = 10 * size
	if err := c.Trim(); err != nil {
		t.Fatal(err)
	}
	for i, p := range paths {
		_, err := os.Stat(p)
		if kept := err == nil; kept != (i >= entries-10) {
			t.Errorf("entry %d (of %d, oldest first): kept = %v, want only the newest 10 kept", i, entries, kept)
		}
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temporary file not removed by Trim: %v", err)
	}
}

func TestHighlightCacheStaysBounded(t *testing.T) {
	const max = 8 << 10
	c := openTestCache(t, max)
	var b strings.Builder
	for i := range 200 {
		fmt.Fprintf(&b, "```go\nfunc f%d() int { return %d } // %s\n```\n\n", i, i, strings.Repeat("pad ", 20))
	}
	renderAll(t, c, [][]byte{[]byte(b.String())})
	var total int64
	for _, p := range cacheEntries(t, c) {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		total += info.Size()
	}
	// Trimming happens after each quarter of the limit written.
	if total > max+max/4 {
		t.Errorf("cache holds %d bytes, limit %d (+ a quarter between trims)", total, max)
	}
	if total == 0 {
		t.Error("cache is empty after rendering")
	}
}

func TestDefaultHighlightCache(t *testing.T) {
	tests := []struct {
		env     string
		wantDir bool
	}{
		{"", true},
		{"on", true},
		{"off", false},
		{"OFF", false},
		{"0", false},
	}
	for _, tt := range tests {
		t.Run("GUIDEPOST_CACHE="+tt.env, func(t *testing.T) {
			home := t.TempDir()
			t.Setenv("XDG_CACHE_HOME", home)
			t.Setenv("HOME", home)
			t.Setenv(CacheEnv, tt.env)
			c := DefaultHighlightCache()
			if !tt.wantDir {
				if c != nil {
					t.Fatalf("cache in %s, want none", c.Dir())
				}
				return
			}
			if c == nil {
				t.Fatal("no cache, want one in the user cache folder")
			}
			if want := filepath.Join(home, "guidepost", "highlight"); c.Dir() != want {
				t.Errorf("Dir() = %s, want %s", c.Dir(), want)
			}
		})
	}
}

func TestUseHighlightCache(t *testing.T) {
	c := openTestCache(t, DefaultHighlightCacheSize)
	UseHighlightCache(c)
	t.Cleanup(func() { UseHighlightCache(nil) })
	renderAll(t, nil, cachePages()[:1])
	if n := len(cacheEntries(t, c)); n != 3 {
		t.Errorf("package default cache holds %d entries, want 3", n)
	}
}
