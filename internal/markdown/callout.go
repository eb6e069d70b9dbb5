package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindCallout is the ast.NodeKind of a callout: a blockquote that starts
// with a GitHub-style `[!NOTE]` marker.
var KindCallout = ast.NewNodeKind("Callout")

// calloutLabels maps each marker (lower-cased) to the label shown to readers.
var calloutLabels = map[string]string{
	"note":      "Note",
	"tip":       "Tip",
	"important": "Important",
	"warning":   "Warning",
	"caution":   "Caution",
}

// callout is an admonition block; its children are the blockquote's
// content without the marker line.
type callout struct {
	ast.BaseBlock
	kind  string // "note", "tip", …
	label string // "Note", "Tip", …
	title string // custom title written after the marker, "" if none
}

// Kind implements ast.Node.
func (n *callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Kind": n.kind, "Title": n.title}, nil)
}

// calloutMarker matches the first line of a callout: `[!KIND]` then an
// optional title.
var calloutMarker = regexp.MustCompile(`^[ \t]*\[!([A-Za-z]+)\][ \t]*(.*?)[ \t\r\n]*$`)

// calloutTransformer replaces blockquotes whose first line is a callout
// marker with callout nodes. Other blockquotes are left alone.
type calloutTransformer struct{}

// Transform implements parser.ASTTransformer.
func (calloutTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		toCallout(q, reader.Source())
	}
}

func toCallout(q *ast.Blockquote, src []byte) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return
	}
	first := p.Lines().At(0)
	m := calloutMarker.FindSubmatch(first.Value(src))
	if m == nil {
		return
	}
	kind := strings.ToLower(string(m[1]))
	label, ok := calloutLabels[kind]
	if !ok {
		return
	}

	// Drop the inline content of the marker line.
	for c := p.FirstChild(); c != nil && nodePos(c) < first.Stop; {
		next := c.NextSibling()
		p.RemoveChild(p, c)
		c = next
	}
	rest := text.NewSegments()
	for i := 1; i < p.Lines().Len(); i++ {
		rest.Append(p.Lines().At(i))
	}
	p.SetLines(rest)
	if !p.HasChildren() {
		q.RemoveChild(q, p)
	}

	c := &callout{kind: kind, label: label, title: string(unescapeText(m[2]))}
	c.SetPos(q.Pos())
	c.SetBlankPreviousLines(q.HasBlankPreviousLines())
	for child := q.FirstChild(); child != nil; {
		next := child.NextSibling()
		c.AppendChild(c, child)
		child = next
	}
	q.Parent().ReplaceChild(q.Parent(), q, c)
}

// calloutRenderer writes a callout as an accessible admonition:
//
//	<aside class="callout callout-warning" role="note" aria-label="Warning">
//	<p class="callout-title">Warning</p>
//	…
//	</aside>
//
// With a custom title the title paragraph shows it and the accessible name
// is "Warning: <title>", so the kind is never lost.
type calloutRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, renderCallout)
}

func renderCallout(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*callout)
	if !entering {
		_, _ = w.WriteString("</aside>\n")
		return ast.WalkContinue, nil
	}
	title, name := n.label, n.label
	if n.title != "" {
		title = n.title
		name = n.label + ": " + n.title
	}
	_, _ = w.WriteString(`<aside class="callout callout-`)
	_, _ = w.WriteString(n.kind)
	_, _ = w.WriteString(`" role="note"`)
	writeAttr(w, "aria-label", name)
	_, _ = w.WriteString(">\n<p class=\"callout-title\">")
	_, _ = w.Write(util.EscapeHTML([]byte(title)))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}
