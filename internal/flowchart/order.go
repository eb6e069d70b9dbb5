package flowchart

import "sort"

// sweeps is how many times crossing reduction runs down and up the columns.
const sweeps = 4

// order reorders each column to reduce edge crossings: barycentre sorts,
// alternately by predecessors (downwards) and successors (upwards), each
// followed by swaps of neighbours that remove crossings, keeping the best
// order seen.
func (g *graph) order() {
	best := g.crossings()
	saved := g.saveOrder()
	for s := 0; s < sweeps && best > 0; s++ {
		for c := 1; c < len(g.cols); c++ {
			g.sortColumn(c, c-1, func(v *vnode) []int { return v.in })
		}
		g.transpose()
		if n := g.crossings(); n < best {
			best, saved = n, g.saveOrder()
		}
		for c := len(g.cols) - 2; c >= 0; c-- {
			g.sortColumn(c, c+1, func(v *vnode) []int { return v.out })
		}
		g.transpose()
		if n := g.crossings(); n < best {
			best, saved = n, g.saveOrder()
		}
	}
	g.cols = saved
}

// transpose swaps neighbours in a column while that removes crossings.
func (g *graph) transpose() {
	for round := 0; round < 2*sweeps; round++ {
		improved := false
		for c, col := range g.cols {
			for i := 0; i+1 < len(col); i++ {
				before := g.gapCrossings(c-1) + g.gapCrossings(c)
				col[i], col[i+1] = col[i+1], col[i]
				if g.gapCrossings(c-1)+g.gapCrossings(c) < before {
					improved = true
					continue
				}
				col[i], col[i+1] = col[i+1], col[i]
			}
		}
		if !improved {
			return
		}
	}
}

// sortColumn sorts column c by the mean position of each node's neighbours
// in column ref; a node without neighbours there keeps its place.
func (g *graph) sortColumn(c, ref int, neighbours func(*vnode) []int) {
	pos := g.positions(ref)
	col := g.cols[c]
	key := map[int]float64{}
	for i, id := range col {
		ns := neighbours(g.nodes[id])
		if len(ns) == 0 {
			key[id] = float64(i) * float64(len(g.cols[ref])) / float64(max(len(col), 1))
			continue
		}
		sum := 0.0
		for _, n := range ns {
			sum += float64(pos[n])
		}
		key[id] = sum / float64(len(ns))
	}
	sortBy(col, func(id int) float64 { return key[id] })
}

// positions maps the nodes of column c to their index in it.
func (g *graph) positions(c int) map[int]int {
	pos := make(map[int]int, len(g.cols[c]))
	for i, id := range g.cols[c] {
		pos[id] = i
	}
	return pos
}

// crossings counts pairs of edges between neighbouring columns that cross.
func (g *graph) crossings() int {
	total := 0
	for c := 0; c+1 < len(g.cols); c++ {
		total += g.gapCrossings(c)
	}
	return total
}

// gapCrossings counts the crossings between columns c and c+1 (0 when
// either does not exist).
func (g *graph) gapCrossings(c int) int {
	if c < 0 || c+1 >= len(g.cols) {
		return 0
	}
	next := g.positions(c + 1)
	var edges [][2]int
	for i, id := range g.cols[c] {
		for _, o := range g.nodes[id].out {
			edges = append(edges, [2]int{i, next[o]})
		}
	}
	n := 0
	for a := range edges {
		for b := a + 1; b < len(edges); b++ {
			if (edges[a][0]-edges[b][0])*(edges[a][1]-edges[b][1]) < 0 {
				n++
			}
		}
	}
	return n
}

func (g *graph) saveOrder() [][]int {
	out := make([][]int, len(g.cols))
	for i, col := range g.cols {
		out[i] = append([]int(nil), col...)
	}
	return out
}

// sortBy sorts ids by key, keeping the current order of equal keys.
func sortBy(ids []int, key func(int) float64) {
	sort.SliceStable(ids, func(a, b int) bool { return key(ids[a]) < key(ids[b]) })
}
