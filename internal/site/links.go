package site

import (
	neturl "net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/guidepost/guidepost/internal/diag"
)

// Alias is an old URL that redirects to a page.
type Alias struct {
	URL    string
	Target *Page
}

// LayoutIDs are element IDs every page layout defines, so content may link
// to them (e.g. `[sources](#sources)`).
var LayoutIDs = []string{"main", "sources", "contents"}

// index maps URLs to pages and reports two pages at one URL. URLs that
// differ only in case collide too: they are one folder on macOS and
// Windows file systems. It then checks and rewrites the URLs of front
// matter and menus, which need every URL known.
func (s *Site) index(diags *diag.List) {
	owner := map[string]string{} // lower-case URL → who claimed it
	claim := func(u, who, file string, line int) bool {
		key := strings.ToLower(u)
		if prev, ok := owner[key]; ok {
			if file == "" {
				file = prev // a generated page: report the content file in its way
			}
			diags.Add(file, line, "two pages at one URL "+u+": "+prev+" and "+who+"; rename one of them (URLs that differ only in case count as one)")
			return false
		}
		owner[key] = who
		return true
	}
	for _, p := range s.Pages {
		who := p.File
		if who == "" {
			who = "the generated " + string(p.Kind) + " page"
		}
		if claim(p.URL, who, p.File, 0) {
			s.byURL[p.URL] = p
		}
	}
	for _, p := range s.Pages {
		for i, a := range p.FM.Aliases {
			line := p.FM.Line("aliases")
			if i < len(p.FM.AliasLines) {
				line = p.FM.AliasLines[i]
			}
			u, problem := s.checkAlias(a)
			if problem != "" {
				diags.Add(p.File, line, problem)
				continue
			}
			if claim(u, "an alias of "+p.File, p.File, line) {
				s.Aliases = append(s.Aliases, Alias{URL: u, Target: p})
			}
		}
	}
	// A page's folder must not take the name of a file the build writes
	// (content/feed.xml.md would be the folder feed.xml/).
	for _, p := range s.Pages {
		if g := generatedAt(p.URL); g != "" && p.File != "" && g != p.URL {
			diags.Add(p.File, 1, "this page would be published at "+p.URL+", a folder in place of the generated "+strings.TrimPrefix(g, "/")+": rename the file or its folder")
		}
	}
	// A static file must not take the file a page is written to
	// (/a/index.html for /a/) nor the name of a folder holding pages.
	pageDirs := map[string]bool{}
	for u := range owner {
		for d := path.Dir(u); d != "/" && d != "."; d = path.Dir(d) {
			pageDirs[d] = true
		}
	}
	for _, f := range s.Static {
		key := strings.ToLower(f.URL)
		_, taken := owner[key]
		if f.URL == "/404.html" {
			// The not-found page is generated: a site's own 404.html
			// replaces it, as any static file replaces a generated one.
			taken = false
		}
		if _, page := owner[strings.TrimSuffix(key, "index.html")]; page && strings.HasSuffix(key, "/index.html") {
			taken = true
		}
		if taken || pageDirs[key] {
			diags.Add(f.Src, 0, "file would be published at "+f.URL+", which a page already uses: rename or move it")
			continue
		}
		owner[strings.ToLower(f.URL)] = f.Src
		s.staticURLs[f.URL] = true
	}
	s.checkFrontMatterURLs(diags)
}

// resolved is a link destination understood relative to its page.
type resolved struct {
	href    string // what to write in the HTML
	target  string // the site-relative URL of a page or file of the site, with any ?query and #anchor
	page    *Page  // the target page, for internal page links
	frag    string // the #anchor without '#'
	problem string // why the link is broken, "" when it is fine
}

// resolve maps a link destination as written in from's Markdown to the
// href to emit and the page it points at. Destinations ending in .md (before
// any #anchor) are content files, relative to from's file or, with a leading
// slash, to content/; other paths are URLs, relative to from's URL or to the
// site root.
//
// A destination whose scheme is not http(s), mailto or tel, that starts
// with // or that holds a control character is a problem, with no href.
func (s *Site) resolve(from *Page, dest string) resolved {
	if dest == "" {
		return resolved{}
	}
	switch form, problem := classifyURL(dest); {
	case problem != "":
		return resolved{problem: "link " + strconv.Quote(dest) + " " + problem}
	case form == formExternal:
		return resolved{href: dest}
	}
	base, frag, _ := strings.Cut(dest, "#")
	base, query, hasQuery := strings.Cut(base, "?")
	tail := linkTail{frag: frag}
	if hasQuery {
		tail.query = "?" + query
	}
	if frag != "" {
		tail.anchor = "#" + frag
	}
	if base == "" {
		if hasQuery {
			// "?x#y": this page with a query, written out so that it is
			// under the base path whatever the page's URL.
			return tail.to(from)
		}
		return resolved{href: dest, page: from, frag: frag}
	}
	// A destination names a file or URL path percent-encoded (what%3F.md,
	// /c%23sharp/), the form a URL carries; pages and files are known by
	// their names as they are.
	if unescaped, err := neturl.PathUnescape(base); err == nil {
		base = unescaped
	}
	if strings.HasSuffix(base, ".md") {
		return s.resolveFile(from, dest, base, tail)
	}
	return s.resolvePath(from, dest, base, tail)
}

// linkTail is what follows the path of a link: its ?query and #anchor as
// written (each "" when absent), and the anchor without '#'.
type linkTail struct{ query, anchor, frag string }

// to is the link, with the tail, to page t.
func (l linkTail) to(t *Page) resolved {
	return resolved{href: t.RelPermalink() + l.query + l.anchor, target: t.URL + l.query + l.anchor, page: t, frag: l.frag}
}

// resolveFile resolves the link dest to the content file base (a .md
// file relative to from's file or, with a leading slash, to content/),
// in from's language when it has a translation.
func (s *Site) resolveFile(from *Page, dest, base string, tail linkTail) resolved {
	var file string
	if strings.HasPrefix(base, "/") {
		file = path.Join(ContentDir, base)
	} else {
		file = path.Join(path.Dir(from.File), base)
	}
	if !strings.HasPrefix(file, ContentDir+"/") {
		return resolved{href: dest, problem: "link " + strconv.Quote(dest) + " leaves the content folder: link to a page inside content/"}
	}
	t := s.byFile[file]
	if t == nil {
		return resolved{href: dest, problem: "link to a missing page " + strconv.Quote(dest) + ": there is no " + file + mdRelativeHint}
	}
	return tail.to(inLanguageOf(from, t))
}

// resolvePath resolves the link dest to the URL path base (relative to
// from's URL or, with a leading slash, to the site root, with or
// without the base path): a page, a static or generated file, or an
// alias's page.
func (s *Site) resolvePath(from *Page, dest, base string, tail linkTail) resolved {
	var clean string
	if strings.HasPrefix(base, "/") {
		u := base
		if s.BasePath != "/" && strings.HasPrefix(u, s.BasePath) {
			u = "/" + strings.TrimPrefix(u, s.BasePath)
		}
		clean = path.Clean(u)
		if strings.Contains(u, "/../") || strings.HasSuffix(u, "/..") {
			return resolved{href: dest, problem: "link " + strconv.Quote(dest) + " contains /../: write the path without it"}
		}
	} else {
		rel := path.Join(strings.TrimPrefix(from.URL, "/"), base)
		if rel == ".." || strings.HasPrefix(rel, "../") {
			return resolved{href: dest, problem: "link " + strconv.Quote(dest) + " leaves the site: link to a page of this site"}
		}
		clean = path.Clean("/" + rel)
	}
	if t := s.byURL[clean+"/"]; t != nil && !strings.Contains(path.Base(clean), ".") {
		return tail.to(t)
	}
	if t := s.byURL[clean]; t != nil {
		return resolved{href: s.RelURL(EscapePath(clean)) + tail.query + tail.anchor, target: clean + tail.query + tail.anchor, page: t, frag: tail.frag}
	}
	if s.staticURLs[clean] || s.generatedURL(clean) {
		return resolved{href: s.RelURL(EscapePath(clean)) + tail.query + tail.anchor, target: clean + tail.query + tail.anchor}
	}
	for _, a := range s.Aliases {
		if a.URL == clean+"/" || a.URL == clean {
			// An old URL that redirects: link to where it leads.
			return tail.to(a.Target)
		}
	}
	return resolved{href: dest, problem: "link to " + strconv.Quote(dest) + " but no page or file is published at " + clean + ": fix the path, or link to the page's .md file"}
}

// mdRelativeHint ends the problem of a link to a missing .md file.
const mdRelativeHint = " (links to .md files are relative to this file's folder)"

// generatedURL reports whether the build writes a file at u besides pages
// and static files.
func (s *Site) generatedURL(u string) bool {
	switch u {
	case "/sitemap.xml", "/feed.xml", "/robots.txt", "/404.html":
		return true
	}
	return false
}

// checkLinks reports links to missing pages, files and anchors, and
// records them by page with the pages each page's anchored links point
// at, for UpdateBodies to check again only what an edit can change.
func (s *Site) checkLinks(diags *diag.List) {
	s.checks.byPage = map[*Page]diag.List{}
	s.checks.targets = map[*Page][]*Page{}
	s.checks.anchored = map[*Page]map[*Page]bool{}
	for _, p := range s.Pages {
		l, targets := s.checkPageLinks(p)
		if len(l) > 0 {
			s.checks.byPage[p] = l
			*diags = append(*diags, l...)
		}
		s.setTargets(p, targets)
	}
}

// checkPageLinks returns the problems of a page's links and the pages its
// links to anchors point at.
func (s *Site) checkPageLinks(p *Page) (diags diag.List, targets []*Page) {
	if p.Doc == nil {
		return nil, nil
	}
	anchored := func(r resolved, file, what string, line int) {
		if r.page == nil || r.frag == "" {
			return
		}
		if !slices.Contains(targets, r.page) {
			targets = append(targets, r.page)
		}
		if r.page.Doc == nil {
			return
		}
		if !slices.Contains(r.page.Doc.IDs, r.frag) && !slices.Contains(LayoutIDs, r.frag) {
			msg := what + "link to a missing anchor #" + r.frag
			if r.page != p || file != p.File {
				msg += " in " + r.page.File
			}
			msg += ": use one of the headings' IDs"
			if c := closestID(r.frag, r.page.Doc.IDs); c != "" {
				msg += " (did you mean #" + c + "?)"
			}
			diags.Add(file, line, msg)
		}
	}
	for _, l := range p.fmLinks {
		anchored(l.r, l.file, l.what, l.line)
	}
	for _, l := range p.Doc.Links {
		r := s.resolve(p, l.Dest)
		if r.problem != "" {
			diags.Add(p.File, l.Line, r.problem)
			continue
		}
		anchored(r, p.File, "", l.Line)
	}
	return diags, targets
}

// setTargets records the pages p's links to anchors point at, replacing
// those recorded before.
func (s *Site) setTargets(p *Page, targets []*Page) {
	for _, t := range s.checks.targets[p] {
		delete(s.checks.anchored[t], p)
	}
	if len(targets) == 0 {
		delete(s.checks.targets, p)
		return
	}
	s.checks.targets[p] = targets
	for _, t := range targets {
		if s.checks.anchored[t] == nil {
			s.checks.anchored[t] = map[*Page]bool{}
		}
		s.checks.anchored[t][p] = true
	}
}

// recheckLinks checks again the links of the edited pages and of the
// pages linking to their anchors, the only links whose problems a change
// of bodies alone can change, and returns every link problem of the site
// in the order checkLinks reports them. undo puts the records back.
func (s *Site) recheckLinks(edited []*Page) (all diag.List, undo func()) {
	todo := map[*Page]bool{}
	for _, p := range edited {
		todo[p] = true
		for q := range s.checks.anchored[p] {
			todo[q] = true
		}
	}
	oldByPage := map[*Page]diag.List{}
	oldTargets := map[*Page][]*Page{}
	for p := range todo {
		oldByPage[p] = s.checks.byPage[p]
		oldTargets[p] = s.checks.targets[p]
	}
	for p := range todo {
		l, targets := s.checkPageLinks(p)
		if len(l) > 0 {
			s.checks.byPage[p] = l
		} else {
			delete(s.checks.byPage, p)
		}
		s.setTargets(p, targets)
	}
	undo = func() {
		for p := range todo {
			s.setTargets(p, oldTargets[p])
			if l := oldByPage[p]; len(l) > 0 {
				s.checks.byPage[p] = l
			} else {
				delete(s.checks.byPage, p)
			}
		}
	}
	if len(s.checks.byPage) > 0 {
		for _, p := range s.Pages {
			all = append(all, s.checks.byPage[p]...)
		}
	}
	return all, undo
}

func closestID(id string, ids []string) string {
	for _, c := range ids {
		if strings.Contains(c, id) || strings.Contains(id, c) {
			return c
		}
	}
	return ""
}
