package site

import (
	"fmt"
	neturl "net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/frontmatter"
)

// The URLs an author writes — Markdown links, front matter sources,
// aliases, menu entries — follow one set of rules (docs/urls.md):
//
//   - another site's address is http(s)://host/… or mailto:… (in Markdown
//     also tel:…), and is published as written; every other scheme
//     (javascript:, data:, …) is refused, as is //host/… without a scheme;
//   - a page's .md file, relative to the file that links (for menus, to
//     content/) or from content/ with a leading slash, becomes the page's
//     URL with the base path;
//   - a site path (/guidance/) must lead to a page or file of the site, and
//     gets the base path;
//   - control and invisible characters, a backslash, and spaces around the
//     URL are refused everywhere, spaces inside it in front matter and menus.
//
// Markdown bodies may also link #anchors and paths relative to the page.

// allowedSchemes are the only schemes a published link may use.
var allowedSchemes = []string{"http", "https", "mailto", "tel"}

// urlForm is what kind of URL an author wrote.
type urlForm int

const (
	formExternal urlForm = iota + 1 // http(s), mailto or tel
	formSitePath                    // /guidance/, a URL path of this site
	formFile                        // india.md, ../a/_index.md#x or /guidance/india.md
	formFragment                    // #anchor on the same page
	formRelative                    // ../other/, relative to the page's URL
)

// urlUse is where a URL was written, which decides the forms it may take.
type urlUse int

const (
	inBody   urlUse = iota // a Markdown link or image
	inSource               // a front matter source's url
	inMenu                 // a menu entry of guidepost.yaml
)

// urlScheme returns u's scheme in lower case, "" when u has none. A scheme
// is a letter followed by letters, digits, '+', '-' or '.', then ':'
// (RFC 3986), which browsers also read case-insensitively.
func urlScheme(u string) string {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == ':':
			if i == 0 {
				return ""
			}
			return strings.ToLower(u[:i])
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return ""
		}
	}
	return ""
}

// badCharacter describes a character no URL of a site may contain, "" when
// u has none: browsers silently drop or rewrite them, so what an author
// sees is not what a reader gets.
func badCharacter(u string) string {
	if strings.TrimSpace(u) != u {
		return "has spaces or line breaks around it: remove them"
	}
	for _, r := range u {
		switch {
		case unicode.IsControl(r):
			return fmt.Sprintf("contains the control character U+%04X: remove it", r)
		case unicode.Is(unicode.Cf, r):
			return fmt.Sprintf("contains the invisible character U+%04X: remove it", r)
		case r == '\\':
			return `contains a backslash (\), which browsers read as /: write / between folders, or %5C for a backslash`
		}
	}
	return ""
}

// classifyURL says what kind of URL u is, or why no page may publish it.
// u is not empty.
func classifyURL(u string) (urlForm, string) {
	if problem := badCharacter(u); problem != "" {
		return 0, problem
	}
	if scheme := urlScheme(u); scheme != "" {
		if !slices.Contains(allowedSchemes, scheme) {
			return 0, "uses the scheme " + scheme + ":, which is not allowed: link to http(s)://, mailto: or tel: addresses, a path on this site such as /guidance/, or a page's .md file"
		}
		rest := u[len(scheme)+1:]
		switch scheme {
		case "http", "https":
			if !strings.HasPrefix(rest, "//") {
				return 0, "is not a complete address: write " + scheme + "://host/path"
			}
			parsed, err := neturl.Parse(u)
			if err != nil {
				return 0, "is not a valid address (" + strings.TrimPrefix(err.Error(), "parse "+strconv.Quote(u)+": ") + "): fix it"
			}
			if parsed.Host == "" || strings.HasPrefix(parsed.Host, ":") {
				return 0, "has no host name: write " + scheme + "://host/path"
			}
		default:
			if strings.TrimLeft(rest, "/") == "" {
				return 0, "has nothing after " + scheme + ": write the address or number after it"
			}
		}
		return formExternal, ""
	}
	if strings.HasPrefix(u, "//") {
		return 0, "starts with //, which browsers read as another site's address: write https://host/… for another site, or a single / for a path on this site"
	}
	base, _, _ := strings.Cut(u, "#")
	base, _, _ = strings.Cut(base, "?")
	switch {
	case strings.HasSuffix(base, ".md"):
		return formFile, ""
	case base == "" && strings.HasPrefix(u, "#"):
		return formFragment, ""
	case strings.HasPrefix(u, "/"):
		return formSitePath, ""
	}
	return formRelative, ""
}

// checkURL checks a URL written in from's front matter or in a menu and
// resolves it as resolve does a Markdown link.
func (s *Site) checkURL(from *Page, u string, use urlUse) resolved {
	form, problem := classifyURL(u)
	if problem == "" && strings.ContainsFunc(u, unicode.IsSpace) {
		problem = "contains a space: write it as %20"
	}
	if problem == "" {
		switch form {
		case formExternal:
			if urlScheme(u) == "tel" {
				// html/template, which writes sources and menus, publishes
				// a tel: href as #ZgotmplZ.
				problem = "is a phone link, which a layout cannot publish as a source or menu entry (only in a page's text): write the number in the title, or link a page that gives it"
			}
		case formFragment:
			problem = "is only an #anchor: write the page's .md file or path before it, e.g. /guidance/" + u
		case formRelative:
			problem = "is neither a path from the site's root nor a .md file: start it with / (e.g. /" + strings.TrimPrefix(u, "./") + "), or link the page's .md file"
		}
	}
	if problem != "" {
		return resolved{problem: strconv.Quote(u) + " " + problem}
	}
	return s.resolve(from, u)
}

// fmLink is a link written in front matter or the site config to an
// anchor of a page, checked with the Markdown links once bodies are
// rendered.
type fmLink struct {
	file, what string
	line       int
	r          resolved
}

// checkFrontMatterURLs checks and rewrites the URLs of every page's
// sources and of the menus: they are published with the base path,
// .md files become their pages' URLs. Links to anchors are recorded for
// checkPageLinks.
func (s *Site) checkFrontMatterURLs(diags *diag.List) {
	for _, p := range s.Pages {
		p.fmLinks = nil
		s.checkImages(p, diags)
		if len(p.FM.Sources) == 0 {
			continue
		}
		out := make([]frontmatter.Source, len(p.FM.Sources))
		for i, src := range p.FM.Sources {
			out[i] = src
			if src.URL == "" {
				// An outcome's sources are the tree validator's to report.
				if p.Node == nil || !p.Node.IsOutcome() {
					diags.Add(p.File, src.Line, "source "+strconv.Quote(src.Title)+" has no url; add url: with the address of the document, so that readers can check what the page says")
				}
				continue
			}
			what := "source " + strconv.Quote(src.Title) + ": "
			r := s.checkURL(p, src.URL, inSource)
			if r.problem != "" {
				diags.Add(p.File, src.Line, what+r.problem)
				continue
			}
			out[i].URL = r.href
			if r.page != nil && r.frag != "" {
				p.fmLinks = append(p.fmLinks, fmLink{file: p.File, what: what, line: src.Line, r: r})
			}
		}
		p.FM.Sources = out // a copy: a Cache keeps the parsed front matter
		if p.Node != nil {
			p.Node.Sources = out
		}
	}
	for _, v := range s.Langs() {
		v.checkMenus(diags)
	}
}

// checkMenus checks and rewrites the URLs of the menus of the site's
// language. A language that does not set its own menus shows the site's,
// each entry linking the page's translation when it has one.
func (s *Site) checkMenus(diags *diag.List) {
	// Menu entries' .md files are relative to content/, as the home
	// page's links are (the home page may be generated, with no file).
	menuFrom := &Page{Kind: KindHome, File: ContentDir + "/_index.md", URL: "/", Site: s}
	lc := s.Config.LanguageConfig(s.Language.Code)
	inherited := !s.Language.Default && lc != nil && lc.Menus == nil
	names := make([]string, 0, len(s.Config.Menus))
	for name := range s.Config.Menus {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for i, e := range s.Config.Menus[name] {
			if e.URL == "" {
				continue // reported by the config
			}
			what := "menu " + strconv.Quote(name) + " entry " + strconv.Quote(e.Name) + ": "
			r := s.checkURL(menuFrom, e.URL, inMenu)
			if r.problem != "" {
				// An inherited entry resolves as the default language's
				// does, which reports it: once, not once per language.
				if !inherited {
					problem := strings.Replace(r.problem, mdRelativeHint, " (a menu's .md files are relative to content/)", 1)
					diags.Add(configFile, e.Line, what+problem)
				}
				continue
			}
			if inherited && r.page != nil {
				if t := inLanguageOf(menuFrom, r.page); t != r.page {
					r.page, r.target = t, t.URL+strings.TrimPrefix(r.target, r.page.URL)
				}
			}
			if r.target != "" {
				// Layouts add the base path with relURL.
				s.Config.Menus[name][i].URL = r.target
			}
			// An inherited entry's anchor in a page of the default
			// language (not translated) is checked with its menus.
			if r.page != nil && r.frag != "" && s.Home != nil && (!inherited || r.page.Site == s) {
				s.Home.fmLinks = append(s.Home.fmLinks, fmLink{file: configFile, what: what, line: e.Line, r: r})
			}
		}
	}
}

// checkImages checks a page's `images` (for sharing: og:image) and makes
// each a site path without the base path, or another site's address, for
// layouts to pass to absURL. An image may be a path from the site's root,
// or relative to the page's URL, as in Hugo's page bundles.
func (s *Site) checkImages(p *Page, diags *diag.List) {
	if len(p.FM.Images) == 0 {
		return
	}
	out := make([]string, 0, len(p.FM.Images))
	for i, img := range p.FM.Images {
		line := p.FM.Line("images")
		if i < len(p.FM.ImageLines) {
			line = p.FM.ImageLines[i]
		}
		form, problem := classifyURL(img)
		if problem == "" && strings.ContainsFunc(img, unicode.IsSpace) {
			problem = "contains a space: write it as %20"
		}
		if problem == "" && (form == formFragment || form == formFile || urlScheme(img) == "mailto" || urlScheme(img) == "tel") {
			problem = "is not an image: write the path of an image file, such as /img/cover.png"
		}
		if problem != "" {
			diags.Add(p.File, line, "image "+strconv.Quote(img)+" "+problem)
			continue
		}
		if form == formExternal {
			out = append(out, img)
			continue
		}
		r := s.resolve(p, img)
		if r.problem != "" {
			diags.Add(p.File, line, "images: "+strings.Replace(r.problem, ", or link to the page's .md file", "", 1))
			continue
		}
		out = append(out, r.target)
	}
	p.FM.Images = out // a copy: a Cache keeps the parsed front matter
}

// configFile is the site config's name in messages.
const configFile = "guidepost.yaml"

// generatedFiles are the files every build writes at the site's root
// besides pages: no page, alias or folder may take their names.
var generatedFiles = []string{"/sitemap.xml", "/feed.xml", "/robots.txt", "/404.html"}

// checkAlias checks an alias as written and returns the URL path its
// redirect page is published at ("/old/page/", or "/old/page.html" for an
// alias ending in .html or .htm), or why it cannot be one.
func (s *Site) checkAlias(a string) (string, string) {
	quoted := "alias " + strconv.Quote(a)
	if a == "" {
		return "", "alias is empty: write the old URL path, such as /old/page/, or remove the line"
	}
	if problem := badCharacter(a); problem != "" {
		return "", quoted + " " + problem
	}
	if strings.HasPrefix(a, "//") {
		return "", quoted + " starts with //, which browsers read as another site's address: write a path on this site such as /old/page/"
	}
	if !strings.HasPrefix(a, "/") {
		return "", quoted + " must be a URL path on this site such as /old/page/, starting with /"
	}
	if strings.ContainsAny(a, "?#") {
		return "", quoted + " has a query or #fragment, which a static host ignores when it looks up the redirect: write the path alone, such as /old/page/"
	}
	if strings.ContainsFunc(a, unicode.IsSpace) || strings.Contains(a, "%") {
		return "", quoted + " holds a space or a %-escape: write the path as readers type it, without either"
	}
	trimmed := strings.Trim(a, "/")
	if trimmed == "" {
		return "", quoted + " is the home page: write the old URL path, such as /old/page/"
	}
	for seg := range strings.SplitSeq(trimmed, "/") {
		switch {
		case seg == "":
			return "", quoted + " has an empty folder (//): write each folder once, such as /old/page/"
		case seg == "." || seg == "..":
			return "", quoted + " must be a URL path on this site such as /old/page/, without . or .. folders"
		case strings.HasPrefix(seg, "."):
			return "", quoted + " has a hidden folder " + strconv.Quote(seg) + ", which hosts do not serve: rename it"
		}
	}
	u := "/" + trimmed + "/"
	if lower := strings.ToLower(a); strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") {
		u = "/" + trimmed // an old page.html: the redirect is that file
	}
	if g := generatedAt(u); g != "" {
		return "", quoted + " would be a folder in place of the generated " + strings.TrimPrefix(g, "/") + ": choose another path"
	}
	if strings.HasPrefix(strings.ToLower(u), "/search/") {
		return "", quoted + " is inside /search/, where the search page and its index are published: choose another path"
	}
	return u, ""
}

// generatedAt returns the generated file u or one of its folders would
// replace ("/feed.xml" for "/feed.xml/" or "/feed.xml/a/"), "" when none.
// Case is ignored: the names are one file on macOS and Windows.
func generatedAt(u string) string {
	lower := strings.ToLower(u)
	for d := strings.TrimSuffix(lower, "/"); d != "/" && d != "." && d != ""; d = path.Dir(d) {
		if slices.Contains(generatedFiles, d) {
			return d
		}
	}
	return ""
}
