package importer

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// mkdocs imports an MkDocs site: mkdocs.yml (name, description, address,
// nav) and docs/ (or its docs_dir) into content/.
func (s *site) mkdocs() error {
	name := "mkdocs.yml"
	if _, err := os.Stat(filepath.Join(s.src, name)); err != nil {
		name = "mkdocs.yaml"
	}
	docs, nav := s.mkdocsConfig(name)
	titles, weights := map[string]string{}, map[string]int{}
	s.mkdocsNav(name, nav, titles, weights, true)
	for _, rel := range s.walkFiles(docs, nil) {
		inDocs := strings.TrimPrefix(rel, docs+"/")
		if !isMarkdown(rel) {
			s.copies["content/"+inDocs] = rel
			continue
		}
		if data, ok := s.readSource(rel); ok {
			s.mkdocsPage(rel, inDocs, data, titles[inDocs], weights)
		}
	}
	return nil
}

// mkdocsConfig reads the site's settings from the config file name,
// reports those it does not carry, and returns the docs folder and the
// nav (nil without one).
func (s *site) mkdocsConfig(name string) (docs string, nav *yaml.Node) {
	docs = "docs"
	each(s.parseConfig(name), func(key string, v *yaml.Node, line int) {
		switch key {
		case "site_name":
			s.cfg.Title = v.Value
		case "site_description":
			s.cfg.Description = v.Value
		case "site_url":
			s.baseURL(name, line, v.Value)
		case "docs_dir":
			docs = strings.Trim(path.Clean(v.Value), "/")
		case "nav":
			nav = v
		case "plugins":
			s.mkdocsUncarried(name, v, "MkDocs plugin ", "search", "tags") // guidepost has search, and tags
		case "markdown_extensions":
			// guidepost's Markdown has these (admonitions become callouts).
			s.mkdocsUncarried(name, v, "Markdown extension ", "tables", "toc", "footnotes", "attr_list", "fenced_code",
				"pymdownx.superfences", "pymdownx.highlight", "pymdownx.tasklist", "pymdownx.tilde", "admonition")
		case "theme":
			s.r.add(name, line, "the theme is not carried: the site uses guidepost's built-in theme (see the README's Themes)")
		case "repo_url", "repo_name", "edit_uri", "copyright", "extra", "extra_css", "extra_javascript", "site_author", "use_directory_urls", "strict", "validation", "watch", "hooks", "dev_addr", "exclude_docs", "not_in_nav", "remote_branch", "remote_name", "site_dir":
			s.r.add(name, line, key+" is an MkDocs setting with no guidepost equivalent: not carried")
		default:
			s.r.add(name, line, key+" is not carried")
		}
	})
	return docs, nav
}

// mkdocsUncarried reports each entry of a list of plugins or extensions
// (a name, or a mapping from the name to its settings) that is not one
// of carried, as what (e.g. "MkDocs plugin ") and its name.
func (s *site) mkdocsUncarried(name string, list *yaml.Node, what string, carried ...string) {
	for _, e := range list.Content {
		n := e.Value
		if e.Kind == yaml.MappingNode && len(e.Content) > 0 {
			n = e.Content[0].Value
		}
		if !slices.Contains(carried, n) {
			s.r.add(name, e.Line, what+n+" is not carried")
		}
	}
}

// mkdocsPage imports the Markdown file rel (inDocs below the docs
// folder) whose text is data; navTitle is its name in nav, if any, and
// weights the places nav gives pages.
func (s *site) mkdocsPage(rel, inDocs string, data []byte, navTitle string, weights map[string]int) {
	dest := "content/" + mdName(inDocs)
	if dest == "content/index.md" {
		dest = "content/_index.md"
	}
	p := readPage(rel, dest, data, s.r)
	s.commonFields(p, s.mkdocsTitle(p, inDocs, navTitle))
	if w, ok := weights[inDocs]; ok {
		p.add("weight", w)
	}
	if t := p.strs("hide"); len(t) > 0 || p.get("hide") != nil {
		p.drop["hide"] = true
		for _, h := range t {
			if h == "toc" {
				p.add("toc", false)
			}
		}
	}
	if p.get("template") != nil {
		p.drop["template"] = true
		s.r.add(rel, p.line("template"), "template "+quote(p.str("template"))+" of the old theme is not carried (removed)")
	}
	s.mkdocsBody(p, inDocs)
	s.pages = append(s.pages, p)
}

// mkdocsTitle is the title commonFields gives p when it has no title:. MkDocs
// shows a page's first heading as its title (taken out of the body); nav
// may give it a shorter name for links (linkTitle), or its only name;
// else the file's or folder's name, or the site's title for the home.
func (s *site) mkdocsTitle(p *page, inDocs, navTitle string) string {
	title := ""
	if !p.has("title") {
		title = s.takeHeading(p)
	}
	if title == "" {
		title = navTitle
	}
	if navTitle != "" && navTitle != title && !p.has("title") {
		p.add("linkTitle", navTitle)
	}
	if title == "" {
		title = titleFromName(inDocs)
		if base := path.Base(inDocs); base == "index.md" || base == "README.md" {
			title = titleFromName(path.Dir(inDocs))
			if path.Dir(inDocs) == "." {
				title = s.cfg.Title
			}
		}
	}
	return title
}

// mkdocsNav reads nav: each page's title and its place (weight); the
// top level becomes the main menu.
func (s *site) mkdocsNav(file string, n *yaml.Node, titles map[string]string, weights map[string]int, top bool) {
	if n == nil || n.Kind != yaml.SequenceNode {
		return
	}
	for _, item := range n.Content {
		title, target := "", ""
		var children *yaml.Node
		switch item.Kind {
		case yaml.ScalarNode:
			target = item.Value
		case yaml.MappingNode:
			if len(item.Content) < 2 {
				continue
			}
			title = item.Content[0].Value
			if v := item.Content[1]; v.Kind == yaml.SequenceNode {
				children = v
			} else {
				target = v.Value
			}
		}
		if children != nil {
			s.mkdocsNav(file, children, titles, weights, false)
			if top {
				if first := firstPage(children); first != "" {
					s.menu(title, "/"+mdName(first))
				}
			}
			continue
		}
		if strings.Contains(target, "://") {
			if top {
				s.menu(title, target)
			}
			continue
		}
		if target == "" {
			continue
		}
		if title != "" {
			titles[target] = title
		}
		weights[target] = len(weights) + 1
		if top {
			if title == "" {
				title = titleFromName(target)
			}
			s.menu(title, "/"+mdName(target))
		}
	}
}

func firstPage(n *yaml.Node) string {
	for _, item := range n.Content {
		switch {
		case item.Kind == yaml.ScalarNode && !strings.Contains(item.Value, "://"):
			return item.Value
		case item.Kind == yaml.MappingNode && len(item.Content) == 2:
			if v := item.Content[1]; v.Kind == yaml.ScalarNode && !strings.Contains(v.Value, "://") {
				return v.Value
			} else if v.Kind == yaml.SequenceNode {
				if f := firstPage(v); f != "" {
					return f
				}
			}
		}
	}
	return ""
}

func (s *site) menu(name, url string) {
	if url == "/index.md" || url == "/README.md" {
		url = "/"
	}
	if s.cfg.Menus == nil {
		s.cfg.Menus = map[string][]menuEntry{}
	}
	s.cfg.Menus["main"] = append(s.cfg.Menus["main"], menuEntry{Name: name, URL: url, Weight: len(s.cfg.Menus["main"]) + 1})
}

// takeHeading returns the text of the page's first line when it is a
// level-1 heading, and removes it from the body: MkDocs takes the page's
// title from it, and guidepost's layout shows the title above the body.
func (s *site) takeHeading(p *page) string {
	body := p.body
	if p.newBody != nil {
		body = p.newBody
	}
	trimmed := strings.TrimLeft(string(body), "\r\n")
	first, rest, _ := strings.Cut(trimmed, "\n")
	if !strings.HasPrefix(first, "# ") {
		return ""
	}
	p.newBody = []byte(rest)
	p.bodyLine += strings.Count(string(body[:len(body)-len(trimmed)]), "\n") + 1
	title := strings.TrimSpace(strings.TrimPrefix(strings.TrimRight(first, "\r"), "# "))
	// An explicit {#id} is for the heading, not the title.
	if i := strings.Index(title, " {#"); i > 0 && strings.HasSuffix(title, "}") {
		title = title[:i]
	}
	return title
}

var (
	admonition = regexp.MustCompile(`^(!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"([^"]*)")?\s*$`)
	// relLink matches the destination of a Markdown link or image.
	relLink  = regexp.MustCompile(`(\]\()([^)\s]+)((?:\s+"[^"]*")?\))`)
	snippets = regexp.MustCompile(`^\s*--8<--`)
)

// calloutOf maps MkDocs' admonition types to guidepost's callouts.
func calloutOf(kind string) string {
	switch kind {
	case "tip", "hint", "success", "check", "done":
		return "TIP"
	case "important":
		return "IMPORTANT"
	case "warning", "caution", "attention":
		return "WARNING"
	case "danger", "error", "failure", "fail", "missing", "bug":
		return "CAUTION"
	}
	return "NOTE"
}

// mkdocsBody converts admonitions (!!! note "Title") into callouts, and
// links to images and files relative to the page's file into paths from
// the site's root: guidepost reads relative paths from the page's URL.
func (s *site) mkdocsBody(p *page, inDocs string) {
	body := p.body
	if p.newBody != nil {
		body = p.newBody
	}
	lines := strings.Split(string(body), "\n")
	var out []string
	dir := path.Dir(inDocs)
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if snippets.MatchString(l) {
			s.r.add(p.src, p.bodyLine+i, "snippet include (--8<--) is not carried: paste the text")
		}
		m := admonition.FindStringSubmatch(strings.TrimRight(l, "\r"))
		if m == nil {
			out = append(out, s.rewriteLinks(l, dir, path.Base(inDocs)))
			continue
		}
		out = append(out, "> [!"+calloutOf(strings.ToLower(m[2]))+"]")
		if m[3] != "" {
			out = append(out, "> **"+m[3]+"**")
			out = append(out, ">")
		}
		for i+1 < len(lines) && (strings.HasPrefix(lines[i+1], "    ") || strings.HasPrefix(lines[i+1], "\t") || strings.TrimSpace(lines[i+1]) == "" && i+2 < len(lines) && strings.HasPrefix(lines[i+2], "    ")) {
			i++
			text := strings.TrimPrefix(strings.TrimPrefix(lines[i], "    "), "\t")
			out = append(out, strings.TrimRight("> "+s.rewriteLinks(text, dir, path.Base(inDocs)), " "))
		}
	}
	p.newBody = []byte(strings.Join(out, "\n"))
}

// rewriteLinks makes a line's relative links to files other than pages
// start from the site's root.
func (s *site) rewriteLinks(line, dir, base string) string {
	return relLink.ReplaceAllStringFunc(line, func(m string) string {
		sm := relLink.FindStringSubmatch(m)
		dest := sm[2]
		file, rest, _ := strings.Cut(dest, "#")
		file, query, _ := strings.Cut(file, "?")
		if rest != "" {
			rest = "#" + rest
		}
		if query != "" {
			rest = "?" + query + rest
		}
		switch {
		case file == "" || strings.HasPrefix(dest, "/") || strings.Contains(dest, ":"):
			return m
		case isMarkdown(file):
			file = mdName(file)
			if path.Join(dir, file) == "index.md" {
				// The home page is content/_index.md.
				file = strings.TrimSuffix(file, "index.md") + "_index.md"
			}
			return sm[1] + file + rest + sm[3]
		case base == "index.md":
			// Published at its folder's URL, where relative paths
			// already mean what they meant.
			return m
		}
		return sm[1] + "/" + strings.TrimPrefix(path.Join(dir, file), "./") + rest + sm[3]
	})
}
