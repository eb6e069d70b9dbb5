package site

import (
	"strings"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/frontmatter"
	"github.com/guidepost/guidepost/internal/markdown"
)

// bodyChecks are the diagnostics of a load that depend on pages' Markdown
// bodies: the rest depend on front matter and files alone.
type bodyChecks struct {
	links diag.List            // every link and anchor problem
	md    map[string]diag.List // Markdown problems, by content file
	// byPage holds the link problems of each page that has any.
	byPage map[*Page]diag.List
	// targets are the pages each page's links to anchors point at, and
	// anchored the pages whose links point at each page's anchors.
	targets  map[*Page][]*Page
	anchored map[*Page]map[*Page]bool
}

// UpdateBodies brings the site up to date, in place, after edits of the
// given content files that changed only their Markdown bodies: it renders
// those bodies again and checks again their links and the links to their
// anchors (an edit may remove an anchor others link to). prev are the diagnostics of the load that made
// the site; the returned ones are those a new Load would report. undo
// puts the pages back as they were.
//
// ok is false, and the site untouched, when an edit changed more than a
// body (front matter, a file that appeared or disappeared, a page of a
// decision tree, whose tree is checked as a whole), or when the site was
// not loaded with opts.Cache: load it again instead. Nothing may read the
// edited pages' Body and Doc while it runs.
func (s *Site) UpdateBodies(opts Options, files []string, prev diag.List) (diags diag.List, undo func(), ok bool) {
	c := opts.Cache
	if c == nil || len(files) == 0 {
		return nil, nil, false
	}
	before, ok := c.frontVersions(opts.Root, files)
	if !ok {
		return nil, nil, false
	}
	var parseDiags diag.List // the same as before when the front matter is
	docs := c.parse(opts.Root, files, &parseDiags)
	pages, ok := s.bodyEdits(c, files, before, docs)
	if !ok {
		return nil, nil, false
	}
	saved := s.saveBodies(pages)

	md := markdown.New
	if opts.Markdown != nil {
		md = opts.Markdown
	}
	r := md(markdown.Options{AllowHTML: s.Config.AllowHTML})
	drop := append(diag.List(nil), saved.links...)
	for i, p := range pages {
		drop = append(drop, saved.md[i]...)
		p.Body = docs[indexOf(files, p.File)].Body
		s.setMarkdownDiags(p.File, s.renderPageBody(r, c, p))
		diags = append(diags, s.checks.md[p.File]...)
	}
	links, undoLinks := s.recheckLinks(pages)
	saved.undoLinks = undoLinks
	s.checks.links = links
	diags = append(diags, links...)
	diags = append(diags, without(prev, drop)...)
	diags.Sort()
	return diags, func() { saved.restore(s) }, true
}

// frontVersions returns the version of the front matter of each of files
// as the cache holds it; ok is false unless every file is a Markdown
// file the cache read under root and the last listing of content/ had.
func (c *Cache) frontVersions(root string, files []string) (before []uint64, ok bool) {
	before = make([]uint64, len(files))
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.listing == nil || c.root != root {
		return nil, false
	}
	for i, f := range files {
		cf := c.files[f]
		if cf == nil || !c.listing.has[f] || !strings.HasSuffix(f, ".md") {
			return nil, false
		}
		before[i] = cf.front
	}
	return before, true
}

// bodyEdits returns the pages of files, just parsed again into docs,
// whose front matter is still at the versions before; ok is false when
// an edit changed more than a body: front matter, the line the body
// starts on, or a page of a decision tree. Drafts, which have no page,
// are left out.
func (s *Site) bodyEdits(c *Cache, files []string, before []uint64, docs []*frontmatter.Document) (pages []*Page, ok bool) {
	for i, f := range files {
		if front, _ := c.Versions(f); front != before[i] {
			return nil, false
		}
		p := s.byFile[f]
		if p == nil {
			continue // a draft, and it still is one
		}
		if p.Tree != nil || p.Node != nil || p.BodyLine != docs[i].BodyLine {
			return nil, false
		}
		pages = append(pages, p)
	}
	return pages, true
}

// savedBodies is what UpdateBodies changes, kept to undo it: the pages'
// bodies, documents and Markdown problems, the site's link problems, and
// the undo of the links' check.
type savedBodies struct {
	pages     []*Page
	body      [][]byte
	doc       []*markdown.Document
	md        []diag.List
	links     diag.List
	undoLinks func()
}

// saveBodies keeps what UpdateBodies changes of pages.
func (s *Site) saveBodies(pages []*Page) *savedBodies {
	saved := &savedBodies{pages: pages, links: s.checks.links,
		body: make([][]byte, len(pages)), doc: make([]*markdown.Document, len(pages)), md: make([]diag.List, len(pages))}
	for i, p := range pages {
		saved.body[i], saved.doc[i], saved.md[i] = p.Body, p.Doc, s.checks.md[p.File]
	}
	return saved
}

// restore puts the pages and the checks back as they were saved.
func (saved *savedBodies) restore(s *Site) {
	for i, p := range saved.pages {
		p.Body, p.Doc = saved.body[i], saved.doc[i]
		s.setMarkdownDiags(p.File, saved.md[i])
	}
	if saved.undoLinks != nil {
		saved.undoLinks()
	}
	s.checks.links = saved.links
}

func (s *Site) setMarkdownDiags(file string, l diag.List) {
	if s.checks.md == nil {
		s.checks.md = map[string]diag.List{}
	}
	if len(l) == 0 {
		delete(s.checks.md, file)
		return
	}
	s.checks.md[file] = l
}

func indexOf(files []string, f string) int {
	for i, g := range files {
		if g == f {
			return i
		}
	}
	return -1
}

// without returns the diagnostics of all that are not in drop, each
// occurrence in drop removing one.
func without(all, drop diag.List) diag.List {
	n := map[diag.Diagnostic]int{}
	for _, d := range drop {
		n[d]++
	}
	var out diag.List
	for _, d := range all {
		if n[d] > 0 {
			n[d]--
			continue
		}
		out = append(out, d)
	}
	return out
}
