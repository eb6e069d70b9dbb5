package markdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// HighlightCache keeps highlighted code blocks in a folder so that later
// builds, in other processes, skip chroma for code they have seen before.
//
// An entry is one file named by sha256(chroma version, output format,
// language, code), holding a magic header, the sha256 of the highlighted
// HTML and the HTML. Entries are written to a temporary file and renamed
// into place, so concurrent builds never see a partial entry; an entry
// whose checksum does not match (truncated, corrupted, hand-edited) is
// ignored and written again. When the entries written since the last trim
// exceed a quarter of the size limit, the oldest entries by modification
// time are removed until the folder is under the limit again; reads bump
// an entry's modification time at most once an hour, so eviction is close
// to least-recently-used.
//
// A nil *HighlightCache is valid and caches nothing. Every failure of the
// cache (unwritable folder, full disk) only costs speed: the block is
// highlighted as if there were no cache.
type HighlightCache struct {
	dir     string
	max     int64
	written atomic.Int64 // bytes written since the last trim
	trimMu  sync.Mutex
}

// DefaultHighlightCacheSize bounds the default cache folder, in bytes.
const DefaultHighlightCacheSize = 64 << 20

// CacheEnv is the environment variable that turns the persistent caches
// off when set to "off" (or "0", "false", "no").
const CacheEnv = "GUIDEPOST_CACHE"

// highlightFormat names the shape of the HTML codeRenderer caches. Change
// it whenever the chroma formatter's options or the lexing in
// codeRenderer.lex change, so old entries are not reused.
const highlightFormat = "classes,no-pre,coalesce;v1"

// entryMagic starts every cache entry file.
var entryMagic = []byte("GPHLC01\n")

const (
	headerSize = 8 + sha256.Size // magic + checksum of the payload
	tmpPrefix  = ".tmp-"
	// touchAfter is how old an entry's mtime must be before a read bumps it.
	touchAfter = time.Hour
	// staleTemp is the age after which a trim removes a temporary file left
	// by a build that crashed mid-write.
	staleTemp = time.Hour
)

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
// entries are kept under maxBytes in total.
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

func (c *HighlightCache) path(k diskKey) string {
	name := hex.EncodeToString(k[:])
	return filepath.Join(c.dir, name[:2], name)
}

// get returns the HTML stored under k; ok is false when there is no valid
// entry.
func (c *HighlightCache) get(k diskKey) (html string, ok bool) {
	if c == nil {
		return "", false
	}
	f, err := os.Open(c.path(k))
	if err != nil {
		return "", false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.Size() < headerSize || info.Size() > c.max {
		return "", false
	}
	data := make([]byte, info.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return "", false
	}
	payload, ok := decodeEntry(data)
	if !ok {
		return "", false
	}
	if now := time.Now(); now.Sub(info.ModTime()) > touchAfter {
		_ = os.Chtimes(f.Name(), now, now) // best effort: keeps it from eviction
	}
	return string(payload), true
}

// decodeEntry returns the payload of an entry file whose header and
// checksum are intact.
func decodeEntry(data []byte) ([]byte, bool) {
	if len(data) < headerSize || !bytes.Equal(data[:len(entryMagic)], entryMagic) {
		return nil, false
	}
	payload := data[headerSize:]
	sum := sha256.Sum256(payload)
	if !bytes.Equal(sum[:], data[len(entryMagic):headerSize]) {
		return nil, false
	}
	return payload, true
}

// put stores html under k. Errors are dropped: a missing entry only means
// the block is highlighted again next time.
func (c *HighlightCache) put(k diskKey, html string) {
	if c == nil || int64(headerSize+len(html)) > c.max {
		return
	}
	final := c.path(k)
	dir := filepath.Dir(final)
	f, err := os.CreateTemp(dir, tmpPrefix+"*")
	if errors.Is(err, fs.ErrNotExist) { // first entry of its shard
		if os.MkdirAll(dir, 0o755) != nil {
			return
		}
		f, err = os.CreateTemp(dir, tmpPrefix+"*")
	}
	if err != nil {
		return
	}
	sum := sha256.Sum256([]byte(html))
	buf := make([]byte, 0, headerSize+len(html))
	buf = append(buf, entryMagic...)
	buf = append(buf, sum[:]...)
	buf = append(buf, html...)
	_, werr := f.Write(buf)
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Rename(f.Name(), final) != nil {
		_ = os.Remove(f.Name())
		return
	}
	if c.written.Add(int64(len(buf))) > c.max/4 {
		_ = c.Trim()
	}
}

// Trim removes the oldest entries, by modification time, until the
// entries take at most the cache's size limit, and removes temporary files
// left behind by crashed builds. Builds call it on their own as they
// write; call it after a build to bound the folder exactly.
func (c *HighlightCache) Trim() error {
	if c == nil {
		return nil
	}
	if !c.trimMu.TryLock() {
		return nil // another goroutine of this process is trimming
	}
	defer c.trimMu.Unlock()
	c.written.Store(0)

	type entry struct {
		path string
		size int64
		mod  time.Time
	}
	var entries []entry
	var total int64
	now := time.Now()
	err := filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != c.dir && os.IsNotExist(err) {
				return nil // removed by a concurrent trim
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if strings.HasPrefix(d.Name(), tmpPrefix) {
			if now.Sub(info.ModTime()) > staleTemp {
				_ = os.Remove(p)
			}
			return nil
		}
		entries = append(entries, entry{p, info.Size(), info.ModTime()})
		total += info.Size()
		return nil
	})
	if err != nil {
		return fmt.Errorf("markdown: trim highlight cache: %w", err)
	}
	if total <= c.max {
		return nil
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].mod.Before(entries[j].mod) })
	for _, e := range entries {
		if total <= c.max {
			break
		}
		if err := os.Remove(e.path); err == nil || os.IsNotExist(err) {
			total -= e.size
		}
	}
	return nil
}
