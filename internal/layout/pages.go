package layout

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/parallel"
	"github.com/guidepost/guidepost/internal/site"
)

// Sink receives output files by slash-separated path relative to the
// output root. It must be safe for concurrent use.
type Sink interface {
	WriteFile(name string, data []byte) error
}

// BufferSink is a Sink that takes a rendered page's buffer as it is, and
// hands it back with ReleaseBuffer once written, so a page's HTML is not
// copied: a build's writers do (build's stream).
type BufferSink interface {
	Sink
	WriteBuffer(name string, buf *bytes.Buffer) error
}

// ReleaseBuffer returns a buffer a BufferSink was given, once its bytes
// are written, for another page to render into.
func ReleaseBuffer(buf *bytes.Buffer) { bufPool.Put(buf) }

// WriteBuffer writes a page's rendered buffer to sink: handed over to a
// BufferSink, else copied (a sink may keep what it is given) and
// released.
func WriteBuffer(sink Sink, name string, buf *bytes.Buffer) error {
	if bs, ok := sink.(BufferSink); ok {
		return bs.WriteBuffer(name, buf)
	}
	defer ReleaseBuffer(buf)
	return sink.WriteFile(name, bytes.Clone(buf.Bytes()))
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

// PageOptions control the rendering of pages.
type PageOptions struct {
	// Include selects the pages to render; nil renders all.
	Include func(*site.Page) bool
	// Timeout bounds the rendering of one page; 0 is no bound. A layout
	// that runs past it (a loop that does not end) is an error naming the
	// layout, and its page is left unrendered.
	Timeout time.Duration
	// Replaces reports whether a static file of the site takes the place
	// of a generated file (see Assets.Replaces): the 404 page is not
	// rendered then. nil replaces nothing.
	Replaces func(logical string) bool
}

// MaxPageSize bounds the HTML of one page: a layout that writes more is
// an error, not a build that fills the memory.
const MaxPageSize = 64 << 20

// errStopped is what a page's writer returns once its rendering was
// abandoned or grew too large, which ends the template's execution.
var (
	errStopped  = errors.New("rendering stopped")
	errTooLarge = errors.New("the page's HTML is larger than 64 MB")
)

// AllPages renders the pages of every language of s (see Pages), the
// functions set to each language's view in turn (Use, LocalizeTitles):
// its strings, dates and URLs.
func (f *Funcs) AllPages(ctx context.Context, s *site.Site, a *Assets, t *Templates, sink Sink, opts PageOptions) (diag.List, error) {
	var all diag.List
	f.hreflang.Clear()
	f.templates.Store(t)
	for _, v := range s.Langs() {
		f.partials.clear()
		f.Use(v, a)
		f.LocalizeTitles(v)
		diags, err := Pages(ctx, v, t, sink, opts)
		if err != nil {
			return nil, err
		}
		all = append(all, diags...)
	}
	return collapsePages(all), nil
}

// The endings of the problems a layout has on every page it renders, as
// renderPage writes them: the page follows, then ")".
const (
	whileRendering = " (while rendering "
	neededBy       = " (needed by "
)

// collapsePages turns the same problem met on many pages (a broken
// partial that every page includes) into one diagnostic naming the first
// page and how many others, instead of a line for each page.
func collapsePages(all diag.List) diag.List {
	type problem struct {
		diag.Diagnostic        // without the page
		ending          string // whileRendering or neededBy
	}
	var out diag.List
	var order []problem
	pages := map[problem][]string{}
	for _, d := range all {
		p, page, ok := problem{Diagnostic: d}, "", false
		for _, ending := range []string{whileRendering, neededBy} {
			if i := strings.LastIndex(d.Message, ending); i >= 0 && strings.HasSuffix(d.Message, ")") {
				p.Message, p.ending, page, ok = d.Message[:i], ending, d.Message[i+len(ending):len(d.Message)-1], true
				break
			}
		}
		if !ok {
			out = append(out, d)
			continue
		}
		if _, seen := pages[p]; !seen {
			order = append(order, p)
		}
		pages[p] = append(pages[p], page)
	}
	for _, p := range order {
		where := pages[p][0]
		if n := len(pages[p]) - 1; n > 0 {
			where += " and " + diag.Count(n, "other page")
		}
		d := p.Diagnostic
		d.Message += p.ending + where + ")"
		out = append(out, d)
	}
	return out
}

// Pages executes the layout of every selected page in parallel and writes
// it to sink. It returns early with ctx's error when ctx is done: layouts
// still running then are abandoned, and write nothing more.
func Pages(ctx context.Context, s *site.Site, t *Templates, sink Sink, opts PageOptions) (diag.List, error) {
	// The theme's strings for the site's language, checked once: a
	// missing one would fail every page.
	if _, diags := Catalog(s); len(diags.Errors()) > 0 {
		return diags, nil
	}
	var pages []*site.Page
	for _, p := range s.Pages {
		if p.Kind == site.Kind404 && opts.Replaces != nil && opts.Replaces(notFoundName) {
			continue // the site's own 404.html is published instead
		}
		if opts.Include == nil || opts.Include(p) {
			pages = append(pages, p)
		}
	}
	per := make([]diag.List, len(pages))
	parallel.For(len(pages), func(i int) {
		if ctx.Err() == nil {
			per[i] = renderPage(ctx, pages[i], t, sink, opts.Timeout)
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var all diag.List
	for _, l := range per {
		all = append(all, l...)
	}
	return all, nil
}

// pageWriter is where a layout writes a page: it stops the execution once
// the page is abandoned or too large.
type pageWriter struct {
	buf  *bytes.Buffer
	stop *atomic.Bool
}

func (w pageWriter) Write(p []byte) (int, error) {
	if w.stop.Load() {
		return 0, errStopped
	}
	if w.buf.Len()+len(p) > MaxPageSize {
		return 0, errTooLarge
	}
	return w.buf.Write(p)
}

func renderPage(ctx context.Context, p *site.Page, t *Templates, sink Sink, timeout time.Duration) diag.List {
	var diags diag.List
	where := p.File
	if where == "" {
		where = p.URL
	}
	tmpl, name, err := t.For(p)
	var missing *MissingLayoutError
	if errors.As(err, &missing) {
		diags.Add(p.File, p.FM.Line("layout"), err.Error())
		return diags
	}
	if err != nil {
		diags.Add(site.LayoutsDir, 0, err.Error()+neededBy+where+")")
		return diags
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	stop := new(atomic.Bool)
	done := make(chan error, 1)
	// The layout runs on a goroutine of its own so that a layout that
	// never ends can be left behind: Go cannot stop it, but it writes
	// nothing more, and the build, or the server, goes on.
	go func() { done <- tmpl.Execute(pageWriter{buf, stop}, p) }()
	var expired <-chan time.Time
	if timeout > 0 {
		timer := time.NewTimer(timeout)
		defer timer.Stop()
		expired = timer.C
	}
	select {
	case err = <-done:
	case <-ctx.Done():
		stop.Store(true)
		return nil // buf stays with the abandoned layout
	case <-expired:
		stop.Store(true)
		diags.Add(t.fileName(name), 0, "rendering "+where+" took longer than "+timeout.String()+
			": look for a loop that does not end (a range over a huge number, a template that calls itself); "+
			"render_timeout in guidepost.yaml sets the limit")
		return diags
	}
	if errors.Is(err, errTooLarge) {
		ReleaseBuffer(buf)
		diags.Add(t.fileName(name), 0, "rendering "+where+": "+errTooLarge.Error()+": look for a loop that writes without end")
		return diags
	}
	if err != nil {
		ReleaseBuffer(buf)
		file, line, msg := t.Error(err, site.LayoutsDir)
		diags.Add(file, line, msg+whileRendering+where+")")
		return diags
	}
	if err := WriteBuffer(sink, OutputPath(p.URL), buf); err != nil {
		diags.Add(where, 0, "cannot write output: "+err.Error())
	}
	return diags
}

// Aliases writes a redirect page at every alias URL.
func Aliases(s *site.Site, sink Sink) diag.List {
	var diags diag.List
	for _, a := range s.Aliases {
		target := template.HTMLEscapeString(a.Target.Permalink())
		html := `<!doctype html><html lang="` + template.HTMLEscapeString(a.Target.Site.Language.Tag) + `"><head><meta charset="utf-8"><title>` +
			template.HTMLEscapeString(a.Target.Title()) + `</title><link rel="canonical" href="` + target +
			`"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=` + target +
			`"></head><body><p>This page has moved to <a href="` + target + `">` + target + `</a>.</p></body></html>` + "\n"
		if err := sink.WriteFile(OutputPath(a.URL), []byte(html)); err != nil {
			diags.Add(a.Target.File, 0, "cannot write alias "+a.URL+": "+err.Error())
		}
	}
	return diags
}
