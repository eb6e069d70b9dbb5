package decision

import (
	"strconv"
	"strings"
)

// checkCycles reports each loop found by a depth-first walk from the start,
// then from every other node, at the option that closes the loop.
func (t *Tree) checkCycles(l *Problems, x *index) {
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]uint8, len(t.Nodes))
	type frame struct{ node, option int }
	var stack []frame
	roots := make([]int, 0, len(t.Nodes)+1)
	if i, ok := x.byID[t.Start]; ok {
		roots = append(roots, i)
	}
	for i := range t.Nodes {
		roots = append(roots, i)
	}
	for _, root := range roots {
		if state[root] != unseen || x.byID[t.Nodes[root].ID] != root {
			continue
		}
		state[root] = onPath
		stack = append(stack[:0], frame{root, 0})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.option >= len(x.next[top.node]) {
				state[top.node] = done
				stack = stack[:len(stack)-1]
				continue
			}
			from, k := top.node, top.option
			j := x.next[from][k]
			top.option++
			switch {
			case j < 0:
			case state[j] == unseen:
				state[j] = onPath
				stack = append(stack, frame{j, 0})
			case state[j] == onPath:
				var ids []string
				for s := len(stack) - 1; s >= 0; s-- {
					ids = append(ids, t.Nodes[stack[s].node].ID)
					if stack[s].node == j {
						break
					}
				}
				for a, b := 0, len(ids)-1; a < b; a, b = a+1, b-1 {
					ids[a], ids[b] = ids[b], ids[a]
				}
				ids = append(ids, t.Nodes[j].ID)
				n := t.Nodes[from]
				p := optionPos(n, n.Options[k])
				l.Add(p.File, p.Line, "cycle: "+formatCycle(ids)+"; a decision tree must always move forward: point option "+
					strconv.Quote(n.Options[k].Label)+" of "+strconv.Quote(n.ID)+" at a node that does not lead back to "+
					strconv.Quote(t.Nodes[j].ID))
			}
		}
	}
}

// formatCycle joins the IDs of a loop with arrows, leaving out the middle
// of very long loops.
func formatCycle(ids []string) string {
	const keep = 6
	if len(ids) > 2*keep+1 {
		hidden := len(ids) - 2*keep
		ids = append(append(ids[:keep:keep], "… "+strconv.Itoa(hidden)+" more …"), ids[len(ids)-keep:]...)
	}
	return strings.Join(ids, " → ")
}

// checkReachable reports nodes no path from the start leads to; outcomes
// are reported in their own words, since an unreachable outcome is advice
// no reader will ever see.
func (t *Tree) checkReachable(l *Problems, x *index) {
	start := x.byID[t.Start]
	seen := make([]bool, len(t.Nodes))
	seen[start] = true
	queue := []int{start}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, j := range x.next[i] {
			if j >= 0 && j != i && !seen[j] {
				seen[j] = true
				queue = append(queue, j)
			}
		}
	}
	preds := make(map[int][]string)
	for i, targets := range x.next {
		if x.byID[t.Nodes[i].ID] != i {
			continue // a duplicate: reported as such
		}
		for _, j := range targets {
			if j >= 0 && j != i && !seen[j] {
				if p := preds[j]; len(p) == 0 || p[len(p)-1] != t.Nodes[i].ID {
					preds[j] = append(p, t.Nodes[i].ID)
				}
			}
		}
	}
	for i, n := range t.Nodes {
		if seen[i] || x.byID[n.ID] != i {
			continue
		}
		why := "no other node leads to it"
		if n.IsOutcome() {
			why = "no option leads to it"
		}
		if p := preds[i]; len(p) > 0 {
			why = "only unreachable nodes lead to it (" + quoteList(p, 3) + ")"
		}
		name := strconv.Quote(n.ID)
		if n.IsOutcome() {
			l.Add(n.Pos.File, n.Pos.Line, "outcome "+name+" is never reached: "+why+
				"; point an option's next: at "+name+" so readers can get this advice, or delete the file")
			continue
		}
		kind := "question "
		if !n.IsQuestion() {
			kind = "node "
		}
		l.Add(n.Pos.File, n.Pos.Line, kind+name+" is unreachable from start "+strconv.Quote(t.Start)+": "+why+
			"; link to it from an option's next:, or delete the file")
	}
}

// quoteList quotes up to max strings, comma-separated, and counts the rest.
func quoteList(s []string, max int) string {
	var b strings.Builder
	for i, v := range s {
		if i == max {
			b.WriteString(" and " + strconv.Itoa(len(s)-max) + " more")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(v))
	}
	return b.String()
}
