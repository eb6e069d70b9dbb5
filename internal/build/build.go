// Package build runs the whole pipeline: load and check a site, render its
// pages and generated files, and publish them atomically (Build), or keep
// them in memory (Render). Incremental builds a site again and again in
// memory for the dev server, redoing only what an edit invalidates (see
// docs/architecture.md).
package build

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/engine"
	"github.com/guidepost/guidepost/internal/layout"
	"github.com/guidepost/guidepost/internal/markdown"
	"github.com/guidepost/guidepost/internal/publish"
	"github.com/guidepost/guidepost/internal/search"
	"github.com/guidepost/guidepost/internal/site"
)

// Options control a build.
type Options struct {
	// Context stops the build when done (Ctrl-C): the build then returns
	// its error, wrapped in ErrInterrupted, and leaves the output as it
	// was. nil never stops.
	Context context.Context
	Source  string // site folder
	Dest    string // output folder; ignored when CheckOnly
	BaseURL string // overrides the config's base_url
	Drafts  bool
	// CheckOnly runs every stage, templates included, but writes nothing.
	CheckOnly bool
	Now       time.Time
	// HighlightCache is the persistent cache of highlighted code blocks
	// (markdown.DefaultHighlightCache); nil is none. The caller saves what
	// a build added to it (HighlightCache.Flush).
	HighlightCache *markdown.HighlightCache
	// Minify publishes stylesheets and scripts minified (layout.Minify).
	Minify bool
	// Precompress writes a .br and a .gz copy beside every text file of
	// the output, and a _headers file giving fingerprinted files a year's
	// cache (see precompress).
	Precompress bool
	// SearchWorkers bounds the goroutines that build the search index;
	// 0 means one per core. The dev server leaves a core to the rebuilds
	// of edits made while the index is rebuilt.
	SearchWorkers int
	// GCPercent, when above 0, is the garbage collector's target
	// (debug.SetGCPercent) once the site is loaded, restored after the
	// build; IndexGCPercent, when above 0, is its target while the
	// generators run. A build's live heap is mostly the site, held to the
	// end, and the search index's working memory is short-lived and comes
	// on top of it, so lower targets than Go's 100 trade a little CPU time
	// for less peak memory. Both apply only to a site of TunedGCPages
	// pages or more (all languages counted): a small site's heap is a few
	// megabytes, and a low target there makes the collector run every
	// megabyte or so (a 6-page build did nine collections). They are
	// process-wide: a program that builds one site at a time (the CLI)
	// sets them, the dev server does not.
	GCPercent, IndexGCPercent int
	// WroteDest, when not nil, reports whether guidepost wrote Dest
	// although it holds no publish.Marker (the output of a guidepost older
	// than the marker, recognised by the record of its last build). A
	// non-empty Dest is replaced only when it has the marker or WroteDest
	// says so.
	WroteDest func() bool
}

// Result describes a build.
type Result struct {
	Site     *site.Site
	Pages    int
	Files    int
	Duration time.Duration
	// Diags holds every problem found, warnings included.
	Diags diag.List
	// Replaced lists the generated files that static files of the site
	// took the place of, for a note to the author.
	Replaced []layout.Replacement
}

// ErrInterrupted wraps the error of a build whose Context was done.
var ErrInterrupted = errors.New("build interrupted")

// ctx returns the build's context.
func (o Options) ctx() context.Context {
	if o.Context == nil {
		return context.Background()
	}
	return o.Context
}

// interrupted returns the error of a build whose context is done, or nil.
func interrupted(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrInterrupted, err)
	}
	return nil
}

// ErrFailed is returned (wrapped with the diagnostics) when the site has errors.
var ErrFailed = errors.New("build failed")

// Failure is the error of a build that found problems in the site.
type Failure struct{ Diags diag.List }

func (f *Failure) Error() string { return f.Diags.Errors().Error() }

// Unwrap lets errors.Is(err, ErrFailed) match.
func (f *Failure) Unwrap() error { return ErrFailed }

// Builder builds a site repeatedly, keeping caches (highlighted code,
// parsed templates' functions) warm between builds.
type Builder struct {
	md        map[markdown.Options]*markdown.Renderer
	funcs     *layout.Funcs
	highlight *markdown.HighlightCache // Options.HighlightCache of the build running
	mu        sync.Mutex
}

// New returns a Builder.
func New() *Builder { return &Builder{funcs: &layout.Funcs{}} }

// Build builds the site once with a fresh Builder.
func Build(opts Options) (*Result, error) { return New().Build(opts) }

// Build loads, checks and renders the site. Pages are written as they are
// rendered into a temporary folder that replaces opts.Dest only when
// nothing failed; with CheckOnly nothing is written.
func (b *Builder) Build(opts Options) (*Result, error) {
	start := time.Now()
	if opts.CheckOnly {
		res, err := b.run(opts, discard{}, nil)
		res.Duration = time.Since(start)
		return res, err
	}
	if err := checkDest(opts.Source, opts.Dest); err != nil {
		return &Result{}, err
	}
	dir, err := publish.BeginWith(opts.Dest, publish.Options{Wrote: opts.WroteDest})
	if err != nil {
		return &Result{}, err
	}
	var out layout.Sink = dir
	if opts.Precompress {
		out = precompress{dir}
	}
	w := newStream(out)
	res, err := b.run(opts, w, func(s *site.Site, a *layout.Assets) error {
		if err := copyAssets(a, opts.Source, w); err != nil {
			return err
		}
		// The writers hold what they have yet to write; the pages need
		// only the assets' URLs.
		a.Release()
		if _, err := a.URL(HeadersName); opts.Precompress && err != nil { // a site's own _headers wins
			return w.WriteFile(HeadersName, headersFile(s.BasePath, a.URLs()))
		}
		return nil
	})
	if werr := w.Close(); err == nil {
		err = werr
	}
	if err == nil {
		err = dir.Commit()
	}
	if err != nil {
		dir.Abort()
		return res, err
	}
	res.Duration = time.Since(start)
	return res, nil
}

// Render runs the pipeline in memory and returns the output files. The
// error is a *Failure when the site has problems.
func (b *Builder) Render(opts Options) (*Result, *Files, error) {
	files := &Files{root: opts.Source}
	res, err := b.run(opts, files, func(_ *site.Site, a *layout.Assets) error { files.assets = a; return nil })
	if err != nil {
		return res, nil, err
	}
	return res, files, nil
}

// run loads and checks the site, runs every generator (the search index
// first uses every core, and its working memory is collected before the
// pages render), hands the complete asset table to withAssets (which may
// publish and release it, so the pages render without the generated files
// in memory) and renders the pages into sink. The error is a *Failure when
// the site has problems.
func (b *Builder) run(opts Options, sink layout.Sink, withAssets func(*site.Site, *layout.Assets) error) (*Result, error) {
	b.mu.Lock()
	b.highlight = opts.HighlightCache
	defer b.mu.Unlock()
	res := &Result{}
	counted := &countingSink{Sink: sink}
	sink = counted
	// The target applies from the start, as the pages' Markdown is
	// rendered while the site loads; a small site gets the previous one
	// back once its size is known.
	untuneGC := func() {}
	if opts.GCPercent > 0 {
		prev := debug.SetGCPercent(opts.GCPercent)
		untuneGC = func() { debug.SetGCPercent(prev) }
		defer untuneGC()
	}
	s, diags := site.Load(site.Options{Root: opts.Source, BaseURL: opts.BaseURL, Drafts: opts.Drafts, Now: opts.Now, Markdown: b.renderer})
	res.Site = s
	res.Diags = diags
	if err := interrupted(opts.ctx()); err != nil {
		return res, err
	}
	if len(diags.Errors()) > 0 {
		return res, &Failure{Diags: res.Diags}
	}
	large := len(s.Pages) >= tunedGCPages
	if !large {
		untuneGC()
	}
	tmpl := layout.LoadTemplates(s.Theme, b.funcs.Map(), &res.Diags)
	generated := runGenerators(s, opts, large, &res.Diags)
	if err := interrupted(opts.ctx()); err != nil {
		return res, err
	}
	assets := layout.NewAssetsWith(s, generated, &res.Diags, layout.AssetOptions{Minify: opts.Minify})
	if len(res.Diags.Errors()) > 0 {
		res.Diags.Sort()
		return res, &Failure{Diags: res.Diags}
	}
	if withAssets != nil {
		if err := withAssets(s, assets); err != nil {
			return res, err
		}
	}
	// The search index's working memory (240 MB at 10k pages, as much as
	// the site itself) is garbage now. Collected before the pages render,
	// it no longer sets the heap goal, which is twice the live heap: peak
	// memory follows the site, not site and index together.
	runtime.GC()
	pageDiags, err := b.funcs.AllPages(opts.ctx(), s, assets, tmpl, sink, layout.PageOptions{Timeout: s.Config.RenderTimeout, Replaces: assets.Replaces})
	if err != nil {
		return res, interrupted(opts.ctx())
	}
	res.Diags = append(res.Diags, pageDiags...)
	res.Diags = append(res.Diags, layout.Aliases(s, sink)...)
	for name, data := range siteFiles(s) {
		if assets.Replaces(name) {
			continue // the site's own file is published instead
		}
		if err := sink.WriteFile(name, data); err != nil {
			res.Diags.Add(name, 0, "cannot write output: "+err.Error())
		}
	}
	res.Diags.Sort()
	if len(res.Diags.Errors()) > 0 {
		return res, &Failure{Diags: res.Diags}
	}
	res.Pages = len(s.Pages)
	res.Files = int(counted.n.Load()) + len(assets.URLs())
	res.Replaced = assets.Replaced()
	return res, nil
}

// TunedGCPages is the number of pages from which a build applies
// Options.GCPercent and IndexGCPercent.
const TunedGCPages = 500

// tunedGCPages is TunedGCPages, lowered by tests.
var tunedGCPages = TunedGCPages

// runGenerators runs every generator, with the garbage collector's
// target at opts.IndexGCPercent meanwhile when set and the site is
// large, and returns their files by logical name.
func runGenerators(s *site.Site, opts Options, large bool, diags *diag.List) map[string][]byte {
	if large && opts.IndexGCPercent > 0 {
		defer debug.SetGCPercent(debug.SetGCPercent(opts.IndexGCPercent))
	}
	generated := map[string][]byte{}
	for _, g := range generators {
		out, gdiags := g.run(s, opts.SearchWorkers)
		maps.Copy(generated, out)
		*diags = append(*diags, gdiags...)
	}
	return generated
}

// siteFiles are the files a build writes besides pages and assets: the
// sitemap, robots.txt and each language's feed.
func siteFiles(s *site.Site) map[string][]byte {
	out := map[string][]byte{"sitemap.xml": layout.Sitemap(s), "robots.txt": layout.Robots(s)}
	for _, v := range s.Langs() {
		out[v.Language.Prefix+"feed.xml"] = layout.Feed(v)
	}
	return out
}

// renderer returns the Builder's Markdown renderer for opts, made once per
// distinct options so its highlight cache survives rebuilds.
func (b *Builder) renderer(opts markdown.Options) *markdown.Renderer {
	if opts.HighlightCache == nil {
		opts.HighlightCache = b.highlight
	}
	if b.md == nil {
		b.md = map[markdown.Options]*markdown.Renderer{}
	}
	r := b.md[opts]
	if r == nil {
		r = markdown.New(opts)
		b.md[opts] = r
	}
	return r
}

// generators make the files the build makes besides pages, by logical
// name: the syntax-highlighting stylesheet, the stylesheet of the colours
// guidepost.yaml sets, each tree's JSON and, when the site has a tree, the
// decision engine embedded in the binary (decide/engine.wasm, package
// engine) with js/wasm_exec.js; and the search index under search/
// (package search). Each names what it reads (see generator): the dev
// server reruns only those whose sources changed.
var generators = []generator{
	{"syntax", readsConfig, false, syntaxCSS},
	{"colors", readsConfig, false, colorsCSS},
	{"trees", readsContent, false, treeJSON},
	{"engine", readsContent, false, engineWasm},
	{"search", readsContent, true, searchIndex},
}

// colorsCSS writes css/colors.css, the colours guidepost.yaml sets over
// the theme's, when it sets any (the theme's head links it then).
func colorsCSS(s *site.Site, out map[string][]byte, _ *diag.List, _ int) {
	if css := layout.ColorsCSS(s.Config.Colors); css != nil {
		out["css/colors.css"] = css
	}
}

func syntaxCSS(s *site.Site, out map[string][]byte, diags *diag.List, _ int) {
	css, err := markdown.StyleCSS(s.Config.HighlightLight, s.Config.HighlightDark)
	if err != nil {
		diags.Add("guidepost.yaml", s.Config.Lines["highlight"], "highlight style: "+err.Error()+" (see https://xyproto.github.io/splash/docs/ for style names)")
	} else {
		out["css/syntax.css"] = css
	}
}

func treeJSON(s *site.Site, out map[string][]byte, diags *diag.List, _ int) {
	for _, v := range s.Langs() {
		for _, t := range v.Trees {
			data, err := json.Marshal(t)
			if err != nil {
				diags.Add(t.Pos.File, 0, fmt.Sprintf("cannot encode tree: %v", err))
				continue
			}
			out[v.Language.Prefix+"decide/"+t.ID+"/tree.json"] = data
		}
	}
}

// engineWasm publishes the decision engine embedded in the binary (see
// package engine) when the site has a tree.
func engineWasm(s *site.Site, out map[string][]byte, _ *diag.List, _ int) {
	if len(s.Trees) > 0 {
		out["decide/engine.wasm"] = engine.Wasm()
		out["js/wasm_exec.js"] = engine.WasmExec()
	}
}

func searchIndex(s *site.Site, out map[string][]byte, diags *diag.List, workers int) {
	for _, v := range s.Langs() {
		idx, err := search.Build(search.Docs(v, workers), search.Options{Name: layout.Fingerprint, Workers: workers, Language: v.Language.Code})
		if err != nil {
			diags.Add(site.ContentDir, 0, "cannot build the search index: "+err.Error())
			continue
		}
		for name, data := range idx.Files {
			out[v.Language.Prefix+SearchDir+name] = data
		}
	}
}

// SearchDir is the folder of the search index; its manifest is
// SearchDir+search.ManifestName, which layouts find with the asset function.
const SearchDir = "search/"

// Files is a build's output held in memory until written.
type Files struct {
	root   string
	assets *layout.Assets
	mu     sync.Mutex
	files  map[string][]byte
}

// WriteFile stores a file; it implements layout.Sink.
func (f *Files) WriteFile(name string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.files == nil {
		f.files = map[string][]byte{}
	}
	f.files[name] = data
	return nil
}

// Get returns a rendered file (page, feed, asset) by output path.
func (f *Files) Get(name string) ([]byte, bool) {
	f.mu.Lock()
	data, ok := f.files[name]
	f.mu.Unlock()
	if ok {
		return data, true
	}
	for _, u := range f.assets.URLs() {
		if u[1:] == name {
			data, err := f.assets.Content(f.root, u)
			return data, err == nil
		}
	}
	return nil, false
}

// WriteTo writes every file to sink, several at a time: writing thousands
// of small files is bound by system calls, not by one CPU.
func (f *Files) WriteTo(sink layout.Sink) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	w := newStream(sink)
	for name, data := range f.files {
		w.WriteFile(name, data)
	}
	err := copyAssets(f.assets, f.root, w)
	if werr := w.Close(); err == nil {
		err = werr
	}
	return err
}

// checkDest refuses an output folder whose replacement would delete the
// site's sources: the site folder, a folder holding it, or a folder in its
// content/, layouts/ or static/. Both paths are compared as the system
// resolves them, symbolic links followed, so a site reached through a link
// (or a --dest reached through one) is recognised all the same.
func checkDest(source, dest string) error {
	src, err := resolve(source)
	if err != nil {
		return fmt.Errorf("site folder %s: %w", source, err)
	}
	dst, err := resolve(dest)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", dest, err)
	}
	if within(dst, src) {
		return fmt.Errorf("output folder %s holds the site's sources (%s), which the build would delete: choose another --dest such as %s", dest, src, filepath.Join(source, "public"))
	}
	for _, sub := range []string{site.ContentDir, site.LayoutsDir, site.StaticDir} {
		dir, err := resolve(filepath.Join(src, sub))
		if err != nil {
			return fmt.Errorf("site folder %s: %w", source, err)
		}
		if within(dir, dst) {
			return fmt.Errorf("output folder %s is inside the site's %s/ folder, which the build would overwrite: choose another --dest such as %s", dest, sub, filepath.Join(source, "public"))
		}
	}
	return nil
}

// resolve returns the absolute path p names once every symbolic link in it
// is followed. For a path that does not exist yet (a new --dest), its
// deepest existing folder is resolved and the rest appended, which is
// where the build would create it. The path is first cleaned as
// filepath.Abs does, as publish.Begin uses it.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || dir == filepath.Dir(dir) {
			return "", err
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// within reports whether p is dir or a path below it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}
