package config

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/frontmatter"
)

func TestLoadWithoutFileGivesDefaults(t *testing.T) {
	var diags diag.List
	cfg := Load(t.TempDir(), &diags)
	if len(diags) > 0 {
		t.Fatalf("diagnostics for a missing config: %v", diags)
	}
	want := Default()
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("config %+v, want the defaults %+v", cfg, want)
	}
	if cfg.ReviewEvery != (frontmatter.Interval{Months: 12}) || cfg.Language != "en" {
		t.Errorf("defaults: review every %v, language %q", cfg.ReviewEvery, cfg.Language)
	}
}

func TestLoadReadsEveryKey(t *testing.T) {
	dir := t.TempDir()
	src := `# comment
title: Test KB
description: For tests.
base_url: https://example.org/kb/
language: en-GB
review_every: 6mo
allow_html: true
highlight:
  light: monokailight
  dark: dracula
menus:
  main:
    - name: Guidance
      url: /guidance/
      weight: 2
    - name: About
      url: /about/
  footer: []
theme: themes/plain
disclaimer: Not advice.
footer_note: Run by *us*
logo: /img/logo.svg
favicon: /favicon.png
colors:
  light: {accent: "#004225", header-bg: rgb(0 66 37)}
  dark: {accent: lightgreen}
render_timeout: 2m
taxonomies: {tag: tags, series: series}
front_matter: {extra: [audience, difficulty]}
`
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	cfg := Load(dir, &diags)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := &Config{
		Title:          "Test KB",
		Description:    "For tests.",
		BaseURL:        "https://example.org/kb/",
		Language:       "en-GB",
		ReviewEvery:    frontmatter.Interval{Months: 6},
		AllowHTML:      true,
		HighlightLight: "monokailight",
		HighlightDark:  "dracula",
		Menus: map[string][]MenuEntry{
			"main":   {{Name: "Guidance", URL: "/guidance/", Weight: 2, Line: 14}, {Name: "About", URL: "/about/", Line: 17}},
			"footer": nil,
		},
		Theme:         "themes/plain",
		Disclaimer:    "Not advice.",
		FooterNote:    "Run by *us*",
		Logo:          "/img/logo.svg",
		Favicon:       "/favicon.png",
		RenderTimeout: 2 * time.Minute,
		Colors: Colors{
			Light: map[string]string{"accent": "#004225", "header-bg": "rgb(0 66 37)"},
			Dark:  map[string]string{"accent": "lightgreen"},
		},
		Taxonomies:       []Taxonomy{{"tag", "tags"}, {"series", "series"}},
		FrontMatterExtra: []string{"audience", "difficulty"},
		Lines: map[string]int{"title": 2, "description": 3, "base_url": 4, "language": 5, "review_every": 6, "allow_html": 7, "highlight": 8, "menus": 11,
			"theme": 19, "disclaimer": 20, "footer_note": 21, "logo": 22, "favicon": 23, "colors": 24, "render_timeout": 27,
			"taxonomies": 28, "front_matter": 29},
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("config\n%+v\nwant\n%+v", cfg, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		diags []string
	}{
		{"unknown key", "title: A\nlangauge: en\n", []string{`guidepost.yaml:2: unknown key "langauge" in site config: did you mean "language"?`}},
		{"unrelated key", "sidebar: left\n", []string{`guidepost.yaml:1: unknown key "sidebar" in site config: known keys are allow_html, base_url, colors, description, disclaimer, favicon, footer_note, front_matter, git_info, highlight, language, languages, logo, menus, render_timeout, require_reviewer, review_every, taxonomies, theme, title`}},
		{"taxonomy named like a field", "taxonomies: {tag: tags, s: summary}\n", []string{`guidepost.yaml:1: taxonomy name "summary" is a front matter field of its own: choose another name`}},
		{"taxonomy name not a folder", "taxonomies:\n  topic: Big Topics\n", []string{`guidepost.yaml:2: taxonomy name "Big Topics" must be lower-case letters, digits, - and _, starting with a letter: it is a front matter key and a URL folder (/Big Topics/)`}},
		{"extra key that is a field", "front_matter:\n  extra: [audience, slug]\n", []string{`guidepost.yaml:2: front_matter.extra: "slug" is a front matter field already: remove it from extra`}},
		{"front_matter typo", "front_matter:\n  extras: [a]\n", []string{`guidepost.yaml:2: unknown key "extras" in front_matter: did you mean "extra"?`}},
		{"colour for colors", "colour: red\n", []string{`guidepost.yaml:1: unknown key "colour" in site config: did you mean "colors"?`}},
		{"logo not a path", "logo: img/logo.svg\n", []string{`guidepost.yaml:1: logo must be the URL path of a file of the site, such as /img/logo.svg (a file static/img/logo.svg), got "img/logo.svg"`}},
		{"favicon elsewhere", "favicon: //cdn.example.org/x.ico\n", []string{`guidepost.yaml:1: favicon must be the URL path of a file of the site, such as /img/favicon.svg (a file static/img/favicon.svg), got "//cdn.example.org/x.ico"`}},
		{"unknown colour", "colors:\n  light: {acent: red}\n", []string{`guidepost.yaml:2: unknown colour "acent" in colors.light: use one of bg, fg, muted, link, link-visited, border, surface, accent, focus, focus-fg, header-bg, header-fg, mark-bg`}},
		{"colour that ends the rule", "colors:\n  dark:\n    accent: \"red; } body { display: none\"\n", []string{`guidepost.yaml:3: colors.dark.accent must be a CSS colour such as "#0b57d0" or "rgb(11 87 208)", got "red; } body { display: none"`}},
		{"render timeout not a duration", "render_timeout: soon\n", []string{`guidepost.yaml:1: render_timeout must be a duration from 1s to 1h, such as 10s or 2m, got "soon"`}},
		{"render timeout too short", "render_timeout: 1ms\n", []string{`guidepost.yaml:1: render_timeout must be a duration from 1s to 1h, such as 10s or 2m, got "1ms"`}},
		{"colors as a list", "colors:\n  light: [red]\n", []string{`guidepost.yaml:2: colors.light must map colour names to CSS colours, e.g. {accent: "#0b57d0", header-bg: "#12263a"}`}},
		{"wrong type", "allow_html: sometimes\n", []string{`guidepost.yaml:1: allow_html must be true or false, got "sometimes"`}},
		{"title as a list", "title: [a, b]\n", []string{"guidepost.yaml:1: title must be text, got a list"}},
		{"bad review interval", "review_every: yearly\n", []string{`guidepost.yaml:1: review_every must be a period like 12mo, 2y, 6w or 90d, from 1d to 10y, got "yearly"`}},
		{"review interval of zero", "review_every: 0d\n", []string{`guidepost.yaml:1: review_every must be a period like 12mo, 2y, 6w or 90d, from 1d to 10y, got "0d"`}},
		{"review interval past ten years", "review_every: 999999999999y\n", []string{`guidepost.yaml:1: review_every must be a period like 12mo, 2y, 6w or 90d, from 1d to 10y, got "999999999999y"`}},
		{"relative base URL", "base_url: /kb/\n", []string{`guidepost.yaml:1: base_url must be an absolute http(s) URL such as https://example.org/, got "/kb/"`}},
		{"ftp base URL", "\nbase_url: ftp://example.org/\n", []string{`guidepost.yaml:2: base_url must be an absolute http(s) URL such as https://example.org/, got "ftp://example.org/"`}},
		{"highlight as text", "highlight: github\n", []string{`guidepost.yaml:1: highlight must be a mapping of ` + "`key: value`" + ` lines, got "github"`}},
		{"unknown highlight key", "highlight:\n  ligth: github\n", []string{`guidepost.yaml:2: unknown key "ligth" in highlight: did you mean "light"?`}},
		{"menus as a number", "menus: 3\n", []string{"guidepost.yaml:1: menus must be a mapping from menu name to a list of entries, e.g. menus: {main: [{name: Guidance, url: /guidance/}]}"}},
		{"menu as a mapping", "menus:\n  main: {name: A}\n", []string{"guidepost.yaml:2: menu \"main\" must be a list (lines starting with `- `), got a mapping"}},
		{"menu entry without url", "menus:\n  main:\n    - name: A\n", []string{"guidepost.yaml:3: menu entry needs both `name` and `url`"}},
		{"menu entry bad weight", "menus:\n  main:\n    - name: A\n      url: /a/\n      weight: first\n", []string{`guidepost.yaml:5: menu entry weight must be a whole number, got "first"`}},
		{"not a mapping", "- a\n", []string{"guidepost.yaml:1: site config must be a mapping of `key: value` lines, got a list"}},
		{"YAML syntax", "title: A\ndescription: \"open\n", []string{"guidepost.yaml:2: invalid YAML: found unexpected end of stream (check indentation, and quote values that contain ': ' or start with a special character)"}},
		{"two problems", "title: [a]\nlanguage: {x: y}\n", []string{"guidepost.yaml:1: title must be text, got a list", "guidepost.yaml:2: language must be text, got a mapping"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			Parse([]byte(tt.src), Default(), &diags)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics\n%q\nwant\n%q", got, tt.diags)
			}
		})
	}
}

// TestBadReviewIntervalKeepsTheDefault checks that a review_every that
// is reported leaves the default interval, not none: with none, every
// reviewed page would be reported overdue "every 0d" after the error.
func TestBadReviewIntervalKeepsTheDefault(t *testing.T) {
	for _, src := range []string{"review_every: soon\n", "review_every: 0d\n", "review_every: 999999999999y\n", "review_every: [1y]\n"} {
		cfg := Default()
		var diags diag.List
		Parse([]byte(src), cfg, &diags)
		if len(diags) != 1 {
			t.Errorf("%q: diagnostics %v, want one", src, diags)
		}
		if cfg.ReviewEvery != Default().ReviewEvery {
			t.Errorf("%q: review interval %v, want the default %v", src, cfg.ReviewEvery, Default().ReviewEvery)
		}
	}
}

func TestLoadUnreadableConfig(t *testing.T) {
	dir := t.TempDir()
	// A folder where the file should be cannot be read as a file.
	if err := os.Mkdir(filepath.Join(dir, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	Load(dir, &diags)
	if len(diags) != 1 || diags[0].File != FileName {
		t.Errorf("diagnostics %v, want one about %s", diags, FileName)
	}
}

func TestNormalizeBaseURL(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"https://example.org/", "https://example.org/", true},
		{"https://example.org", "https://example.org/", true},
		{"http://localhost:1313", "http://localhost:1313/", true},
		{"https://example.org/kb", "https://example.org/kb/", true},
		// A user, a password, a query or a fragment would be published
		// in every canonical link, the sitemap and the feed.
		{"https://example.org/kb/?utm=1#top", "", false},
		{"https://example.org/kb/?", "", false},
		{"https://example.org/kb/#", "", false},
		{"https://example.org/kb/#top", "", false},
		{"https://user:pass@example.org/", "", false},
		{"https://user@example.org/", "", false},
		{"https://@example.org/", "", false},
		{"example.org", "", false},
		{"/kb/", "", false},
		{"ftp://example.org/", "", false},
		{"https://", "", false},
		{"", "", false},
		{"https://exa mple.org/", "", false},
	}
	for _, tt := range tests {
		got, err := NormalizeBaseURL(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("NormalizeBaseURL(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
