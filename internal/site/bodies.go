package site

import (
	"strings"

	"github.com/guidepost/guidepost/internal/diag"
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
	before := make([]uint64, len(files))
	c.mu.Lock()
	listed := c.listing != nil && c.root == opts.Root
	for i, f := range files {
		if cf := c.files[f]; listed && cf != nil && c.listing.has[f] && strings.HasSuffix(f, ".md") {
			before[i] = cf.front
		} else {
			listed = false
		}
	}
	c.mu.Unlock()
	if !listed {
		return nil, nil, false
	}
	var parseDiags diag.List // the same as before when the front matter is
	docs := c.parse(opts.Root, files, &parseDiags)
	var pages []*Page
	for i, f := range files {
		if front, _ := c.Versions(f); front != before[i] {
			return nil, nil, false
		}
		p := s.byFile[f]
		if p == nil {
			continue // a draft, and it still is one
		}
		if p.Tree != nil || p.Node != nil {
			return nil, nil, false
		}
		if p.BodyLine != docs[i].BodyLine {
			return nil, nil, false
		}
		pages = append(pages, p)
	}

	type saved struct {
		body []byte
		doc  *markdown.Document
		md   diag.List
	}
	old := make([]saved, len(pages))
	oldLinks := s.checks.links
	for i, p := range pages {
		old[i] = saved{p.Body, p.Doc, s.checks.md[p.File]}
	}
	var undoLinks func()
	undo = func() {
		for i, p := range pages {
			p.Body, p.Doc = old[i].body, old[i].doc
			s.setMarkdownDiags(p.File, old[i].md)
		}
		if undoLinks != nil {
			undoLinks()
		}
		s.checks.links = oldLinks
	}

	md := markdown.New
	if opts.Markdown != nil {
		md = opts.Markdown
	}
	r := md(markdown.Options{AllowHTML: s.Config.AllowHTML})
	drop := append(diag.List(nil), oldLinks...)
	for i, p := range pages {
		drop = append(drop, old[i].md...)
		p.Body = docs[indexOf(files, p.File)].Body
		s.setMarkdownDiags(p.File, s.renderPageBody(r, c, p))
		diags = append(diags, s.checks.md[p.File]...)
	}
	links, undoLinks := s.recheckLinks(pages)
	s.checks.links = links
	diags = append(diags, links...)
	diags = append(diags, without(prev, drop)...)
	diags.Sort()
	return diags, undo, true
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
