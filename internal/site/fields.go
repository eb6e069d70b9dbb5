package site

import (
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/frontmatter"
)

// The front matter fields other generators made standard, as buildPages
// applies them: publishDate and expiryDate decide whether a page is
// built, slug and url where, and Hugo's leaf bundles (a folder with an
// index.md) are published at the folder's URL.

// hidden says why a page is left out of the build, "" when it is built:
// a draft (unless drafts are built), a page whose publishDate is still
// ahead, or one whose expiryDate has come, as Hugo does.
func (s *Site) hidden(fm *frontmatter.FrontMatter, drafts bool) string {
	switch {
	case fm.Draft && !drafts:
		return "draft"
	case !fm.PublishDate.IsZero() && fm.PublishDate.After(s.Now):
		return "future"
	case !fm.ExpiryDate.IsZero() && !fm.ExpiryDate.After(s.Now):
		return "expired"
	}
	return ""
}

// pageURL returns the URL path of the content file rel (relative to
// content/) with its front matter's slug or url applied, and the problem
// with them, "" when none. A url is the whole path; a slug replaces the
// last part of the path the file name gives. Home and a decision tree's
// pages keep the URL of their file (tree is true for the latter).
func pageURL(rel string, fm *frontmatter.FrontMatter, tree bool) (u string, problem, key string) {
	u = contentURL(rel)
	if dir, file := path.Split(rel); file == "index.md" {
		// Hugo's leaf bundle: content/posts/a/index.md is /posts/a/, with
		// its images and files beside it in the folder.
		u = "/" + dir
	}
	switch {
	case fm.URL == "" && fm.Slug == "":
		return u, "", ""
	case u == "/":
		key = "url"
		if fm.URL == "" {
			key = "slug"
		}
		return u, "`" + key + "` does not apply to the home page: it is always at the site's root", key
	case tree:
		key = "url"
		if fm.URL == "" {
			key = "slug"
		}
		return u, "`" + key + "` does not apply to a decision tree's pages: their URLs follow their file names, which options' `next` refer to", key
	case fm.URL != "":
		clean, problem := cleanPageURL(fm.URL)
		if problem != "" {
			return u, "url " + strconv.Quote(fm.URL) + " " + problem, "url"
		}
		return clean, "", ""
	}
	if problem := checkSlug(fm.Slug); problem != "" {
		return u, "slug " + strconv.Quote(fm.Slug) + " " + problem, "slug"
	}
	parent := path.Dir(strings.TrimSuffix(u, "/"))
	return strings.TrimSuffix(parent, "/") + "/" + fm.Slug + "/", "", ""
}

// checkSlug says what is wrong with a slug, "" when nothing is.
func checkSlug(slug string) string {
	if problem := badCharacter(slug); problem != "" {
		return problem
	}
	switch {
	case slug == "." || slug == "..":
		return "must be a name, not . or .."
	case strings.Contains(slug, "/"):
		return "holds a /: a slug is the last part of the URL; write `url: /the/whole/path/` for another folder"
	case strings.ContainsFunc(slug, unicode.IsSpace) || strings.ContainsAny(slug, "?#%"):
		return "holds a space, ?, # or %: write it as it is typed in a URL, such as " + strconv.Quote(Slug(slug))
	case strings.HasPrefix(slug, "."):
		return "starts with a dot, which hosts do not serve: remove it"
	}
	return ""
}

// cleanPageURL checks a page's url and returns the URL path it is
// published at: with a trailing slash, or as written for a file name
// ending in .html.
func cleanPageURL(u string) (string, string) {
	if problem := badCharacter(u); problem != "" {
		return "", problem
	}
	if urlScheme(u) != "" || strings.HasPrefix(u, "//") {
		return "", "must be a path on this site such as /guidance/consent/, not another site's address"
	}
	if strings.ContainsAny(u, "?#%") || strings.ContainsFunc(u, unicode.IsSpace) {
		return "", "holds a space, ?, # or %: write the path as readers type it, such as /guidance/consent/"
	}
	trimmed := strings.Trim(u, "/")
	if trimmed == "" {
		return "", "is the home page, which content/_index.md is: write another path"
	}
	for seg := range strings.SplitSeq(trimmed, "/") {
		switch {
		case seg == "":
			return "", "has an empty folder (//): write each folder once"
		case seg == "." || seg == "..":
			return "", "must be a path from the site's root without . or .. folders, such as /guidance/consent/"
		case strings.HasPrefix(seg, "."):
			return "", "has a hidden folder " + strconv.Quote(seg) + ", which hosts do not serve: rename it"
		}
	}
	if lower := strings.ToLower(trimmed); strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") {
		return "/" + trimmed, ""
	}
	return "/" + trimmed + "/", ""
}

// applyFields resolves a page's site-specific keys with the site's
// vocabulary and sets what its standard fields imply: its summary from
// description, its date from publishDate.
func (s *Site) applyFields(p *Page, vocab *frontmatter.Vocabulary, diags *diag.List) {
	p.FM.Resolve(p.File, vocab, diags)
	if p.FM.Summary == "" {
		p.FM.Summary = p.FM.Description
	}
	if p.FM.Date.IsZero() {
		p.FM.Date = p.FM.PublishDate
	}
}

// applyURL sets the URL of a content page from its file, slug and url,
// once its kind is known.
func (s *Site) applyURL(p *Page, diags *diag.List) {
	if p.File == "" {
		return
	}
	rel := strings.TrimPrefix(s.langBase(p.File), ContentDir+"/")
	u, problem, key := pageURL(rel, &p.FM, p.Kind == KindTree || p.Kind == KindNode)
	if problem != "" {
		diags.Add(p.File, p.FM.Line(key), problem)
	}
	if p.FM.URL == "" {
		u = s.Language.URL(u) // a url: is the whole path, as in Hugo
	}
	p.URL = u
}

// lastmod is when a page last changed: the latest of its date, review
// and lastmod.
func lastmod(fm *frontmatter.FrontMatter) time.Time {
	t := fm.Reviewed
	for _, d := range []time.Time{fm.Date, fm.Lastmod} {
		if d.After(t) {
			t = d
		}
	}
	return t
}
