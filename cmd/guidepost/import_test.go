package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// copyFixture copies testdata/import/NAME into a new temporary folder and
// returns that folder and the copy.
func copyFixture(t *testing.T, name string) (work, src string) {
	t.Helper()
	work = t.TempDir()
	src = filepath.Join(work, name)
	testsite.CopyTree(t, filepath.Join("testdata", "import", name), src)
	return work, src
}

// TestImport imports each fixture site, written as its tool documents,
// and checks what an author moving to guidepost relies on: the source
// folder is unchanged, the report names what was not carried at its
// file and line, the new site passes check --strict and builds, and its
// pages are where their links say.
func TestImport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tool    string
		report  []string // lines of the report
		pages   map[string][]string
		missing []string // output files that must not exist
	}{
		{
			tool: "hugo",
			report: []string{
				`config.toml:4: theme "ananke" is not carried`,
				"config.toml:15: permalinks are not carried",
				"content/posts/first.md:19: Hugo shortcode youtube is not carried",
			},
			pages: map[string][]string{
				"posts/a-post/index.html": {`<h1>A post</h1>`, `href="/notes/second/"`, `<meta name="description" content="desc">`,
					`<meta property="og:image" content="https://example.org/img/cover.png">`, `href="/categories/x/"`},
				"notes/second/index.html": {`<h1>The second post</h1>`, `href="/posts/a-post/#setting-up"`},
				"posts/bundle/index.html": {`src="/posts/bundle/photo.png"`},
				"authors/joe/index.html":  {`href="/notes/second/"`},
				"about-us/index.html":     {`url=https://example.org/about/`},
				"index.html":              {`href="/about/">About</a>`},
				"sitemap.xml":             {"<loc>https://example.org/notes/second/</loc>", "<priority>0.8</priority>"},
			},
			missing: []string{"posts/old-offer/index.html"},
		},
		{
			tool: "jekyll",
			report: []string{
				"_config.yml:14: Jekyll plugin jekyll-feed is not carried",
				`_posts/2024-01-02-welcome-to-jekyll.markdown:2: layout "post" of the old theme is not carried`,
				"_posts/2024-02-03-second-post.md:10: Liquid output {{ page.author }} is not carried",
			},
			pages: map[string][]string{
				"posts/welcome-to-jekyll/index.html": {`<h1>Welcome to Jekyll!</h1>`, `class="language-ruby"`, `href="/posts/second-post/"`, `href="/about/"`},
				"posts/second-post/index.html":       {`<h1>The second post</h1>`},
				"old-second/index.html":              {`url=https://blog.example.org/posts/second-post/`},
				"index.html":                         {`href="/posts/welcome-to-jekyll/"`},
				"about/index.html":                   {`src="/assets/img/logo.png"`},
			},
			missing: []string{"posts/an-unfinished-idea/index.html"},
		},
		{
			tool: "mkdocs",
			report: []string{
				"mkdocs.yml:21: MkDocs plugin minify is not carried",
				"mkdocs.yml:27: Markdown extension pymdownx.snippets is not carried",
			},
			pages: map[string][]string{
				"guide/install/index.html": {`<h1>Install the tool</h1>`, `src="/guide/img/flow.png"`, `href="/guide/usage/"`, "Before you start"},
				"guide/usage/index.html":   {`<h1>Usage</h1>`, `href="/"`, `<span class="label">Previous</span> Installing`},
				"index.html":               {`<h1>Welcome to the manual</h1>`, `href="/guide/usage/#options"`, `<a href="/guide/install/">User Guide</a>`, `href="https://github.com/example/tool/issues"`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.tool, func(t *testing.T) {
			t.Parallel()
			work, src := copyFixture(t, tt.tool)
			before := hashTree(t, src)
			res := runCLI(t, work, "import", src)
			if res.code != 0 {
				t.Fatalf("import: exit code %d\n%s%s", res.code, res.stdout, res.stderr)
			}
			if diff := diffTrees(before, hashTree(t, src)); diff != "" {
				t.Errorf("import changed the source folder:\n%s", diff)
			}
			dest := src + "-guidepost"
			report := readFile(t, dest, "IMPORT-REPORT.txt")
			for _, w := range tt.report {
				if !strings.Contains(res.stdout, "  "+w) || !strings.Contains(report, w) {
					t.Errorf("the report lacks %q:\n%s", w, res.stdout)
				}
			}
			if res := runCLI(t, work, "check", "--strict", "--source", dest); res.code != 0 {
				t.Fatalf("check --strict of the imported site: exit code %d\n%s", res.code, res.stderr)
			}
			out := filepath.Join(work, "public")
			if res := runCLI(t, work, "build", "--source", dest, "--dest", out); res.code != 0 {
				t.Fatalf("build of the imported site: exit code %d\n%s", res.code, res.stderr)
			}
			for name, wants := range tt.pages {
				if wants == nil {
					continue
				}
				page := readFile(t, out, name)
				for _, w := range wants {
					if !strings.Contains(page, w) {
						t.Errorf("%s lacks %s", name, w)
					}
				}
			}
			for _, name := range tt.missing {
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err == nil {
					t.Errorf("%s is published", name)
				}
			}
			// A second import does not overwrite the first.
			if res := runCLI(t, work, "import", src); res.code != 1 || !strings.Contains(res.stderr, "already exists and is not empty") {
				t.Errorf("a second import: exit code %d\n%s", res.code, res.stderr)
			}
		})
	}
}

// TestHugoSiteBuildsDirectly builds the Hugo fixture as it is, with the
// built-in theme: its front matter, YAML and TOML, is guidepost's too.
// A layout of the site reads a page's custom field in .Params.
func TestHugoSiteBuildsDirectly(t *testing.T) {
	t.Parallel()
	work, src := copyFixture(t, "hugo")
	if res := runCLI(t, work, "check", "--strict", "--source", src); res.code != 0 {
		t.Fatalf("check --strict: exit code %d\n%s", res.code, res.stderr)
	}
	writeFile(t, src, "layouts/_default/single.html", `{{define "main"}}<h1>{{.Title}}</h1><p class="foo">foo is {{.Params.foo}}</p>{{.Content}}{{end}}`)
	out := filepath.Join(work, "public")
	if res := runCLI(t, work, "build", "--source", src, "--dest", out, "--base-url", "https://example.org/"); res.code != 0 {
		t.Fatalf("build: exit code %d\n%s", res.code, res.stderr)
	}
	for name, wants := range map[string][]string{
		"posts/a-post/index.html": {`<p class="foo">foo is bar</p>`, `href="/notes/second/"`, `href="/posts/bundle/"`, `<meta name="keywords" content="k">`},
		"notes/second/index.html": {`<p class="foo">foo is baz</p>`, `href="/posts/a-post/#setting-up"`},
		"index.html":              {`href="/posts/a-post/"`, `href="/about/"`},
	} {
		page := readFile(t, out, name)
		for _, w := range wants {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %s", name, w)
			}
		}
	}
	for _, name := range []string{"posts/old-offer/index.html", "posts/first/index.html"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err == nil {
			t.Errorf("%s is published", name)
		}
	}
}

// TestImportRefuses checks the imports that would change or lose files.
func TestImportRefuses(t *testing.T) {
	t.Parallel()
	work, src := copyFixture(t, "mkdocs")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"not a site", []string{"import", work}, "is not a Hugo"},
		{"destination inside the source", []string{"import", src, "--dest", filepath.Join(src, "new")}, "must be outside the source folder"},
		{"destination holding the source", []string{"import", src, "--dest", work}, "must be outside the source folder"},
		{"no folder", []string{"import"}, "import needs the folder"},
	}
	before := hashTree(t, work)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, work, tt.args...)
			if res.code == 0 || !strings.Contains(res.stderr, tt.want) {
				t.Errorf("exit code %d, stderr:\n%s\nwant %q", res.code, res.stderr, tt.want)
			}
		})
	}
	if diff := diffTrees(before, hashTree(t, work)); diff != "" {
		t.Errorf("a refused import wrote or changed files:\n%s", diff)
	}
}
