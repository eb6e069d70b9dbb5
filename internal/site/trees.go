package site

import (
	"path"
	"strconv"
	"strings"

	"github.com/guidepost/guidepost/decision"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/frontmatter"
	"github.com/guidepost/guidepost/internal/yamlx"
)

// buildTrees makes a decision.Tree of every tree section.
func (s *Site) buildTrees(diags *diag.List) {
	for _, p := range s.Pages {
		if p.Kind != KindTree {
			continue
		}
		var nodes []*decision.Node
		for _, c := range p.Pages {
			if c.Kind != KindNode {
				continue
			}
			n := &decision.Node{
				ID:         s.nodeID(c.File),
				Pos:        decision.Pos{File: c.File, Line: c.FM.Line("title")},
				Title:      c.FM.Title,
				Help:       c.FM.Help,
				Verdict:    decision.Verdict(c.FM.Verdict),
				Safeguards: c.FM.Safeguards,
				Sources:    c.FM.Sources,
				URL:        c.RelPermalink(),
				Lines:      c.FM.Lines,
			}
			if !c.FM.Reviewed.IsZero() {
				n.Reviewed = c.FM.Reviewed.Format(yamlx.DateLayout)
			}
			n.ReviewedBy = reviewers(c.FM.ReviewedBy)
			var labels []string
			var lines []int
			for _, o := range c.FM.Options {
				label, problem := normalizeLabel(o.Label)
				if problem != "" {
					diags.Add(c.File, o.Pos.Line, "option label "+strconv.Quote(o.Label)+" "+problem)
				}
				labels, lines = append(labels, label), append(lines, o.Pos.Line)
				n.Options = append(n.Options, decision.Option{Label: label, Next: o.Next, Pos: decision.Pos{File: c.File, Line: o.Pos.Line}})
			}
			checkLookalikes(diags, c.File, n.ID, labels, lines)
			c.Node = n
			nodes = append(nodes, n)
		}
		var scenarios []decision.Scenario
		for _, sc := range p.FM.Scenarios {
			// Answers name options by label: normalised alike, they still do.
			answers := make([]string, len(sc.Answers))
			for i, a := range sc.Answers {
				answers[i], _ = normalizeLabel(a)
			}
			scenarios = append(scenarios, decision.Scenario{Name: sc.Name, Answers: answers, Expect: sc.Expect, Pos: decision.Pos{File: p.File, Line: sc.Pos.Line}})
		}
		id := path.Base(path.Dir(s.langBase(p.File)))
		t := decision.New(id, p.FM.Title, p.FM.Start, decision.Pos{File: p.File, Line: p.FM.Line("start")}, nodes, scenarios)
		p.Tree = t
		for _, c := range p.Pages {
			c.Tree = t
		}
		s.Trees = append(s.Trees, t)
	}
}

// checkTrees runs each tree's validator, which also runs its scenarios,
// and the site's own rules for nodes (see checkNodeCitations).
// An outcome whose reviewed date the front matter already rejected is not
// also reported as having no date.
func (s *Site) checkTrees(diags *diag.List) {
	for _, t := range s.Trees {
		for _, p := range t.Validate() {
			if page := s.byFile[p.File]; page != nil && page.FM.Lines["reviewed"] > 0 && strings.Contains(p.Message, "has no reviewed date") {
				continue
			}
			diags.Add(p.File, p.Line, p.Message)
		}
	}
	for _, p := range s.Pages {
		if p.Kind == KindNode && p.Node != nil {
			checkNodeCitations(diags, p)
		}
	}
}

// checkNodeCitations reports what a reader needs to weigh a node's
// statement and that the engine's validator does not check: an outcome
// must say where its verdict applies (jurisdictions:), and a question that
// cites sources for its help text must say when they were last checked
// (reviewed:), and the other way round.
func checkNodeCitations(diags *diag.List, p *Page) {
	n, fm := p.Node, &p.FM
	name := strconv.Quote(n.ID)
	if n.IsOutcome() {
		if len(fm.Jurisdictions) == 0 {
			diags.Add(p.File, n.Pos.Line, "outcome "+name+" has no jurisdictions; add jurisdictions: with the places its verdict applies to, e.g. [United Kingdom], so that a reader elsewhere knows it is not their answer")
		}
		return
	}
	if !n.IsQuestion() {
		return // neither: the validator says what to add
	}
	switch {
	case len(fm.Sources) > 0 && fm.Reviewed.IsZero() && fm.Lines["reviewed"] == 0:
		diags.Add(p.File, fm.Line("sources"), "question "+name+" cites sources but has no reviewed date; add reviewed: YYYY-MM-DD, the day its text was last checked against them")
	case len(fm.Sources) == 0 && !fm.Reviewed.IsZero():
		diags.Add(p.File, fm.Line("reviewed"), "question "+name+" has a reviewed date but no sources; list under sources: (each with a title and url) the documents its text and help rest on")
	}
}

// reviewers writes who reviewed a node as its page shows them:
// "Dr A. Patel, Clinical safety officer; B. Smith".
func reviewers(rs []frontmatter.Reviewer) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Name
		if r.Role != "" {
			parts[i] += ", " + r.Role
		}
	}
	return strings.Join(parts, "; ")
}
