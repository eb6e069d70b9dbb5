package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// escapedHTMLRenderer is used when raw HTML is not allowed. Instead of
// goldmark's silent `<!-- raw HTML omitted -->` it writes the HTML escaped,
// so the author sees on the page that the tags were not rendered. HTML
// comments are dropped: they are notes the author meant to hide.
type escapedHTMLRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (escapedHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderEscapedInline)
	reg.Register(ast.KindHTMLBlock, renderEscapedBlock)
}

func renderEscapedInline(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	var raw []byte
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		raw = append(raw, seg.Value(src)...)
	}
	if !isComment(raw) {
		_, _ = w.Write(util.EscapeHTML(raw))
	}
	return ast.WalkSkipChildren, nil
}

func renderEscapedBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.HTMLBlock)
	if n.HTMLBlockType == ast.HTMLBlockType2 { // <!-- comment -->
		return ast.WalkSkipChildren, nil
	}
	var raw []byte
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		raw = append(raw, seg.Value(src)...)
	}
	if n.HasClosure() {
		raw = append(raw, n.ClosureLine.Value(src)...)
	}
	raw = bytes.TrimRight(raw, " \t\r\n")
	if len(raw) == 0 {
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString("<p>")
	_, _ = w.Write(util.EscapeHTML(raw))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

func isComment(raw []byte) bool {
	return bytes.HasPrefix(raw, []byte("<!--"))
}
