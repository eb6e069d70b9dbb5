package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/testsite"
)

// cachePages are documents with code in several languages, one block
// shared by all of them, and a fence in an unknown language: 8 go, 8
// python and 1 yaml block are cached.
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

const cachePagesEntries = 17

// renderAll renders pages with a new Renderer using cache, then flushes
// the cache as a build would.
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
	if err := cache.Flush(); err != nil {
		t.Fatalf("Flush: %v", err)
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

func openTestCache(t *testing.T, dir string, max int64) *HighlightCache {
	t.Helper()
	c, err := OpenHighlightCache(dir, max)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// diskEntries returns the valid entries in dir, read as a new process
// would, and fails the test if a temporary file was left behind.
func diskEntries(t *testing.T, dir string) map[diskKey]string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range des {
		if strings.HasPrefix(d.Name(), tmpPrefix) {
			t.Errorf("temporary file left in the cache: %s", d.Name())
		}
	}
	c := openTestCache(t, dir, DefaultHighlightCacheSize)
	c.mu.Lock()
	c.loadLocked()
	index := c.index
	c.mu.Unlock()
	defer func() { c.mu.Lock(); c.unloadLocked(); c.mu.Unlock() }()
	out := map[diskKey]string{}
	for k, loc := range index {
		if html, ok := loc.read(); ok {
			out[k] = html
		}
	}
	return out
}

// segmentPaths returns the segment files in dir, oldest first.
func segmentPaths(dir string) []string {
	var out []string
	for _, s := range listSegments(dir) {
		out = append(out, s.path)
	}
	return out
}

func TestHighlightCacheOutputIdentical(t *testing.T) {
	pages := cachePages()
	want := renderAll(t, nil, pages)
	dir := filepath.Join(t.TempDir(), "highlight")

	assertSameHTML(t, "empty cache", renderAll(t, openTestCache(t, dir, DefaultHighlightCacheSize), pages), want)
	entries := diskEntries(t, dir)
	if len(entries) != cachePagesEntries {
		t.Fatalf("cache holds %d entries after the first build, want %d", len(entries), cachePagesEntries)
	}
	if n := len(segmentPaths(dir)); n != 1 {
		t.Errorf("first build wrote %d segments, want 1", n)
	}
	assertSameHTML(t, "warm cache", renderAll(t, openTestCache(t, dir, DefaultHighlightCacheSize), pages), want)
	if n := len(segmentPaths(dir)); n != 1 {
		t.Errorf("a build with nothing new left %d segments, want 1", n)
	}

	// The warm render really reads the disk: forged entries show up.
	var forged []cacheEntry
	for k := range entries {
		forged = append(forged, cacheEntry{k, "FORGED"})
	}
	for _, p := range segmentPaths(dir) {
		os.Remove(p)
	}
	if _, err := writeSegment(dir, forged); err != nil {
		t.Fatal(err)
	}
	if got := renderAll(t, openTestCache(t, dir, DefaultHighlightCacheSize), pages); !bytes.Contains(got[0], []byte("FORGED")) {
		t.Fatal("a new Renderer did not read highlighted code from the disk cache")
	}
}

func TestHighlightCacheIgnoresBrokenSegments(t *testing.T) {
	testsite.SkipShort(t, "highlights the test pages twice for each of nine corruptions: run without -short")
	tests := []struct {
		name    string
		corrupt func(data []byte) []byte
	}{
		{"empty file", func([]byte) []byte { return nil }},
		{"truncated header", func(d []byte) []byte { return d[:5] }},
		{"truncated footer", func(d []byte) []byte { return d[:len(d)-3] }},
		{"cut in the middle", func(d []byte) []byte { return d[:len(d)/2] }},
		{"flipped byte in a record", func(d []byte) []byte { d[len(segMagic)+recordHeader+10] ^= 0x20; return d }},
		{"flipped byte in every record's payload", func(d []byte) []byte { return bytes.ReplaceAll(d, []byte("span"), []byte("spam")) }},
		{"flipped byte in the index", func(d []byte) []byte { d[len(d)-footerSize-5] ^= 1; return d }},
		{"wrong magic", func(d []byte) []byte { d[0] = 'X'; return d }},
		{"extra bytes at the end", func(d []byte) []byte { return append(d, "<script>"...) }},
	}
	pages := cachePages()
	want := renderAll(t, nil, pages)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "highlight")
			renderAll(t, openTestCache(t, dir, DefaultHighlightCacheSize), pages)
			segs := segmentPaths(dir)
			if len(segs) != 1 {
				t.Fatalf("%d segments, want 1", len(segs))
			}
			data, err := os.ReadFile(segs[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(segs[0], tt.corrupt(data), 0o644); err != nil {
				t.Fatal(err)
			}
			assertSameHTML(t, "broken segment", renderAll(t, openTestCache(t, dir, DefaultHighlightCacheSize), pages), want)
			// The blocks were highlighted again and flushed: all are back.
			if n := len(diskEntries(t, dir)); n != cachePagesEntries {
				t.Errorf("after a build, %d valid entries, want %d", n, cachePagesEntries)
			}
			assertSameHTML(t, "repaired cache", renderAll(t, openTestCache(t, dir, DefaultHighlightCacheSize), pages), want)
		})
	}
}

// TestHighlightCacheConcurrentBuilds runs several builds at once, each
// with its own cache handle on one folder as separate processes would
// have, reading, storing and flushing entries; the folder is so small
// that builds evict each other's segments. Every entry read must be the
// one stored under its key, and the folder must end with valid segments
// only. The payloads are synthetic, so the test does not depend on
// chroma's timing. Run with -race.
func TestHighlightCacheConcurrentBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "highlight")
	const builds, rounds, blocks = 6, 5, 40
	payload := func(i int) string {
		return fmt.Sprintf("<span class=\"line\">block %d</span>%s", i, strings.Repeat("x", i*7))
	}
	key := func(i int) diskKey { return newDiskKey("go", fmt.Sprint("block ", i)) }
	var wg sync.WaitGroup
	errs := make(chan error, builds*rounds*blocks)
	for b := range builds {
		wg.Go(func() {
			for round := range rounds {
				c, err := OpenHighlightCache(dir, 12<<10)
				if err != nil {
					errs <- err
					return
				}
				for k := range blocks {
					i := (k*(b+1) + round) % blocks // builds use blocks in different orders
					if html, ok := c.get(key(i)); ok {
						if html != payload(i) {
							errs <- fmt.Errorf("build %d: block %d read back as %.40q", b, i, html)
						}
						continue
					}
					c.put(key(i), payload(i))
				}
				if err := c.Flush(); err != nil {
					errs <- fmt.Errorf("build %d: Flush: %w", b, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, s := range listSegments(dir) {
		if _, _, err := openSegment(s.path); err != nil {
			t.Errorf("invalid segment after concurrent builds: %v", err)
		}
	}
	entries := diskEntries(t, dir) // also: no temporary files left
	if len(entries) == 0 {
		t.Error("no entries left after concurrent builds")
	}
	for i := range blocks {
		if html, ok := entries[key(i)]; ok && html != payload(i) {
			t.Errorf("block %d stored as %.40q", i, html)
		}
	}
}

// segmentOf writes a segment of n entries of about size bytes each, with
// modification time mod, and returns its path and keys.
func segmentOf(t *testing.T, dir, name string, n, size int, mod time.Time) (string, []diskKey) {
	t.Helper()
	var entries []cacheEntry
	var keys []diskKey
	for i := range n {
		k := newDiskKey("go", fmt.Sprint(name, i))
		entries = append(entries, cacheEntry{k, strings.Repeat("x", size)})
		keys = append(keys, k)
	}
	p, err := writeSegment(dir, entries)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, mod, mod); err != nil {
		t.Fatal(err)
	}
	return p, keys
}

func TestHighlightCacheFlushEvictsOldest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "highlight")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	base := time.Now().Add(-48 * time.Hour)
	var paths []string
	var keys [][]diskKey
	for i := range 5 {
		p, k := segmentOf(t, dir, fmt.Sprint("seg", i), 10, 1000, base.Add(time.Duration(i)*time.Hour))
		paths, keys = append(paths, p), append(keys, k)
	}
	stale := filepath.Join(dir, tmpPrefix+"crashed")
	if err := os.WriteFile(stale, []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(stale, base, base); err != nil {
		t.Fatal(err)
	}
	segSize := func(p string) int64 {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return info.Size()
	}(paths[0])

	// Room for three segments; this process read one entry of the oldest.
	c := openTestCache(t, dir, 3*segSize+segSize/2)
	if _, ok := c.get(keys[0][3]); !ok {
		t.Fatal("entry of the oldest segment not found")
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	for i, p := range paths {
		_, err := os.Stat(p)
		if kept := err == nil; kept != (i >= 2) {
			t.Errorf("segment %d (oldest first): kept = %v, want only the newest three kept", i, kept)
		}
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temporary file not removed by Flush: %v", err)
	}
	entries := diskEntries(t, dir)
	if _, ok := entries[keys[0][3]]; !ok {
		t.Error("an entry this process used was evicted with its segment; want it carried over")
	}
	if _, ok := entries[keys[0][4]]; ok {
		t.Error("an unused entry of an evicted segment survived")
	}
	if _, ok := entries[keys[4][0]]; !ok {
		t.Error("an entry of the newest segment is missing")
	}
}

func TestHighlightCacheStaysBounded(t *testing.T) {
	const max = 16 << 10
	dir := filepath.Join(t.TempDir(), "highlight")
	for round := range 3 {
		var b strings.Builder
		for i := range 100 {
			fmt.Fprintf(&b, "```go\nfunc f%d_%d() int { return %d } // %s\n```\n\n", round, i, i, strings.Repeat("pad ", 20))
		}
		renderAll(t, openTestCache(t, dir, max), [][]byte{[]byte(b.String())})
	}
	var total int64
	for _, s := range listSegments(dir) {
		total += s.size
	}
	if total > max {
		t.Errorf("cache holds %d bytes, limit %d", total, max)
	}
	if len(diskEntries(t, dir)) == 0 {
		t.Error("cache is empty after rendering")
	}
}

func TestHighlightCacheMergesSmallSegments(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "highlight")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var all []diskKey
	for i := range maxSegments + 4 {
		_, keys := segmentOf(t, dir, fmt.Sprint("edit", i), 2, 100, time.Now())
		all = append(all, keys...)
	}
	c := openTestCache(t, dir, DefaultHighlightCacheSize)
	c.put(newDiskKey("go", "new"), "<span>new</span>")
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	if n := len(listSegments(dir)); n > smallSegments+1 {
		t.Errorf("%d segments after Flush, want at most %d", n, smallSegments+1)
	}
	entries := diskEntries(t, dir)
	for i, k := range all {
		if _, ok := entries[k]; !ok {
			t.Errorf("entry %d lost when segments were merged", i)
		}
	}
	if _, ok := entries[newDiskKey("go", "new")]; !ok {
		t.Error("the new entry is missing")
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

func TestRendererUsesItsHighlightCache(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "highlight")
	c := openTestCache(t, dir, DefaultHighlightCacheSize)
	New(Options{}).Render(cachePages()[0], 0, nil)
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	if n := len(diskEntries(t, dir)); n != 0 {
		t.Errorf("a renderer without a cache wrote %d entries into one", n)
	}
	New(Options{HighlightCache: c}).Render(cachePages()[0], 0, nil)
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	if n := len(diskEntries(t, dir)); n != 3 {
		t.Errorf("the renderer's cache holds %d entries, want 3", n)
	}
}

// TestHighlightCacheWritesAsItGoes puts more blocks than pendingFlushBytes
// from several renderers at once: the build holds no more than that
// limit, writes a segment each time it is reached (not one per renderer
// that reached it), and loses no block.
func TestHighlightCacheWritesAsItGoes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "highlight")
	c := openTestCache(t, dir, DefaultHighlightCacheSize)
	const blocks, size = 80, 100 << 10 // 8 MB: four times the limit
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < blocks; i += 4 {
				c.put(newDiskKey("go", fmt.Sprint("block ", i)), strings.Repeat(fmt.Sprint(i%10), size))
				c.mu.Lock()
				held := c.pendSize
				c.mu.Unlock()
				if held > pendingFlushBytes+4*recordSize(size) {
					t.Errorf("holding %d bytes of blocks, want at most about %d", held, pendingFlushBytes)
				}
			}
		})
	}
	wg.Wait()
	written := len(segmentPaths(dir))
	if written < 2 || written > 4 {
		t.Errorf("%d segments written while putting %d MB, want 2 to 4 (one per %d MB)", written, blocks*size>>20, pendingFlushBytes>>20)
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	got := diskEntries(t, dir)
	for i := range blocks {
		if html, ok := got[newDiskKey("go", fmt.Sprint("block ", i))]; !ok || html != strings.Repeat(fmt.Sprint(i%10), size) {
			t.Errorf("block %d missing or wrong after the build", i)
		}
	}
}
