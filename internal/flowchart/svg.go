package flowchart

import (
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/guidepost/guidepost/decision"
)

// Options adjust a diagram.
type Options struct {
	// VerdictLabel names a verdict in outcome boxes ("Avoid"); nil shows
	// the verdict as written in the tree.
	VerdictLabel func(decision.Verdict) string
	// Text returns the diagram's words for a key of the theme's strings
	// without its "map." prefix ("diagram", "box_question"; see the
	// theme's i18n/en.yaml), with its values as name, value pairs; nil,
	// or "" for a key, gives the English words.
	Text func(key string, args ...any) string
	// RTL draws the diagram right to left, for a page in a language
	// written that way: the first question on the right, answers leading
	// left, and text aligned to the right of its box.
	RTL bool
}

// text returns the words of key from opts.Text, or english when it has
// none.
func (o Options) text(english string, key string, args ...any) string {
	if o.Text != nil {
		if s := o.Text(key, args...); s != "" {
			return s
		}
	}
	return english
}

// SVG returns the diagram of t as an inline <svg> element, ready to put in
// HTML: every text and URL is escaped. Nodes not reachable from the start,
// and answers closing a cycle, are left out (the validator reports them).
func SVG(t *decision.Tree, opts Options) string {
	verdict := func(v *vnode) string {
		if v.node == nil || !v.node.IsOutcome() {
			return ""
		}
		if opts.VerdictLabel != nil {
			return opts.VerdictLabel(v.node.Verdict)
		}
		return string(v.node.Verdict)
	}
	g := newGraph(t)
	g.order()
	g.size(verdict)
	w, h := g.place()
	desc := g.describe(opts)
	if opts.RTL {
		g.mirror(w)
	}
	g.rtl = opts.RTL
	arrow := "tm-arrow-" + safeID(t.ID)
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="treemap" width="` + num(w) + `" height="` + num(h) +
		`" viewBox="0 0 ` + num(w) + ` ` + num(h) + `" role="group" aria-label="` + esc(desc) + `"`)
	if opts.RTL {
		b.WriteString(` direction="rtl"`)
	}
	b.WriteString(">\n")
	b.WriteString(`<defs><marker id="` + arrow + `" class="tm-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L8 4L0 8z"/></marker></defs>` + "\n")
	g.writeEdges(&b, w, arrow)
	g.writeLabels(&b)
	b.WriteString(`<g class="tm-nodes" font-size="` + num(fontSize) + `">` + "\n")
	for _, v := range g.placed(real) {
		b.WriteString(g.box(v, verdict(v), opts))
	}
	b.WriteString("</g>\n</svg>")
	return b.String()
}

// describe is the chart's accessible description: the tree's title and
// how many questions lead to how many outcomes.
func (g *graph) describe(opts Options) string {
	questions, outcomes := 0, 0
	for _, v := range g.nodes {
		if v.kind == real && v.node.IsOutcome() {
			outcomes++
		} else if v.kind == real {
			questions++
		}
	}
	t := g.tree
	return opts.text("Diagram of “"+t.Title+"”: "+count(questions, "question")+" leading, from left to right, to "+
		count(outcomes, "outcome")+".", "diagram", "title", t.Title,
		"questions", opts.text(count(questions, "question"), "diagram_questions", "count", questions),
		"outcomes", opts.text(count(outcomes, "outcome"), "diagram_outcomes", "count", outcomes))
}

// placed returns the nodes of one kind column by column, in their order
// in each column.
func (g *graph) placed(k kind) []*vnode {
	var out []*vnode
	for _, col := range g.cols {
		for _, id := range col {
			if v := g.nodes[id]; v.kind == k {
				out = append(out, v)
			}
		}
	}
	return out
}

// writeEdges writes the arrows of a chart w wide, ending in the marker
// arrow.
func (g *graph) writeEdges(b *strings.Builder, w float64, arrow string) {
	if g.rtl {
		// Edges are drawn left to right and mirrored as a whole; boxes
		// and labels were moved (mirror) so that their text is not.
		b.WriteString(`<g class="tm-edges" fill="none" stroke="currentColor" transform="matrix(-1 0 0 1 ` + num(w) + ` 0)">` + "\n")
	} else {
		b.WriteString(`<g class="tm-edges" fill="none" stroke="currentColor">` + "\n")
	}
	for _, c := range g.chains {
		b.WriteString(`<path class="tm-edge" d="` + g.path(c) + `" marker-end="url(#` + arrow + `)"/>` + "\n")
	}
	b.WriteString("</g>\n")
}

// writeLabels writes the answers' labels on the edges.
func (g *graph) writeLabels(b *strings.Builder) {
	b.WriteString(`<g class="tm-labels" font-size="` + num(labelSize) + `">` + "\n")
	for _, v := range g.placed(label) {
		top := v.y - v.h/2
		b.WriteString(`<g class="tm-label"><rect x="` + num(v.x) + `" y="` + num(top) + `" width="` + num(v.w) +
			`" height="` + num(v.h) + `" rx="3"/><text>`)
		for i, l := range v.lines {
			b.WriteString(`<tspan x="` + num(g.textX(v, labelPad)) + `" y="` + num(top+labelPad+labelLine*float64(i)+labelSize) + `">` + esc(l) + `</tspan>`)
		}
		b.WriteString("</text></g>\n")
	}
	b.WriteString("</g>\n")
}

// box writes a question or outcome as a link around its box and text.
func (g *graph) box(v *vnode, verdict string, opts Options) string {
	n := v.node
	class, title := "tm-node tm-question", opts.text("Question: "+n.Title, "box_question", "title", n.Title)
	if n.ID == g.tree.Start {
		class, title = class+" tm-start", opts.text("First question: "+n.Title, "box_first", "title", n.Title)
	}
	if n.IsOutcome() {
		class, title = "tm-node tm-outcome tm-"+safeID(string(n.Verdict)), opts.text("Outcome, "+verdict+": "+n.Title, "box_outcome", "verdict", verdict, "title", n.Title)
	}
	top := v.y - v.h/2
	var b strings.Builder
	// Links stay out of the tab order: the text list beside the diagram
	// holds the same links, one tab stop each.
	b.WriteString(`<a class="` + class + `" href="` + esc(n.URL) + `" tabindex="-1"><title>` + esc(title) + `</title>`)
	b.WriteString(`<rect x="` + num(v.x) + `" y="` + num(top) + `" width="` + num(v.w) + `" height="` + num(v.h) +
		`" rx="6" fill="none" stroke="currentColor"/><text fill="currentColor">`)
	y := top + padY + fontSize
	for _, l := range v.head {
		b.WriteString(`<tspan class="tm-verdict" font-weight="700" x="` + num(g.textX(v, padX)) + `" y="` + num(y) + `">` + esc(l) + `</tspan>`)
		y += lineHeight
	}
	for _, l := range v.lines {
		b.WriteString(`<tspan x="` + num(g.textX(v, padX)) + `" y="` + num(y) + `">` + esc(l) + `</tspan>`)
		y += lineHeight
	}
	b.WriteString("</text></a>\n")
	return b.String()
}

// mirror moves every node to the other side of a diagram w wide, for a
// right-to-left page. Edges are computed from the nodes as they were
// placed and mirrored in SVG: mirror keeps their x in ltrX.
func (g *graph) mirror(w float64) {
	for _, v := range g.nodes {
		v.ltrX = v.x
		v.x = w - v.x - v.w
	}
}

// textX is where a line of text in box v starts: pad from its left edge,
// or for a right-to-left diagram from its right edge.
func (g *graph) textX(v *vnode, pad float64) float64 {
	if g.rtl {
		return v.x + v.w - pad
	}
	return v.x + pad
}

// path returns the SVG path of an edge: from the right of the question,
// straight through its label and bend points, curving between columns, to
// just before the left of its target.
func (g *graph) path(c chain) string {
	first, last := g.nodes[c.nodes[0]], g.nodes[c.nodes[len(c.nodes)-1]]
	x, y := g.lx(first)+first.w, first.y
	var b strings.Builder
	b.WriteString("M" + num(x) + " " + num(y))
	curve := func(tx, ty float64) {
		mid := (x + tx) / 2
		b.WriteString("C" + num(mid) + " " + num(y) + " " + num(mid) + " " + num(ty) + " " + num(tx) + " " + num(ty))
		x, y = tx, ty
	}
	for _, id := range c.nodes[1 : len(c.nodes)-1] {
		v := g.nodes[id]
		curve(g.lx(v), v.y)
		x = g.lx(v) + v.w
		b.WriteString("H" + num(x))
	}
	curve(g.lx(last)-arrowGap, last.y)
	return b.String()
}

// lx is a node's left edge as placed, before any mirroring: edges are
// computed left to right.
func (g *graph) lx(v *vnode) float64 {
	if g.rtl {
		return v.ltrX
	}
	return v.x
}

// num formats a coordinate to a tenth of a pixel.
func num(f float64) string {
	f = math.Round(f*10) / 10
	if f == 0 {
		f = 0 // no "-0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func esc(s string) string { return html.EscapeString(s) }

// safeID keeps the letters, digits and hyphens of s, for ids and classes.
func safeID(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '-'
	}, s)
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
