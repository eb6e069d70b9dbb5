package site

import (
	"slices"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// TestResolve resolves links as written in content/a/x.md (URL /a/x/) of
// testdata/site, published under the base path /docs/.
func TestResolve(t *testing.T) {
	s := loadFixture(t, false)
	from := s.PageByFile("content/a/x.md")
	tests := []struct {
		dest    string
		href    string
		page    string // URL of the target page, "" for none
		problem string // part of the problem, "" when the link is fine
	}{
		// Content files, relative to the linking file or to content/.
		{dest: "b.md", href: "/docs/a/b/", page: "/a/b/"},
		{dest: "./b.md", href: "/docs/a/b/", page: "/a/b/"},
		{dest: "b.md#part-two", href: "/docs/a/b/#part-two", page: "/a/b/"},
		{dest: "b.md?v=2#part-two", href: "/docs/a/b/?v=2#part-two", page: "/a/b/"},
		{dest: "_index.md", href: "/docs/a/", page: "/a/"},
		{dest: "../top.md", href: "/docs/top/", page: "/top/"},
		{dest: "../_index.md", href: "/docs/", page: "/"},
		{dest: "/top.md", href: "/docs/top/", page: "/top/"},
		{dest: "/a/b.md#part-two", href: "/docs/a/b/#part-two", page: "/a/b/"},
		{dest: "../b/deeper/d.md", href: "/docs/b/deeper/d/", page: "/b/deeper/d/"},
		{dest: "missing.md", href: "missing.md", problem: `link to a missing page "missing.md": there is no content/a/missing.md`},
		{dest: "/missing.md", href: "/missing.md", problem: "there is no content/missing.md"},
		{dest: "draft.md", href: "draft.md", problem: "there is no content/a/draft.md"},
		{dest: "../../README.md", href: "../../README.md", problem: "leaves the content folder"},

		// URL paths, relative to the page's URL or to the site root.
		{dest: "/a/b/", href: "/docs/a/b/", page: "/a/b/"},
		{dest: "/a/b", href: "/docs/a/b/", page: "/a/b/"},
		{dest: "/docs/a/b/", href: "/docs/a/b/", page: "/a/b/"},
		{dest: "/a/b/#part-two", href: "/docs/a/b/#part-two", page: "/a/b/"},
		{dest: "../b/", href: "/docs/a/b/", page: "/a/b/"},
		{dest: "../../top/", href: "/docs/top/", page: "/top/"},
		{dest: "/", href: "/docs/", page: "/"},
		{dest: "/tags/t1/", href: "/docs/tags/t1/", page: "/tags/t1/"},
		{dest: "/404.html", href: "/docs/404.html", page: "/404.html"},
		{dest: "/img/logo.png", href: "/docs/img/logo.png"},
		{dest: "../../img/logo.png", href: "/docs/img/logo.png"},
		{dest: "/files/guide.pdf", href: "/docs/files/guide.pdf"},
		{dest: "/sitemap.xml", href: "/docs/sitemap.xml"},
		{dest: "/feed.xml", href: "/docs/feed.xml"},
		{dest: "/old/x/", href: "/docs/a/x/", page: "/a/x/"}, // an alias: link where it redirects
		{dest: "/nowhere/", href: "/nowhere/", problem: `link to "/nowhere/" but no page or file is published at /nowhere`},
		{dest: "logo.png", href: "logo.png", problem: "no page or file is published at /a/x/logo.png"},
		{dest: "/files/.hidden", href: "/files/.hidden", problem: "no page or file is published"},
		{dest: "../../../elsewhere/", href: "../../../elsewhere/", problem: "leaves the site"},
		{dest: "/a/../top/", href: "/a/../top/", problem: "contains /../"},

		// Fragments and other sites are left as written.
		{dest: "#start", href: "#start", page: "/a/x/"},
		{dest: "?v=2#start", href: "/docs/a/x/?v=2#start", page: "/a/x/"},
		{dest: "", href: ""},
		{dest: "https://example.com/a.md", href: "https://example.com/a.md"},
		{dest: "HTTP://EXAMPLE.COM/", href: "HTTP://EXAMPLE.COM/"},
		{dest: "mailto:editor@example.org", href: "mailto:editor@example.org"},
		{dest: "tel:+441234567890", href: "tel:+441234567890"},

		// Every other scheme, and addresses a browser reads otherwise
		// than they look, are refused with no href.
		{dest: "//cdn.example.com/x.js", problem: "starts with //"},
		{dest: "javascript:alert(1)", problem: `link "javascript:alert(1)" uses the scheme javascript:, which is not allowed`},
		{dest: "JaVaScRiPt:alert(1)", problem: "the scheme javascript:"},
		{dest: "data:text/html,<b>x</b>", problem: "the scheme data:"},
		{dest: "vbscript:x", problem: "the scheme vbscript:"},
		{dest: "java\\script:x", problem: "backslash"},
		{dest: "java\nscript:alert(1)", problem: "control character U+000A"},
		{dest: "java\tscript:alert(1)", problem: "control character U+0009"},
		{dest: " javascript:alert(1)", problem: "spaces or line breaks around it"},
		{dest: "\x01javascript:alert(1)", problem: "control character U+0001"},
		{dest: "b\u200b.md", problem: "invisible character U+200B"},
		{dest: "/\\evil.example/", problem: "backslash"},
		{dest: "http:/x", problem: "is not a complete address"},
		{dest: "https://", problem: "has no host name"},
		{dest: "mailto:", problem: "has nothing after mailto"},
	}
	for _, tt := range tests {
		t.Run(tt.dest, func(t *testing.T) {
			r := s.resolve(from, tt.dest)
			if r.href != tt.href {
				t.Errorf("href %q, want %q", r.href, tt.href)
			}
			if got := r.page; (got == nil) != (tt.page == "") || got != nil && got.URL != tt.page {
				t.Errorf("page %v, want %q", got, tt.page)
			}
			switch {
			case tt.problem == "" && r.problem != "":
				t.Errorf("unexpected problem %q", r.problem)
			case !strings.Contains(r.problem, tt.problem):
				t.Errorf("problem %q, want it to say %q", r.problem, tt.problem)
			}
		})
	}
}

// writeSite writes files (path → content) into a new site folder with a
// home page and returns the diagnostics of loading it.
func writeSite(t *testing.T, files map[string]string) []string {
	t.Helper()
	root := t.TempDir()
	all := map[string]string{"content/_index.md": "---\ntitle: Home\n---\n## Welcome\n"}
	for k, v := range files {
		all[k] = v
	}
	testsite.WriteFiles(t, root, all)
	_, diags := Load(Options{Root: root, Now: now})
	var out []string
	for _, d := range diags {
		out = append(out, d.String())
	}
	return out
}

func TestLoadChecks(t *testing.T) {
	page := func(body string) string { return "---\ntitle: P\n---\n" + body }
	tests := []struct {
		name  string
		files map[string]string
		diags []string
	}{
		{"anchor on the same page", map[string]string{"content/p.md": page("## Part one\n\n[x](#part-one)\n")}, nil},
		{"layout anchors", map[string]string{"content/p.md": page("[s](#sources) [m](#main) [c](#contents)\n")}, nil},
		{"anchor on another page by URL", map[string]string{"content/p.md": page("[x](/#welcome) [y](/#nope)\n")},
			[]string{"content/p.md:4: link to a missing anchor #nope in content/_index.md: use one of the headings' IDs"}},
		{"anchor on a generated page is not checked", map[string]string{"content/p.md": page("[x](/404.html#top)\n")}, nil},
		{"explicit heading id", map[string]string{"content/p.md": page("## Part one {#one}\n\n[x](#one) [y](#part-one)\n")},
			[]string{"content/p.md:6: link to a missing anchor #part-one: use one of the headings' IDs (did you mean #one?)"}},
		{"footnote anchors", map[string]string{"content/p.md": page("Text[^1].\n\n[^1]: A note.\n")}, nil},
		{"broken links each with their line", map[string]string{"content/p.md": page("[a](a.md)\n\n\n[b](/b/)\n")}, []string{
			`content/p.md:4: link to a missing page "a.md": there is no content/a.md (links to .md files are relative to this file's folder)`,
			`content/p.md:7: link to "/b/" but no page or file is published at /b: fix the path, or link to the page's .md file`,
		}},
		{"image", map[string]string{"content/p.md": page("![logo](/logo.png)\n")},
			[]string{`content/p.md:4: link to "/logo.png" but no page or file is published at /logo.png: fix the path, or link to the page's .md file`}},
		{"two pages at one URL", map[string]string{"content/p.md": page(""), "content/p/_index.md": page("")},
			[]string{"content/p.md: two pages at one URL /p/: content/p/_index.md and content/p.md; rename one of them (URLs that differ only in case count as one)"}},
		{"URLs differing in case", map[string]string{"content/Guide.md": page(""), "content/guide.md": page("")},
			[]string{"content/guide.md: two pages at one URL /guide/: content/Guide.md and content/guide.md; rename one of them (URLs that differ only in case count as one)"}},
		{"alias taken by a page", map[string]string{"content/p.md": "---\ntitle: P\naliases: [/q/]\n---\n", "content/q.md": page("")},
			[]string{"content/p.md:3: two pages at one URL /q/: content/q.md and an alias of content/p.md; rename one of them (URLs that differ only in case count as one)"}},
		{"alias outside the site", map[string]string{"content/p.md": "---\ntitle: P\naliases: [../x/]\n---\n"},
			[]string{`content/p.md:3: alias "../x/" must be a URL path on this site such as /old/page/, starting with /`}},
		{"page at a taxonomy URL", map[string]string{"content/p.md": "---\ntitle: P\ntags: [a]\n---\n", "content/tags/_index.md": page("")},
			[]string{"content/tags/_index.md: two pages at one URL /tags/: content/tags/_index.md and the generated taxonomy page; rename one of them (URLs that differ only in case count as one)"}},
		{"static file at a page's file", map[string]string{"content/p.md": page(""), "static/p/index.html": "x"},
			[]string{"static/p/index.html: file would be published at /p/index.html, which a page already uses: rename or move it"}},
		{"static file at a folder of pages", map[string]string{"content/a/p.md": page(""), "static/a": "x"},
			[]string{"static/a: file would be published at /a, which a page already uses: rename or move it"}},
		{"static file beside a page", map[string]string{"content/p.md": page("![i](/p/i.png)\n"), "static/p/i.png": "x"}, nil},
		{"overdue review is a warning", map[string]string{"content/p.md": "---\ntitle: P\nreviewed: 2024-06-01\n---\n"},
			[]string{"content/p.md:3: warning: review overdue since 2025-06-01 (last reviewed 2024-06-01, reviewed every 12mo): check the page against its sources and update `reviewed`"}},
		{"page's own review interval", map[string]string{"content/p.md": "---\ntitle: P\nreviewed: 2024-06-01\nreview_every: 2y\n---\n"}, nil},
		{"review in the future", map[string]string{"content/p.md": "---\ntitle: P\nreviewed: 2026-02-01\n---\n"},
			[]string{"content/p.md:3: reviewed date 2026-02-01 is in the future: use the date the review happened"}},
		{"tree field on a page", map[string]string{"content/p.md": "---\ntitle: P\noptions: []\nscenarios: []\n---\n"}, []string{
			"content/p.md:3: `options` only applies to a node of a decision tree (a page in a folder whose _index.md sets `start`): remove it or move the page into a tree",
			"content/p.md:4: `scenarios` only applies to a decision tree's _index.md: move it there",
		}},
		{"a home page is made when there is none", map[string]string{"content/_index.md": "---\ntitle: Home\ndraft: true\n---\n", "content/p.md": page("[home](/)\n")}, nil},
		{"no page at all", map[string]string{"content/_index.md": "---\ntitle: Home\ndraft: true\n---\n"},
			[]string{"content: the site has no pages: write a Markdown file such as content/_index.md (the home page) with a title"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := writeSite(t, tt.files); !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics\n%q\nwant\n%q", got, tt.diags)
			}
		})
	}
}

func TestLoadWithoutContentFolder(t *testing.T) {
	_, diags := Load(Options{Root: t.TempDir(), Now: now})
	if len(diags) == 0 || !strings.Contains(diags.Error(), "content: no content folder: create content/") {
		t.Errorf("diagnostics %v, want one asking for content/", diags)
	}
}
