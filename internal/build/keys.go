package build

import (
	"encoding/binary"
	"hash/maphash"

	"github.com/guidepost/guidepost/decision"
	"github.com/guidepost/guidepost/internal/layout"
	"github.com/guidepost/guidepost/internal/site"
)

// A page's key sums up everything its HTML is made from; an Incremental
// build renders a page again only when its key changed. What a layout may
// show of a page, and so what the key covers:
//
//   - the site: guidepost.yaml, the names terms are shown with, and the
//     layout with the partials and base layout it uses (asset URLs are
//     patched into pages instead, see patch);
//   - the page itself: its URL, kind, file, front matter (so its terms)
//     and rendered Markdown;
//   - the pages it links to by structure, as lists show them (URL, kind,
//     front matter): its ancestors (breadcrumbs),
//     its pages (a section's or term's list), previous and next, a
//     taxonomy page's terms, and the top-level sections on the home page
//     and on generated pages;
//   - for a page of a decision tree (start page, node, map): every page of
//     the tree, Markdown included.
//
// A layout that shows more of other pages (say, every page's content on
// the home page) would need this list extended.
type keyer struct {
	seed    maphash.Seed
	site    *site.Site
	cache   *site.Cache
	tmpl    *layout.Templates
	layouts map[string]uint64 // layout name → key of its sources
	base    uint64            // key of the site as a whole
	links   map[*site.Page]uint64
	trees   map[*decision.Tree]uint64
}

type hasher struct{ h maphash.Hash }

func (h *hasher) str(s string) {
	h.h.WriteString(s)
	h.h.WriteByte(0)
}

func (h *hasher) num(n uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], n)
	h.h.Write(b[:])
}

func (k *keyer) hasher() *hasher {
	h := &hasher{}
	h.h.SetSeed(k.seed)
	return h
}

// keyer returns a keyer for a site.
func (b *Incremental) keyer(s *site.Site) *keyer {
	k := &keyer{seed: b.seed, site: s, cache: b.cache, tmpl: b.tmpl, layouts: b.layouts,
		links: map[*site.Page]uint64{}, trees: map[*decision.Tree]uint64{}}
	k.base = b.siteKey(s)
	return k
}

// page returns the key of a page.
func (k *keyer) page(p *site.Page) uint64 {
	h := k.hasher()
	h.num(k.base)
	_, name, err := k.tmpl.For(p)
	if err != nil {
		name = ""
	}
	h.str(name)
	h.num(k.layouts[name])
	h.num(k.link(p))
	_, doc := k.cache.Versions(p.File)
	h.num(doc)
	for q := p.Parent; q != nil; q = q.Parent {
		h.num(k.link(q))
	}
	h.str("pages")
	for _, q := range p.Pages {
		h.num(k.link(q))
	}
	h.str("prev-next")
	h.num(k.link(p.Prev))
	h.num(k.link(p.Next))
	h.str("terms")
	for _, t := range p.Terms {
		h.str(t.Name)
		h.str(t.Slug)
		h.num(uint64(len(t.Pages)))
	}
	if p.Tree != nil {
		h.num(k.tree(p.Tree))
	}
	if p.Kind == site.KindHome || p.File == "" {
		h.str("sections")
		for _, q := range p.Site.Sections() {
			h.num(k.link(q))
		}
	}
	// The language switcher and hreflang links name each translation.
	h.str("translations")
	for _, l := range p.LanguageLinks() {
		h.num(k.link(l.Page))
	}
	return h.h.Sum64()
}

// link returns the key of what a list shows of a page.
func (k *keyer) link(p *site.Page) uint64 {
	if p == nil {
		return 0
	}
	if v, ok := k.links[p]; ok {
		return v
	}
	h := k.hasher()
	h.str(p.URL)
	h.str(string(p.Kind))
	h.str(p.File)
	front, _ := k.cache.Versions(p.File)
	h.num(front)
	h.str(p.FM.Title) // generated pages have no file, only a title
	v := h.h.Sum64()
	k.links[p] = v
	return v
}

// tree returns the key of every page of a decision tree.
func (k *keyer) tree(t *decision.Tree) uint64 {
	if v, ok := k.trees[t]; ok {
		return v
	}
	h := k.hasher()
	for _, p := range k.site.Pages {
		if p.Tree != t {
			continue
		}
		h.str(p.URL)
		h.str(p.File)
		front, doc := k.cache.Versions(p.File)
		h.num(front)
		h.num(doc)
	}
	v := h.h.Sum64()
	k.trees[t] = v
	return v
}

// siteKey sums up what every page depends on besides its own sources:
// the config, and the names terms are shown with (the spelling of the
// first page that uses a term), which any page listing terms shows.
func (b *Incremental) siteKey(s *site.Site) uint64 {
	h := &hasher{}
	h.h.SetSeed(b.seed)
	h.num(b.config)
	h.str(s.BaseURL)
	for _, t := range s.Taxonomies {
		h.str(t.Name)
		for _, term := range t.Terms {
			h.str(term.Slug)
			h.str(term.Name)
		}
	}
	return h.h.Sum64()
}

// lastKey returns a page's key in the last good build.
func (b *Incremental) lastKey(name string) (uint64, bool) {
	if b.last == nil {
		return 0, false
	}
	return b.last.keys.get(name)
}
