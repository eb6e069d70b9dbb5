package importer

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/yamlx"
	"go.yaml.in/yaml/v3"
)

// hugoConfig returns the name of a Hugo site's configuration file in
// src, "" when it has none.
func hugoConfig(src string) string {
	for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml"} {
		if _, err := os.Stat(filepath.Join(src, name)); err == nil {
			return name
		}
	}
	return ""
}

// parseConfig reads a YAML or TOML configuration file of the source into
// a node tree; problems are report items.
func (s *site) parseConfig(name string) *yaml.Node {
	data, ok := s.readSource(name)
	if !ok {
		return nil
	}
	var diags diag.List
	d := &yamlx.Decoder{File: name, Diags: &diags}
	var n *yaml.Node
	if strings.HasSuffix(name, ".toml") {
		n = d.ParseTOML(data)
	} else {
		n = d.Parse(data)
	}
	for _, e := range diags {
		s.r.add(e.File, e.Line, e.Message)
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	return n
}

// each calls fn for every key of a mapping with its value and the key's
// line (the file's).
func each(n *yaml.Node, fn func(key string, v *yaml.Node, line int)) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		v := n.Content[i+1]
		if v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		fn(n.Content[i].Value, v, n.Content[i].Line)
	}
}

func (s *site) baseURL(file string, line int, u string) {
	norm, err := config.NormalizeBaseURL(u)
	if err != nil {
		if u != "" && u != "/" {
			s.r.add(file, line, "base URL "+quote(u)+" is not an absolute http(s) address: set base_url in guidepost.yaml")
		}
		return
	}
	s.cfg.BaseURL = norm
}

// hugo imports a Hugo site: its config, content/ and static/.
func (s *site) hugo() error {
	name := hugoConfig(s.src)
	cfg := s.parseConfig(name)
	each(cfg, func(key string, v *yaml.Node, line int) {
		switch strings.ToLower(key) {
		case "title":
			s.cfg.Title = v.Value
		case "baseurl":
			s.baseURL(name, line, v.Value)
		case "languagecode":
			s.cfg.Language = v.Value
		case "params":
			each(v, func(k string, pv *yaml.Node, l int) {
				if strings.ToLower(k) == "description" && pv.Kind == yaml.ScalarNode {
					s.cfg.Description = pv.Value
				} else {
					s.r.add(name, l, "params."+k+" is a setting of the old theme: not carried")
				}
			})
		case "taxonomies":
			s.taxonomies(name, v)
		case "menu", "menus":
			each(v, func(menu string, entries *yaml.Node, _ int) { s.hugoMenu(name, menu, entries) })
		case "defaultcontentlanguage", "languages":
			s.r.add(name, line, key+": guidepost builds one language for now; translationKey is kept in the pages")
		case "permalinks":
			s.r.add(name, line, "permalinks are not carried: pages are at their file's path (set url: or slug: in a page to move it)")
		case "theme":
			s.r.add(name, line, "theme "+quote(v.Value)+" is not carried: the site uses guidepost's built-in theme (see the README's Themes)")
		default:
			s.r.add(name, line, key+" is a Hugo setting with no guidepost equivalent: not carried")
		}
	})
	for _, dir := range []string{"layouts", "themes", "assets", "data", "i18n", "archetypes", "config"} {
		if fi, err := os.Stat(filepath.Join(s.src, dir)); err == nil && fi.IsDir() {
			s.r.add(dir+"/", 0, "Hugo's "+dir+"/ is not carried: guidepost has its own layouts and theme (see the README's Themes)")
		}
	}
	for _, rel := range s.walkFiles("static", nil) {
		s.copies[rel] = rel
	}
	for _, rel := range s.walkFiles("content", nil) {
		if !isMarkdown(rel) {
			if strings.HasSuffix(rel, ".html") || strings.HasSuffix(rel, ".adoc") || strings.HasSuffix(rel, ".org") || strings.HasSuffix(rel, ".rst") {
				s.r.add(rel, 0, "only Markdown pages are carried: convert this page to Markdown (it is left out)")
				continue
			}
			s.copies[rel] = rel // a bundle's image or file, beside its page
			continue
		}
		data, ok := s.readSource(rel)
		if !ok {
			continue
		}
		p := readPage(rel, mdName(rel), data, s.r)
		fallback := titleFromName(rel)
		if base := path.Base(rel); base == "_index.md" || base == "index.md" {
			fallback = titleFromName(path.Dir(rel))
			if path.Dir(rel) == "content" {
				fallback = s.cfg.Title
			}
		}
		s.commonFields(p, fallback)
		s.hugoBody(p)
		s.pages = append(s.pages, p)
	}
	return nil
}

// taxonomies translates Hugo's taxonomies (singular: plural).
func (s *site) taxonomies(file string, v *yaml.Node) {
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	each(v, func(singular string, plural *yaml.Node, line int) {
		name := strings.ToLower(plural.Value)
		if !regexp.MustCompile(`^[a-z][a-z0-9_-]*$`).MatchString(name) {
			s.r.add(file, line, "taxonomy "+quote(plural.Value)+" is not carried: its name must be lower-case letters, digits, - and _")
			return
		}
		out.Content = append(out.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: singular},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name})
	})
	s.cfg.Taxonomies = out
}

// hugoMenu translates one menu of Hugo's config.
func (s *site) hugoMenu(file, menu string, entries *yaml.Node) {
	if entries.Kind != yaml.SequenceNode {
		return
	}
	for _, e := range entries.Content {
		var m menuEntry
		each(e, func(k string, v *yaml.Node, line int) {
			switch strings.ToLower(k) {
			case "name":
				m.Name = v.Value
			case "url":
				m.URL = v.Value
			case "pageref":
				m.URL = "/" + strings.Trim(v.Value, "/") + "/"
				if m.URL == "//" {
					m.URL = "/"
				}
			case "weight":
				m.Weight, _ = strconv.Atoi(v.Value)
			case "identifier":
			default:
				s.r.add(file, line, "menu entry setting "+k+" is not carried (guidepost menus have name, url and weight)")
			}
		})
		if m.Name == "" || m.URL == "" {
			s.r.add(file, e.Line, "menu entry without a name or url: not carried")
			continue
		}
		if s.cfg.Menus == nil {
			s.cfg.Menus = map[string][]menuEntry{}
		}
		s.cfg.Menus[menu] = append(s.cfg.Menus[menu], m)
	}
	sort.SliceStable(s.cfg.Menus[menu], func(i, j int) bool { return s.cfg.Menus[menu][i].Weight < s.cfg.Menus[menu][j].Weight })
}

var (
	// hugoShortcode matches {{< name … >}} and {{% name … %}}.
	hugoShortcode = regexp.MustCompile(`\{\{[<%]\s*(/?)\s*([\w./-]+)[^}]*[>%]\}\}`)
	// hugoRef matches a link to {{< ref "file" >}} or relref.
	hugoRef = regexp.MustCompile(`\{\{[<%]\s*(?:rel)?ref\s+"([^"]+)"\s*[>%]\}\}`)
)

// hugoBody turns ref and relref shortcodes to a .md file into links to
// it, and reports every other shortcode.
func (s *site) hugoBody(p *page) {
	body := hugoRef.ReplaceAllStringFunc(string(p.body), func(m string) string {
		target := hugoRef.FindStringSubmatch(m)[1]
		file, frag, _ := strings.Cut(target, "#")
		if frag != "" {
			frag = "#" + frag
		}
		if file == "" {
			return frag
		}
		if !strings.HasSuffix(file, ".md") {
			return m
		}
		if strings.Contains(strings.TrimPrefix(file, "/"), "/") {
			return "/" + strings.TrimPrefix(file, "/") + frag // from content/
		}
		return file + frag // beside the page
	})
	if body != string(p.body) {
		p.newBody = []byte(body)
	}
	s.reportLines(p, []byte(body), hugoShortcode, func(m []string) string {
		if m[1] == "/" {
			return ""
		}
		return "Hugo shortcode " + m[2] + " is not carried: it shows as written; replace it with Markdown"
	})
}
