package build

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/guidepost/guidepost/internal/layout"
	"github.com/guidepost/guidepost/internal/site"
)

// Output is the in-memory result of an Incremental build, served by the
// dev server. It never changes once made: a rebuild makes a new Output
// that shares what did not change with the old one. It is safe for
// concurrent use.
type Output struct {
	root   string
	assets *layout.Assets
	table  *assetTable
	urls   map[string]bool // every asset URL
	pages  *layered[*pageOut]
	files  map[string][]byte // aliases, robots.txt
	lazy   map[string]*lazyFile

	mu      sync.Mutex
	patched map[string][]byte // pages rendered with older asset URLs, brought up to date
}

// assetTable maps each asset's logical name to its site-relative URL.
// Builds that leave every URL as it was share one table.
type assetTable struct{ urls map[string]string }

// pageOut is a rendered page and the asset URLs it was rendered with.
type pageOut struct {
	data  []byte
	table *assetTable
}

// lazyFile is a file made on first request, such as the sitemap, which
// lists every page and is rarely fetched while authoring.
type lazyFile struct {
	once sync.Once
	make func() []byte
	data []byte
}

func (l *lazyFile) get() []byte {
	l.once.Do(func() { l.data = l.make() })
	return l.data
}

// Get returns a file by output path, e.g. "guidance/india/index.html".
func (o *Output) Get(name string) ([]byte, bool) {
	if p, _ := o.pages.get(name); p != nil {
		return o.page(name, p), true
	}
	if data, ok := o.files[name]; ok {
		return data, true
	}
	if l := o.lazy[name]; l != nil {
		return l.get(), true
	}
	if u := "/" + name; o.urls[u] {
		data, err := o.assets.Content(o.root, u)
		return data, err == nil
	}
	return nil, false
}

// Names returns the output path of every file, sorted.
func (o *Output) Names() []string {
	out := make([]string, 0, o.pages.len()+len(o.files)+len(o.lazy)+len(o.urls))
	for n := range o.pages.all() {
		out = append(out, n)
	}
	for n := range o.files {
		out = append(out, n)
	}
	for n := range o.lazy {
		out = append(out, n)
	}
	for u := range o.urls {
		out = append(out, u[1:])
	}
	sort.Strings(out)
	return out
}

// count is the number of files.
func (o *Output) count() int { return o.pages.len() + len(o.files) + len(o.lazy) + len(o.urls) }

// WriteTo writes every file to sink.
func (o *Output) WriteTo(sink layout.Sink) error {
	for _, n := range o.Names() {
		data, ok := o.Get(n)
		if !ok {
			return fmt.Errorf("copy %s: cannot read it", n)
		}
		if err := sink.WriteFile(n, data); err != nil {
			return err
		}
	}
	return nil
}

// page returns a page with the current asset URLs.
func (o *Output) page(name string, p *pageOut) []byte {
	if p.table == o.table {
		return p.data
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if data, ok := o.patched[name]; ok {
		return data
	}
	data := patch(p.data, p.table, o.table)
	if o.patched == nil {
		o.patched = map[string][]byte{}
	}
	o.patched[name] = data
	return data
}

// patch rewrites the asset URLs in a page rendered with the table from to
// those of the table to. Fingerprinted names hold a content hash, so an
// old name occurs in a page only where a layout put the asset's URL; the
// file name alone is replaced, which also covers URLs escaped in scripts.
func patch(data []byte, from, to *assetTable) []byte {
	for logical, old := range from.urls {
		u, ok := to.urls[logical]
		if !ok || u == old {
			continue
		}
		data = bytes.ReplaceAll(data, []byte(path.Base(old)), []byte(path.Base(u)))
	}
	return data
}

// patchable reports whether a change of an asset's URL from old to u can be
// made by patch: only the file name changes and it holds no character a
// layout's escaping could alter.
func patchable(old, u string) bool {
	if path.Dir(old) != path.Dir(u) {
		return false
	}
	for _, name := range []string{path.Base(old), path.Base(u)} {
		if strings.IndexFunc(name, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_')
		}) >= 0 {
			return false
		}
	}
	return true
}

// table returns the asset URL table, the same one as the last build's
// when no URL changed, with the URLs that changed (with the base path).
// unsafe is set when a changed URL cannot be patched into pages.
func (b *Incremental) table(s *site.Site, generated map[string][]byte, assets *layout.Assets) (t *assetTable, moved map[string]string, unsafe bool) {
	urls := map[string]string{}
	for _, f := range s.Static {
		logical := strings.TrimPrefix(f.URL, "/")
		if u, err := assets.URL(logical); err == nil {
			urls[logical] = u
		}
	}
	for logical := range generated {
		if u, err := assets.URL(logical); err == nil {
			urls[logical] = u
		}
	}
	if b.last == nil {
		return &assetTable{urls: urls}, nil, false
	}
	old := b.last.table
	for logical, u := range urls {
		was, ok := old.urls[logical]
		if !ok || was == u {
			continue
		}
		if moved == nil {
			moved = map[string]string{}
		}
		moved[s.RelURL(was)] = s.RelURL(u)
		if !patchable(was, u) {
			unsafe = true
		}
	}
	if moved == nil && maps.Equal(urls, old.urls) {
		return old, nil, false
	}
	return &assetTable{urls: urls}, moved, unsafe
}

// samePage reports whether a page rendered again is what the last build
// served at name.
func (b *Incremental) samePage(name string, data []byte, t *assetTable) bool {
	old, _ := b.last.out.pages.get(name)
	if old == nil {
		return false
	}
	return bytes.Equal(patch(old.data, old.table, t), data)
}
