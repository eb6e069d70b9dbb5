package decision

// index holds a tree's lookup tables, computed once.
type index struct {
	byID      map[string]int // node ID → position in Tree.Nodes of its first node
	next      [][]int        // per node, per option: position of the next node, or -1
	remaining []int          // per node: Tree.MaxRemaining
}

func buildIndex(t *Tree) *index {
	x := &index{
		byID: make(map[string]int, len(t.Nodes)),
		next: make([][]int, len(t.Nodes)),
	}
	for i, n := range t.Nodes {
		if _, dup := x.byID[n.ID]; !dup {
			x.byID[n.ID] = i
		}
	}
	for i, n := range t.Nodes {
		targets := make([]int, len(n.Options))
		for k, o := range n.Options {
			targets[k] = -1
			if j, ok := x.byID[o.Next]; ok {
				targets[k] = j
			}
		}
		x.next[i] = targets
	}
	x.remaining = longestQuestionPaths(t.Nodes, x.next)
	return x
}

// longestQuestionPaths returns, for every node, the number of questions on
// the longest path starting there. It walks the graph depth first without
// recursion; an edge back into the path being walked (a cycle) counts as a
// dead end, so the walk always ends.
func longestQuestionPaths(nodes []*Node, next [][]int) []int {
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]uint8, len(nodes))
	best := make([]int, len(nodes))
	type frame struct{ node, option int }
	var stack []frame
	for root := range nodes {
		if state[root] != unseen {
			continue
		}
		state[root] = onPath
		stack = append(stack[:0], frame{root, 0})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.option < len(next[top.node]) {
				j := next[top.node][top.option]
				top.option++
				if j >= 0 && state[j] == unseen {
					state[j] = onPath
					stack = append(stack, frame{j, 0})
				}
				continue
			}
			i := top.node
			stack = stack[:len(stack)-1]
			state[i] = done
			if !nodes[i].IsQuestion() {
				continue
			}
			longest := 0
			for _, j := range next[i] {
				if j >= 0 && state[j] == done && best[j] > longest {
					longest = best[j]
				}
			}
			best[i] = 1 + longest
		}
	}
	return best
}
