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
	var all []pageProblem
	f.hreflang.Clear()
	f.templates.Store(t)
	for _, v := range s.Langs() {
		f.partials.clear()
		f.Use(v, a)
		f.LocalizeTitles(v)
		problems, err := pages(ctx, v, t, sink, opts)
		if err != nil {
			return nil, err
		}
		all = append(all, problems...)
	}
	return collapse(all), nil
}

// Pages executes the layout of every selected page in parallel and writes
// it to sink. It returns early with ctx's error when ctx is done: layouts
// still running then are abandoned, and write nothing more.
func Pages(ctx context.Context, s *site.Site, t *Templates, sink Sink, opts PageOptions) (diag.List, error) {
	problems, err := pages(ctx, s, t, sink, opts)
	if err != nil {
		return nil, err
	}
	return collapse(problems), nil
}

// pages is Pages, its problems not yet collapsed.
func pages(ctx context.Context, s *site.Site, t *Templates, sink Sink, opts PageOptions) ([]pageProblem, error) {
	// The theme's strings for the site's language, checked once: a
	// missing one would fail every page.
	if _, diags := Catalog(s); len(diags.Errors()) > 0 {
		var out []pageProblem
		for _, d := range diags {
			out = append(out, pageProblem{Diagnostic: d})
		}
		return out, nil
	}
	var selected []*site.Page
	for _, p := range s.Pages {
		if p.Kind == site.Kind404 && opts.Replaces != nil && opts.Replaces(notFoundName) {
			continue // the site's own 404.html is published instead
		}
		if opts.Include == nil || opts.Include(p) {
			selected = append(selected, p)
		}
	}
	per := make([]*pageProblem, len(selected))
	parallel.For(len(selected), func(i int) {
		if ctx.Err() == nil {
			per[i] = renderPage(ctx, selected[i], t, sink, opts.Timeout)
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var all []pageProblem
	for _, p := range per {
		if p != nil {
			all = append(all, *p)
		}
	}
	return all, nil
}

// pageProblem is the problem renderPage met with a page. A problem the
// layout has on every page it renders names the page apart, in page
// after ending, so that collapse can report it once.
type pageProblem struct {
	diag.Diagnostic
	ending string // whileRendering or neededBy; "" when the message says it all
	page   string
}

// The endings of the messages of problems a layout has on every page it
// renders: the page follows, then ")".
const (
	whileRendering = " (while rendering "
	neededBy       = " (needed by "
)

// collapse turns the same problem met on many pages (a broken partial
// that every page includes) into one diagnostic naming the first page and
// how many others, instead of a line for each page.
func collapse(problems []pageProblem) diag.List {
	type problem struct {
		diag.Diagnostic
		ending string
	}
	var out diag.List
	var order []problem
	pagesOf := map[problem][]string{}
	for _, p := range problems {
		if p.ending == "" {
			out = append(out, p.Diagnostic)
			continue
		}
		k := problem{p.Diagnostic, p.ending}
		if _, seen := pagesOf[k]; !seen {
			order = append(order, k)
		}
		pagesOf[k] = append(pagesOf[k], p.page)
	}
	for _, k := range order {
		where := pagesOf[k][0]
		if n := len(pagesOf[k]) - 1; n > 0 {
			where += " and " + diag.Count(n, "other page")
		}
		d := k.Diagnostic
		d.Message += k.ending + where + ")"
		out = append(out, d)
	}
	return out
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

// renderPage renders p into sink, and returns the problem it met, if any.
func renderPage(ctx context.Context, p *site.Page, t *Templates, sink Sink, timeout time.Duration) *pageProblem {
	problem := func(file string, line int, msg string) *pageProblem {
		return &pageProblem{Diagnostic: diag.Diagnostic{File: file, Line: line, Message: msg}}
	}
	where := p.File
	if where == "" {
		where = p.URL
	}
	tmpl, name, err := t.For(p)
	var missing *MissingLayoutError
	if errors.As(err, &missing) {
		return problem(p.File, p.FM.Line("layout"), err.Error())
	}
	if err != nil {
		pp := problem(site.LayoutsDir, 0, err.Error())
		pp.ending, pp.page = neededBy, where
		return pp
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
		return problem(t.fileName(name), 0, "rendering "+where+" took longer than "+timeout.String()+
			": look for a loop that does not end (a range over a huge number, a template that calls itself); "+
			"render_timeout in guidepost.yaml sets the limit")
	}
	if errors.Is(err, errTooLarge) {
		ReleaseBuffer(buf)
		return problem(t.fileName(name), 0, "rendering "+where+": "+errTooLarge.Error()+": look for a loop that writes without end")
	}
	if err != nil {
		ReleaseBuffer(buf)
		pp := problem(t.Error(err, site.LayoutsDir))
		pp.ending, pp.page = whileRendering, where
		return pp
	}
	if err := WriteBuffer(sink, OutputPath(p.URL), buf); err != nil {
		return problem(where, 0, "cannot write output: "+err.Error())
	}
	return nil
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
