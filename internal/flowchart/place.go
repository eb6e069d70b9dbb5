package flowchart

// Sizes in CSS pixels. Text sizes must match the font-size attributes the
// SVG sets on its text.
const (
	fontSize   = 13.0 // node text
	lineHeight = 17.0
	padX       = 10.0
	padY       = 8.0
	boxWidth   = 200.0
	boldFactor = 1.1 // bold text is about this much wider

	labelSize     = 11.0 // option labels
	labelLine     = 14.0
	labelPad      = 4.0
	labelMaxWidth = 120.0

	colGap   = 30.0 // between columns, where edges bend
	rowGap   = 14.0 // between boxes in a column
	thinGap  = 6.0  // between labels and bend points
	margin   = 8.0
	arrowGap = 2.0 // between an arrow's tip and its box
	passes   = 4   // placement sweeps, alternately forwards and back
)

// size wraps each node's text and sets its box size.
func (g *graph) size(verdictLabel func(*vnode) string) {
	for _, v := range g.nodes {
		switch v.kind {
		case real:
			v.lines = wrap(v.node.Title, (boxWidth-2*padX)/fontSize)
			v.head = wrap(verdictLabel(v), (boxWidth-2*padX)/fontSize/boldFactor)
			v.w, v.h = boxWidth, 2*padY+float64(len(v.head)+len(v.lines))*lineHeight
		case label:
			v.lines = wrap(v.lines[0], (labelMaxWidth-2*labelPad)/labelSize)
			v.w = maxWidth(v.lines)*labelSize + 2*labelPad
			v.h = float64(len(v.lines))*labelLine + 2*labelPad
		case dummy:
			v.h = 2
		}
	}
}

// place sets every node's x and y: columns side by side, and in each
// column the nodes in order, each as near the mean height of its
// neighbours as spacing allows. It returns the diagram's width and height.
func (g *graph) place() (w, h float64) {
	x := margin
	for _, col := range g.cols {
		cw := 0.0
		for _, id := range col {
			cw = max(cw, g.nodes[id].w)
		}
		for _, id := range col {
			v := g.nodes[id]
			switch v.kind {
			case dummy:
				v.x, v.w = x, cw
			default:
				v.x = x + (cw-v.w)/2
			}
		}
		x += cw + colGap
	}
	w = x - colGap + margin

	for _, col := range g.cols {
		g.placeColumn(col, func(*vnode) float64 { return 0 })
	}
	for p := 0; p < passes; p++ {
		forward := p%2 == 0
		for k := range g.cols {
			c := k
			if !forward {
				c = len(g.cols) - 1 - k
			}
			g.placeColumn(g.cols[c], func(v *vnode) float64 {
				ns := v.out
				if forward {
					ns = v.in
				}
				if len(ns) == 0 {
					return v.y
				}
				sum := 0.0
				for _, n := range ns {
					sum += g.nodes[n].y
				}
				return sum / float64(len(ns))
			})
		}
	}

	top, bottom := 0.0, 0.0
	for i, v := range g.nodes {
		if i == 0 || v.y-v.h/2 < top {
			top = v.y - v.h/2
		}
		if i == 0 || v.y+v.h/2 > bottom {
			bottom = v.y + v.h/2
		}
	}
	for _, v := range g.nodes {
		v.y += margin - top
	}
	return w, bottom - top + 2*margin
}

// placeColumn sets the y of the nodes of a column, in order and spaced, so
// that the sum of squared distances to desired(v) is least: an isotonic
// regression solved by pooling adjacent violators.
func (g *graph) placeColumn(col []int, desired func(*vnode) float64) {
	if len(col) == 0 {
		return
	}
	// With offset[i] the least distance from the first node to node i, the
	// nodes are in order and spaced when y[i]-offset[i] never decreases.
	offset := make([]float64, len(col))
	for i := 1; i < len(col); i++ {
		a, b := g.nodes[col[i-1]], g.nodes[col[i]]
		gap := rowGap
		if a.kind != real && b.kind != real {
			gap = thinGap
		}
		offset[i] = offset[i-1] + a.h/2 + gap + b.h/2
	}
	type block struct {
		sum   float64
		count int
	}
	var blocks []block
	for i, id := range col {
		blocks = append(blocks, block{desired(g.nodes[id]) - offset[i], 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/float64(a.count) <= b.sum/float64(b.count) {
				break
			}
			blocks = append(blocks[:len(blocks)-2], block{a.sum + b.sum, a.count + b.count})
		}
	}
	i := 0
	for _, b := range blocks {
		mean := b.sum / float64(b.count)
		for k := 0; k < b.count; k++ {
			g.nodes[col[i]].y = mean + offset[i]
			i++
		}
	}
}
