package decision

import (
	"slices"
	"strings"
	"sync/atomic"
)

// Verdict is an outcome's answer to the tree's question.
type Verdict string

// The verdicts an outcome may give.
const (
	Avoid   Verdict = "avoid"   // do not use
	Caution Verdict = "caution" // only with safeguards / approval
	Allowed Verdict = "allowed" // allowed with conditions
)

// Valid reports whether v is one of [Avoid], [Caution] and [Allowed].
func (v Verdict) Valid() bool {
	return v == Avoid || v == Caution || v == Allowed
}

// Pos is a place in a source file: a site-relative slash path and a 1-based
// line (0 when the problem concerns the whole file).
type Pos struct {
	File string
	Line int
}

// Source is a document a node (or any page) relies on.
type Source struct {
	Title     string `json:"title"`
	URL       string `json:"url"`
	Publisher string `json:"publisher,omitempty"`
	Date      string `json:"date,omitempty"`
	// Line is the line of the source's url (of the source when it has
	// none) in its file; 0 when unknown.
	Line int `json:"-"`
}

// Option is one answer to a question.
type Option struct {
	Label string `json:"label"`
	Next  string `json:"next"` // ID of the node this answer leads to
	Pos   Pos    `json:"-"`    // line of this option's `- label:` entry
}

// Node is one question or outcome of a tree; each is a Markdown file.
type Node struct {
	ID         string   `json:"id"` // file name without .md, e.g. "us-covered-entity"
	Pos        Pos      `json:"-"`  // the file, and the line of its `title:` key
	Title      string   `json:"title"`
	Help       string   `json:"help,omitempty"`       // optional one-line hint under a question
	Options    []Option `json:"options,omitempty"`    // non-empty for a question
	Verdict    Verdict  `json:"verdict,omitempty"`    // non-empty for an outcome
	Safeguards []string `json:"safeguards,omitempty"` // outcome: the safeguards that apply
	Sources    []Source `json:"sources,omitempty"`    // outcome: required
	Reviewed   string   `json:"reviewed,omitempty"`   // outcome: required, YYYY-MM-DD
	// ReviewedBy names who did that review, as the page shows it
	// ("Dr A. Patel, Clinical safety officer"); "" when unnamed.
	ReviewedBy string `json:"reviewedBy,omitempty"`
	URL        string `json:"url,omitempty"`  // the node's page URL path, set by the site
	Body       string `json:"body,omitempty"` // rendered HTML of the Markdown, set by the site

	// Lines maps a front-matter key ("options", "verdict", "sources",
	// "reviewed", ...) to its line in Pos.File, so that diagnostics about a
	// field point at it. It is optional: keys it lacks fall back to Pos.Line.
	Lines map[string]int `json:"-"`
}

// IsOutcome reports whether n is an outcome: it has a verdict and no options.
func (n *Node) IsOutcome() bool { return len(n.Options) == 0 && n.Verdict != "" }

// IsQuestion reports whether n offers options to choose from.
func (n *Node) IsQuestion() bool { return len(n.Options) > 0 }

// line returns the line of front-matter key in n's file, or n.Pos.Line.
func (n *Node) line(key string) int {
	if l, ok := n.Lines[key]; ok && l > 0 {
		return l
	}
	return n.Pos.Line
}

// Scenario is a tree's unit test: answers from the start, and the outcome
// they must reach.
type Scenario struct {
	Name    string   `json:"name,omitempty"`
	Answers []string `json:"answers"` // option labels, in order, from Start
	Expect  string   `json:"expect"`  // outcome node ID
	Pos     Pos      `json:"-"`       // line of the scenario's `- answers:` entry in _index.md
}

// Tree is a decision tree. Build it with [New] and do not change its nodes
// or options afterwards (the site may still set a node's URL and Body);
// a Tree is then safe for concurrent use.
type Tree struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Start     string     `json:"start"`
	Pos       Pos        `json:"-"` // _index.md, line of `start:` (line 1 if absent)
	Nodes     []*Node    `json:"nodes"`
	Scenarios []Scenario `json:"scenarios,omitempty"`

	idx atomic.Pointer[index]
}

// New returns a tree of the given nodes, sorted by ID (the nodes slice
// itself is not reordered). Nodes sharing an ID are kept for the validator
// to report; the engine uses the first in file order.
func New(id, title, start string, pos Pos, nodes []*Node, scenarios []Scenario) *Tree {
	sorted := slices.Clone(nodes)
	sorted = slices.DeleteFunc(sorted, func(n *Node) bool { return n == nil })
	slices.SortStableFunc(sorted, func(a, b *Node) int {
		if c := strings.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		if c := strings.Compare(a.Pos.File, b.Pos.File); c != 0 {
			return c
		}
		return a.Pos.Line - b.Pos.Line
	})
	t := &Tree{ID: id, Title: title, Start: start, Pos: pos, Nodes: sorted, Scenarios: scenarios}
	t.idx.Store(buildIndex(t))
	return t
}

// Node returns the node with the given ID, or nil when there is none.
func (t *Tree) Node(id string) *Node {
	if i, ok := t.index().byID[id]; ok {
		return t.Nodes[i]
	}
	return nil
}

// MaxRemaining returns the largest number of questions still to answer on
// any path from node id, counting the node itself when it is a question:
// 0 for an outcome or an unknown ID. It is computed once per tree; on a
// cyclic tree (which the validator rejects) it stays finite.
func (t *Tree) MaxRemaining(id string) int {
	x := t.index()
	if i, ok := x.byID[id]; ok {
		return x.remaining[i]
	}
	return 0
}

// index returns the tree's lookup tables, building them for a Tree that was
// not made by New.
func (t *Tree) index() *index {
	if x := t.idx.Load(); x != nil {
		return x
	}
	x := buildIndex(t)
	t.idx.CompareAndSwap(nil, x)
	return t.idx.Load()
}
