package render

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"sync"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/parallel"
	"github.com/guidepost/guidepost/internal/site"
)

// Sink receives output files by slash-separated path relative to the
// output root. It must be safe for concurrent use.
type Sink interface {
	WriteFile(name string, data []byte) error
}

// OutputPath is the file a URL path is written to: "/a/b/" → "a/b/index.html".
func OutputPath(u string) string {
	p := strings.TrimPrefix(u, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Pages executes the layout of every page in parallel and writes it to sink.
// Only the pages for which include returns true are rendered (nil: all).
func Pages(s *site.Site, t *Templates, sink Sink, include func(*site.Page) bool) diag.List {
	var pages []*site.Page
	for _, p := range s.Pages {
		if include == nil || include(p) {
			pages = append(pages, p)
		}
	}
	per := make([]diag.List, len(pages))
	parallel.For(len(pages), func(i int) { per[i] = renderPage(pages[i], t, sink) })
	var all diag.List
	for _, l := range per {
		all = append(all, l...)
	}
	return all
}

func renderPage(p *site.Page, t *Templates, sink Sink) diag.List {
	var diags diag.List
	where := p.File
	if where == "" {
		where = p.URL
	}
	tmpl, _, err := t.For(p)
	var missing *MissingLayoutError
	if errors.As(err, &missing) {
		diags.Add(p.File, p.FM.Line("layout"), err.Error())
		return diags
	}
	if err != nil {
		diags.Add(site.LayoutsDir, 0, err.Error()+" (needed by "+where+")")
		return diags
	}
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if err := tmpl.Execute(buf, p); err != nil {
		file, line, msg := t.Error(err, site.LayoutsDir)
		diags.Add(file, line, msg+" (while rendering "+where+")")
		return diags
	}
	if err := sink.WriteFile(OutputPath(p.URL), bytes.Clone(buf.Bytes())); err != nil {
		diags.Add(where, 0, "cannot write output: "+err.Error())
	}
	return diags
}

// Aliases writes a redirect page at every alias URL.
func Aliases(s *site.Site, sink Sink) diag.List {
	var diags diag.List
	for _, a := range s.Aliases {
		target := template.HTMLEscapeString(a.Target.Permalink())
		html := `<!doctype html><html lang="` + template.HTMLEscapeString(s.Config.Language) + `"><head><meta charset="utf-8"><title>` +
			template.HTMLEscapeString(a.Target.Title()) + `</title><link rel="canonical" href="` + target +
			`"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=` + target +
			`"></head><body><p>This page has moved to <a href="` + target + `">` + target + `</a>.</p></body></html>` + "\n"
		if err := sink.WriteFile(OutputPath(a.URL), []byte(html)); err != nil {
			diags.Add(a.Target.File, 0, "cannot write alias "+a.URL+": "+err.Error())
		}
	}
	return diags
}
