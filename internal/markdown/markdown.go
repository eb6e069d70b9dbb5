// Package markdown renders guidepost's Markdown pages to HTML.
//
// It configures goldmark once with the site's extensions — GitHub-flavoured
// Markdown, footnotes, heading ids and share anchors, GitHub-style callouts,
// chroma-highlighted code and scrollable tables — and reports what a page
// defines (headings, ids) and points at (links, images), so later stages can
// check links and anchors and build tables of contents.
package markdown

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure a Renderer.
type Options struct {
	// AllowHTML lets raw HTML in Markdown pass through to the page. When
	// false, raw HTML is escaped and shown as text (HTML comments are
	// dropped), so an author sees what was not rendered.
	AllowHTML bool
	// HighlightCache, when not nil, keeps highlighted code blocks on disk
	// across builds (see DefaultHighlightCache); nil is none.
	HighlightCache *HighlightCache
}

// LinkRewriter maps a link or image destination as written in the source
// to the href to emit, e.g. "../hipaa.md#x" -> "../hipaa/#x". A nil
// LinkRewriter leaves destinations unchanged.
type LinkRewriter func(dest string) string

// Renderer turns Markdown into a Document. It is safe for concurrent use;
// build one with New and share it.
type Renderer struct {
	opts Options
	md   goldmark.Markdown
	code *codeRenderer // holds the highlighting cache
}

// overridePriority is lower than goldmark's own renderers (1000) and its
// extensions' (500), so these renderers win for the kinds they register.
const overridePriority = 100

// New builds a Renderer and its goldmark instance.
func New(opts Options) *Renderer {
	code := newCodeRenderer(opts.HighlightCache)
	nodeRenderers := []util.PrioritizedValue{
		util.Prioritized(headingRenderer{}, overridePriority),
		util.Prioritized(calloutRenderer{}, overridePriority),
		util.Prioritized(code, overridePriority),
		util.Prioritized(tableRenderer{}, overridePriority),
		util.Prioritized(taskCheckBoxRenderer{}, overridePriority),
	}
	var htmlOpts []renderer.Option
	if opts.AllowHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	} else {
		nodeRenderers = append(nodeRenderers, util.Prioritized(escapedHTMLRenderer{}, overridePriority))
	}
	htmlOpts = append(htmlOpts, renderer.WithNodeRenderers(nodeRenderers...))

	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(
			parser.WithAttribute(), // `## Title {#custom-id}`
			parser.WithASTTransformers(util.Prioritized(calloutTransformer{}, 500)),
		),
		goldmark.WithRendererOptions(htmlOpts...),
	)
	return &Renderer{opts: opts, md: md, code: code}
}

// htmlBuffers are reused between renders, so each grows once, not per page.
var htmlBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render converts src to HTML and reports the headings, ids and links it
// defines.
//
// lineOffset is the number of lines of the file before src (its front
// matter), so that Heading.Line and Link.Line are lines of the .md file.
// rewrite, when not nil, maps each link and image destination to the href
// emitted; Document.Links keeps the destinations as written.
//
// When two headings declare the same explicit id, or src passes one of the
// limits that bound the work of a page (see checkLimits), the error is a
// diag.List whose entries carry the line but an empty File, for the
// caller to fill in.
func (r *Renderer) Render(src []byte, lineOffset int, rewrite LinkRewriter) (*Document, error) {
	if err := checkLimits(src, lineOffset); err != nil {
		return nil, err
	}
	root := r.md.Parser().Parse(text.NewReader(src))
	lines := newLineIndex(src, lineOffset)

	if err := assignHeadingIDs(root, src, lines); err != nil {
		return nil, err
	}
	limitHighlighting(root)
	doc := &Document{}
	c := collector{src: src, lines: lines, rewrite: rewrite, scanHTML: r.opts.AllowHTML, doc: doc}
	if err := ast.Walk(root, c.visit); err != nil {
		return nil, fmt.Errorf("markdown: collect headings and links: %w", err)
	}

	buf := htmlBuffers.Get().(*bytes.Buffer)
	defer htmlBuffers.Put(buf)
	buf.Reset()
	if err := r.md.Renderer().Render(buf, src, root); err != nil {
		return nil, fmt.Errorf("markdown: render HTML: %w", err)
	}
	// An exact-size copy: the site keeps every page's HTML for the whole
	// build, and a grown buffer is a third slack on average.
	doc.HTML = bytes.Clone(buf.Bytes())
	doc.TOC = buildTOC(doc.Headings)
	return doc, nil
}
