package build

import (
	"hash/maphash"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/layout"
	"github.com/guidepost/guidepost/internal/site"
)

// loadTemplates parses the layouts and sums up each one's sources: its
// own file, the base layout and the partials.
func (b *Incremental) loadTemplates() {
	b.tmplDiag = nil
	// Problems of the config, the theme folder included, are the site's
	// to report (site.Load).
	var ignored diag.List
	stack := site.Theme(b.opts.Source, config.Load(b.opts.Source, &ignored), &ignored)
	b.tmpl = layout.LoadTemplates(stack, b.funcs.Map(), &b.tmplDiag)
	own := b.tmpl.Sources()
	names := slices.Sorted(maps.Keys(own))
	shared := &hasher{}
	shared.h.SetSeed(b.seed)
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
