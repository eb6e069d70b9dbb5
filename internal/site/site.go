// Package site loads a guidepost site's content into pages, sections,
// taxonomies and decision trees, in each of its languages, and checks it:
// front matter, links, anchors, duplicate URLs, review dates, trees and
// translations.
package site

import (
	"cmp"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/guidepost/guidepost/decision"
	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/frontmatter"
	"github.com/guidepost/guidepost/internal/markdown"
	"github.com/guidepost/guidepost/internal/theme"
)

// Kind says what a page is and so which layout renders it.
type Kind string

// Page kinds.
const (
	KindHome     Kind = "home"
	KindSection  Kind = "section"
	KindPage     Kind = "page"
	KindTaxonomy Kind = "taxonomy" // the list of a taxonomy's terms, e.g. /tags/
	KindTerm     Kind = "term"     // the pages with one term, e.g. /tags/hipaa/
	KindTree     Kind = "tree"     // a decision tree's start page
	KindNode     Kind = "node"     // a question or outcome of a decision tree
	KindMap      Kind = "map"      // the diagram of a decision tree
	KindSearch   Kind = "search"   // the search page, /search/
	Kind404      Kind = "404"
)

// Page is one page of the site, from a content file or generated.
type Page struct {
	Kind Kind
	// File is the content file relative to the site root ("content/a/b.md");
	// empty for generated pages.
	File string
	// URL is the site-relative URL path, e.g. "/guidance/india/".
	URL string
	FM  frontmatter.FrontMatter

	// Body is the Markdown after the front matter. A Load without a Cache
	// drops it once rendered (Doc holds the result): a one-shot build
	// need not keep every source file for its whole length.
	Body     []byte
	BodyLine int
	Doc      *markdown.Document

	Site    *Site
	Parent  *Page   // the enclosing section; nil for the home page
	Pages   []*Page // a section's or term's pages, ordered by weight then title
	Prev    *Page   // previous page in the section
	Next    *Page   // next page in the section
	Tree    *decision.Tree
	Node    *decision.Node
	Terms   []*Term // a taxonomy page's terms
	TermOf  *Term   // a term page's term
	Lastmod time.Time
	// GitLastmod is when the page's file last changed in the site's git
	// history (git_info in guidepost.yaml); zero when unknown.
	GitLastmod time.Time

	// rel and abs are RelPermalink and Permalink once the URL is final
	// (keepPermalinks); "" until then.
	rel, abs string

	// translations are the page and its translations, one slot per
	// language of a multilingual site (nil where it has none).
	translations []*Page

	// fmLinks are the links to anchors the page's front matter (for the
	// home page, also the menus) holds, checked with its body's links.
	fmLinks []fmLink
}

// Title is the page title.
func (p *Page) Title() string { return p.FM.Title }

// Summary is the page summary.
func (p *Page) Summary() string { return p.FM.Summary }

// Content is the page's rendered Markdown body.
func (p *Page) Content() template.HTML {
	if p.Doc == nil {
		return ""
	}
	return template.HTML(p.Doc.HTML)
}

// TOC is the page's table of contents; none when its front matter says
// `toc: false`.
func (p *Page) TOC() []markdown.TOCEntry {
	if p.Doc == nil || (p.FM.TOC != nil && !*p.FM.TOC) {
		return nil
	}
	return p.Doc.TOC
}

// Description is the page's meta description: its front matter's
// description, else its summary.
func (p *Page) Description() string {
	if p.FM.Description != "" {
		return p.FM.Description
	}
	return p.FM.Summary
}

// LinkTitle is the title of links to the page: its linkTitle, else its
// title.
func (p *Page) LinkTitle() string {
	if p.FM.LinkTitle != "" {
		return p.FM.LinkTitle
	}
	return p.FM.Title
}

// Params are the page's custom fields: those under `params:` and the
// top-level keys guidepost.yaml declares (front_matter: {extra: […]}).
// A layout reads them as .Params.name; a missing one is empty.
func (p *Page) Params() map[string]any { return p.FM.Params }

// Image is the page's image for sharing (the first of `images`), a URL
// path of the site or another site's address; "" when it has none.
func (p *Page) Image() string {
	if len(p.FM.Images) == 0 {
		return ""
	}
	return p.FM.Images[0]
}

// RelPermalink is the page's URL path including the site's base path.
func (p *Page) RelPermalink() string {
	if p.rel != "" {
		return p.rel
	}
	return p.Site.RelURL(EscapePath(p.URL))
}

// Permalink is the page's absolute URL.
func (p *Page) Permalink() string {
	if p.abs != "" {
		return p.abs
	}
	return p.Site.AbsURL(EscapePath(p.URL))
}

// keepPermalinks works out every page's URLs once its URL is final:
// layouts ask for them many times a page (lists, breadcrumbs, the
// language switcher).
func (s *Site) keepPermalinks() {
	for _, p := range s.Pages {
		p.rel, p.abs = "", ""
		p.rel, p.abs = p.RelPermalink(), p.Permalink()
	}
}

// IsHome reports whether this is the home page.
func (p *Page) IsHome() bool { return p.Kind == KindHome }

// Breadcrumbs lists the enclosing sections from the home page down,
// excluding the page itself.
func (p *Page) Breadcrumbs() []*Page {
	var out []*Page
	for s := p.Parent; s != nil; s = s.Parent {
		out = append(out, s)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Jurisdictions returns the page's jurisdiction terms.
func (p *Page) Jurisdictions() []*Term { return p.Site.termsOf("jurisdictions", p.FM.Jurisdictions) }

// Tags returns the page's tag terms.
func (p *Page) Tags() []*Term { return p.Site.termsOf("tags", p.FM.Tags) }

// Categories returns the page's category terms.
func (p *Page) Categories() []*Term { return p.Site.termsOf("categories", p.FM.Categories) }

// TermsOf returns the page's terms of the taxonomy (plural) name, e.g.
// {{range .TermsOf "series"}}.
func (p *Page) TermsOf(name string) []*Term { return p.Site.termsOf(name, p.FM.TermsOf(name)) }

// ReviewDue is when the page's next review is due; zero without `reviewed`.
func (p *Page) ReviewDue() time.Time {
	if p.FM.Reviewed.IsZero() {
		return time.Time{}
	}
	every := p.FM.ReviewEvery
	if every.IsZero() {
		every = p.Site.Config.ReviewEvery
	}
	return every.After(p.FM.Reviewed)
}

// Term is one value of a taxonomy, e.g. the tag "hipaa".
type Term struct {
	Taxonomy string // "tags", "jurisdictions" or a taxonomy of the site
	Name     string // as first written by an author
	Slug     string
	Page     *Page // the term's list page
	Pages    []*Page
}

// Taxonomy lists the terms of one taxonomy.
type Taxonomy struct {
	Name   string // "tags"
	Title  string // "Tags"
	Page   *Page
	Terms  []*Term // sorted by name
	bySlug map[string]*Term
}

// StaticFile is a file copied to the output.
type StaticFile struct {
	// Src is the file's path relative to the site root, or for a theme's
	// file relative to its theme (Theme is set then).
	Src string
	URL string // site-relative URL path
	// Theme is the theme layer the file comes from; nil for the site's
	// own files.
	Theme *theme.Layer
}

// Name names the file for authors, with its theme's prefix.
func (f StaticFile) Name() string {
	if f.Theme != nil {
		return f.Theme.Prefix + f.Src
	}
	return f.Src
}

// Read returns the file's content.
func (f StaticFile) Read(root string) ([]byte, error) {
	if f.Theme != nil {
		return fs.ReadFile(f.Theme.FS, f.Src)
	}
	return os.ReadFile(filepath.Join(root, filepath.FromSlash(f.Src)))
}

// Site is a loaded site.
type Site struct {
	Config     *config.Config
	Root       string // the site folder on disk
	BaseURL    string // absolute, with trailing slash
	BasePath   string // path part of BaseURL, e.g. "/" or "/docs/"
	Pages      []*Page
	Home       *Page
	Taxonomies []*Taxonomy
	Trees      []*decision.Tree
	Static     []StaticFile
	Now        time.Time
	// Theme is where layouts and static files are looked up: the site,
	// its theme folder, the built-in theme.
	Theme *theme.Stack

	Aliases []Alias

	// Language is the language of the site's pages: in a multilingual
	// site, the default language's for the site as a whole, and each
	// language's for its view in Languages.
	Language *Language
	// Languages are a multilingual site's views, one per language in the
	// order of their weight, each with the pages, home, taxonomies and
	// trees of its language; a page's Site is its language's view. nil
	// for a site of one language (see Langs).
	Languages []*Site
	whole     *Site // the site a language's view belongs to

	byFile     map[string]*Page // by content file (site-relative)
	byURL      map[string]*Page
	staticURLs map[string]bool
	checks     bodyChecks // what UpdateBodies checks again
}

// PageByURL returns the page at a site-relative URL path, or nil.
func (s *Site) PageByURL(u string) *Page { return s.byURL[u] }

// PageByFile returns the page of a content file (site-relative path), or nil.
func (s *Site) PageByFile(f string) *Page { return s.byFile[f] }

// RelURL prefixes a site-relative URL path with the base path. A URL with
// a scheme (another site's, as a menu entry may hold) is returned as it is.
func (s *Site) RelURL(u string) string {
	if urlScheme(u) != "" {
		return u
	}
	return strings.TrimSuffix(s.BasePath, "/") + "/" + strings.TrimPrefix(u, "/")
}

// AbsURL makes a site-relative URL path absolute. A URL with a scheme is
// returned as it is.
func (s *Site) AbsURL(u string) string {
	if urlScheme(u) != "" {
		return u
	}
	return strings.TrimSuffix(s.BaseURL, "/") + s.RelURL(u)[len(strings.TrimSuffix(s.BasePath, "/")):]
}

// Sections returns the top-level sections, ordered by weight then title.
func (s *Site) Sections() []*Page {
	var out []*Page
	for _, p := range s.Home.Pages {
		if p.Kind == KindSection || p.Kind == KindTree {
			out = append(out, p)
		}
	}
	return out
}

// RegularPages returns the content pages (not sections, lists or tree nodes),
// ordered by URL.
func (s *Site) RegularPages() []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.Kind == KindPage {
			out = append(out, p)
		}
	}
	return out
}

// Taxonomy returns a taxonomy by name, or nil.
func (s *Site) Taxonomy(name string) *Taxonomy {
	for _, t := range s.Taxonomies {
		if t.Name == name {
			return t
		}
	}
	return nil
}

func (s *Site) termsOf(taxonomy string, names []string) []*Term {
	t := s.Taxonomy(taxonomy)
	if t == nil {
		return nil
	}
	var out []*Term
	for _, n := range names {
		if term := t.bySlug[Slug(n)]; term != nil && !slices.Contains(out, term) {
			out = append(out, term)
		}
	}
	return out
}

// sortPages orders pages by weight (unset weights last), then title, then URL.
// URLs are unique, so the order is total and needs no stable sort.
func sortPages(pages []*Page) {
	slices.SortFunc(pages, func(a, b *Page) int {
		wa, wb := a.FM.Weight, b.FM.Weight
		if (wa == 0) != (wb == 0) {
			if wa != 0 {
				return -1
			}
			return 1
		}
		if wa != wb {
			return cmp.Compare(wa, wb)
		}
		if c := strings.Compare(a.FM.Title, b.FM.Title); c != 0 {
			return c
		}
		return strings.Compare(a.URL, b.URL)
	})
}

// Slug turns a name into a URL segment: lower-case letters and digits
// separated by single hyphens.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r > 127 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

// contentURL maps a content file path relative to content/ to its URL path.
func contentURL(rel string) string {
	dir, file := path.Split(rel)
	if file == "_index.md" {
		return "/" + dir
	}
	return "/" + dir + strings.TrimSuffix(file, ".md") + "/"
}

// OptionLink is a question's option as a link to the node it leads to.
type OptionLink struct {
	Index int // 0-based
	Label string
	URL   string // with the base path
}

// OptionLinks returns the options of a question node's page as links.
func (p *Page) OptionLinks() []OptionLink {
	n := p.Node
	if p.Kind == KindTree && p.Tree != nil {
		n = p.Tree.Node(p.Tree.Start)
	}
	if n == nil || p.Tree == nil {
		return nil
	}
	out := make([]OptionLink, 0, len(n.Options))
	for i, o := range n.Options {
		l := OptionLink{Index: i, Label: o.Label}
		if next := p.Tree.Node(o.Next); next != nil {
			l.URL = next.URL
		}
		out = append(out, l)
	}
	return out
}

// StartNode returns the first question of a tree page's tree.
func (p *Page) StartNode() *decision.Node {
	if p.Tree == nil {
		return nil
	}
	return p.Tree.Node(p.Tree.Start)
}

// TreePage returns the start page of the tree a node or map page belongs to.
func (p *Page) TreePage() *Page {
	for q := p; q != nil; q = q.Parent {
		if q.Kind == KindTree {
			return q
		}
	}
	return nil
}

// StartPage returns the page of a tree's first question.
func (p *Page) StartPage() *Page {
	if p.Tree == nil {
		return nil
	}
	for _, c := range p.Pages {
		if c.Node != nil && c.Node.ID == p.Tree.Start {
			return c
		}
	}
	return nil
}
