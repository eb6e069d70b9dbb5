package decision

import (
	"strconv"
	"strings"
)

// Validate returns every problem of the tree and its scenarios, each at the
// file and line to fix, sorted by file, line and message; none when the
// tree is sound. It never stops at the first problem and terminates on
// any input, cycles included.
func (t *Tree) Validate() Problems {
	var l Problems
	x := t.index()
	startOK := t.checkStart(&l)
	for i, n := range t.Nodes {
		if first := x.byID[n.ID]; first != i {
			l.Add(n.Pos.File, n.Pos.Line, "duplicate node ID "+strconv.Quote(n.ID)+": "+
				t.Nodes[first].Pos.File+" has the same ID; node IDs come from file names, so rename one of the files")
		}
		t.checkNode(&l, n)
	}
	t.checkCycles(&l, x)
	if startOK {
		t.checkReachable(&l, x)
		results, _ := t.RunScenarios()
		for _, r := range results {
			if r.Problem != "" {
				p := r.Scenario.Pos
				if p.File == "" {
					p = t.Pos
				}
				l.Add(p.File, p.Line, r.Problem)
			}
		}
	}
	l.sort()
	return l
}

// checkStart reports a missing or unknown start and says whether the start
// is a node the tree can be walked from.
func (t *Tree) checkStart(l *Problems) bool {
	switch n := t.Node(t.Start); {
	case t.Start == "":
		l.Add(t.Pos.File, t.Pos.Line, "the tree has no start; add start: with the ID (file name without .md) of its first question")
		return false
	case n == nil:
		l.Add(t.Pos.File, t.Pos.Line, "start "+strconv.Quote(t.Start)+" is not a node of this tree; set start: to the file name, without .md, of the first question"+
			t.suggest(t.Start))
		return false
	case n.IsOutcome():
		l.Add(t.Pos.File, t.Pos.Line, "start "+strconv.Quote(t.Start)+" is an outcome; start must be the first question, so the reader has something to answer")
	}
	return true
}

// checkNode reports the problems of one node that need no other node.
func (t *Tree) checkNode(l *Problems, n *Node) {
	file, line := n.Pos.File, n.Pos.Line
	name := strconv.Quote(n.ID)
	if strings.TrimSpace(n.Title) == "" {
		l.Add(file, line, name+" has no title; add title: with the question to ask or, for an outcome, the answer in one sentence")
	}
	switch {
	case len(n.Options) > 0 && n.Verdict != "":
		l.Add(file, n.line("verdict"), name+" has both options and a verdict; a question has options, an outcome has a verdict: remove one of them")
		t.checkOptions(l, n)
	case len(n.Options) > 0:
		t.checkOptions(l, n)
	case n.Verdict != "":
		checkOutcome(l, n)
	default:
		l.Add(file, line, name+" is neither a question nor an outcome; add options: (label and next) to make it a question, or verdict: "+verdictChoices+" to make it an outcome")
	}
}

// checkOptions reports a question's problems: too few options, empty or
// repeated labels, and next targets that are not nodes.
func (t *Tree) checkOptions(l *Problems, n *Node) {
	if len(n.Options) < 2 {
		l.Add(n.Pos.File, n.line("options"), "question "+strconv.Quote(n.ID)+" has only one option; give it at least two, or make it an outcome, or link to the next node directly")
	}
	seen := make(map[string]int, len(n.Options))
	for i, o := range n.Options {
		p := optionPos(n, o)
		label := strings.TrimSpace(o.Label)
		which := "option " + strconv.Quote(o.Label)
		if label == "" {
			which = "option " + strconv.Itoa(i+1)
			l.Add(p.File, p.Line, "option "+strconv.Itoa(i+1)+" of question "+strconv.Quote(n.ID)+" has an empty label; write the answer the reader will choose")
		} else {
			key := strings.ToLower(label)
			if first, dup := seen[key]; dup {
				other := n.Options[first]
				what := " is used twice in question "
				if strings.TrimSpace(other.Label) != label {
					what = " differs only in letter case from " + strconv.Quote(other.Label) + " in question "
				}
				l.Add(p.File, p.Line, "option label "+strconv.Quote(o.Label)+what+strconv.Quote(n.ID)+
					" (also at line "+strconv.Itoa(optionPos(n, other).Line)+"); give each option a different label")
			} else {
				seen[key] = i
			}
		}
		switch {
		case o.Next == "":
			l.Add(p.File, p.Line, which+" has no next; add next: with the ID (file name without .md) of the node this answer leads to")
		case t.Node(o.Next) == nil:
			l.Add(p.File, p.Line, which+" leads to "+strconv.Quote(o.Next)+", which is not a node of this tree; set next: to a node's file name without .md"+
				t.suggest(o.Next))
		}
	}
}

// verdictChoices lists the verdicts an outcome may give, as messages
// show them.
const verdictChoices = string(Avoid) + " | " + string(Caution) + " | " + string(Allowed)

// verdictHint tells how to make a node an outcome.
const verdictHint = "add verdict: " + verdictChoices + " to make it an outcome, or options: to make it a question"

// checkOutcome reports an outcome's problems: verdict, sources, review date.
func checkOutcome(l *Problems, n *Node) {
	file, name := n.Pos.File, strconv.Quote(n.ID)
	if !n.Verdict.Valid() {
		l.Add(file, n.line("verdict"), "verdict "+strconv.Quote(string(n.Verdict))+" of outcome "+name+
			" is not one of "+verdictChoices+"; use avoid (do not use), caution (only with safeguards or approval) or allowed (allowed with conditions)")
	}
	if len(n.Sources) == 0 {
		l.Add(file, n.line("sources"), "outcome "+name+" has no sources; list the documents its verdict rests on under sources: (each with a title and url)")
	}
	for i, s := range n.Sources {
		which := "source " + strconv.Itoa(i+1) + " of outcome " + name
		if strings.TrimSpace(s.Title) == "" {
			l.Add(file, n.line("sources"), which+" has no title; add title: with the document's name")
		}
		if strings.TrimSpace(s.URL) == "" {
			l.Add(file, n.line("sources"), which+" has no url; add url: with the address where readers can check it")
		}
	}
	switch {
	case n.Reviewed == "":
		l.Add(file, n.line("reviewed"), "outcome "+name+" has no reviewed date; add reviewed: YYYY-MM-DD, the day its advice was last checked against the sources")
	case !validDate(n.Reviewed):
		l.Add(file, n.line("reviewed"), "reviewed "+strconv.Quote(n.Reviewed)+" of outcome "+name+
			" is not a date; write it as YYYY-MM-DD (year, month, day), e.g. 2026-01-31")
	}
}

// optionPos returns where option o of n is written, falling back to the
// node's options key when the option carries no position.
func optionPos(n *Node, o Option) Pos {
	if o.Pos.File != "" {
		return o.Pos
	}
	return Pos{File: n.Pos.File, Line: n.line("options")}
}

// suggest returns ` (did you mean "x"?)` naming the node ID closest to id,
// or "" when no ID is close.
func (t *Tree) suggest(id string) string {
	if best := closest(id, t.Nodes); best != "" {
		return " (did you mean " + strconv.Quote(best) + "?)"
	}
	return ""
}
