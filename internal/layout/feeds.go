package layout

import (
	"encoding/xml"
	"sort"
	"strconv"
	"time"

	"github.com/guidepost/guidepost/internal/site"
)

// Sitemap returns sitemap.xml listing every indexable page but those whose
// front matter says `sitemap: {disable: true}`, with the changefreq and
// priority their front matter gives.
func Sitemap(s *site.Site) []byte {
	type alternate struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type url struct {
		Loc        string      `xml:"loc"`
		Lastmod    string      `xml:"lastmod,omitempty"`
		ChangeFreq string      `xml:"changefreq,omitempty"`
		Priority   string      `xml:"priority,omitempty"`
		Alternates []alternate `xml:"xhtml:link"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		XHTML   string   `xml:"xmlns:xhtml,attr,omitempty"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	if s.Multilingual() {
		// Each page lists itself and its translations, and the default
		// language's page as x-default (Google's sitemap alternates).
		set.XHTML = "http://www.w3.org/1999/xhtml"
	}
	for _, p := range sortedByURL(s.Pages) {
		if p.Kind == site.Kind404 || p.Kind == site.KindSearch || p.FM.Sitemap.Disable {
			continue
		}
		u := url{Loc: p.Permalink(), ChangeFreq: p.FM.Sitemap.ChangeFreq}
		if pr := p.FM.Sitemap.Priority; pr != nil {
			u.Priority = strconv.FormatFloat(*pr, 'f', 1, 64)
		}
		if !p.Lastmod.IsZero() {
			u.Lastmod = p.Lastmod.Format("2006-01-02")
		}
		for _, a := range Alternates(p) {
			u.Alternates = append(u.Alternates, alternate{Rel: "alternate", Hreflang: a.Hreflang, Href: a.Page.Permalink()})
		}
		set.URLs = append(set.URLs, u)
	}
	return marshalXML(set)
}

func sortedByURL(pages []*site.Page) []*site.Page {
	out := append([]*site.Page(nil), pages...)
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

func marshalXML(v any) []byte {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		panic("layout: marshal xml: " + err.Error()) // only fixed struct types are marshalled
	}
	return append([]byte(xml.Header), append(out, '\n')...)
}

// FeedLimit is how many updates the Atom feed lists.
const FeedLimit = 50

// Feed returns an Atom feed of guidance updates: content pages and trees
// with a date or review date, most recently updated first.
func Feed(s *site.Site) []byte {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		Link    link   `xml:"link"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary,omitempty"`
	}
	type feed struct {
		XMLName xml.Name `xml:"feed"`
		NS      string   `xml:"xmlns,attr"`
		Title   string   `xml:"title"`
		Links   []link   `xml:"link"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []entry `xml:"entry"`
	}
	var pages []*site.Page
	for _, p := range s.Pages {
		if (p.Kind == site.KindPage || p.Kind == site.KindTree) && !p.Lastmod.IsZero() {
			pages = append(pages, p)
		}
	}
	sort.SliceStable(pages, func(i, j int) bool {
		if !pages[i].Lastmod.Equal(pages[j].Lastmod) {
			return pages[i].Lastmod.After(pages[j].Lastmod)
		}
		return pages[i].URL < pages[j].URL
	})
	if len(pages) > FeedLimit {
		pages = pages[:FeedLimit]
	}
	f := feed{NS: "http://www.w3.org/2005/Atom", Title: s.Config.Title, ID: s.Home.Permalink()}
	f.Author.Name = s.Config.Title
	f.Links = []link{{Href: s.AbsURL(s.Language.URL("/feed.xml")), Rel: "self"}, {Href: s.Home.Permalink()}}
	var newest time.Time
	for _, p := range pages {
		if p.Lastmod.After(newest) {
			newest = p.Lastmod
		}
		f.Entries = append(f.Entries, entry{Title: p.Title(), Link: link{Href: p.Permalink()}, ID: p.Permalink(),
			Updated: p.Lastmod.Format(time.RFC3339), Summary: p.Summary()})
	}
	f.Updated = newest.Format(time.RFC3339)
	return marshalXML(f)
}

// Alternate is a page's version in one language, for hreflang links.
type Alternate struct {
	Hreflang string // "es", "pt-BR", or "x-default"
	Page     *site.Page
}

// Alternates lists the versions of a page that has translations, in the
// order of their languages' weight, then x-default (the default
// language's page, when it has one); none for a page without translations,
// so that a site of one language has no hreflang links, nor for a 404
// page. Every version lists the same set, so the links are reciprocal.
func Alternates(p *site.Page) []Alternate {
	if len(p.Translations()) == 0 || p.Kind == site.Kind404 {
		return nil
	}
	var out []Alternate
	for _, l := range p.LanguageLinks() {
		if l.Page != nil {
			out = append(out, Alternate{Hreflang: l.Language.Tag, Page: l.Page})
		}
	}
	if o := p.Original(); o != nil {
		out = append(out, Alternate{Hreflang: "x-default", Page: o})
	}
	return out
}

// Robots returns robots.txt allowing everything the site publishes, under
// its base path (a site in /kb/ speaks for /kb/ alone), and naming the
// sitemap.
func Robots(s *site.Site) []byte {
	return []byte("User-agent: *\nAllow: " + s.BasePath + "\n\nSitemap: " + s.AbsURL("/sitemap.xml") + "\n")
}
