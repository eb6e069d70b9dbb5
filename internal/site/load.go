package site

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/guidepost/guidepost/internal/clock"
	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/frontmatter"
	"github.com/guidepost/guidepost/internal/markdown"
	"github.com/guidepost/guidepost/internal/parallel"
	"github.com/guidepost/guidepost/internal/theme"
)

// Options control loading.
type Options struct {
	Root    string    // the site folder
	BaseURL string    // overrides the config's base_url when set
	Drafts  bool      // include pages marked draft
	Now     time.Time // today, for review and publish dates; zero: clock.Now
	// Markdown returns the renderer for page bodies given the config's
	// options; when nil a new Renderer is made. Reusing one keeps its
	// highlight cache warm across builds.
	Markdown func(markdown.Options) *markdown.Renderer
	// Cache, when set, keeps unchanged files' work between loads (see Cache).
	Cache *Cache
}

// Content, layout and static folder names inside a site.
const (
	ContentDir = "content"
	LayoutsDir = "layouts"
	StaticDir  = "static"
)

// Load reads and checks the site at opts.Root. The returned diagnostics
// include warnings; the site is unusable when any diagnostic is an error.
func Load(opts Options) (*Site, diag.List) {
	var diags diag.List
	if opts.Now.IsZero() {
		opts.Now = clock.Now()
	}
	cfg := config.Load(opts.Root, &diags)
	s := &Site{Config: cfg, Root: opts.Root, Now: opts.Now, byFile: map[string]*Page{}, byURL: map[string]*Page{}, staticURLs: map[string]bool{}}
	s.Language = newLanguage(cfg, cfg.Language, true)
	s.Theme = Theme(opts.Root, cfg, &diags)
	s.setBaseURL(opts.BaseURL, &diags)
	if len(diags.Errors()) > 0 {
		// Every page is built with the config (base URL, menus, review
		// interval, raw HTML): with a broken one, the content's problems
		// would be knock-on errors of it. Report the config's alone.
		return s, diags
	}

	files, statics := opts.Cache.walk(opts.Root, &diags)
	s.Static = append(s.Static, statics...)
	s.Static = append(s.Static, s.themeStatic(&diags)...)
	if len(diags.Errors()) > 0 {
		// A folder or file that cannot be listed or read (or is refused:
		// a pipe, a link out of the site) leaves pages out, and every
		// link to them would be reported missing after it. Report the
		// cause alone.
		diags.Sort()
		return s, diags
	}
	docs := opts.Cache.parse(opts.Root, files, &diags)
	if len(files) == 0 {
		diags.Add(ContentDir, 0, noPages)
		return s, diags
	}
	if !s.buildContent(files, docs, opts.Drafts, &diags) {
		return s, diags
	}
	mdOpts := markdown.Options{AllowHTML: cfg.AllowHTML}
	md := markdown.New
	if opts.Markdown != nil {
		md = opts.Markdown
	}
	// Index URLs before rendering, so links written as URL paths
	// ("/about/") are rewritten with the base path of the site.
	s.index(&diags)
	s.keepPermalinks()
	s.checkThemeFiles(&diags)
	s.renderBodies(md(mdOpts), opts.Cache, &diags)
	if opts.Cache == nil {
		for _, p := range s.Pages {
			p.Body = nil
		}
	}
	s.checkLinks(&s.checks.links)
	diags = append(diags, s.checks.links...)
	if cfg.GitInfo {
		s.readGitInfo(&diags)
	}
	s.checkReviews(&diags)
	s.checkTranslations(&diags)
	s.checkTrees(&diags)
	diags.Sort()
	return s, diags
}

// noPages is the problem of a site without a page to publish.
const noPages = "the site has no pages: write a Markdown file such as content/_index.md (the home page) with a title"

// setBaseURL sets the site's address: the command line's (override),
// else the config's, else the default.
func (s *Site) setBaseURL(override string, diags *diag.List) {
	base := cmp.Or(override, s.Config.BaseURL, config.DefaultBaseURL)
	norm, err := config.NormalizeBaseURL(base)
	if err != nil {
		// A bad base_url in the config was reported when it was read; a
		// bad override comes from the command line, not from a file.
		if override != "" {
			diags.Add("--base-url", 0, err.Error())
		}
		norm = config.DefaultBaseURL
	}
	s.BaseURL = norm
	s.BasePath = basePath(norm)
}

// buildContent makes the pages of every language — content pages,
// sections, trees, taxonomies and the pages the build generates — and
// reports whether the site has any.
func (s *Site) buildContent(files []string, docs []*frontmatter.Document, drafts bool, diags *diag.List) bool {
	if s.Config.Multilingual() {
		s.loadLanguages(files, docs, drafts, diags)
	} else {
		s.buildPages(files, docs, drafts, diags)
		s.buildTrees(diags)
	}
	if s.Home == nil {
		diags.Add(ContentDir, 0, noPages)
		return false
	}
	if !s.Multilingual() {
		s.buildTaxonomies()
		s.addGenerated()
		return true
	}
	s.collectLanguages(func(v *Site) {
		v.buildTaxonomies()
		v.addGenerated()
	})
	s.linkTranslations(diags) // the generated pages too
	return true
}

// Theme returns the lookup order of the site's layouts and static files
// (see package theme), reporting a theme folder that cannot be used.
func Theme(root string, cfg *config.Config, diags *diag.List) *theme.Stack {
	stack, err := theme.New(root, cfg.Theme, IgnoredName)
	if err != nil {
		diags.Add(config.FileName, cfg.Lines["theme"], err.Error())
	}
	return stack
}

func basePath(baseURL string) string {
	rest := baseURL[strings.Index(baseURL, "://")+3:]
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		return rest[i:]
	}
	return "/"
}

// walkContent lists the Markdown files under content/ (site-relative,
// sorted) and the other files there, which are copied as they are.
func walkContent(root string, diags *diag.List) (md []string, other []StaticFile) {
	dir := filepath.Join(root, ContentDir)
	if _, err := os.Stat(dir); err != nil {
		diags.Add(ContentDir, 0, "no content folder: create "+ContentDir+"/ with an _index.md for the home page")
		return nil, nil
	}
	walk(root, ContentDir, diags, func(rel string) {
		if strings.HasSuffix(rel, ".md") {
			md = append(md, rel)
			return
		}
		other = append(other, StaticFile{Src: rel, URL: "/" + strings.TrimPrefix(rel, ContentDir+"/")})
	})
	return md, other
}

// themeStatic lists the static files of the site's themes that the site's
// own static/ and content/ files do not replace.
func (s *Site) themeStatic(diags *diag.List) []StaticFile {
	have := make(map[string]bool, len(s.Static))
	for _, f := range s.Static {
		have[f.URL] = true
	}
	files, err := s.Theme.Files(StaticDir, s.Theme.Themes())
	var links *theme.LinksError
	if errors.As(err, &links) {
		for _, l := range links.Links {
			diags.Add(l.Name, 1, l.Message())
		}
	} else if err != nil {
		diags.Add(StaticDir, 0, "cannot read the theme's static files: "+err.Error())
		return nil
	}
	var out []StaticFile
	for _, f := range files {
		u := "/" + strings.TrimPrefix(f.Rel, StaticDir+"/")
		if !have[u] {
			out = append(out, StaticFile{Src: f.Rel, URL: u, Theme: f.Layer})
		}
	}
	return out
}

func walkStatic(root string, diags *diag.List) []StaticFile {
	if _, err := os.Stat(filepath.Join(root, StaticDir)); err != nil {
		return nil
	}
	var out []StaticFile
	walk(root, StaticDir, diags, func(rel string) {
		out = append(out, StaticFile{Src: rel, URL: "/" + strings.TrimPrefix(rel, StaticDir+"/")})
	})
	return out
}

// walk calls fn for every regular file below root/sub in lexical order,
// skipping hidden files and editors' temporary files. Symbolic links to
// files inside the site are followed; links to folders are reported, which
// also stops loops, and so are links to files outside the site.
func walk(root, sub string, diags *diag.List, fn func(rel string)) {
	roots := []string{theme.ResolveRoot(root)}
	err := filepath.WalkDir(filepath.Join(root, sub), func(p string, d fs.DirEntry, err error) error {
		rel := relSlash(root, p)
		if err != nil {
			cause := err.Error()
			if u := errors.Unwrap(err); u != nil {
				cause = u.Error()
			}
			if d != nil && d.IsDir() {
				diags.Add(rel, 0, "cannot read folder: "+cause+" (check its permissions)")
				return fs.SkipDir
			}
			diags.Add(rel, 0, "cannot read: "+cause+" (check the file's permissions)")
			return nil
		}
		name := d.Name()
		if IgnoredName(name) && rel != sub {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if problem := nameProblem(name); problem != "" && rel != sub {
			diags.Add(rel, 0, problem)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p)
			if err != nil {
				diags.Add(rel, 1, "broken or looping symbolic link: remove it or point it at a file")
				return nil
			}
			if fi.IsDir() {
				diags.Add(rel, 1, "symbolic link to a folder is not followed: move the folder here or link its files one by one")
				return nil
			}
			// A link is followed only inside the site: one to /etc/passwd
			// would publish it.
			if target, ok, err := theme.Resolve(p, roots); err == nil && !ok {
				diags.Add(rel, 1, (&theme.LinkError{Name: rel, Target: target, Within: "the site"}).Message())
				return nil
			}
		}
		if d.IsDir() {
			return nil
		}
		if !isRegular(p, d) {
			diags.Add(rel, 1, "not a regular file (a named pipe, socket or device): remove it; only files and folders are built")
			return nil
		}
		fn(rel)
		return nil
	})
	if err != nil {
		diags.Add(sub, 0, "cannot read folder: "+err.Error())
	}
}

// isRegular reports whether the entry at p, or the file a symbolic link
// there points at, is a regular file: reading a named pipe would block the
// build forever.
func isRegular(p string, d fs.DirEntry) bool {
	if d.Type()&fs.ModeSymlink == 0 {
		return d.Type().IsRegular()
	}
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// IgnoredName reports whether a file or folder name is hidden or an
// editor's temporary or backup file, which builds and the watcher skip.
func IgnoredName(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".bck"), name == "4913",
		strings.HasPrefix(name, "jb_") && strings.HasSuffix(name, "___"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	return false
}

func relSlash(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// maxFileSize bounds a content file; larger files are reported, not read.
const maxFileSize = 8 << 20

func parseAll(root string, files []string, diags *diag.List) []*frontmatter.Document {
	docs := make([]*frontmatter.Document, len(files))
	per := make([]diag.List, len(files))
	parallel.For(len(files), func(i int) {
		_, docs[i] = parseFile(root, files[i], &per[i])
	})
	for _, l := range per {
		*diags = append(*diags, l...)
	}
	return docs
}

// buildPages makes a page of every content file and links sections.
func (s *Site) buildPages(files []string, docs []*frontmatter.Document, drafts bool, diags *diag.List) {
	pages, sections := s.newPages(files, docs, drafts, diags)
	if s.Home == nil && len(pages) > 0 {
		s.Home = s.generatedHome()
		sections[""] = s.Home
		pages = append([]*Page{s.Home}, pages...)
	}
	for _, p := range pages {
		p.Lastmod = lastmod(&p.FM)
		if p.Kind != KindHome {
			s.attach(p, sections, diags)
		}
	}
	for _, p := range pages {
		s.applyURL(p, diags)
	}
	for _, p := range pages {
		if len(p.Pages) > 0 {
			sortPages(p.Pages)
			s.linkPrevNext(p)
		}
		s.checkKindFields(p, diags)
	}
	s.Pages = pages
}

// newPages makes a page of every content file that is published (not a
// draft, not in the future or expired), and returns them with the
// sections by content-relative folder ("" for the home page).
func (s *Site) newPages(files []string, docs []*frontmatter.Document, drafts bool, diags *diag.List) ([]*Page, map[string]*Page) {
	sections := map[string]*Page{}
	var pages []*Page
	vocab := s.Config.Vocabulary()
	for i, f := range files {
		doc := docs[i]
		if s.hidden(&doc.FrontMatter, drafts) != "" {
			continue
		}
		rel := strings.TrimPrefix(s.langBase(f), ContentDir+"/")
		p := &Page{File: f, URL: s.Language.URL(contentURL(rel)), FM: doc.FrontMatter, Body: doc.Body, BodyLine: doc.BodyLine, Site: s, Kind: KindPage}
		s.applyFields(p, vocab, diags)
		if path.Base(rel) == "_index.md" {
			p.Kind = KindSection
			dir := path.Dir(rel)
			if dir == "." {
				dir = ""
				p.Kind = KindHome
				s.Home = p
			}
			sections[dir] = p
			if p.FM.Start != "" && p.Kind == KindSection {
				p.Kind = KindTree
			}
		}
		pages = append(pages, p)
		s.byFile[f] = p
	}
	return pages, sections
}

// attach makes a page a child of the nearest section above its file (a
// page of a tree section is one of its nodes).
func (s *Site) attach(p *Page, sections map[string]*Page, diags *diag.List) {
	rel := strings.TrimPrefix(s.langBase(p.File), ContentDir+"/")
	dir := path.Dir(rel)
	if p.Kind != KindPage {
		dir = path.Dir(dir) // a section's parent is above its own folder
	}
	for {
		if dir == "." {
			dir = ""
		}
		if sec := sections[dir]; sec != nil {
			p.Parent = sec
			break
		}
		if dir == "" {
			return
		}
		dir = path.Dir(dir)
	}
	if p.Parent.Kind == KindTree {
		if p.Kind != KindPage {
			diags.Add(p.File, 1, "a decision tree cannot contain sub-sections: move this folder out of "+path.Dir(p.Parent.File)+"/")
			return
		}
		p.Kind = KindNode
	}
	p.Parent.Pages = append(p.Parent.Pages, p)
}

// generatedHome returns the home page of a site without
// content/_index.md, as Hugo makes one: titled and summarised by the
// config; the home layout lists the site's sections.
func (s *Site) generatedHome() *Page {
	home := &Page{Kind: KindHome, URL: s.Language.URL("/"), Site: s}
	home.FM.Title = s.Config.Title
	home.FM.Summary = s.Config.Description
	return home
}

// linkPrevNext links consecutive regular pages of a section.
func (s *Site) linkPrevNext(sec *Page) {
	var prev *Page
	for _, p := range sec.Pages {
		if p.Kind != KindPage {
			continue
		}
		if prev != nil {
			prev.Next, p.Prev = p, prev
		}
		prev = p
	}
}

// checkKindFields reports decision-tree fields used outside trees.
func (s *Site) checkKindFields(p *Page, diags *diag.List) {
	fm := &p.FM
	if p.Kind != KindNode {
		for _, key := range []string{"options", "verdict", "safeguards", "help"} {
			if _, ok := fm.Lines[key]; ok {
				diags.Add(p.File, fm.Line(key), "`"+key+"` only applies to a node of a decision tree (a page in a folder whose _index.md sets `start`): remove it or move the page into a tree")
			}
		}
	}
	if p.Kind != KindTree && p.Kind != KindSection && p.Kind != KindHome {
		for _, key := range []string{"start", "scenarios"} {
			if _, ok := fm.Lines[key]; ok {
				diags.Add(p.File, fm.Line(key), "`"+key+"` only applies to a decision tree's _index.md: move it there")
			}
		}
	}
	if p.Kind == KindSection || p.Kind == KindHome {
		if _, ok := fm.Lines["scenarios"]; ok && fm.Start == "" {
			diags.Add(p.File, fm.Line("scenarios"), "scenarios need `start: <first question id>` in the same _index.md")
		}
	}
}
