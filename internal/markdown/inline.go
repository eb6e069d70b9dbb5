package markdown

import (
	"bytes"
	"html/template"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
)

// inline renders the short texts of guidepost.yaml (a disclaimer, a
// footer note): CommonMark, with dangerous link schemes dropped.
var inline = goldmark.New()

// Inline renders one paragraph of Markdown, such as a disclaimer, as HTML
// without the paragraph's <p> element. Raw HTML is shown as text, as the
// author wrote it, not dropped.
func Inline(src string) (template.HTML, error) {
	if html, ok := inlineDone.Load(src); ok {
		return html.(template.HTML), nil
	}
	html, err := renderInline(src)
	if err == nil && inlineKept.Add(1) <= maxInlineKept {
		inlineDone.Store(src, html)
	}
	return html, err
}

// Inline's texts are the same on every page (a site's disclaimer and
// footer note, in each language): the first maxInlineKept are kept once
// rendered. Rendering them anew for each of 10,000 pages was 4 % of a
// build of short pages.
var (
	inlineDone sync.Map // source → template.HTML
	inlineKept atomic.Int64
)

const maxInlineKept = 256

// renderInline is Inline without the memory.
func renderInline(src string) (template.HTML, error) {
	var buf bytes.Buffer
	src = strings.ReplaceAll(src, "<", "&lt;")
	if err := inline.Convert([]byte(src), &buf); err != nil {
		return "", err
	}
	out := strings.TrimSpace(buf.String())
	if body, ok := strings.CutPrefix(out, "<p>"); ok && strings.HasSuffix(body, "</p>") && !strings.Contains(body, "<p>") {
		out = strings.TrimSuffix(body, "</p>")
	}
	return template.HTML(out), nil // goldmark escapes text and raw HTML
}
