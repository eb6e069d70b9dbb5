package build

import (
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/i18n"
	"github.com/guidepost/guidepost/internal/site"
)

// changedParts sorts changed paths by the part of the site they belong to.
type changedParts struct {
	content bool // anything under content/
	assets  bool // a file that is not a page, under content/ or static/
	// published is set when a file published under its own name (not
	// fingerprinted), such as an image, may have changed.
	published bool
	layouts   bool
	config    bool
}

// classify says which parts of the site the changed files belong to.
func (b *Incremental) classify(files []string) changedParts {
	var parts changedParts
	for _, f := range files {
		f = path.Clean(strings.TrimPrefix(filepath.ToSlash(f), "./"))
		top, _, _ := strings.Cut(f, "/")
		switch {
		case f == config.FileName || top == i18n.Dir:
			// The theme's strings are on every page: a change to them is
			// a new build, as one to the config is.
			parts.config = true
		case top == site.LayoutsDir:
			parts.layouts = true
		case top == site.ContentDir || top == site.StaticDir:
			parts.content = parts.content || top == site.ContentDir
			if top == site.ContentDir && strings.HasSuffix(f, ".md") {
				continue
			}
			parts.assets = true
			if !parts.published && b.publishes(f) {
				parts.published = true
			}
		}
	}
	return parts
}

// publishes reports whether a changed file or folder is, holds, was or
// held a file published under its own name.
func (b *Incremental) publishes(rel string) bool {
	if b.last != nil {
		for _, f := range b.last.site.Static {
			if (f.Src == rel || strings.HasPrefix(f.Src, rel+"/")) && ownName(f.Src) {
				return true
			}
		}
	}
	root := filepath.Join(b.opts.Source, filepath.FromSlash(rel))
	found := false
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || found {
			return fs.SkipAll
		}
		if p != root && site.IgnoredName(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			r, _ := filepath.Rel(b.opts.Source, p)
			found = ownName(filepath.ToSlash(r))
		}
		return nil
	})
	return found
}

// ownName reports whether a site file is published under its own name:
// files under content/ other than pages, and those under static/ that are
// not fingerprinted (stylesheets, scripts and data files are).
func ownName(src string) bool {
	if strings.HasPrefix(src, site.ContentDir+"/") {
		return !strings.HasSuffix(src, ".md")
	}
	switch path.Ext(src) {
	case ".css", ".js", ".wasm", ".json", ".gpack":
		return strings.HasPrefix(path.Base(src), "_")
	}
	return true
}

// fronts returns the front matter versions of the changed content files.
func (b *Incremental) fronts(files []string) map[string]uint64 {
	out := map[string]uint64{}
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			out[f], _ = b.cache.Versions(f)
		}
	}
	return out
}

// sameFronts reports whether only the bodies of the content files changed:
// each is a Markdown file known before whose front matter did not change.
func (b *Incremental) sameFronts(before map[string]uint64) bool {
	for f, v := range before {
		if now, _ := b.cache.Versions(f); v == 0 || now != v {
			return false
		}
	}
	return b.last != nil
}

// edited returns the pages of changed content files and, for a decision
// tree's page, every page of the tree.
func (b *Incremental) edited(s *site.Site, files []string) []*site.Page {
	seen := map[*site.Page]bool{}
	var out []*site.Page
	add := func(p *site.Page) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, f := range files {
		p := s.PageByFile(f)
		if p == nil {
			continue // a draft
		}
		add(p)
		if p.Tree != nil {
			for _, q := range s.Pages {
				if q.Tree == p.Tree {
					add(q)
				}
			}
		}
	}
	return out
}

// staticRemoved reports whether a file of static/ or content/ published
// in the last build is gone. A page naming it with the asset function
// would fail to render, so every page is rendered again to find them.
// (Generated files come and go with their sources; layouts cannot name
// those whose names hold a hash.)
func (b *Incremental) staticRemoved(s *site.Site) bool {
	if b.last == nil {
		return false
	}
	now := make(map[string]bool, len(s.Static))
	for _, f := range s.Static {
		now[f.URL] = true
	}
	for _, f := range b.last.site.Static {
		if !now[f.URL] {
			return true
		}
	}
	return false
}

// sameStatic reports whether two sites publish the same static files.
func sameStatic(a, b []site.StaticFile) bool {
	return slices.Equal(a, b)
}
