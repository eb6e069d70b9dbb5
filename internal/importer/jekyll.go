package importer

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// jekyllPost matches a post's file name: its date, then its slug.
var jekyllPost = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-(.+)$`)

// jekyll imports a Jekyll site: _config.yml, _posts/ and _drafts/ into
// content/posts/, the other pages where they are, the other files into
// static/.
func (s *site) jekyll() error {
	name := "_config.yml"
	if _, err := os.Stat(filepath.Join(s.src, name)); err != nil {
		name = "_config.yaml"
	}
	s.jekyllConfig(name)
	for _, dir := range []string{"_layouts", "_includes", "_sass", "_data", "_plugins"} {
		if fi, err := os.Stat(filepath.Join(s.src, dir)); err == nil && fi.IsDir() {
			s.r.add(dir+"/", 0, "Jekyll's "+dir+"/ is not carried: guidepost has its own layouts and theme (see the README's Themes)")
		}
	}
	s.jekyllFiles()
	s.jekyllPosts()
	if !s.hasPage("content/posts/_index.md") && s.anyPost() {
		s.files["content/posts/_index.md"] = []byte("---\ntitle: Posts\n---\n")
	}
	return nil
}

// jekyllConfig reads the site's settings from the config file name and
// reports those it does not carry.
func (s *site) jekyllConfig(name string) {
	var baseurl string
	each(s.parseConfig(name), func(key string, v *yaml.Node, line int) {
		switch key {
		case "title":
			s.cfg.Title = v.Value
		case "description":
			s.cfg.Description = v.Value
		case "url":
			s.baseURL(name, line, v.Value)
		case "baseurl":
			baseurl = v.Value
		case "lang", "locale":
			s.cfg.Language = strings.ReplaceAll(v.Value, "_", "-")
		case "plugins", "gems":
			for _, p := range v.Content {
				s.r.add(name, p.Line, "Jekyll plugin "+p.Value+" is not carried")
			}
		case "permalink":
			s.r.add(name, line, "permalink "+quote(v.Value)+" is not carried: posts are at /posts/SLUG/ (set url: in a page to move it)")
		case "theme", "remote_theme":
			s.r.add(name, line, "theme "+quote(v.Value)+" is not carried: the site uses guidepost's built-in theme (see the README's Themes)")
		case "defaults":
			s.r.add(name, line, "front matter defaults are not carried: set the fields in each page")
		case "collections":
			s.r.add(name, line, "collections are not carried: their pages are copied as pages of a section")
		case "exclude", "include", "markdown", "kramdown", "highlighter", "sass", "timezone", "encoding", "future", "show_drafts", "author", "twitter_username", "github_username":
			s.r.add(name, line, key+" is a Jekyll setting with no guidepost equivalent: not carried")
		default:
			s.r.add(name, line, key+" is a setting of the old site or theme: not carried")
		}
	})
	if baseurl != "" && s.cfg.BaseURL != "" {
		s.cfg.BaseURL = strings.TrimSuffix(s.cfg.BaseURL, "/") + "/" + strings.Trim(baseurl, "/") + "/"
	}
}

// jekyllSkip reports whether a file or folder of a Jekyll site is left
// out of the walk for pages and static files: Jekyll's own (_*), the
// dependencies and the repository's notes.
func jekyllSkip(rel string, dir bool) bool {
	base := path.Base(rel)
	switch {
	case strings.HasPrefix(base, "_"), base == "vendor", base == "node_modules", base == "Gemfile", base == "Gemfile.lock":
		return true
	case !dir && (base == "README.md" || base == "LICENSE" || base == "CHANGELOG.md"):
		return true
	}
	return false
}

// jekyllFiles imports the pages outside _posts/ and _drafts/ where they
// are, and copies the other files into static/; HTML pages with front
// matter (Liquid) are left out.
func (s *site) jekyllFiles() {
	for _, rel := range s.walkFiles(".", jekyllSkip) {
		switch {
		case isMarkdown(rel):
			s.jekyllPage(rel, mdName(rel), "", false)
		case strings.HasSuffix(rel, ".html"):
			if data, ok := s.readSource(rel); ok && strings.HasPrefix(string(data), "---") {
				s.r.add(rel, 0, "HTML pages with Liquid are not carried: write the page in Markdown (it is left out)")
			} else if ok {
				s.copies["static/"+rel] = rel
			}
		default:
			s.copies["static/"+rel] = rel
		}
	}
}

// jekyllPosts imports _posts/ and _drafts/ into content/posts/, the date
// of a post's file name its date.
func (s *site) jekyllPosts() {
	for _, dir := range []string{"_posts", "_drafts"} {
		for _, rel := range s.walkFiles(dir, nil) {
			if !isMarkdown(rel) {
				s.r.add(rel, 0, "only Markdown posts are carried: it is left out")
				continue
			}
			base := mdName(path.Base(rel))
			day := ""
			if m := jekyllPost.FindStringSubmatch(base); m != nil {
				day, base = m[1], m[2]
			}
			s.jekyllPage(rel, "content/posts/"+base, day, dir == "_drafts")
		}
	}
}

func (s *site) hasPage(dest string) bool {
	for _, p := range s.pages {
		if p.dest == dest {
			return true
		}
	}
	return false
}

func (s *site) anyPost() bool {
	for _, p := range s.pages {
		if strings.HasPrefix(p.dest, "content/posts/") {
			return true
		}
	}
	return false
}

// jekyllPage converts one page or post. A file without front matter is
// not a page for Jekyll: it is copied as a static file.
func (s *site) jekyllPage(rel, dest, day string, draft bool) {
	data, ok := s.readSource(rel)
	if !ok {
		return
	}
	p := readPage(rel, dest, data, s.r)
	if p.format == 0 {
		s.copies["static/"+rel] = rel
		return
	}
	if !strings.HasPrefix(dest, "content/") {
		p.dest = "content/" + dest
	}
	if p.dest == "content/index.md" {
		p.dest = "content/_index.md"
	}
	fallback := titleFromName(dest)
	if p.dest == "content/_index.md" {
		fallback = s.cfg.Title
		if fallback == "" {
			fallback = "Home"
		}
	}
	s.commonFields(p, fallback)
	if day != "" && p.get("date") == nil {
		p.add("date", date(day))
	}
	if draft {
		p.add("draft", true)
	}
	for old, key := range map[string]string{"permalink": "url", "redirect_from": "aliases", "excerpt": "summary", "category": "categories", "last_modified_at": "lastmod"} {
		if p.get(old) == nil {
			continue
		}
		if p.has(key) {
			p.drop[old] = true
			s.r.add(rel, p.line(old), old+" is not carried: the page sets "+key+" already")
			continue
		}
		p.rename[old] = key
	}
	if v := p.get("published"); v != nil {
		p.drop["published"] = true
		if v.Value == "false" {
			p.add("draft", true)
		}
	}
	if v := p.get("categories"); v != nil && v.Kind == yaml.ScalarNode && strings.Contains(strings.TrimSpace(v.Value), " ") {
		s.r.add(rel, p.line("categories"), "categories "+quote(v.Value)+" is one category here: write a list, [a, b], for several")
	}
	s.jekyllBody(p)
	s.pages = append(s.pages, p)
}

var (
	liquidTag    = regexp.MustCompile(`\{%-?\s*(\w+)[^%]*-?%\}`)
	liquidOutput = regexp.MustCompile(`\{\{-?\s*([^}]*?)\s*-?\}\}`)
	postURL      = regexp.MustCompile(`\{%-?\s*post_url\s+(?:\S+/)?(\d{4}-\d{2}-\d{2})-([^\s%]+?)\s*-?%\}`)
	linkTag      = regexp.MustCompile(`\{%-?\s*link\s+([^\s%]+)\s*-?%\}`)
	baseurlVar   = regexp.MustCompile(`\{\{-?\s*site\.baseurl\s*-?\}\}`)
	highlightTag = regexp.MustCompile(`(?m)^\{%-?\s*highlight\s+(\w+)[^%]*-?%\}[ \t\r]*$`)
	endHighlight = regexp.MustCompile(`(?m)^\{%-?\s*endhighlight\s*-?%\}[ \t\r]*$`)
)

// jekyllBody turns the Liquid tags that link pages ({% post_url %},
// {% link %}, {{ site.baseurl }}) into links guidepost checks and
// {% highlight %} blocks into code fences, and reports every other Liquid
// tag or output.
func (s *site) jekyllBody(p *page) {
	body := string(p.body)
	body = postURL.ReplaceAllString(body, "/posts/$2.md")
	body = linkTag.ReplaceAllStringFunc(body, func(m string) string {
		target := linkTag.FindStringSubmatch(m)[1]
		if isMarkdown(target) {
			target = mdName(target)
			if strings.HasPrefix(target, "_posts/") {
				if mm := jekyllPost.FindStringSubmatch(path.Base(target)); mm != nil {
					return "/posts/" + mm[2]
				}
			}
		}
		return "/" + strings.TrimPrefix(target, "/")
	})
	body = baseurlVar.ReplaceAllString(body, "")
	body = highlightTag.ReplaceAllString(body, "```$1")
	body = endHighlight.ReplaceAllString(body, "```")
	if body != string(p.body) {
		p.newBody = []byte(body)
	}
	s.reportLines(p, []byte(body), liquidTag, func(m []string) string {
		if strings.HasPrefix(m[1], "end") {
			return ""
		}
		return "Liquid tag {% " + m[1] + " %} is not carried: it shows as written; replace it with Markdown"
	})
	s.reportLines(p, []byte(body), liquidOutput, func(m []string) string {
		return "Liquid output {{ " + m[1] + " }} is not carried: it shows as written; write its text"
	})
}
