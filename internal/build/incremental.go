package build

import (
	"context"
	"hash/maphash"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/layout"
	"github.com/guidepost/guidepost/internal/site"
)

// Changes says what changed in a site's sources since the last build.
type Changes struct {
	// Files are the site-relative, slash-separated paths of files and
	// folders that changed, appeared or disappeared.
	Files []string
	// All is set when anything may have changed, e.g. after the watcher
	// lost events: the build starts again from scratch.
	All bool
}

// Update is what an Incremental build produced.
type Update struct {
	Result *Result
	// Output is the whole site after the build.
	Output *Output
	// Pages lists the URL paths (with the site's base path) of the pages
	// whose HTML changed, appeared or disappeared, sorted.
	Pages []string
	// Rendered is how many pages were rendered.
	Rendered int
	// Moved maps the old URL path of each asset whose URL changed (a
	// stylesheet, a script, a generated file) to its new one; pages
	// showing it changed too, without being listed in Pages.
	Moved map[string]string
	// Static is set when a file published under its own name, such as an
	// image, may have changed.
	Static bool
	// Full is set when every page was rendered.
	Full bool
	// Pending is set when slow generated files (the search index) are
	// still those of an earlier build: Finish brings them up to date.
	Pending bool
	// Generated names the slow generators whose files Finish changed
	// ("search").
	Generated []string
	// Seq numbers the updates of an Incremental in the order they were
	// made, failed ones included, so that a caller applying updates from
	// several goroutines can drop an outdated one.
	Seq uint64
}

// Incremental builds a site in memory again and again, redoing only what
// the changes it is told about touch: it reads only changed files, renders
// Markdown only when a body or a link target changed, renders only the
// pages whose key changed (see keyer) and reruns only the generators whose
// sources changed. After Rebuild and Finish its output equals a full
// Render's.
//
// Methods may be called from several goroutines; builds run one at a time.
type Incremental struct {
	opts Options

	mu       sync.Mutex
	builder  *Builder // Markdown renderers
	cache    *site.Cache
	funcs    *layout.Funcs
	seed     maphash.Seed
	tmpl     *layout.Templates
	tmplDiag diag.List
	layouts  map[string]uint64 // layout name → key of its sources
	config   uint64            // key of guidepost.yaml

	gen        map[string]map[string][]byte // generator → its files
	genDiag    map[string]diag.List         // generator → its problems
	stale      map[string]bool              // generators whose sources changed since they ran
	genVersion uint64                       // counts changes of generated files
	builds     uint64                       // counts builds, so Finish drops outdated work
	seq        uint64                       // numbers updates (Update.Seq)
	failed     bool                         // the last build failed
	published  bool                         // a file published under its own name changed since the last good build

	last *state // the last good build

	// duringFinish, when set (by tests), runs in Finish once its
	// generators are done, before it takes the lock again.
	duringFinish func()
}

// state is a good build.
type state struct {
	site  *site.Site
	keys  *layered[uint64]  // page output path → key
	urls  map[string]string // page output path → URL path with base path
	out   *Output
	table *assetTable
	// genVersion is the Incremental's genVersion the assets were made with.
	genVersion uint64
	// diags are the site's own diagnostics, as site.Load reported them.
	diags diag.List
}

// NewIncremental returns an Incremental build of the site opts.Source.
// Dest and CheckOnly are ignored.
func NewIncremental(opts Options) *Incremental {
	builder := New()
	builder.highlight = opts.HighlightCache
	return &Incremental{opts: opts, builder: builder, cache: site.NewCache(), funcs: &layout.Funcs{}, seed: maphash.MakeSeed(),
		gen: map[string]map[string][]byte{}, genDiag: map[string]diag.List{}, stale: map[string]bool{}}
}

// Rebuild builds the site after changes. The first call builds everything.
// When the site has problems the error is a *Failure and the last good
// Output stays current.
func (b *Incremental) Rebuild(ch Changes) (*Update, error) {
	return b.RebuildContext(context.Background(), ch)
}

// RebuildContext is Rebuild that stops when ctx is done, as when a newer
// save supersedes the changes: the error then wraps ErrInterrupted, the
// last good Output stays current, and the next build redoes the work.
// The caller must pass that build the interrupted build's changes too.
func (b *Incremental) RebuildContext(ctx context.Context, ch Changes) (*Update, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if up := b.unchanged(ch); up != nil {
		return up, nil
	}
	return b.rebuild(ctx, ch, false)
}

// unchanged returns the last good build's output as an Update when ch
// says nothing changed since it: loading the site again would only find
// the same files (the watcher reports every change), and on a big site
// that costs as much as a real edit. It returns nil when a build is
// needed.
func (b *Incremental) unchanged(ch Changes) *Update {
	if b.last == nil || b.failed || b.published || ch.All || len(ch.Files) > 0 {
		return nil
	}
	start := time.Now()
	b.seq++
	res := &Result{Site: b.last.site, Pages: len(b.last.site.Pages), Files: b.last.out.count()}
	res.Diags = append(append(res.Diags, b.last.diags...), b.tmplDiag...)
	for _, g := range generators {
		res.Diags = append(res.Diags, b.genDiag[g.name]...)
	}
	res.Diags.Sort()
	res.Duration = time.Since(start)
	return &Update{Result: res, Output: b.last.out, Seq: b.seq, Pending: b.pendingSlow()}
}

// rebuild is Rebuild with b.mu held; renderAll renders every page.
func (b *Incremental) rebuild(ctx context.Context, ch Changes, renderAll bool) (up *Update, err error) {
	start := time.Now()
	b.builds++
	b.seq++
	parts, full := b.prepare(ch)
	up = &Update{Result: &Result{}, Static: parts.published || b.published, Full: full, Seq: b.seq}
	res := up.Result
	walks, fronts := b.cache.Walks(), b.fronts(ch.Files)
	s, diags, undo := b.load(ch, parts, full)
	defer func() {
		b.failed = err != nil
		b.published = err != nil && up.Static
		if err != nil && undo != nil {
			undo() // the last good build's site, edited in place: put it back
		}
	}()
	res.Site, res.Diags = s, diags
	if len(diags.Errors()) > 0 {
		return up, &Failure{Diags: res.Diags}
	}
	res.Diags = append(res.Diags, b.tmplDiag...)
	b.generate(s, full)
	for _, g := range generators {
		res.Diags = append(res.Diags, b.genDiag[g.name]...)
	}
	assets, table, moved, again := b.assets(s, parts, full, &res.Diags)
	if len(res.Diags.Errors()) > 0 {
		res.Diags.Sort()
		return up, &Failure{Diags: res.Diags}
	}
	up.Full = full || renderAll || again
	// When only Markdown bodies changed since the last build, which
	// succeeded, the pages and what they link to are the same, and so are
	// the other pages' keys. (After a failed build, the changes since the
	// last good one are more than this build's.)
	bodies := !b.failed && !up.Full && !parts.layouts && !parts.assets && b.cache.Walks() == walks && b.sameFronts(fronts)
	next, dirty := b.plan(s, ch.Files, table, bodies, up.Full)
	next.diags = diags

	pages := &memSink{files: map[string][]byte{}}
	pageDiags, err := b.funcs.AllPages(ctx, s, assets, b.tmpl, pages, layout.PageOptions{Include: func(p *site.Page) bool { return dirty[p] }, Timeout: s.Config.RenderTimeout, Replaces: assets.Replaces})
	if err != nil {
		return up, interrupted(ctx)
	}
	res.Diags = append(res.Diags, pageDiags...)
	extra := &memSink{files: map[string][]byte{}}
	res.Diags = append(res.Diags, layout.Aliases(s, extra)...)
	if !assets.Replaces("robots.txt") {
		extra.files["robots.txt"] = layout.Robots(s)
	}
	res.Diags.Sort()
	if len(res.Diags.Errors()) > 0 {
		return up, &Failure{Diags: res.Diags}
	}

	next.out = b.output(s, assets, table, next, pages.files, extra.files, bodies)
	up.Pages = b.changed(next, pages.files, extra.files, bodies)
	up.Rendered = len(pages.files)
	up.Moved = moved
	up.Output = next.out
	b.last = next
	up.Pending = b.pendingSlow()
	res.Pages = len(s.Pages)
	res.Files = next.out.count()
	res.Duration = time.Since(start)
	return up, nil
}

// load loads the site, or, when only Markdown bodies changed since the
// last build, which succeeded, updates its site in place (undo reverts
// that): on big sites, loading everything again is most of a rebuild.
func (b *Incremental) load(ch Changes, parts changedParts, full bool) (s *site.Site, diags diag.List, undo func()) {
	opts := site.Options{Root: b.opts.Source, BaseURL: b.opts.BaseURL, Drafts: b.opts.Drafts, Now: b.opts.Now, Markdown: b.builder.renderer, Cache: b.cache}
	if b.last != nil && !b.failed && !full && !parts.assets {
		if diags, undo, ok := b.last.site.UpdateBodies(opts, ch.Files, b.last.diags); ok {
			return b.last.site, diags, undo
		}
	}
	s, diags = site.Load(opts)
	return s, diags, nil
}

// prepare tells the cache what changed, reloads what must be, marks the
// generators whose sources changed and reports whether the build starts
// from scratch.
func (b *Incremental) prepare(ch Changes) (parts changedParts, full bool) {
	parts = b.classify(ch.Files)
	full = b.last == nil || ch.All || parts.config
	if ch.All {
		b.cache.Reset()
	}
	for _, f := range ch.Files {
		b.cache.Changed(f)
	}
	if full || b.tmpl == nil {
		b.config = b.fileKey(config.FileName)
	}
	if full || parts.layouts || b.tmpl == nil {
		b.loadTemplates()
	}
	changed := reads(0)
	if full {
		changed = readsConfig | readsContent
	}
	if parts.content {
		changed |= readsContent
	}
	for _, g := range generators {
		if g.reads&changed != 0 {
			b.stale[g.name] = true
		}
	}
	return parts, full
}

// assets returns the published files besides pages and their URL table,
// reusing the last build's when nothing published changed: fingerprinting
// every file again takes long on big sites. again is set when every page
// must be rendered because an asset's URL cannot be patched into pages.
func (b *Incremental) assets(s *site.Site, parts changedParts, full bool, diags *diag.List) (a *layout.Assets, t *assetTable, moved map[string]string, again bool) {
	if b.last != nil && !b.failed && !full && !parts.assets && b.last.genVersion == b.genVersion && sameStatic(s.Static, b.last.site.Static) {
		return b.last.out.assets, b.last.table, nil, false
	}
	generated := b.generated()
	a = layout.NewAssets(s, generated, diags)
	t, moved, unsafe := b.table(s, generated, a)
	return a, t, moved, unsafe || b.staticRemoved(s)
}

// plan computes the pages' keys and returns the pages to render: those
// whose key changed. With only bodies changed, only the edited pages (and
// their decision trees) can have new keys.
func (b *Incremental) plan(s *site.Site, files []string, t *assetTable, bodies, all bool) (*state, map[*site.Page]bool) {
	k := b.keyer(s)
	next := &state{site: s, table: t, genVersion: b.genVersion}
	dirty := map[*site.Page]bool{}
	var keys map[string]uint64
	check := func(p *site.Page) {
		name := layout.OutputPath(p.URL)
		key := k.page(p)
		keys[name] = key
		if old, ok := b.lastKey(name); all || !ok || old != key {
			dirty[p] = true
		}
	}
	if bodies {
		keys, next.urls = map[string]uint64{}, b.last.urls
		for _, p := range b.edited(s, files) {
			check(p)
		}
		next.keys = b.last.keys.with(keys)
		return next, dirty
	}
	keys, next.urls = make(map[string]uint64, len(s.Pages)), make(map[string]string, len(s.Pages))
	for _, p := range s.Pages {
		check(p)
		next.urls[layout.OutputPath(p.URL)] = p.RelPermalink()
	}
	next.keys = newLayered(keys)
	return next, dirty
}

// output assembles the new Output: the pages just rendered, the others as
// the last build had them.
func (b *Incremental) output(s *site.Site, assets *layout.Assets, t *assetTable, next *state, rendered, extra map[string][]byte, bodies bool) *Output {
	out := &Output{root: b.opts.Source, assets: assets, table: t, files: extra}
	if b.last != nil && assets == b.last.out.assets {
		out.urls = b.last.out.urls
	} else {
		out.urls = map[string]bool{}
		for _, u := range assets.URLs() {
			out.urls[u] = true
		}
	}
	out.lazy = map[string]*lazyFile{}
	if !assets.Replaces("sitemap.xml") {
		out.lazy["sitemap.xml"] = &lazyFile{make: func() []byte { return layout.Sitemap(s) }}
	}
	for _, v := range s.Langs() {
		if name := v.Language.Prefix + "feed.xml"; !assets.Replaces(name) {
			out.lazy[name] = &lazyFile{make: func() []byte { return layout.Feed(v) }}
		}
	}
	made := make(map[string]*pageOut, len(rendered))
	for name, data := range rendered {
		made[name] = &pageOut{data: data, table: t}
	}
	if bodies {
		// The same pages as the last build's: only those rendered change.
		out.pages = b.last.out.pages.with(made)
		return out
	}
	pages := make(map[string]*pageOut, next.keys.len())
	for name := range next.keys.all() {
		if p, ok := made[name]; ok {
			pages[name] = p
		} else if name != "404.html" || !assets.Replaces(name) {
			pages[name], _ = b.last.out.pages.get(name)
		}
	}
	out.pages = newLayered(pages)
	return out
}

// changed lists the URL paths of the pages and redirects whose HTML
// differs from the last build's, or that appeared or disappeared.
func (b *Incremental) changed(next *state, rendered, extra map[string][]byte, bodies bool) []string {
	var out []string
	for name, data := range rendered {
		if b.last == nil || !b.samePage(name, data, next.table) {
			out = append(out, next.urls[name])
		}
	}
	if b.last != nil && !bodies {
		for name, u := range b.last.urls {
			if _, ok := next.keys.get(name); !ok {
				out = append(out, u)
			}
		}
		for name, data := range extra {
			if old, ok := b.last.out.files[name]; !ok || string(old) != string(data) {
				out = append(out, next.site.RelURL("/"+strings.TrimSuffix(name, "index.html")))
			}
		}
		for name := range b.last.out.files {
			if _, ok := extra[name]; !ok {
				out = append(out, b.last.site.RelURL("/"+strings.TrimSuffix(name, "index.html")))
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Finish runs the slow generators whose sources changed since they last
// ran, for the last good build, and returns the resulting Update; it
// returns nil, nil when there is nothing to do or when a Rebuild came
// meanwhile (call Finish again after it). The error is a *Failure when a
// generator reported problems.
func (b *Incremental) Finish() (*Update, error) {
	b.mu.Lock()
	if b.last == nil || !b.pendingSlow() {
		b.mu.Unlock()
		return nil, nil
	}
	s, builds, stale := b.last.site, b.builds, maps.Clone(b.stale)
	// A Rebuild meanwhile may edit s in place (UpdateBodies): the
	// generators read a copy of its pages.
	snap := snapshot(s)
	b.mu.Unlock()

	// The generators run without the lock, and Rebuild may go on
	// meanwhile; their work is dropped if it does.
	start := time.Now()
	made, madeDiags := runSlow(snap, stale, b.opts.SearchWorkers)
	if b.duringFinish != nil {
		b.duringFinish()
	}

	b.mu.Lock()
	defer b.mu.Unlock()
	if b.builds != builds {
		return nil, nil
	}
	return b.publishSlow(s, made, madeDiags, start)
}

// runSlow runs the slow generators whose sources changed, by name.
func runSlow(s *site.Site, stale map[string]bool, workers int) (map[string]map[string][]byte, map[string]diag.List) {
	made := map[string]map[string][]byte{}
	madeDiags := map[string]diag.List{}
	for _, g := range generators {
		if g.slow && stale[g.name] {
			made[g.name], madeDiags[g.name] = g.run(s, workers)
		}
	}
	return made, madeDiags
}

// publishSlow makes the slow generators' files part of the last good
// build's output, with b.mu held: the assets are fingerprinted again and
// their new URLs patched into the stored pages, or every page rendered
// when a URL cannot be patched.
func (b *Incremental) publishSlow(s *site.Site, made map[string]map[string][]byte, madeDiags map[string]diag.List, start time.Time) (*Update, error) {
	var names []string
	for _, g := range generators {
		if out, ok := made[g.name]; ok && b.setGenerated(g.name, out, madeDiags[g.name]) {
			names = append(names, g.name)
		}
	}
	b.seq++
	up := &Update{Result: &Result{Site: s}, Seq: b.seq, Generated: names}
	res := up.Result
	for _, g := range generators {
		res.Diags = append(res.Diags, b.genDiag[g.name]...)
	}
	generated := b.generated()
	assets := layout.NewAssets(s, generated, &res.Diags)
	res.Diags.Sort()
	if len(res.Diags.Errors()) > 0 {
		return up, &Failure{Diags: res.Diags}
	}
	table, moved, unsafe := b.table(s, generated, assets)
	if unsafe {
		// A new URL cannot be patched into pages: render them all.
		return b.rebuild(context.Background(), Changes{}, true)
	}
	old := b.last.out
	out := &Output{root: old.root, assets: assets, table: table, urls: map[string]bool{}, pages: old.pages, files: old.files, lazy: old.lazy}
	for _, u := range assets.URLs() {
		out.urls[u] = true
	}
	b.last.out, b.last.table, b.last.genVersion = out, table, b.genVersion
	up.Output, up.Moved = out, moved
	res.Pages = len(s.Pages)
	res.Files = out.count()
	res.Duration = time.Since(start)
	return up, nil
}

// memSink collects files in memory.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSink) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}
