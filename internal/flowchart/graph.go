package flowchart

import (
	"github.com/guidepost/guidepost/decision"
)

// kind says what a node of the layout graph stands for.
type kind uint8

const (
	real  kind = iota // a question or outcome
	label             // the option labels of an edge
	dummy             // a bend point of an edge that skips columns
)

// vnode is a node of the layout graph.
type vnode struct {
	kind  kind
	node  *decision.Node // real nodes
	lines []string       // wrapped text: title (real) or labels (label)
	head  []string       // wrapped verdict, in bold, above an outcome's title
	col   int
	w, h  float64 // box size
	x, y  float64 // left edge and vertical centre
	ltrX  float64 // x before a right-to-left diagram was mirrored
	in    []int   // predecessors in the previous column
	out   []int   // successors in the next column
	// seq orders nodes of a column before crossing reduction: the order a
	// depth-first walk of the tree meets them.
	seq int
}

// chain is one drawn edge: every option of a question leading to the same
// node, from the question through its label and any dummies to the target.
type chain struct {
	nodes []int // virtual node indices, question first, target last
}

// graph is the layout graph of a tree.
type graph struct {
	tree   *decision.Tree
	nodes  []*vnode
	chains []chain
	cols   [][]int // virtual node indices by column, in drawing order
	rtl    bool    // mirrored: see mirror
}

// newGraph builds the layout graph of the nodes reachable from the start:
// real nodes in even columns (twice their layer), labels in odd ones.
func newGraph(t *decision.Tree) *graph {
	g := &graph{tree: t}
	start := t.Node(t.Start)
	if start == nil {
		return g
	}
	order := topoOrder(t, start)
	pos := map[*decision.Node]int{}
	for i, n := range order {
		pos[n] = i
	}
	layer := map[*decision.Node]int{}
	for _, n := range order {
		for _, o := range n.Options {
			// An edge to an earlier node closes a cycle: leave it out.
			if m := t.Node(o.Next); m != nil && pos[m] > pos[n] && layer[m] < layer[n]+1 {
				layer[m] = layer[n] + 1
			}
		}
	}
	index := map[*decision.Node]int{}
	for _, n := range order {
		index[n] = g.add(&vnode{kind: real, node: n, col: 2 * layer[n]})
	}
	for _, n := range order {
		// Options leading to the same node share one edge and one label.
		var targets []*decision.Node
		labels := map[*decision.Node][]string{}
		for _, o := range n.Options {
			m := t.Node(o.Next)
			if m == nil || layer[m] <= layer[n] {
				continue // cycles and unknown targets: the validator reports them
			}
			if _, ok := labels[m]; !ok {
				targets = append(targets, m)
			}
			labels[m] = append(labels[m], o.Label)
		}
		for _, m := range targets {
			c := chain{nodes: []int{index[n]}}
			text := ""
			for i, l := range labels[m] {
				if i > 0 {
					text += " · "
				}
				text += l
			}
			prev := index[n]
			for col := 2*layer[n] + 1; col < 2*layer[m]; col++ {
				v := &vnode{kind: dummy, col: col}
				if col == 2*layer[n]+1 {
					v.kind, v.lines = label, []string{text}
				}
				i := g.add(v)
				g.link(prev, i)
				c.nodes = append(c.nodes, i)
				prev = i
			}
			g.link(prev, index[m])
			c.nodes = append(c.nodes, index[m])
			g.chains = append(g.chains, c)
		}
	}
	g.columns()
	return g
}

func (g *graph) add(v *vnode) int {
	g.nodes = append(g.nodes, v)
	return len(g.nodes) - 1
}

func (g *graph) link(a, b int) {
	g.nodes[a].out = append(g.nodes[a].out, b)
	g.nodes[b].in = append(g.nodes[b].in, a)
}

// columns groups the nodes by column, each in walk order.
func (g *graph) columns() {
	last := 0
	for _, v := range g.nodes {
		last = max(last, v.col)
	}
	g.cols = make([][]int, last+1)
	// Walk order: depth-first from the start through the chains, so that
	// a question's answers and their targets start out side by side.
	seen := make([]bool, len(g.nodes))
	rank := make([]int, len(g.nodes))
	next := 0
	var visit func(i int)
	visit = func(i int) {
		if seen[i] {
			return
		}
		seen[i] = true
		rank[i] = next
		next++
		for _, j := range g.nodes[i].out {
			visit(j)
		}
	}
	for i := range g.nodes {
		visit(i)
	}
	for i, v := range g.nodes {
		v.seq = rank[i]
		g.cols[v.col] = append(g.cols[v.col], i)
	}
	for _, col := range g.cols {
		sortBy(col, func(i int) float64 { return float64(g.nodes[i].seq) })
	}
}

// topoOrder returns the nodes reachable from start, each after every node
// with an option leading to it (edges that close a cycle are ignored).
func topoOrder(t *decision.Tree, start *decision.Node) []*decision.Node {
	const (
		unseen = iota
		open
		done
	)
	state := map[*decision.Node]int{}
	var post []*decision.Node
	var visit func(n *decision.Node)
	visit = func(n *decision.Node) {
		state[n] = open
		for _, o := range n.Options {
			if m := t.Node(o.Next); m != nil && state[m] == unseen {
				visit(m)
			}
		}
		state[n] = done
		post = append(post, n)
	}
	visit(start)
	for i, j := 0, len(post)-1; i < j; i, j = i+1, j-1 {
		post[i], post[j] = post[j], post[i]
	}
	return post
}
