package build

import "github.com/guidepost/guidepost/internal/site"

// snapshot returns a copy of a site for Finish's generators to read while
// Rebuild may update the site's pages in place (site.UpdateBodies sets
// the Body and Doc of edited pages). The copy has its own Page values,
// linked to one another (Home, Parent, Prev, Next, Pages) as the site's
// are; everything else (front matter, taxonomies, trees, the pages' Body
// bytes and Doc values, which UpdateBodies replaces but never alters) is
// shared. Terms still list the site's own pages: a generator must reach
// pages' bodies through Pages, Home or the links above.
func snapshot(s *site.Site) *site.Site {
	c := *s
	// A multilingual site's pages belong to the views of their languages.
	views := map[*site.Site]*site.Site{s: &c}
	c.Languages = make([]*site.Site, len(s.Languages))
	for i, v := range s.Languages {
		vc := *v
		c.Languages[i] = &vc
		views[v] = &vc
	}
	copies := make([]site.Page, len(s.Pages))
	of := make(map[*site.Page]*site.Page, len(s.Pages))
	c.Pages = make([]*site.Page, len(s.Pages))
	for i, p := range s.Pages {
		copies[i] = *p
		copies[i].Site = views[p.Site]
		c.Pages[i] = &copies[i]
		of[p] = &copies[i]
	}
	same := func(p *site.Page) *site.Page {
		if q, ok := of[p]; ok {
			return q
		}
		return p
	}
	c.Home = same(s.Home)
	for _, v := range c.Languages {
		v.Home = same(v.Home)
		pages := make([]*site.Page, len(v.Pages))
		for i, p := range v.Pages {
			pages[i] = same(p)
		}
		v.Pages = pages
	}
	for _, p := range c.Pages {
		p.Parent, p.Prev, p.Next = same(p.Parent), same(p.Prev), same(p.Next)
		if len(p.Pages) > 0 {
			list := make([]*site.Page, len(p.Pages))
			for i, q := range p.Pages {
				list[i] = same(q)
			}
			p.Pages = list
		}
	}
	return &c
}
