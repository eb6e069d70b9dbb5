package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// headingRenderer writes headings with their id, and gives h2–h4 a share
// anchor whose accessible name names the section:
//
//	<h2 id="x">Title <a class="heading-anchor" href="#x" aria-label="Link to section: Title">#</a></h2>
//
// Only the id and class attributes are written, so `{style=…}` and other
// attributes in the source cannot reach the page.
type headingRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := "0123456"[n.Level]
	id := attrString(n, "id")
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if id != "" {
			writeAttr(w, "id", id)
		}
		if class := attrString(n, "class"); class != "" {
			writeAttr(w, "class", class)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id != "" && n.Level >= 2 && n.Level <= 4 {
		_, _ = w.WriteString(` <a class="heading-anchor"`)
		writeAttr(w, "href", "#"+id)
		writeAttr(w, "aria-label", "Link to section: "+plainText(n, src))
		_, _ = w.WriteString(">#</a>")
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

// writeAttr writes ` name="value"` with value HTML-escaped.
func writeAttr(w util.BufWriter, name, value string) {
	_ = w.WriteByte(' ')
	_, _ = w.WriteString(name)
	_, _ = w.WriteString(`="`)
	_, _ = w.Write(util.EscapeHTML([]byte(value)))
	_ = w.WriteByte('"')
}
