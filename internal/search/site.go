package search

import (
	"strings"

	"github.com/guidepost/guidepost/internal/parallel"
	"github.com/guidepost/guidepost/internal/site"
)

// OutcomeBoost is the Boost of a decision tree's outcome pages. They are
// short and repeat the words of the guidance they sum up, so unboosted they
// would rank above it: a reader searching "BAA" found an outcome of the
// tool before the page that explains business associate agreements.
const OutcomeBoost = 0.5

// Docs returns the documents of a site's searchable pages: the home page,
// sections, content pages, decision trees' start pages and their outcomes
// (ranked below guidance, see OutcomeBoost). Questions, taxonomy lists,
// maps and the 404 page are left out: none of them answers a question on
// its own; so are pages that set search_weight: 0. A page's search_weight
// is its Boost. Pages' text is extracted on up to workers goroutines (0:
// one per core).
func Docs(s *site.Site, workers int) []Doc {
	var out []Doc
	var pages []*site.Page
	for _, p := range s.Pages {
		if !searchable(p) {
			continue
		}
		d := Doc{URL: p.RelPermalink(), Title: p.Title(), Summary: p.Summary(), Context: resultContext(p)}
		switch w := p.FM.SearchWeight; {
		case w != nil && *w == 0:
			continue // search_weight: 0 leaves the page out
		case w != nil:
			d.Boost = *w
		case p.Kind == site.KindNode:
			d.Boost = OutcomeBoost
		}
		for _, t := range p.Tags() {
			d.Keywords = append(d.Keywords, t.Name)
		}
		for _, t := range p.Jurisdictions() {
			d.Jurisdictions = append(d.Jurisdictions, Jurisdiction{Name: t.Name, Slug: t.Slug})
		}
		out = append(out, d)
		pages = append(pages, p)
	}
	parallel.ForUpTo(len(out), workers, func(i int) {
		p, d := pages[i], &out[i]
		if p.Doc != nil {
			d.Sections = Sections(p.Doc.HTML)
		}
		if p.Node != nil && len(p.Node.Safeguards) > 0 {
			d.Sections = append(d.Sections, Section{Heading: "Safeguards that apply", Text: collapse(strings.Join(p.Node.Safeguards, " · "))})
		}
		if len(p.FM.Sources) > 0 {
			var titles []string
			for _, src := range p.FM.Sources {
				t := src.Title
				if src.Publisher != "" {
					t += ", " + src.Publisher
				}
				titles = append(titles, t)
			}
			d.Sections = append(d.Sections, Section{Heading: "Sources", Anchor: "sources", Text: collapse(strings.Join(titles, " · "))})
		}
	})
	return out
}

// resultContext says where a page sits, for its search result: the titles of
// the sections above it, below the home page; for an outcome, the tool it
// is an outcome of, as its verdict holds only for the answers that lead
// there.
func resultContext(p *site.Page) string {
	if p.Kind == site.KindNode {
		if tree := p.TreePage(); tree != nil {
			return "An outcome of the decision tool “" + tree.Title() + "”"
		}
	}
	var titles []string
	for _, b := range p.Breadcrumbs() {
		if !b.IsHome() {
			titles = append(titles, b.Title())
		}
	}
	return strings.Join(titles, " › ")
}

// searchable reports whether a page is in the search index.
func searchable(p *site.Page) bool {
	switch p.Kind {
	case site.KindHome, site.KindSection, site.KindPage, site.KindTree:
		return true
	case site.KindNode:
		return p.Node != nil && p.Node.IsOutcome()
	}
	return false
}
