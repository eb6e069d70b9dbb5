package site

import (
	"path"
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
				ID:         strings.TrimSuffix(path.Base(c.File), ".md"),
				Pos:        decision.Pos{File: c.File, Line: c.FM.Line("title")},
				Title:      c.FM.Title,
				Help:       c.FM.Help,
				Verdict:    decision.Verdict(c.FM.Verdict),
				Safeguards: c.FM.Safeguards,
				Sources:    convertSources(c.FM.Sources),
				URL:        c.RelPermalink(),
				Lines:      c.FM.Lines,
			}
			if !c.FM.Reviewed.IsZero() {
				n.Reviewed = c.FM.Reviewed.Format(yamlx.DateLayout)
			}
			for _, o := range c.FM.Options {
				n.Options = append(n.Options, decision.Option{Label: o.Label, Next: o.Next, Pos: decision.Pos{File: c.File, Line: o.Line}})
			}
			c.Node = n
			nodes = append(nodes, n)
		}
		var scenarios []decision.Scenario
		for _, sc := range p.FM.Scenarios {
			scenarios = append(scenarios, decision.Scenario{Name: sc.Name, Answers: sc.Answers, Expect: sc.Expect, Pos: decision.Pos{File: p.File, Line: sc.Line}})
		}
		id := path.Base(path.Dir(p.File))
		t := decision.New(id, p.FM.Title, p.FM.Start, decision.Pos{File: p.File, Line: p.FM.Line("start")}, nodes, scenarios)
		p.Tree = t
		for _, c := range p.Pages {
			c.Tree = t
		}
		s.Trees = append(s.Trees, t)
	}
}

func convertSources(in []frontmatter.Source) []decision.Source {
	out := make([]decision.Source, len(in))
	for i, src := range in {
		out[i] = decision.Source{Title: src.Title, URL: src.URL, Publisher: src.Publisher, Date: src.Date}
	}
	return out
}

// checkTrees runs each tree's validator, which also runs its scenarios.
// An outcome whose reviewed date the front matter already rejected is not
// also reported as having no date.
func (s *Site) checkTrees(diags *diag.List) {
	for _, t := range s.Trees {
		for _, d := range t.Validate() {
			if p := s.byFile[d.File]; p != nil && p.FM.Lines["reviewed"] > 0 && strings.Contains(d.Message, "has no reviewed date") {
				continue
			}
			*diags = append(*diags, d)
		}
	}
}
