// Package review compares two versions of a decision tree the way a
// clinical safety officer reviews a change: which answers now lead to a
// different verdict or outcome, which paths and outcomes appeared or went,
// whose safeguards or sources changed, and how the scenarios changed.
//
// A path is one way through a tree: the labels of the answers a reader
// gives from the start question, in order, and the outcome they reach.
// Paths are matched across versions by their answers, as a reader would
// give them.
package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/guidepost/guidepost/decision"
)

// Path is one way through a tree.
type Path struct {
	Answers []string // option labels from the start, in order
	Outcome string   // the outcome's ID
	Verdict decision.Verdict
	Title   string // the outcome's title
}

// key identifies a path by its answers.
func (p Path) key() string { return strings.Join(p.Answers, "\x00") }

// maxPaths bounds the paths enumerated from one tree: a validated tree is
// acyclic, but the number of its paths can grow fast with its depth.
const maxPaths = 100_000

// Paths returns every path through t from its start, in the order of the
// options. A path that meets a node it already passed (a cycle, which the
// validator rejects) or an unknown node ends there, without an outcome.
func Paths(t *decision.Tree) ([]Path, error) {
	var out []Path
	var walk func(id string, answers []string, seen map[string]bool) error
	walk = func(id string, answers []string, seen map[string]bool) error {
		if len(out) >= maxPaths {
			return fmt.Errorf("tree %s has more than %d paths", t.ID, maxPaths)
		}
		n := t.Node(id)
		if n == nil || seen[id] {
			out = append(out, Path{Answers: slices.Clone(answers)})
			return nil
		}
		if !n.IsQuestion() {
			out = append(out, Path{Answers: slices.Clone(answers), Outcome: n.ID, Verdict: n.Verdict, Title: n.Title})
			return nil
		}
		seen[id] = true
		defer delete(seen, id)
		for _, o := range n.Options {
			if err := walk(o.Next, append(answers, o.Label), seen); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(t.Start, nil, map[string]bool{}); err != nil {
		return nil, err
	}
	return out, nil
}

// permissiveness orders the verdicts from the most to the least cautious.
var permissiveness = map[decision.Verdict]int{decision.Avoid: 0, decision.Caution: 1, decision.Allowed: 2}

// MorePermissive reports whether a change from old to new verdict allows
// more: avoid → caution → allowed.
func MorePermissive(old, new decision.Verdict) bool {
	o, ok1 := permissiveness[old]
	n, ok2 := permissiveness[new]
	return ok1 && ok2 && n > o
}

// PathChange is a path whose end changed.
type PathChange struct {
	Answers    []string
	Old, New   Path
	Permissive bool // the verdict now allows more
}

// NodeChange names a node and what changed in it.
type NodeChange struct {
	ID, Title string
	What      []string // e.g. "sources: added …", "options reordered"
}

// Report is what changed between two versions of a tree.
type Report struct {
	Tree string // the tree's ID
	// VerdictChanged are paths whose verdict changed; MovedOutcome are
	// paths with the same verdict that now end at another outcome.
	VerdictChanged, MovedOutcome []PathChange
	// PathsAdded and PathsRemoved are answer sequences that exist in only
	// one version (new or reworded options, new questions on the way).
	PathsAdded, PathsRemoved []Path
	// NodesAdded and NodesRemoved are questions and outcomes by ID.
	NodesAdded, NodesRemoved []NodeChange
	// NodesChanged are nodes in both whose verdict, safeguards, sources,
	// options or text changed.
	NodesChanged []NodeChange
	// Scenarios lists scenario changes in words.
	Scenarios []string
}

// Empty reports whether nothing changed.
func (r *Report) Empty() bool {
	return len(r.VerdictChanged)+len(r.MovedOutcome)+len(r.PathsAdded)+len(r.PathsRemoved)+
		len(r.NodesAdded)+len(r.NodesRemoved)+len(r.NodesChanged)+len(r.Scenarios) == 0
}

// Permissive reports whether any path's verdict now allows more.
func (r *Report) Permissive() bool {
	return slices.ContainsFunc(r.VerdictChanged, func(c PathChange) bool { return c.Permissive })
}

// Compare reports what changed from old to new, two versions of one tree
// (either may be nil: a tree added or removed).
func Compare(old, new *decision.Tree) (*Report, error) {
	r := &Report{}
	oldPaths, newPaths := []Path(nil), []Path(nil)
	var err error
	if old != nil {
		r.Tree = old.ID
		if oldPaths, err = Paths(old); err != nil {
			return nil, err
		}
	}
	if new != nil {
		r.Tree = new.ID
		if newPaths, err = Paths(new); err != nil {
			return nil, err
		}
	}
	before := map[string]Path{}
	for _, p := range oldPaths {
		before[p.key()] = p
	}
	after := map[string]bool{}
	for _, p := range newPaths {
		after[p.key()] = true
		o, ok := before[p.key()]
		switch {
		case !ok:
			r.PathsAdded = append(r.PathsAdded, p)
		case o.Verdict != p.Verdict:
			r.VerdictChanged = append(r.VerdictChanged, PathChange{Answers: p.Answers, Old: o, New: p, Permissive: MorePermissive(o.Verdict, p.Verdict)})
		case o.Outcome != p.Outcome:
			r.MovedOutcome = append(r.MovedOutcome, PathChange{Answers: p.Answers, Old: o, New: p})
		}
	}
	for _, p := range oldPaths {
		if !after[p.key()] {
			r.PathsRemoved = append(r.PathsRemoved, p)
		}
	}
	r.compareNodes(old, new)
	r.Scenarios = compareScenarios(old, new)
	return r, nil
}

// compareNodes fills in the nodes added, removed and changed.
func (r *Report) compareNodes(old, new *decision.Tree) {
	nodes := func(t *decision.Tree) map[string]*decision.Node {
		m := map[string]*decision.Node{}
		if t != nil {
			for _, n := range t.Nodes {
				if _, dup := m[n.ID]; !dup {
					m[n.ID] = n
				}
			}
		}
		return m
	}
	before, after := nodes(old), nodes(new)
	for _, id := range sortedKeys(after) {
		n := after[id]
		o, ok := before[id]
		if !ok {
			r.NodesAdded = append(r.NodesAdded, NodeChange{ID: id, Title: n.Title, What: []string{kind(n)}})
			continue
		}
		if what := nodeChanges(o, n); len(what) > 0 {
			r.NodesChanged = append(r.NodesChanged, NodeChange{ID: id, Title: n.Title, What: what})
		}
	}
	for _, id := range sortedKeys(before) {
		if _, ok := after[id]; !ok {
			r.NodesRemoved = append(r.NodesRemoved, NodeChange{ID: id, Title: before[id].Title, What: []string{kind(before[id])}})
		}
	}
}

func kind(n *decision.Node) string {
	if n.IsQuestion() {
		return "question"
	}
	return "outcome (" + string(n.Verdict) + ")"
}

// nodeChanges says in words what changed between two versions of a node.
func nodeChanges(o, n *decision.Node) []string {
	var what []string
	if o.Title != n.Title {
		what = append(what, fmt.Sprintf("title: %q → %q", o.Title, n.Title))
	}
	if o.Help != n.Help {
		what = append(what, "help text changed")
	}
	if o.Verdict != n.Verdict {
		what = append(what, fmt.Sprintf("verdict: %s → %s", orNone(string(o.Verdict)), orNone(string(n.Verdict))))
	}
	what = append(what, listChanges("safeguards", o.Safeguards, n.Safeguards)...)
	what = append(what, listChanges("sources", sourceNames(o.Sources), sourceNames(n.Sources))...)
	if o.Reviewed != n.Reviewed {
		what = append(what, fmt.Sprintf("reviewed: %s → %s", orNone(o.Reviewed), orNone(n.Reviewed)))
	}
	what = append(what, optionChanges(o.Options, n.Options)...)
	if o.Body != n.Body {
		what = append(what, "text changed")
	}
	return what
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// sourceNames names each source by its title and address.
func sourceNames(sources []decision.Source) []string {
	out := make([]string, len(sources))
	for i, s := range sources {
		out[i] = s.Title + " <" + s.URL + ">"
	}
	return out
}

// listChanges reports the items added to and removed from a list, or that
// only its order changed.
func listChanges(name string, old, new []string) []string {
	if slices.Equal(old, new) {
		return nil
	}
	var out []string
	for _, s := range new {
		if !slices.Contains(old, s) {
			out = append(out, name+": added "+s)
		}
	}
	for _, s := range old {
		if !slices.Contains(new, s) {
			out = append(out, name+": removed "+s)
		}
	}
	if len(out) == 0 {
		out = append(out, name+" reordered")
	}
	return out
}

// optionChanges reports options added, removed, leading elsewhere, or
// reordered.
func optionChanges(old, new []decision.Option) []string {
	next := func(opts []decision.Option) (labels []string, to map[string]string) {
		to = map[string]string{}
		for _, o := range opts {
			labels = append(labels, o.Label)
			to[o.Label] = o.Next
		}
		return labels, to
	}
	oldLabels, oldTo := next(old)
	newLabels, newTo := next(new)
	out := listChanges("options", oldLabels, newLabels)
	for _, l := range newLabels {
		if was, ok := oldTo[l]; ok && was != newTo[l] {
			out = append(out, fmt.Sprintf("option %q: leads to %s, was %s", l, newTo[l], was))
		}
	}
	return out
}

// compareScenarios reports scenarios added, removed or expecting another
// outcome, matched by name (or by answers when unnamed).
func compareScenarios(old, new *decision.Tree) []string {
	key := func(s decision.Scenario) string {
		if s.Name != "" {
			return s.Name
		}
		return strings.Join(s.Answers, " › ")
	}
	index := func(t *decision.Tree) map[string]decision.Scenario {
		m := map[string]decision.Scenario{}
		if t != nil {
			for _, s := range t.Scenarios {
				m[key(s)] = s
			}
		}
		return m
	}
	before, after := index(old), index(new)
	var out []string
	for _, k := range sortedKeys(after) {
		s := after[k]
		o, ok := before[k]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("added %q: %s → %s", k, strings.Join(s.Answers, " › "), s.Expect))
		case o.Expect != s.Expect || !slices.Equal(o.Answers, s.Answers):
			out = append(out, fmt.Sprintf("changed %q: %s → %s, was %s → %s", k,
				strings.Join(s.Answers, " › "), s.Expect, strings.Join(o.Answers, " › "), o.Expect))
		}
	}
	for _, k := range sortedKeys(before) {
		if _, ok := after[k]; !ok {
			out = append(out, fmt.Sprintf("removed %q", k))
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// CompareAll pairs the trees of two versions of a site by ID, in the new
// version's order then the removed ones, and compares each.
func CompareAll(old, new []*decision.Tree) ([]*Report, error) {
	byID := map[string]*decision.Tree{}
	for _, t := range old {
		byID[t.ID] = t
	}
	var out []*Report
	seen := map[string]bool{}
	for _, t := range new {
		seen[t.ID] = true
		r, err := Compare(byID[t.ID], t)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	for _, t := range old {
		if !seen[t.ID] {
			r, err := Compare(t, nil)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
	}
	return out, nil
}
