// Package layout turns a loaded site into output files: it parses the
// theme's html/template layouts and executes them for every page, with the
// functions layouts call (Funcs) and the fingerprinted assets they link
// (Assets), and writes the files no layout makes: the sitemap, feed,
// robots.txt and redirects of aliases.
package layout

import (
	"bytes"
	"errors"
	"html/template"
	"path"
	"regexp"
	"strconv"
	"strings"
	texttemplate "text/template"
	"text/template/parse"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/site"
	"github.com/guidepost/guidepost/internal/theme"
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
	byName  map[string]*template.Template // layout name → template set to execute
	base    *template.Template            // baseof.html and the partials, for partialCached
	files   map[string]theme.File         // layout name → the file it was read from
	sources map[string][]byte             // layout name → its text
	stack   *theme.Stack
}

// layoutFile is the site-relative path of a layout. Templates are named by
// their path relative to layouts/, so a layout includes a partial with
// {{template "partials/head.html" .}}.
func layoutFile(name string) string { return site.LayoutsDir + "/" + name }

// LoadTemplates parses the site's layouts: every .html file under layouts/
// in the site, its theme folder and the built-in theme, each name from
// the first that has it (see package theme). Problems are added to diags
// with file:line.
func LoadTemplates(stack *theme.Stack, funcs template.FuncMap, diags *diag.List) *Templates {
	t := &Templates{byName: map[string]*template.Template{}, files: map[string]theme.File{}, sources: map[string][]byte{}, stack: stack}
	files, err := stack.Files(site.LayoutsDir, stack.Layers)
	var links *theme.LinksError
	if errors.As(err, &links) {
		for _, l := range links.Links {
			diags.Add(l.Name, 1, l.Message())
		}
	} else if err != nil {
		diags.Add(site.LayoutsDir, 0, "cannot read layouts: "+err.Error())
		return t
	}
	var shared, pages []string
	for _, f := range files {
		if !strings.HasSuffix(f.Rel, ".html") {
			continue
		}
		name := strings.TrimPrefix(f.Rel, site.LayoutsDir+"/")
		src, err := f.Read()
		var link *theme.LinkError
		if errors.As(err, &link) {
			diags.Add(f.Name(), 1, link.Message())
			continue
		}
		if err != nil {
			diags.Add(f.Name(), 0, "cannot read layout: "+err.Error())
			continue
		}
		t.files[name], t.sources[name] = f, src
		if name == baseofName || strings.HasPrefix(name, partialsDir) {
			shared = append(shared, name)
		} else {
			pages = append(pages, name)
		}
	}
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
	t.base = base
	for _, name := range pages {
		set, err := base.Clone()
		if err != nil {
			diags.Add(t.fileName(name), 0, "cannot prepare layout: "+err.Error())
			continue
		}
		if t.parse(set, name, diags) {
			t.byName[name] = set
		}
	}
	return t
}

// Sources returns the text of every layout by name ("partials/head.html"),
// as parsed. Callers must not modify it.
func (t *Templates) Sources() map[string][]byte { return t.sources }

// fileName names a layout's file for authors: "layouts/x.html" for the
// site's own, with the theme's prefix for a theme's.
func (t *Templates) fileName(name string) string {
	if f, ok := t.files[name]; ok {
		return f.Name()
	}
	return layoutFile(name)
}

func (t *Templates) parse(set *template.Template, name string, diags *diag.List) bool {
	if _, err := set.New(name).Parse(string(t.sources[name])); err != nil {
		diags.Add(t.Error(err, t.fileName(name)))
		return false
	}
	return true
}

// Error turns an html/template parse or execution error into a diagnostic
// naming the layout file (with its theme) and line.
func (t *Templates) Error(err error, fallback string) (string, int, string) {
	file, line, msg := TemplateError(err, fallback)
	if name, ok := strings.CutPrefix(file, site.LayoutsDir+"/"); ok {
		file = t.fileName(name)
	}
	return file, line, msg
}

var templateErr = regexp.MustCompile(`^(?:html/)?template: ([^:]+):(\d+):(?:(\d+):)? (.*)$`)

// TemplateError turns an html/template parse or execution error into a
// diagnostic naming the layout file and line.
func TemplateError(err error, fallback string) (string, int, string) {
	msg := innermostExecError(err).Error()
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

// innermostExecError is the error of the innermost layout that failed:
// a partial that partialCached renders reports its own file and line,
// not those of the layout that called it.
func innermostExecError(err error) error {
	var exec texttemplate.ExecError
	for errors.As(err, &exec) {
		err = exec.Err
	}
	if exec.Err == nil {
		return err
	}
	return exec
}

// MissingLayoutError is the error of For for a page whose front matter
// names a layout that none of the site's layers has.
type MissingLayoutError struct {
	Name  string // as in the front matter
	Where string // the places it was looked for
}

func (e *MissingLayoutError) Error() string {
	return "layout " + strconv.Quote(e.Name) + ": there is no " + layoutFile(e.Name+".html") + " in " + e.Where +
		": create it, or remove `layout` to use the default"
}

// For returns the template to execute for a page and the layout's file
// name, trying the layout of the page's `type`, then the section's, before
// the default.
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
			name := p.FM.Layout + ".html"
			if set := t.byName[name]; set != nil {
				return t.entry(set, name), name, nil
			}
			if _, found := t.files[name]; !found {
				return nil, "", &MissingLayoutError{Name: p.FM.Layout, Where: t.stack.Describe()}
			}
		}
		if p.FM.Type != "" && p.FM.Type != section {
			// Hugo's content type: its layouts come before the section's.
			names = append(names, p.FM.Type+"/single.html")
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
	return nil, "", errors.New("no layout for this " + what + ": looked for " + layoutFile(names[0]) +
		" in " + t.stack.Describe() + ": create " + layoutFile(names[len(names)-1]))
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
