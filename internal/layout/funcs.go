package layout

import (
	"encoding/json"
	"html/template"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/guidepost/guidepost/decision"
	"github.com/guidepost/guidepost/internal/flowchart"
	"github.com/guidepost/guidepost/internal/i18n"
	"github.com/guidepost/guidepost/internal/markdown"
	"github.com/guidepost/guidepost/internal/site"
)

// Funcs holds the template functions. Its asset table can be replaced
// between builds while parsed templates are kept.
type Funcs struct {
	site   atomic.Pointer[site.Site]
	assets atomic.Pointer[Assets]
	// strings is the site's catalog of theme strings, or why it has none,
	// looked up once by Use: layouts call T many times a page.
	strings atomic.Pointer[siteStrings]
	// hreflang holds the hreflang links of each page with translations,
	// by its versions (Page.Versions), which all share them: made once
	// for every language's version of a page. AllPages empties it.
	hreflang sync.Map
	// templates are the layouts being rendered, for partialCached, whose
	// output partials keeps for the language being rendered.
	templates atomic.Pointer[Templates]
	partials  partialCache
}

// siteStrings is the outcome of Catalog for the site in use.
type siteStrings struct {
	c   *i18n.Catalog
	err error
}

// Use sets the site and assets the functions refer to.
func (f *Funcs) Use(s *site.Site, a *Assets) {
	f.site.Store(s)
	f.assets.Store(a)
	c, diags := Catalog(s)
	ss := &siteStrings{c: c}
	if c == nil {
		ss.err = diags
	}
	f.strings.Store(ss)
}

// Map returns the functions layouts may call:
//
//	relURL "/path/"      the path with the site's base path
//	relLangURL "/search/" the path in the page's language ("/es/search/"), with the base path
//	alternates page      the page's versions in each language, and x-default, for hreflang links
//	hreflang page        those as <link rel="alternate" hreflang> elements, each on a line of its own
//	languageSwitcher page  the built-in theme's language switcher (a theme may write its own from .LanguageLinks)
//	absURL "/path/"      an absolute URL
//	asset "css/site.css" the fingerprinted URL of a static or generated file
//	date "2 January 2006" t   a formatted date ("" for a zero date)
//	isoDate t            YYYY-MM-DD
//	jsonLD page          the page's schema.org JSON-LD
//	verdictLabel v       "Avoid", "Caution", "Allowed with conditions"
//	treeMap tree         the tree's diagram as inline SVG
//	markdownInline text  one paragraph of Markdown as HTML (raw HTML shown as text)
//	partialCached "footer.html" . [variant…]  a partial rendered once per language and variants
//
// and those of the theme's strings in the site's language (see addI18n).
func (f *Funcs) Map() template.FuncMap {
	m := template.FuncMap{
		"relURL":           func(u string) string { return f.site.Load().RelURL(u) },
		"relLangURL":       func(u string) string { return f.site.Load().LangURL(u) },
		"alternates":       Alternates,
		"hreflang":         f.hreflangLinks,
		"languageSwitcher": f.languageSwitcher,
		"absURL":           func(u string) string { return f.site.Load().AbsURL(u) },
		"asset": func(name string) (string, error) {
			u, err := f.assets.Load().URL(name)
			if err != nil {
				return "", err
			}
			return f.site.Load().RelURL(site.EscapePath(u)), nil
		},
		"date": func(layout string, t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(layout)
		},
		"isoDate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		"jsonLD":         JSONLD,
		"verdictLabel":   VerdictLabel,
		"treeMap":        FlowChart,
		"markdownInline": markdown.Inline,
		"partialCached":  f.partialCached,

		"lower": strings.ToLower,
	}
	f.addI18n(m) // T, localDate, langDir, … (i18n.go)
	return m
}

// FlowChart returns the diagram of a tree as inline SVG (package flowchart
// escapes every text and URL in it). Layouts call it as treeMap.
func FlowChart(t *decision.Tree) template.HTML {
	if t == nil {
		return ""
	}
	return template.HTML(flowchart.SVG(t, flowchart.Options{VerdictLabel: VerdictLabel}))
}

// VerdictLabel is the words shown for a verdict.
func VerdictLabel(v decision.Verdict) string {
	switch v {
	case decision.Avoid:
		return "Avoid"
	case decision.Caution:
		return "Caution"
	case decision.Allowed:
		return "Allowed with conditions"
	}
	return string(v)
}

// JSONLD returns schema.org metadata for a page: a MedicalWebPage with
// lastReviewed when the page has a review date, else a WebPage, with its
// description, keywords, authors and image when its front matter has them.
func JSONLD(p *site.Page) template.JS {
	s := p.Site
	doc := webPage{
		Context:     "https://schema.org",
		Type:        "WebPage",
		Name:        p.Title(),
		URL:         p.Permalink(),
		InLanguage:  s.Language.Tag,
		IsPartOf:    webSite{Type: "WebSite", Name: s.Config.Title, URL: s.BaseURL},
		Description: p.Description(),
		Keywords:    strings.Join(p.FM.Keywords, ", "),
	}
	for _, a := range p.FM.Authors {
		doc.Author = append(doc.Author, thing{Type: "Person", Name: a})
	}
	if img := p.Image(); img != "" {
		doc.Image = s.AbsURL(img)
	}
	if !p.FM.Reviewed.IsZero() {
		doc.Type = "MedicalWebPage"
		doc.LastReviewed = p.FM.Reviewed.Format("2006-01-02")
	}
	if !p.FM.Date.IsZero() {
		doc.DatePublished = p.FM.Date.Format("2006-01-02")
	}
	if !p.Lastmod.IsZero() {
		doc.DateModified = p.Lastmod.Format("2006-01-02")
	}
	if p.GitLastmod.After(p.Lastmod) {
		doc.DateModified = p.GitLastmod.UTC().Format("2006-01-02")
	}
	for _, r := range p.FM.ReviewedBy {
		doc.ReviewedBy = append(doc.ReviewedBy, thing{Type: "Person", Name: r.Name, JobTitle: r.Role})
	}
	for _, src := range p.FM.Sources {
		doc.Citation = append(doc.Citation, thing{Type: "CreativeWork", Name: src.Title, URL: src.URL, Publisher: src.Publisher})
	}
	out, err := json.Marshal(doc) // escapes <, > and & so the script cannot be closed early
	if err != nil {
		return "{}"
	}
	return template.JS(out)
}

// webPage is the schema.org document JSONLD writes. Its fields are in
// the order of their names, as a map's keys would be.
type webPage struct {
	Context       string  `json:"@context"`
	Type          string  `json:"@type"`
	Author        []thing `json:"author,omitempty"`
	Citation      []thing `json:"citation,omitempty"`
	DateModified  string  `json:"dateModified,omitempty"`
	DatePublished string  `json:"datePublished,omitempty"`
	Description   string  `json:"description,omitempty"`
	Image         string  `json:"image,omitempty"`
	InLanguage    string  `json:"inLanguage"`
	IsPartOf      webSite `json:"isPartOf"`
	Keywords      string  `json:"keywords,omitempty"`
	LastReviewed  string  `json:"lastReviewed,omitempty"`
	Name          string  `json:"name"`
	ReviewedBy    []thing `json:"reviewedBy,omitempty"`
	URL           string  `json:"url"`
}

// webSite is the site a webPage is part of.
type webSite struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// thing is a schema.org Person or CreativeWork in a webPage.
type thing struct {
	Type      string `json:"@type"`
	JobTitle  string `json:"jobTitle,omitempty"`
	Name      string `json:"name"`
	Publisher string `json:"publisher,omitempty"`
	URL       string `json:"url,omitempty"`
}

// hreflangLinks returns the <link rel="alternate" hreflang> elements of a
// page with translations (see Alternates), each after a line break; ""
// for one without. Every version of a page has the same links, so they
// are written once for all of them.
func (f *Funcs) hreflangLinks(p *site.Page) template.HTML {
	versions := p.Versions()
	if len(versions) == 0 || p.Kind == site.Kind404 {
		return ""
	}
	key := &versions[0]
	if v, ok := f.hreflang.Load(key); ok {
		return v.(template.HTML)
	}
	var b strings.Builder
	for _, a := range Alternates(p) {
		b.WriteString("\n<link rel=\"alternate\" hreflang=\"")
		b.WriteString(template.HTMLEscapeString(a.Hreflang))
		b.WriteString("\" href=\"")
		b.WriteString(template.HTMLEscapeString(a.Page.Permalink()))
		b.WriteString("\">")
	}
	links := template.HTML(b.String())
	f.hreflang.Store(key, links)
	return links
}

// languageSwitcher returns the built-in theme's language switcher of a
// page of a multilingual site (see Page.LanguageLinks): each language
// links the page's translation, or says the page is not translated and
// links that language's home page; "" in a site of one language. It is
// written here rather than in a layout because every page has one and a
// layout's actions cost far more per page; a theme's own
// partials/languages.html may range over .LanguageLinks instead.
func (f *Funcs) languageSwitcher(p *site.Page) (template.HTML, error) {
	links := p.LanguageLinks()
	if links == nil {
		return "", nil
	}
	c, err := f.catalog()
	if err != nil {
		return "", err
	}
	label, err := c.T("lang.switcher")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	esc := template.HTMLEscapeString
	b.WriteString("\n<nav class=\"language-switcher\" aria-label=\"" + esc(label) + "\">\n  <ul>")
	for _, l := range links {
		tag, name := esc(l.Language.Tag), esc(l.Language.Name)
		switch {
		case l.Current:
			b.WriteString("\n    <li><span class=\"current-language\" aria-current=\"true\" lang=\"" + tag + "\">" + name + "</span></li>")
		case l.Page != nil:
			b.WriteString("\n    <li><a href=\"" + esc(l.URL) + "\" rel=\"alternate\" hreflang=\"" + tag + "\" lang=\"" + tag + "\">" + name + "</a></li>")
		default:
			missing, err := c.T("lang.not_translated")
			if err != nil {
				return "", err
			}
			b.WriteString("\n    <li><a href=\"" + esc(l.URL) + "\" hreflang=\"" + tag + "\" lang=\"" + tag + "\">" + name + "</a> <span class=\"not-translated\">(" + esc(missing) + ")</span></li>")
		}
	}
	b.WriteString("\n  </ul>\n</nav>")
	return template.HTML(b.String()), nil
}
