package markdown

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
)

// inline renders the short texts of guidepost.yaml (a disclaimer, a
// footer note): CommonMark, with dangerous link schemes dropped.
var inline = goldmark.New()

// Inline renders one paragraph of Markdown, such as a disclaimer, as HTML
// without the paragraph's <p> element. Raw HTML is shown as text, as the
// author wrote it, not dropped.
func Inline(src string) (template.HTML, error) {
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
