package layout

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/site"
	"github.com/guidepost/guidepost/internal/testsite"
)

var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// newSite writes files (path → content) into a temporary site folder with a
// home page and loads it, failing on any error.
func newSite(t *testing.T, files map[string]string) *site.Site {
	t.Helper()
	root := t.TempDir()
	all := map[string]string{
		"guidepost.yaml":    "title: Test KB\nbase_url: https://example.org/kb/\n",
		"content/_index.md": "---\ntitle: Home\n---\n",
	}
	for k, v := range files {
		all[k] = v
	}
	testsite.WriteFiles(t, root, all)
	s, diags := site.Load(site.Options{Root: root, Now: now})
	if len(diags.Errors()) > 0 {
		t.Fatalf("load: %v", diags)
	}
	return s
}

// memSink collects output files.
type memSink struct {
	mu    sync.Mutex
	files map[string]string
}

func (m *memSink) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string]string{}
	}
	m.files[name] = string(data)
	return nil
}

func TestOutputPath(t *testing.T) {
	tests := []struct{ url, want string }{
		{"/", "index.html"},
		{"/guidance/", "guidance/index.html"},
		{"/guidance/hipaa/", "guidance/hipaa/index.html"},
		{"/404.html", "404.html"},
		{"/css/site.css", "css/site.css"},
	}
	for _, tt := range tests {
		if got := OutputPath(tt.url); got != tt.want {
			t.Errorf("OutputPath(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

func TestFingerprint(t *testing.T) {
	a := Fingerprint("css/site.css", []byte("body{}"))
	if !regexp.MustCompile(`^css/site\.[0-9a-f]{10}\.css$`).MatchString(a) {
		t.Errorf("Fingerprint = %q, want css/site.<10 hex digits>.css", a)
	}
	if b := Fingerprint("css/site.css", []byte("body{}")); b != a {
		t.Errorf("the same content got two names: %s, %s", a, b)
	}
	if c := Fingerprint("css/site.css", []byte("body{color:red}")); c == a {
		t.Error("different content got the same name")
	}
	tests := []struct {
		name string
		want bool
	}{
		{"css/site.css", true},
		{"js/decide.js", true},
		{"decide/engine.wasm", true},
		{"decide/whatsapp/tree.json", true},
		{"search/p/0.gpack", true},
		{"js/_redirects.js", false},
		{"img/logo.png", false},
		{"favicon.ico", false},
		{"robots.txt", false},
	}
	for _, tt := range tests {
		if got := fingerprinted(tt.name); got != tt.want {
			t.Errorf("fingerprinted(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestAssets(t *testing.T) {
	s := newSite(t, map[string]string{
		"static/css/site.css":    "body{}",
		"static/img/logo.png":    "PNG",
		"content/img/figure.svg": "<svg/>",
	})
	var diags diag.List
	a := NewAssets(s, map[string][]byte{"css/syntax.css": []byte(".chroma{}"), "img/logo.png": []byte("generated")}, &diags)
	want := []Replacement{{Static: "static/img/logo.png", Generated: "img/logo.png"}}
	if r := a.Replaced(); len(diags) != 0 || len(r) != 1 || r[0] != want[0] {
		t.Errorf("diagnostics %v, replaced %+v; want none, and %+v", diags, r, want)
	}
	if data, err := a.Content(s.Root, "/img/logo.png"); err != nil || string(data) != "PNG" {
		t.Errorf("img/logo.png = %q, %v; want the site's own file", data, err)
	}
	css, err := a.URL("css/site.css")
	if err != nil || css != "/"+Fingerprint("css/site.css", []byte("body{}")) {
		t.Errorf("URL(css/site.css) = %q, %v", css, err)
	}
	if u, err := a.URL("/css/syntax.css"); err != nil || !strings.HasPrefix(u, "/css/syntax.") {
		t.Errorf("URL(/css/syntax.css) = %q, %v", u, err)
	}
	if u, _ := a.URL("img/figure.svg"); u != "/img/figure.svg" {
		t.Errorf("a content file got the URL %q", u)
	}
	if _, err := a.URL("css/missing.css"); err == nil || !strings.Contains(err.Error(), "add it to static/") {
		t.Errorf("URL of a missing asset: %v", err)
	}
	for _, u := range a.URLs() {
		data, err := a.Content(s.Root, u)
		if err != nil || len(data) == 0 {
			t.Errorf("Content(%s) = %q, %v", u, data, err)
		}
	}

	// Once published and released, the URLs stay and the bytes go.
	urls := a.URLs()
	a.Release()
	if got := a.URLs(); !slices.Equal(got, urls) {
		t.Errorf("URLs after Release = %v, want %v", got, urls)
	}
	if u, err := a.URL("css/site.css"); err != nil || u != css {
		t.Errorf("URL(css/site.css) after Release = %q, %v; want %q", u, err, css)
	}
	if data, err := a.Content(s.Root, css); err == nil || data != nil {
		t.Errorf("Content(%s) after Release = %q, %v; want an error", css, data, err)
	}
}

// TestAssetsModules checks that a script importing another by a relative
// path is published, minified, importing the other's fingerprinted name
// (which a browser can fetch), and that its own name changes when the
// file it imports does; an import of no file, or a cycle, is an error.
func TestAssetsModules(t *testing.T) {
	build := func(dom string) (*Assets, diag.List, *site.Site) {
		s := newSite(t, map[string]string{
			"static/js/dom.js":    dom,
			"static/js/app.js":    "// app\nimport { el } from \"./dom.js\";\nexport const x = el(\"p\");\n",
			"static/js/sub/up.js": "import {\n  el\n} from '../dom.js';\nel('b');\n",
		})
		var diags diag.List
		return NewAssetsWith(s, nil, &diags, AssetOptions{Minify: true}), diags, s
	}
	a, diags, s := build("export function el(tag) { return tag; }\n")
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	dom, _ := a.URL("js/dom.js")
	app, _ := a.URL("js/app.js")
	up, _ := a.URL("js/sub/up.js")
	for _, tt := range []struct{ url, want string }{{app, "./" + path.Base(dom)}, {up, "../" + path.Base(dom)}} {
		data, err := a.Content(s.Root, tt.url)
		if err != nil || !strings.Contains(string(data), `"`+tt.want+`"`) || strings.Contains(string(data), "// app") {
			t.Errorf("%s = %q, %v; want it minified, importing %q", tt.url, data, err, tt.want)
		}
	}
	b, _, _ := build("export function el(tag) { return tag + 1; }\n")
	if app2, _ := b.URL("js/app.js"); app2 == app {
		t.Errorf("app.js kept its name %s when the dom.js it imports changed", app)
	}

	s = newSite(t, map[string]string{
		"static/js/a.js": "import \"./b.js\";\nimport \"./none.js\";\n",
		"static/js/b.js": "import \"./a.js\";\n",
	})
	var d diag.List
	NewAssets(s, nil, &d)
	got := fmt.Sprint(d)
	for _, want := range []string{`static/js/a.js:2: imports "./none.js", which is no file`, "in a cycle"} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics %s; want %q", got, want)
		}
	}
}

// TestAssetsGeneratedAndStatic checks that generated files get
// fingerprinted URLs beside the static ones, and that a static file of a
// generated file's name is published instead of it.
func TestAssetsGeneratedAndStatic(t *testing.T) {
	s := newSite(t, map[string]string{"static/css/site.css": "body{}", "static/search/_about.txt": "x"})
	var diags diag.List
	manifest := []byte(`{"docs":1}`)
	a := NewAssets(s, map[string][]byte{"search/t/ab.json": []byte("{}"), "search/index.json": manifest, "css/site.css": []byte("clash")}, &diags)
	if u, err := a.URL("search/index.json"); err != nil || u != "/"+Fingerprint("search/index.json", manifest) {
		t.Errorf("URL(search/index.json) = %q, %v", u, err)
	}
	if u, err := a.URL("search/_about.txt"); err != nil || u != "/search/_about.txt" {
		t.Errorf("URL of a static file beside generated ones = %q, %v", u, err)
	}
	if _, err := a.URL("css/missing.css"); err == nil || !strings.Contains(err.Error(), "add it to static/") {
		t.Errorf("URL of a missing asset: %v", err)
	}
	if r := a.Replaced(); len(diags) != 0 || len(r) != 1 || r[0].Generated != "css/site.css" || !strings.HasSuffix(r[0].Static, "static/css/site.css") {
		t.Errorf("diagnostics %v, replaced %+v; want none, and static/css/site.css replacing the generated one", diags, r)
	}
	fromTheme := 0 // the built-in theme's files that the site does not replace
	for _, f := range s.Static {
		if f.Theme != nil {
			fromTheme++
		}
	}
	if n := len(a.URLs()); n != 4+fromTheme {
		t.Errorf("%d assets, want 4 and the theme's %d: %v", n, fromTheme, a.URLs())
	}
}

func TestTemplateError(t *testing.T) {
	parse := func(src string) error {
		_, err := template.New("_default/single.html").Parse(src)
		return err
	}
	exec := func(src string) error {
		tmpl := template.Must(template.New("partials/meta.html").Parse(src))
		return tmpl.Execute(&strings.Builder{}, struct{ Title string }{"T"})
	}
	tests := []struct {
		name string
		err  error
		file string
		line int
		msg  string
	}{
		{"parse error", parse("<p>\n{{if}}\n"), "layouts/_default/single.html", 2, "layout error: missing value for if"},
		{"unclosed action", parse("a\nb\n{{.Title"), "layouts/_default/single.html", 3, "layout error: unclosed action"},
		{"missing field", exec("\n\n<p>{{.Nope}}</p>"), "layouts/partials/meta.html", 3, `layout error: executing "partials/meta.html" at <.Nope>: can't evaluate field Nope in type struct { Title string }`},
		{"other error", errors.New("disk on fire"), "layouts", 0, "layout error: disk on fire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file, line, msg := TemplateError(tt.err, "layouts")
			if file != tt.file || line != tt.line || msg != tt.msg {
				t.Errorf("TemplateError = %s:%d: %s\nwant %s:%d: %s", file, line, msg, tt.file, tt.line, tt.msg)
			}
		})
	}
}

// layouts are the minimal layouts of TestTemplatesFor; each names itself.
var layouts = map[string]string{
	"layouts/_default/baseof.html":   `<html>{{block "main" .}}{{end}}</html>`,
	"layouts/_default/single.html":   `{{define "main"}}default single{{end}}`,
	"layouts/_default/list.html":     `{{define "main"}}default list{{end}}`,
	"layouts/guidance/single.html":   `{{define "main"}}guidance single{{end}}`,
	"layouts/guidance/list.html":     `{{define "main"}}guidance list{{end}}`,
	"layouts/wide.html":              `{{define "main"}}wide{{end}}`,
	"layouts/index.html":             `home page without the base layout`,
	"layouts/_default/taxonomy.html": `{{define "main"}}taxonomy{{end}}`,
	"layouts/_default/term.html":     `{{define "main"}}term {{.Title}}{{end}}`,
	"layouts/404.html":               `{{define "main"}}not found{{end}}`,
	"layouts/search.html":            `{{define "main"}}search{{end}}`,
	"layouts/partials/unused.html":   `{{define "x"}}{{end}}`,
}

func TestTemplatesFor(t *testing.T) {
	files := map[string]string{
		"content/guidance/_index.md": "---\ntitle: Guidance\n---\n",
		"content/guidance/hipaa.md":  "---\ntitle: HIPAA\ntags: [t]\n---\n",
		"content/guidance/wide.md":   "---\ntitle: Wide\nlayout: wide\n---\n",
		"content/other/_index.md":    "---\ntitle: Other\n---\n",
		"content/other/page.md":      "---\ntitle: Page\n---\n",
		"content/about.md":           "---\ntitle: About\n---\n",
	}
	for k, v := range layouts {
		files[k] = v
	}
	s := newSite(t, files)
	var diags diag.List
	tmpl := LoadTemplates(s.Theme, (&Funcs{}).Map(), &diags)
	if len(diags) > 0 {
		t.Fatalf("load templates: %v", diags)
	}
	sink := &memSink{}
	if d, err := Pages(context.Background(), s, tmpl, sink, PageOptions{}); err != nil || len(d) > 0 {
		t.Fatalf("render: %v", d)
	}
	want := map[string]string{
		"index.html":                "home page without the base layout",
		"guidance/index.html":       "<html>guidance list</html>",
		"guidance/hipaa/index.html": "<html>guidance single</html>",
		"guidance/wide/index.html":  "<html>wide</html>",
		"other/index.html":          "<html>default list</html>",
		"other/page/index.html":     "<html>default single</html>",
		"about/index.html":          "<html>default single</html>",
		"tags/index.html":           "<html>taxonomy</html>",
		"tags/t/index.html":         "<html>term t</html>",
		"search/index.html":         "<html>search</html>",
		"404.html":                  "<html>not found</html>",
	}
	for name, content := range want {
		if got, ok := sink.files[name]; !ok || got != content {
			t.Errorf("%s = %q, want %q", name, got, content)
		}
	}
	if len(sink.files) != len(want) {
		t.Errorf("rendered %d files, want %d", len(sink.files), len(want))
	}
}

func TestPagesReportTemplateProblems(t *testing.T) {
	tests := []struct {
		name   string
		layout map[string]string
		diags  []string
	}{
		{"runtime error names the page", map[string]string{"layouts/_default/single.html": "{{define \"main\"}}\n{{.Nope}}{{end}}"},
			[]string{`layouts/_default/single.html:2: layout error: executing "main" at <.Nope>: can't evaluate field Nope in type *site.Page (while rendering content/about.md)`}},
		{"missing named layout", map[string]string{"content/about.md": "---\ntitle: About\nlayout: nope\n---\n"},
			[]string{`content/about.md:3: layout "nope": there is no layouts/nope.html in the site (ROOT) and the built-in theme: create it, or remove ` + "`layout`" + ` to use the default`}},
		{"theme's layout stands in for a missing one", map[string]string{"layouts/_default/single.html": ""}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"content/about.md": "---\ntitle: About\n---\n"}
			for k, v := range layouts {
				files[k] = v
			}
			for k, v := range tt.layout {
				if v == "" {
					delete(files, k)
				} else {
					files[k] = v
				}
			}
			s := newSite(t, files)
			var diags diag.List
			tmpl := LoadTemplates(s.Theme, (&Funcs{}).Map(), &diags)
			pageDiags, err := Pages(context.Background(), s, tmpl, &memSink{}, PageOptions{})
			if err != nil {
				t.Fatal(err)
			}
			diags = append(diags, pageDiags...)
			var got []string
			for _, d := range diags {
				got = append(got, strings.ReplaceAll(d.String(), s.Root, "ROOT"))
			}
			if !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics\n%q\nwant\n%q", got, tt.diags)
			}
		})
	}
}

func TestJSONLD(t *testing.T) {
	s := newSite(t, map[string]string{
		"content/reviewed.md": "---\ntitle: \"Reviewed </script><script>alert(1)</script>\"\nsummary: S\ndate: 2025-01-01\nreviewed: 2025-06-01\nsources:\n  - title: Src\n    url: https://example.org/src\n    publisher: Pub\n---\n",
		"content/plain.md":    "---\ntitle: Plain\n---\n",
	})
	reviewed := string(JSONLD(s.PageByFile("content/reviewed.md")))
	if strings.Contains(reviewed, "</script>") || strings.Contains(reviewed, "<script>") {
		t.Errorf("JSON-LD can close its script element: %s", reviewed)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(reviewed), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"@type": "MedicalWebPage", "lastReviewed": "2025-06-01", "datePublished": "2025-01-01", "dateModified": "2025-06-01",
		"url": "https://example.org/kb/reviewed/", "description": "S", "name": "Reviewed </script><script>alert(1)</script>",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if c, _ := got["citation"].([]any); len(c) != 1 {
		t.Errorf("citation = %v, want the one source", got["citation"])
	}
	var plain map[string]any
	if err := json.Unmarshal([]byte(JSONLD(s.PageByFile("content/plain.md"))), &plain); err != nil {
		t.Fatal(err)
	}
	if plain["@type"] != "WebPage" || plain["lastReviewed"] != nil || plain["citation"] != nil {
		t.Errorf("JSON-LD of a plain page = %v", plain)
	}
}

func TestFeedOrderAndLimit(t *testing.T) {
	files := map[string]string{}
	for i := range FeedLimit + 5 {
		files[fmt.Sprintf("content/p%02d.md", i)] = fmt.Sprintf("---\ntitle: P%02d\ndate: 2024-01-%02d\n---\n", i, i%28+1)
	}
	files["content/undated.md"] = "---\ntitle: Undated\n---\n"
	s := newSite(t, files)
	feed := string(Feed(s))
	entries := regexp.MustCompile(`<title>(P\d\d|Undated)</title>`).FindAllStringSubmatch(feed, -1)
	if len(entries) != FeedLimit {
		t.Fatalf("feed has %d entries, want %d", len(entries), FeedLimit)
	}
	// Newest first: p27 is dated the 28th, p26 and p54 the 27th (ties by URL).
	if got := []string{entries[0][1], entries[1][1], entries[2][1]}; !slices.Equal(got, []string{"P27", "P26", "P54"}) {
		t.Errorf("feed starts with %v, want [P27 P26 P54]", got)
	}
	if strings.Contains(feed, "Undated") {
		t.Error("a page without date is in the feed")
	}
	if !strings.Contains(feed, "<updated>2024-01-28T00:00:00Z</updated>") {
		t.Error("the feed's updated is not its newest entry")
	}
	sitemap := string(Sitemap(s))
	if strings.Contains(sitemap, "404.html") || !strings.Contains(sitemap, "<loc>https://example.org/kb/undated/</loc>") {
		t.Errorf("sitemap must list every page but the 404 page:\n%s", sitemap)
	}
	if robots := string(Robots(s)); robots != "User-agent: *\nAllow: /kb/\n\nSitemap: https://example.org/kb/sitemap.xml\n" {
		t.Errorf("robots.txt = %q", robots)
	}
}

func TestAliasesRedirect(t *testing.T) {
	s := newSite(t, map[string]string{"content/new.md": "---\ntitle: New & improved\naliases: [/old/, /old2.html]\n---\n"})
	sink := &memSink{}
	if d := Aliases(s, sink); len(d) > 0 {
		t.Fatal(d)
	}
	for _, name := range []string{"old/index.html", "old2.html"} {
		page := sink.files[name]
		for _, w := range []string{`<link rel="canonical" href="https://example.org/kb/new/">`, `content="0; url=https://example.org/kb/new/"`, "<title>New &amp; improved</title>", `name="robots" content="noindex"`} {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %s:\n%s", name, w, page)
			}
		}
	}
}

// runaway is a layout that never ends and writes nothing: a template that
// calls itself for every page, to the depth Go allows.
const runaway = `{{define "main"}}{{template "loop" .Site}}{{end}}{{define "loop"}}{{range .Pages}}{{template "loop" $}}{{end}}{{end}}`

func TestPagesStopARunawayLayout(t *testing.T) {
	files := map[string]string{"content/about.md": "---\ntitle: About\n---\n"}
	for k, v := range layouts {
		files[k] = v
	}
	files["layouts/_default/single.html"] = runaway
	files["layouts/wide.html"] = `{{define "main"}}{{range 100000000}}<p>` + strings.Repeat("words ", 200) + `</p>{{end}}{{end}}`
	files["content/wide.md"] = "---\ntitle: Wide\nlayout: wide\n---\n"
	s := newSite(t, files)
	var diags diag.List
	tmpl := LoadTemplates(s.Theme, (&Funcs{}).Map(), &diags)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	sink := &memSink{}
	var msgs []string
	for _, opts := range []PageOptions{
		{Timeout: 200 * time.Millisecond, Include: func(p *site.Page) bool { return p.File == "content/about.md" }},
		{Include: func(p *site.Page) bool { return p.File == "content/wide.md" }},
	} {
		got, err := Pages(context.Background(), s, tmpl, sink, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range got {
			msgs = append(msgs, d.String())
		}
	}
	want := []string{
		"layouts/_default/single.html: rendering content/about.md took longer than 200ms: look for a loop that does not end",
		"layouts/wide.html: rendering content/wide.md: the page's HTML is larger than 64 MB",
	}
	for _, w := range want {
		if !slices.ContainsFunc(msgs, func(m string) bool { return strings.HasPrefix(m, w) }) {
			t.Errorf("no diagnostic starting %q in\n%s", w, strings.Join(msgs, "\n"))
		}
	}
	for _, name := range []string{"about/index.html", "wide/index.html"} {
		if _, ok := sink.files[name]; ok {
			t.Errorf("%s was written by a layout that failed", name)
		}
	}

	// Cancelling returns at once, whatever a layout is doing.
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := Pages(ctx, s, tmpl, &memSink{}, PageOptions{})
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Pages after cancel: %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Pages did not return after its context was cancelled")
	}
}
