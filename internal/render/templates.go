// Package render turns a loaded site into output files: pages through
// html/template layouts, and the sitemap, feed, robots.txt, redirects and
// fingerprinted assets.
package render

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/site"
)

// Layout file names, relative to layouts/. Section-specific layouts
// (layouts/<section>/single.html, list.html) take precedence over _default.
const (
	baseofName   = "_default/baseof.html"
	homeName     = "index.html"
	singleName   = "_default/single.html"
	listName     = "_default/list.html"
	taxonomyName = "_default/taxonomy.html"
	termName     = "_default/term.html"
	treeName     = "decide/tree.html"
	nodeName     = "decide/node.html"
	mapName      = "decide/map.html"
	searchName   = "search.html"
	notFoundName = "404.html"
	partialsDir  = "partials/"
)

// Templates are a site's parsed layouts.
type Templates struct {
	byName map[string]*template.Template // layout name → template set to execute
	root   string
}

// layoutFile is the site-relative path of a layout. Templates are named by
// their path relative to layouts/, so a layout includes a partial with
// {{template "partials/head.html" .}}.
func layoutFile(name string) string { return site.LayoutsDir + "/" + name }

// LoadTemplates parses every layout under root/layouts. Problems are added
// to diags with file:line.
func LoadTemplates(root string, funcs template.FuncMap, diags *diag.List) *Templates {
	t := &Templates{byName: map[string]*template.Template{}, root: root}
	dir := filepath.Join(root, site.LayoutsDir)
	var shared, pages []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") || site.IgnoredName(d.Name()) {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == baseofName || strings.HasPrefix(rel, partialsDir) {
			shared = append(shared, rel)
		} else {
			pages = append(pages, rel)
		}
		return nil
	})
	if err != nil {
		diags.Add(site.LayoutsDir, 0, "cannot read layouts: "+err.Error())
		return t
	}
	sort.Strings(shared)
	sort.Strings(pages)
	base := template.New("").Funcs(funcs)
	ok := true
	for _, name := range shared {
		if !t.parse(base, name, diags) {
			ok = false
		}
	}
	if !ok {
		return t
	}
	for _, name := range pages {
		set, err := base.Clone()
		if err != nil {
			diags.Add(layoutFile(name), 0, "cannot prepare layout: "+err.Error())
			continue
		}
		if t.parse(set, name, diags) {
			t.byName[name] = set
		}
	}
	return t
}

func (t *Templates) parse(set *template.Template, name string, diags *diag.List) bool {
	file := layoutFile(name)
	src, err := os.ReadFile(filepath.Join(t.root, filepath.FromSlash(file)))
	if err != nil {
		diags.Add(file, 0, "cannot read layout: "+err.Error())
		return false
	}
	if _, err := set.New(name).Parse(string(src)); err != nil {
		diags.Add(TemplateError(err, file))
		return false
	}
	return true
}

var templateErr = regexp.MustCompile(`^(?:html/)?template: ([^:]+):(\d+):(?:(\d+):)? (.*)$`)

// TemplateError turns an html/template parse or execution error into a
// diagnostic naming the layout file and line.
func TemplateError(err error, fallback string) (string, int, string) {
	msg := err.Error()
	var te *template.Error
	if errors.As(err, &te) && te.Name != "" && te.Line > 0 {
		return layoutFile(te.Name), te.Line, "layout error: " + te.Description
	}
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		return layoutFile(m[1]), line, "layout error: " + m[4]
	}
	return fallback, 0, "layout error: " + msg
}

// For returns the template to execute for a page and the layout's file
// name, trying a section-specific layout before the default.
func (t *Templates) For(p *site.Page) (*template.Template, string, error) {
	var names []string
	section := ""
	if p.Parent != nil && p.Parent.File != "" {
		section = path.Base(path.Dir(p.Parent.File))
	}
	switch p.Kind {
	case site.KindHome:
		names = []string{homeName, listName}
	case site.KindSection:
		names = []string{section + "/list.html", listName}
		if p.File != "" {
			names[0] = path.Base(path.Dir(p.File)) + "/list.html"
		}
	case site.KindPage:
		if p.FM.Layout != "" {
			names = []string{p.FM.Layout + ".html"}
		}
		names = append(names, section+"/single.html", singleName)
	case site.KindTaxonomy:
		names = []string{taxonomyName}
	case site.KindTerm:
		names = []string{termName}
	case site.KindTree:
		names = []string{treeName}
	case site.KindNode:
		names = []string{nodeName}
	case site.KindMap:
		names = []string{mapName}
	case site.KindSearch:
		names = []string{searchName}
	case site.Kind404:
		names = []string{notFoundName}
	}
	for _, n := range names {
		if set := t.byName[n]; set != nil {
			return t.entry(set, n), n, nil
		}
	}
	what := string(p.Kind) + " page"
	if p.Kind == site.KindPage {
		what = "page"
	}
	return nil, "", errors.New("no layout for this " + what + ": create " + layoutFile(names[len(names)-1]))
}

// entry returns the template to execute: the page layout itself when it
// has content of its own, else the base layout it fills in with blocks.
func (t *Templates) entry(set *template.Template, name string) *template.Template {
	own := set.Lookup(name)
	if own != nil && own.Tree != nil && hasContent(own.Tree.Root) {
		return own
	}
	if b := set.Lookup(baseofName); b != nil {
		return b
	}
	return own
}

func hasContent(n *parse.ListNode) bool {
	if n == nil {
		return false
	}
	for _, c := range n.Nodes {
		if tn, ok := c.(*parse.TextNode); ok && len(bytes.TrimSpace(tn.Text)) == 0 {
			continue
		}
		return true
	}
	return false
}
