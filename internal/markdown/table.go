package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// tableRenderer wraps each table in a focusable, labelled region so it
// scrolls sideways on phones instead of widening the page:
//
//	<div class="table-wrap" role="region" tabindex="0" aria-label="Table: Jurisdiction"><table>…</table></div>
//
// It also writes cell alignment as a class (align-left, align-center,
// align-right) rather than goldmark's inline style.
type tableRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, renderTable)
	reg.Register(east.KindTableCell, renderTableCell)
}

func renderTable(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</table>\n</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="table-wrap" role="region" tabindex="0"`)
	writeAttr(w, "aria-label", tableLabel(node, src))
	_, _ = w.WriteString(">\n<table>\n")
	return ast.WalkContinue, nil
}

// tableLabel names a table after its first header cell, "Table: X", or
// just "Table" when that cell is empty.
func tableLabel(table ast.Node, src []byte) string {
	for c := table.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() != east.KindTableHeader || c.FirstChild() == nil {
			continue
		}
		if t := plainText(c.FirstChild(), src); t != "" {
			return "Table: " + t
		}
	}
	return "Table"
}

func renderTableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	tag := "td"
	if n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader {
		tag = "th"
	}
	if !entering {
		_, _ = w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<" + tag)
	if n.Alignment != east.AlignNone {
		writeAttr(w, "class", "align-"+n.Alignment.String())
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
