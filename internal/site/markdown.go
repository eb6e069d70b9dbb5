package site

import (
	"errors"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/markdown"
	"github.com/guidepost/guidepost/internal/parallel"
)

// renderBodies renders the Markdown body of every content page to HTML, in
// parallel; links are rewritten from content files to URLs.
func (s *Site) renderBodies(md *markdown.Renderer, cache *Cache, diags *diag.List) {
	per := make([]diag.List, len(s.Pages))
	parallel.For(len(s.Pages), func(i int) {
		if p := s.Pages[i]; p.File != "" { // generated pages have no Markdown
			per[i] = s.renderPageBody(md, cache, p)
		}
	})
	s.checks.md = map[string]diag.List{}
	for i, l := range per {
		if len(l) > 0 {
			s.checks.md[s.Pages[i].File] = l
		}
		*diags = append(*diags, l...)
	}
}

// renderPageBody renders one page's Markdown body and returns its problems.
func (s *Site) renderPageBody(md *markdown.Renderer, cache *Cache, p *Page) diag.List {
	var diags diag.List
	doc, err := cache.renderBody(md, p, func(dest string) string {
		return s.resolve(p, dest).href
	})
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			for _, d := range list {
				d.File = p.File
				diags = append(diags, d)
			}
		} else {
			diags.Add(p.File, p.BodyLine+1, "cannot render Markdown: "+err.Error())
		}
		doc = &markdown.Document{}
	}
	p.Doc = doc
	if p.Node != nil {
		p.Node.Body = string(doc.HTML)
	}
	return diags
}
