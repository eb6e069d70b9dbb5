package site

import (
	"sort"
	"strings"
)

// buildTaxonomies collects the terms of the site's taxonomies (tags,
// jurisdictions and categories unless guidepost.yaml names others) into
// term pages.
func (s *Site) buildTaxonomies() {
	slugs := map[string]string{} // name → Slug(name): pages repeat a few names
	for _, tn := range s.Config.Taxonomies {
		t := &Taxonomy{Name: tn.Plural, Title: taxonomyTitle(tn.Plural), bySlug: map[string]*Term{}}
		for _, p := range s.Pages {
			if p.Kind != KindPage && p.Kind != KindTree && p.Kind != KindSection {
				continue
			}
			names := p.FM.TermsOf(t.Name)
			for _, n := range names {
				slug, ok := slugs[n]
				if !ok {
					slug = Slug(n)
					slugs[n] = slug
				}
				if slug == "" {
					continue
				}
				term := t.bySlug[slug]
				if term == nil {
					term = &Term{Taxonomy: t.Name, Name: n, Slug: slug}
					t.bySlug[slug] = term
					t.Terms = append(t.Terms, term)
				}
				if n := len(term.Pages); n == 0 || term.Pages[n-1] != p {
					term.Pages = append(term.Pages, p) // once, even if written twice
				}
			}
		}
		if len(t.Terms) == 0 {
			continue
		}
		sort.Slice(t.Terms, func(i, j int) bool { return strings.ToLower(t.Terms[i].Name) < strings.ToLower(t.Terms[j].Name) })
		t.Page = &Page{Kind: KindTaxonomy, URL: s.Language.URL("/" + t.Name + "/"), Site: s, Parent: s.Home}
		t.Page.FM.Title = t.Title
		for _, term := range t.Terms {
			sortPages(term.Pages)
			term.Page = &Page{Kind: KindTerm, URL: s.Language.URL("/" + t.Name + "/" + term.Slug + "/"), Site: s, Parent: t.Page, TermOf: term, Pages: term.Pages}
			term.Page.FM.Title = term.Name
			t.Page.Terms = append(t.Page.Terms, term)
		}
		s.Taxonomies = append(s.Taxonomies, t)
	}
}

// taxonomyTitle is the title of a taxonomy's page: its name capitalised,
// with _ and - as spaces ("case_studies" → "Case studies").
func taxonomyTitle(name string) string {
	t := strings.NewReplacer("_", " ", "-", " ").Replace(name)
	if t == "" {
		return t
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// addGenerated adds the pages no content file defines: taxonomy lists and
// terms, tree diagrams, the search page and the 404 page.
func (s *Site) addGenerated() {
	for _, t := range s.Taxonomies {
		s.Pages = append(s.Pages, t.Page)
		for _, term := range t.Terms {
			s.Pages = append(s.Pages, term.Page)
		}
	}
	for _, p := range s.Pages {
		if p.Kind == KindTree {
			m := &Page{Kind: KindMap, URL: p.URL + "map/", Site: s, Parent: p, Tree: p.Tree}
			m.FM.Title = "Map of all questions and answers"
			s.Pages = append(s.Pages, m)
		}
	}
	sp := &Page{Kind: KindSearch, URL: s.Language.URL("/search/"), Site: s, Parent: s.Home}
	sp.FM.Title = "Search"
	s.Pages = append(s.Pages, sp)
	nf := &Page{Kind: Kind404, URL: s.Language.URL("/404.html"), Site: s}
	nf.FM.Title = "Page not found"
	s.Pages = append(s.Pages, nf)
}
