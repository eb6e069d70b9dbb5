// Package importer turns a Hugo, Jekyll or MkDocs site into a guidepost
// site in another folder: it translates the configuration, copies the
// pages with their front matter (converted where the tools differ) and
// the static files, and reports, as file:line items, what it could not
// carry. It only reads the source folder.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/frontmatter"
	"go.yaml.in/yaml/v3"
)

// Tool is the generator a source site was written for.
type Tool string

// The generators Import reads.
const (
	Hugo   Tool = "Hugo"
	Jekyll Tool = "Jekyll"
	MkDocs Tool = "MkDocs"
)

// Item is one thing the import could not carry, at its place in the
// source folder.
type Item struct {
	File    string // slash path relative to the source folder
	Line    int    // 0 for the whole file
	Message string
}

func (i Item) String() string {
	if i.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", i.File, i.Line, i.Message)
	}
	return i.File + ": " + i.Message
}

// Report is what an import did and could not do.
type Report struct {
	Tool   Tool
	Pages  int // Markdown pages written
	Files  int // other files copied
	Items  []Item
	Config string // the guidepost.yaml written
}

func (r *Report) add(file string, line int, msg string) {
	r.Items = append(r.Items, Item{File: file, Line: line, Message: msg})
}

// ReportName is the file in the new site that lists the report's items.
const ReportName = "IMPORT-REPORT.txt"

// site is the new site being assembled in memory.
type site struct {
	src    string
	files  map[string][]byte // new site path → content
	copies map[string]string // new site path → source path to copy
	pages  []*page
	cfg    outConfig
	extra  map[string]bool
	r      *Report
}

// outConfig is the guidepost.yaml the import writes.
type outConfig struct {
	Title       string                 `yaml:"title,omitempty"`
	Description string                 `yaml:"description,omitempty"`
	BaseURL     string                 `yaml:"base_url,omitempty"`
	Language    string                 `yaml:"language,omitempty"`
	Taxonomies  *yaml.Node             `yaml:"taxonomies,omitempty"`
	Menus       map[string][]menuEntry `yaml:"menus,omitempty"`
	FrontMatter *struct {
		Extra []string `yaml:"extra"`
	} `yaml:"front_matter,omitempty"`
}

type menuEntry struct {
	Name   string `yaml:"name"`
	URL    string `yaml:"url"`
	Weight int    `yaml:"weight,omitempty"`
}

// Detect says which generator the folder src was written for.
func Detect(src string) (Tool, error) {
	exists := func(name string) bool {
		_, err := os.Stat(filepath.Join(src, name))
		return err == nil
	}
	switch {
	case exists("mkdocs.yml") || exists("mkdocs.yaml"):
		return MkDocs, nil
	case exists("_config.yml") || exists("_config.yaml") || exists("_posts"):
		return Jekyll, nil
	case hugoConfig(src) != "":
		return Hugo, nil
	}
	return "", errors.New(src + " is not a Hugo (config.toml, hugo.toml, config.yaml), Jekyll (_config.yml) or MkDocs (mkdocs.yml) site: give the folder that holds its configuration file")
}

// Import reads the site in src and writes a guidepost site into dest,
// which must not exist or be empty, and must not be inside src (nor src
// inside it). src is only read.
func Import(src, dest string) (*Report, error) {
	tool, err := Detect(src)
	if err != nil {
		return nil, err
	}
	if err := checkDest(src, dest); err != nil {
		return nil, err
	}
	s := &site{src: src, files: map[string][]byte{}, copies: map[string]string{}, extra: map[string]bool{}, r: &Report{Tool: tool}}
	switch tool {
	case Hugo:
		err = s.hugo()
	case Jekyll:
		err = s.jekyll()
	case MkDocs:
		err = s.mkdocs()
	}
	if err != nil {
		return nil, err
	}
	s.finish()
	if err := s.write(dest); err != nil {
		return nil, err
	}
	return s.r, nil
}

// checkDest refuses a destination that holds anything, or that overlaps
// the source: the import never changes the source folder.
func checkDest(src, dest string) error {
	as, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	ad, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if rs, err := filepath.EvalSymlinks(as); err == nil {
		as = rs
	}
	if parent, err := filepath.EvalSymlinks(filepath.Dir(ad)); err == nil {
		ad = filepath.Join(parent, filepath.Base(ad))
	}
	within := func(a, b string) bool { // a is b or inside it
		rel, err := filepath.Rel(b, a)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	if within(ad, as) || within(as, ad) {
		return errors.New("the new site " + dest + " must be outside the source folder " + src + " (and not hold it): choose another --dest")
	}
	entries, err := os.ReadDir(dest)
	if err == nil && len(entries) > 0 {
		return errors.New(dest + " already exists and is not empty: the import writes into a new folder; remove it or choose another --dest")
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// finish checks every page as the new site will read it: keys that are
// no field of guidepost become the site's own (front_matter.extra), and
// problems left are reported. It then writes the pages and the config.
func (s *site) finish() {
	taxonomies := s.taxonomyNames()
	for _, p := range s.pages {
		out := p.bytes()
		var diags diag.List
		doc := frontmatter.ParseOpen(p.dest, out, &diags)
		for _, u := range doc.FrontMatter.Unknown {
			if !slices.Contains(taxonomies, u.Key) {
				s.extra[u.Key] = true
			}
		}
		if len(diags) > 0 {
			s.r.add(p.src, 0, "check reports in the new site: "+diags[0].Message)
		}
		s.files[p.dest] = out
		s.r.Pages++
	}
	if len(s.extra) > 0 {
		keys := make([]string, 0, len(s.extra))
		for k := range s.extra {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		s.cfg.FrontMatter = &struct {
			Extra []string `yaml:"extra"`
		}{keys}
	}
	s.r.Files = len(s.copies)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&s.cfg); err != nil {
		panic("importer: marshal config: " + err.Error()) // fixed types only
	}
	data := buf.Bytes()
	if string(data) == "{}\n" {
		data = nil
	}
	head := "# Written by `guidepost import` from a " + string(s.r.Tool) + " site. Every key is explained in the\n# README's \"Site configuration\"; what could not be carried is in " + ReportName + ".\n"
	s.r.Config = head + string(data)
	s.files[config.FileName] = []byte(s.r.Config)
	sort.SliceStable(s.r.Items, func(i, j int) bool {
		if s.r.Items[i].File != s.r.Items[j].File {
			return s.r.Items[i].File < s.r.Items[j].File
		}
		return s.r.Items[i].Line < s.r.Items[j].Line
	})
	var b strings.Builder
	fmt.Fprintf(&b, "Imported from a %s site: %d pages, %d other files.\n", s.r.Tool, s.r.Pages, s.r.Files)
	if len(s.r.Items) == 0 {
		b.WriteString("Everything was carried over.\n")
	} else {
		fmt.Fprintf(&b, "Not carried over (%d), by file and line in the source folder:\n", len(s.r.Items))
		for _, it := range s.r.Items {
			b.WriteString(it.String() + "\n")
		}
	}
	s.files[ReportName] = []byte(b.String())
}

// taxonomyNames are the taxonomies the new site will have.
func (s *site) taxonomyNames() []string {
	if s.cfg.Taxonomies == nil {
		var out []string
		for _, t := range config.DefaultTaxonomies {
			out = append(out, t.Plural)
		}
		return out
	}
	var out []string
	for i := 1; i < len(s.cfg.Taxonomies.Content); i += 2 {
		out = append(out, s.cfg.Taxonomies.Content[i].Value)
	}
	return out
}

// write writes the new site into dest, through a temporary folder that
// is renamed into place, so that a failure leaves no half site.
func (s *site) write(dest string) error {
	parent := filepath.Dir(filepath.Clean(dest))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, ".guidepost-import-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	put := func(name string, data []byte) error {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	for name, data := range s.files {
		if err := put(name, data); err != nil {
			return err
		}
	}
	for name, from := range s.copies {
		if _, dup := s.files[name]; dup {
			continue
		}
		data, err := os.ReadFile(filepath.Join(s.src, filepath.FromSlash(from)))
		if err != nil {
			return fmt.Errorf("read %s: %w", from, err)
		}
		if err := put(name, data); err != nil {
			return err
		}
	}
	if err := os.Remove(dest); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err // not empty after all
	}
	if err := os.Rename(tmp, dest); err != nil {
		return err
	}
	ok = true
	return nil
}

// walkFiles lists the regular files below src/sub (slash paths relative
// to src, sorted), skipping hidden ones and, when skip says so, others.
func (s *site) walkFiles(sub string, skip func(rel string, dir bool) bool) []string {
	var out []string
	root := filepath.Join(s.src, filepath.FromSlash(sub))
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(s.src, p)
		rel = filepath.ToSlash(rel)
		if p != root && (strings.HasPrefix(d.Name(), ".") || (skip != nil && skip(rel, d.IsDir()))) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			out = append(out, rel)
		}
		return nil
	})
	return out
}

// readSource reads a source file; a file that cannot be read is
// reported and skipped.
func (s *site) readSource(rel string) ([]byte, bool) {
	data, err := os.ReadFile(filepath.Join(s.src, filepath.FromSlash(rel)))
	if err != nil {
		s.r.add(rel, 0, "cannot be read ("+err.Error()+"): it is left out")
		return nil, false
	}
	return data, true
}

// commonFields converts what every tool's pages share: a layout of the
// old theme, a missing title.
func (s *site) commonFields(p *page, fallbackTitle string) {
	if l := p.str("layout"); l != "" || p.get("layout") != nil {
		p.drop["layout"] = true
		s.r.add(p.src, p.line("layout"), "layout "+quote(l)+" of the old theme is not carried: the page uses guidepost's layout (removed)")
	}
	if p.str("title") == "" && !p.has("title") {
		p.add("title", fallbackTitle)
	}
	for _, key := range []string{"menu", "menus"} {
		if p.get(key) != nil {
			s.pageMenu(p, key)
		}
	}
}

// pageMenu turns a page's Hugo menu entry (menu: main, [main, footer] or
// {main: {weight: 2, name: …}}) into an entry of the new config's menus.
func (s *site) pageMenu(p *page, key string) {
	v := p.get(key)
	p.drop[key] = true
	name := p.str("linkTitle")
	if name == "" {
		name = p.str("title")
	}
	if name == "" {
		for _, a := range p.adds {
			if a.key == "title" {
				name, _ = a.value.(string)
			}
		}
	}
	url := "/" + strings.TrimPrefix(p.dest, "content/")
	addTo := func(menu string, e *yaml.Node) {
		entry := menuEntry{Name: name, URL: url}
		if e != nil && e.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(e.Content); i += 2 {
				switch e.Content[i].Value {
				case "name":
					entry.Name = e.Content[i+1].Value
				case "weight":
					fmt.Sscan(e.Content[i+1].Value, &entry.Weight)
				}
			}
		}
		if s.cfg.Menus == nil {
			s.cfg.Menus = map[string][]menuEntry{}
		}
		s.cfg.Menus[menu] = append(s.cfg.Menus[menu], entry)
	}
	switch v.Kind {
	case yaml.ScalarNode:
		addTo(v.Value, nil)
	case yaml.SequenceNode:
		for _, c := range v.Content {
			addTo(c.Value, nil)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(v.Content); i += 2 {
			addTo(v.Content[i].Value, v.Content[i+1])
		}
	}
	s.r.add(p.src, p.line(key), "the page's `"+key+"` entry moved to menus in guidepost.yaml")
}

func quote(s string) string { return `"` + s + `"` }

// titleFromName makes a title of a file name: "my-first-post" → "My
// first post".
func titleFromName(name string) string {
	name = strings.TrimSuffix(path.Base(name), path.Ext(name))
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if name == "" {
		return "Untitled"
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

// reportLines adds an item for every line of body that matches re (code
// blocks included: they are shown as written, which may be wanted).
func (s *site) reportLines(p *page, body []byte, re *regexp.Regexp, msg func(match []string) string) {
	for i, l := range strings.Split(string(body), "\n") {
		for _, m := range re.FindAllStringSubmatch(l, -1) {
			if text := msg(m); text != "" {
				s.r.add(p.src, p.bodyLine+i, text)
			}
		}
	}
}

// isMarkdown reports whether a file name is a Markdown page.
func isMarkdown(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn":
		return true
	}
	return false
}

// mdName is a Markdown file's name in the new site, which reads .md.
func mdName(name string) string {
	return strings.TrimSuffix(name, path.Ext(name)) + ".md"
}
