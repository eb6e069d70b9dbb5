package markdown

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
)

// HighlightCache keeps highlighted code blocks in a folder so that later
// builds, in other processes, skip chroma for code they have seen before.
//
// Entries are keyed by sha256(chroma version, output format, language,
// code) and stored in segment files (see segment.go): a build collects the
// blocks it highlighted and Flush writes them as one new segment, to a
// temporary file renamed into place, so concurrent builds never see a
// partial segment and never write the same file. One file per build, not
// per block, because creating a file costs far more than writing a few
// kilobytes (0.3–0.6 ms of kernel time per file on the benchmark machine,
// against 0.7 ms to lex a block).
//
// Every entry carries a checksum; an entry or segment that fails it
// (truncated, corrupted, hand-edited) is ignored, and the block is
// highlighted again. When the segments exceed the size limit, Flush
// deletes the oldest by modification time, first copying into its new
// segment the entries this process read from them, so blocks still in use
// survive. Small segments, such as the dev server's one per edit, are
// merged once there are many.
//
// A nil *HighlightCache is valid and caches nothing. Every failure of the
// cache (unwritable folder, full disk) only costs speed.
type HighlightCache struct {
	dir string
	max int64

	flushMu sync.Mutex // one Flush at a time

	mu       sync.Mutex
	loaded   bool
	index    map[diskKey]entryLoc // entries of the segments on disk
	segs     []*segment           // open segments the index points into
	pending  []cacheEntry         // highlighted since the last Flush
	inPend   map[diskKey]bool
	pendSize int64
	hits     map[diskKey]string // segment path of each entry read, for carrying over
}

type cacheEntry struct {
	key  diskKey
	html string
}

// DefaultHighlightCacheSize bounds the default cache folder, in bytes: a
// site of 10,000 pages with two code blocks each needs about 85 MB.
const DefaultHighlightCacheSize = 256 << 20

// CacheEnv is the environment variable that turns the persistent caches
// off when set to "off" (or "0", "false", "no").
const CacheEnv = "GUIDEPOST_CACHE"

// highlightFormat names the shape of the HTML codeRenderer caches. Change
// it whenever the chroma formatter's options or the lexing in
// codeRenderer.lex change, so old entries are not reused.
const highlightFormat = "classes,no-pre,coalesce;v1"

// DefaultHighlightCache opens the user's highlight cache,
// os.UserCacheDir()/guidepost/highlight, bounded to
// DefaultHighlightCacheSize. It returns nil, meaning no cache, when the
// environment variable GUIDEPOST_CACHE is "off" or the folder cannot be
// made.
func DefaultHighlightCache() *HighlightCache {
	if CacheDisabled() {
		return nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return nil
	}
	c, err := OpenHighlightCache(filepath.Join(base, "guidepost", "highlight"), DefaultHighlightCacheSize)
	if err != nil {
		return nil
	}
	return c
}

// CacheDisabled reports whether GUIDEPOST_CACHE turns the persistent
// caches off.
func CacheDisabled() bool {
	switch strings.ToLower(strings.TrimSpace(os.Getenv(CacheEnv))) {
	case "off", "0", "false", "no":
		return true
	}
	return false
}

// OpenHighlightCache returns a cache in dir, creating the folder, whose
// segments are kept under maxBytes in total. Segments are read lazily, on
// the first lookup.
func OpenHighlightCache(dir string, maxBytes int64) (*HighlightCache, error) {
	if maxBytes <= 0 {
		return nil, fmt.Errorf("markdown: highlight cache %s: size limit must be positive, got %d", dir, maxBytes)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("markdown: highlight cache: %w", err)
	}
	return &HighlightCache{dir: dir, max: maxBytes}, nil
}

// Dir returns the cache's folder ("" for a nil cache).
func (c *HighlightCache) Dir() string {
	if c == nil {
		return ""
	}
	return c.dir
}

// diskKey names the entry for code highlighted as lang by this build of
// guidepost.
type diskKey [sha256.Size]byte

func newDiskKey(lang, code string) diskKey {
	h := sha256.New()
	h.Write([]byte(highlightVersion()))
	h.Write([]byte{0})
	h.Write([]byte(lang))
	h.Write([]byte{0})
	h.Write([]byte(code))
	var k diskKey
	h.Sum(k[:0])
	return k
}

// highlightVersion is the chroma module version and highlightFormat: part
// of every key, so upgrading chroma never serves HTML of the old one.
var highlightVersion = sync.OnceValue(func() string {
	v := "chroma (unknown version)"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path != "github.com/alecthomas/chroma/v2" {
				continue
			}
			if m.Replace != nil {
				m = m.Replace
			}
			v = "chroma " + m.Path + "@" + m.Version + " " + m.Sum
		}
	}
	return v + "; " + highlightFormat
})

// get returns the HTML stored under k; ok is false when there is no valid
// entry.
func (c *HighlightCache) get(k diskKey) (html string, ok bool) {
	if c == nil {
		return "", false
	}
	c.mu.Lock()
	c.loadLocked()
	loc, found := c.index[k]
	c.mu.Unlock()
	if !found {
		return "", false
	}
	html, ok = loc.read()
	if !ok {
		return "", false
	}
	c.mu.Lock()
	if c.hits == nil {
		c.hits = map[diskKey]string{}
	}
	c.hits[k] = loc.seg.path // not the HTML: a build reads every block once, keeping them all would double its memory
	c.mu.Unlock()
	return html, true
}

// pendingFlushBytes is how much highlighted HTML put holds before it
// writes a segment: a build that fills an empty cache would otherwise
// hold every block it lexed to the end (8 MB more peak memory at 1,000
// pages with code, 50 MB at 10,000). A segment per 2 MB costs a file and
// an occasional merge (see Flush), not a file per block.
const pendingFlushBytes = 2 << 20

// put adds html under k to the next segment. When the entries waiting
// exceed pendingFlushBytes, or a quarter of the size limit, they are
// flushed at once, so a long build does not hold them all.
func (c *HighlightCache) put(k diskKey, html string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	if c.inPend == nil {
		c.inPend = map[diskKey]bool{}
	}
	if !c.inPend[k] {
		c.inPend[k] = true
		c.pending = append(c.pending, cacheEntry{k, html})
		c.pendSize += recordSize(len(html))
	}
	full := c.pendingFull()
	c.mu.Unlock()
	if full {
		c.flushFull()
	}
}

// pendingFull reports whether the entries waiting should be written now;
// c.mu must be held.
func (c *HighlightCache) pendingFull() bool {
	return c.pendSize > min(c.max/4, pendingFlushBytes)
}

// flushFull flushes the entries waiting if they are still too many once
// no other Flush runs: renderers that found them too many at the same
// time write one segment, not one each.
func (c *HighlightCache) flushFull() {
	c.flushMu.Lock()
	defer c.flushMu.Unlock()
	c.mu.Lock()
	full := c.pendingFull()
	c.mu.Unlock()
	if full {
		_ = c.flushLocked()
	}
}

// loadLocked reads the index of every segment once; c.mu must be held.
func (c *HighlightCache) loadLocked() {
	if c.loaded {
		return
	}
	c.loaded = true
	c.index = map[diskKey]entryLoc{}
	for _, info := range listSegments(c.dir) {
		seg, entries, err := openSegment(info.path)
		if err != nil {
			continue // corrupt or removed meanwhile: its blocks are highlighted again
		}
		c.segs = append(c.segs, seg)
		for _, e := range entries {
			c.index[e.key] = e.loc
		}
	}
}

// unloadLocked forgets the segments read, so the next lookup reads the
// folder again; c.mu must be held.
func (c *HighlightCache) unloadLocked() {
	for _, s := range c.segs {
		s.f.Close()
	}
	c.segs, c.index, c.loaded = nil, nil, false
}
