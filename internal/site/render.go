package site

import (
	"errors"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/markdown"
)

// renderMarkdown renders every content page's body in parallel; links are
// rewritten from content files to URLs.
func (s *Site) renderMarkdown(md *markdown.Renderer, diags *diag.List) {
	per := make([]diag.List, len(s.Pages))
	parallel(len(s.Pages), func(i int) {
		p := s.Pages[i]
		if p.File == "" {
			return // generated pages have no Markdown
		}
		doc, err := md.Render(p.Body, p.BodyLine, func(dest string) string {
			return s.resolve(p, dest).href
		})
		if err != nil {
			var list diag.List
			if errors.As(err, &list) {
				for _, d := range list {
					d.File = p.File
					per[i] = append(per[i], d)
				}
			} else {
				per[i].Add(p.File, p.BodyLine+1, "cannot render Markdown: "+err.Error())
			}
			doc = &markdown.Document{}
		}
		p.Doc = doc
		if p.Node != nil {
			p.Node.Body = string(doc.HTML)
		}
	})
	for _, l := range per {
		*diags = append(*diags, l...)
	}
}
