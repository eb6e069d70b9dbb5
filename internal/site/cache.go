package site

import (
	"bytes"
	"errors"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/fileio"
	"github.com/guidepost/guidepost/internal/frontmatter"
	"github.com/guidepost/guidepost/internal/markdown"
	"github.com/guidepost/guidepost/internal/parallel"
)

// Cache lets repeated loads of one site reuse the work done for files that
// did not change: the listing of content/ and static/, each content file's
// parsed front matter, and each page's rendered Markdown as long as every
// link in it still resolves to the same href. A Load with a Cache returns
// the same site as a Load without one, provided the cache is told of every
// change with Changed.
//
// A Cache belongs to one site folder and must not be shared by concurrent
// loads.
type Cache struct {
	mu      sync.Mutex
	root    string
	listing *listing               // nil: walk the folders on the next load
	files   map[string]*cachedFile // content file → parse result
	md      map[string]*cachedMD   // content file → rendered Markdown
	version uint64                 // last version handed out
	walks   uint64                 // how many times the folders were listed
}

type listing struct {
	md     []string
	static []StaticFile
	diags  diag.List
	has    map[string]bool // every file listed
}

type cachedFile struct {
	src   []byte
	doc   *frontmatter.Document
	diags diag.List
	stale bool
	front uint64 // version of the front matter
	body  uint64 // version of the Markdown body
}

type cachedMD struct {
	md       *markdown.Renderer
	body     uint64 // body version it was rendered from
	bodyLine int
	links    []linkRewrite // every destination rewritten, in order
	doc      *markdown.Document
	version  uint64
}

type linkRewrite struct{ dest, href string }

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: map[string]*cachedFile{}, md: map[string]*cachedMD{}}
}

// Changed tells the cache that a file or folder changed, appeared or
// disappeared. rel is relative to the site folder, slash-separated.
// Changes outside content/ and static/ do not concern the cache.
func (c *Cache) Changed(rel string) {
	rel = path.Clean(strings.TrimPrefix(filepath.ToSlash(rel), "./"))
	top, _, _ := strings.Cut(rel, "/")
	if top != ContentDir && top != StaticDir {
		return
	}
	for _, seg := range strings.Split(rel, "/") {
		if IgnoredName(seg) {
			return
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if f := c.files[rel]; f != nil {
		f.stale = true
	}
	if c.listing == nil {
		return
	}
	fi, err := os.Stat(filepath.Join(c.root, filepath.FromSlash(rel)))
	if err != nil || fi.IsDir() || !c.listing.has[rel] {
		c.listing = nil // something appeared or disappeared
	}
}

// Reset forgets everything, as after changes the cache was not told about.
func (c *Cache) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.listing = nil
	c.files = map[string]*cachedFile{}
	c.md = map[string]*cachedMD{}
}

// Versions returns version numbers of a content file's front matter and of
// its rendered Markdown: a number changes only when what it stands for
// changed since an earlier load. Both are 0 for a file the cache does not
// hold.
func (c *Cache) Versions(file string) (front, doc uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f := c.files[file]; f != nil {
		front = f.front
	}
	if m := c.md[file]; m != nil {
		doc = m.version
	}
	return front, doc
}

// Walks counts the loads that listed the site's folders again because
// files appeared or disappeared: while it stays the same, loads found the
// same files.
func (c *Cache) Walks() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.walks
}

func (c *Cache) next() uint64 {
	c.version++
	return c.version
}

// walk lists content/ and static/ like walkContent and walkStatic,
// reusing the last listing while nothing appeared or disappeared.
func (c *Cache) walk(root string, diags *diag.List) (md []string, static []StaticFile) {
	if c == nil {
		md, static = walkContent(root, diags)
		return md, append(static, walkStatic(root, diags)...)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.root != root {
		c.root = root
		c.listing = nil
		c.files = map[string]*cachedFile{}
		c.md = map[string]*cachedMD{}
	}
	if c.listing == nil {
		c.walks++
		l := &listing{has: map[string]bool{}}
		l.md, l.static = walkContent(root, &l.diags)
		l.static = append(l.static, walkStatic(root, &l.diags)...)
		for _, f := range l.md {
			l.has[f] = true
		}
		for _, f := range l.static {
			l.has[f.Src] = true
		}
		for f := range c.files {
			if !l.has[f] {
				delete(c.files, f)
				delete(c.md, f)
			}
		}
		c.listing = l
	}
	*diags = append(*diags, c.listing.diags...)
	return c.listing.md, append([]StaticFile(nil), c.listing.static...)
}

// parse reads and parses the content files like parseAll, reading again
// only the files that changed.
func (c *Cache) parse(root string, files []string, diags *diag.List) []*frontmatter.Document {
	if c == nil {
		return parseAll(root, files, diags)
	}
	c.mu.Lock()
	var todo []string
	for _, f := range files {
		if cf := c.files[f]; cf == nil || cf.stale {
			todo = append(todo, f)
		}
	}
	c.mu.Unlock()
	if len(todo) > 0 {
		srcs := make([][]byte, len(todo))
		per := make([]diag.List, len(todo))
		docs := make([]*frontmatter.Document, len(todo))
		parallel.For(len(todo), func(i int) {
			srcs[i], docs[i] = parseFile(root, todo[i], &per[i])
		})
		c.mu.Lock()
		for i, f := range todo {
			c.store(f, srcs[i], docs[i], per[i])
		}
		c.mu.Unlock()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]*frontmatter.Document, len(files))
	for i, f := range files {
		cf := c.files[f]
		out[i] = cf.doc
		*diags = append(*diags, cf.diags...)
	}
	return out
}

// store records a file's new parse, keeping version numbers of the parts
// whose bytes did not change.
func (c *Cache) store(file string, src []byte, doc *frontmatter.Document, diags diag.List) {
	old := c.files[file]
	if old != nil && src != nil && bytes.Equal(old.src, src) {
		old.stale = false
		return
	}
	cf := &cachedFile{src: src, doc: doc, diags: diags}
	if old != nil && bytes.Equal(frontPart(old.src, old.doc), frontPart(src, doc)) {
		cf.front = old.front
	} else {
		cf.front = c.next()
	}
	if old != nil && bytes.Equal(old.doc.Body, doc.Body) {
		cf.body = old.body
	} else {
		cf.body = c.next()
	}
	c.files[file] = cf
}

// frontPart is what precedes the body in a content file: its front matter.
func frontPart(src []byte, doc *frontmatter.Document) []byte {
	if len(doc.Body) > len(src) {
		return src
	}
	return src[:len(src)-len(doc.Body)]
}

// parseFile reads and parses one content file as parseAll does. The source
// is nil when the file could not be read.
func parseFile(root, file string, diags *diag.List) ([]byte, *frontmatter.Document) {
	p := filepath.Join(root, filepath.FromSlash(file))
	src, err := fileio.ReadFile(p, maxFileSize)
	if errors.Is(err, fileio.ErrTooLarge) {
		diags.Add(file, 1, "file is larger than 8 MB: split it into several pages")
		return nil, &frontmatter.Document{}
	}
	if err != nil {
		diags.Add(file, 1, "cannot read: "+errors.Unwrap(err).Error()+" (check the file's permissions)")
		return nil, &frontmatter.Document{}
	}
	return src, frontmatter.ParseOpen(file, src, diags)
}

// renderBody renders a page's Markdown, reusing the last rendering when
// the body, the renderer and every link's rewritten href are unchanged.
func (c *Cache) renderBody(md *markdown.Renderer, p *Page, rewrite func(string) string) (*markdown.Document, error) {
	if c == nil {
		return md.Render(p.Body, p.BodyLine, rewrite)
	}
	c.mu.Lock()
	cf, old := c.files[p.File], c.md[p.File]
	c.mu.Unlock()
	if cf == nil {
		return md.Render(p.Body, p.BodyLine, rewrite)
	}
	if old != nil && old.md == md && old.body == cf.body && old.bodyLine == p.BodyLine && sameLinks(old.links, rewrite) {
		return old.doc, nil
	}
	var links []linkRewrite
	doc, err := md.Render(p.Body, p.BodyLine, func(dest string) string {
		href := rewrite(dest)
		links = append(links, linkRewrite{dest, href})
		return href
	})
	if err != nil {
		return doc, err
	}
	m := &cachedMD{md: md, body: cf.body, bodyLine: p.BodyLine, links: links, doc: doc}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old != nil && bytes.Equal(old.doc.HTML, doc.HTML) && reflect.DeepEqual(old.doc.TOC, doc.TOC) {
		m.version = old.version
	} else {
		m.version = c.next()
	}
	c.md[p.File] = m
	return doc, nil
}

func sameLinks(links []linkRewrite, rewrite func(string) string) bool {
	for _, l := range links {
		if rewrite(l.dest) != l.href {
			return false
		}
	}
	return true
}
