package layout

import (
	"bytes"
	"encoding/xml"
	"sort"
	"strconv"
	"time"

	"github.com/guidepost/guidepost/internal/site"
)

// Sitemap returns sitemap.xml listing every indexable page but those whose
// front matter says `sitemap: {disable: true}`, with the changefreq and
// priority their front matter gives.
//
// A multilingual site's sitemap lists each page's alternates: 12.7 MB for
// 20,800 pages in four languages. Encoded with xml.MarshalIndent, every
// alternate's URL as a value, then the encoding in a buffer grown by
// doubling, then a copy of it behind the XML header set the peak memory of
// the whole build. Sitemap writes the same bytes itself instead, into one
// buffer sized beforehand, holding only each URL's page and alternates.
func Sitemap(s *site.Site) []byte {
	entries, size := sitemapEntries(s)
	var b bytes.Buffer
	b.Grow(size)
	b.WriteString(xml.Header)
	b.WriteString("<urlset" + sitemapNS)
	if s.Multilingual() {
		// Each page lists itself and its translations, and the default
		// language's page as x-default (Google's sitemap alternates).
		b.WriteString(sitemapXHTMLNS)
	}
	b.WriteString(">")
	for _, e := range entries {
		e.write(&b)
	}
	if len(entries) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// The sitemap's namespaces: its own, and XHTML's for alternates.
const (
	sitemapNS      = ` xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`
	sitemapXHTMLNS = ` xmlns:xhtml="http://www.w3.org/1999/xhtml"`
)

// sitemapEntry is one page's <url> in the sitemap.
type sitemapEntry struct {
	p            *site.Page
	loc, lastmod string
	alts         []Alternate
}

// sitemapEntries returns the sitemap's pages, by URL, and about the bytes
// the sitemap will take, so that Sitemap writes it into one buffer of that
// size.
func sitemapEntries(s *site.Site) ([]sitemapEntry, int) {
	var entries []sitemapEntry
	size := len(xml.Header) + len("<urlset>\n</urlset>\n") + len(sitemapNS) + len(sitemapXHTMLNS)
	for _, p := range sortedByURL(s.Pages) {
		if p.Kind == site.Kind404 || p.Kind == site.KindSearch || p.FM.Sitemap.Disable {
			continue
		}
		e := sitemapEntry{p: p, loc: p.Permalink(), alts: Alternates(p)}
		if !p.Lastmod.IsZero() {
			e.lastmod = p.Lastmod.Format("2006-01-02")
		}
		size += e.size()
		entries = append(entries, e)
	}
	return entries, size
}

// size is what write writes, but for escaped characters; an alternate's
// URL is taken to be the page's in its language's folder.
func (e sitemapEntry) size() int {
	p := e.p
	n := len("\n  <url>\n    <loc></loc>\n  </url>") + len(e.loc)
	for _, v := range []string{e.lastmod, p.FM.Sitemap.ChangeFreq} {
		if v != "" {
			n += len("\n    <changefreq></changefreq>") + len(v)
		}
	}
	if p.FM.Sitemap.Priority != nil {
		n += len("\n    <priority>0.0</priority>")
	}
	for _, a := range e.alts {
		n += len("\n    <xhtml:link rel=\"alternate\" hreflang=\"\" href=\"\"></xhtml:link>") + len(a.Hreflang) +
			len(e.loc) - len(p.Site.Language.Prefix) + len(a.Page.Site.Language.Prefix)
	}
	return n
}

// write writes the entry's <url> element.
func (e sitemapEntry) write(b *bytes.Buffer) {
	element := func(name, text string) {
		b.WriteString("\n    <" + name + ">")
		writeXMLText(b, text)
		b.WriteString("</" + name + ">")
	}
	b.WriteString("\n  <url>")
	element("loc", e.loc)
	if e.lastmod != "" {
		element("lastmod", e.lastmod)
	}
	if f := e.p.FM.Sitemap.ChangeFreq; f != "" {
		element("changefreq", f)
	}
	if pr := e.p.FM.Sitemap.Priority; pr != nil {
		element("priority", strconv.FormatFloat(*pr, 'f', 1, 64))
	}
	for _, a := range e.alts {
		b.WriteString("\n    <xhtml:link rel=\"alternate\" hreflang=\"")
		writeXMLText(b, a.Hreflang)
		b.WriteString("\" href=\"")
		writeXMLText(b, a.Page.Permalink())
		b.WriteString("\"></xhtml:link>")
	}
	b.WriteString("\n  </url>")
}

// writeXMLText writes s escaped as encoding/xml escapes text and attribute
// values; a URL is mostly written as it is.
func writeXMLText(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' {
			xml.EscapeText(b, []byte(s)) // never fails on a bytes.Buffer
			return
		}
	}
	b.WriteString(s)
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
	if p.Kind == site.Kind404 {
		return nil
	}
	var out []Alternate
	for _, v := range p.Versions() {
		if v != nil {
			out = append(out, Alternate{Hreflang: v.Site.Language.Tag, Page: v})
		}
	}
	if len(out) < 2 {
		return nil // the page alone
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
