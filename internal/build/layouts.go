package build

import (
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/guidepost/guidepost/internal/render"
	"github.com/guidepost/guidepost/internal/site"
)

// loadTemplates parses the layouts and sums up each one's sources: its
// own file, the base layout and the partials.
func (b *Incremental) loadTemplates() {
	b.tmplDiag = nil
	b.tmpl = render.LoadTemplates(b.opts.Source, b.funcs.Map(), &b.tmplDiag)
	dir := filepath.Join(b.opts.Source, site.LayoutsDir)
	own := map[string][]byte{}
	shared := &hasher{}
	shared.h.SetSeed(b.seed)
	var names []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || site.IgnoredName(d.Name()) {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		data, _ := os.ReadFile(p)
		own[rel] = data
		names = append(names, rel)
		return nil
	})
	sort.Strings(names)
	for _, n := range names {
		if n == "_default/baseof.html" || strings.HasPrefix(n, "partials/") {
			shared.str(n)
			shared.str(string(own[n]))
		}
	}
	base := shared.h.Sum64()
	b.layouts = map[string]uint64{}
	for _, n := range names {
		h := &hasher{}
		h.h.SetSeed(b.seed)
		h.num(base)
		h.str(n)
		h.str(string(own[n]))
		b.layouts[n] = h.h.Sum64()
	}
}

// fileKey sums up a file of the site, 0 when it cannot be read.
func (b *Incremental) fileKey(rel string) uint64 {
	data, err := os.ReadFile(filepath.Join(b.opts.Source, filepath.FromSlash(rel)))
	if err != nil {
		return 0
	}
	return maphash.Bytes(b.seed, data)
}
