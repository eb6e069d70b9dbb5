package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// contentOnlySite copies testdata/site (content and guidepost.yaml, no
// layouts, no static) into a new folder and returns it: a site as an
// author writes it, with the theme built into the binary.
func contentOnlySite(t *testing.T) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	testsite.CopyTree(t, filepath.Join("testdata", "site"), site)
	return site
}

// stylesheet returns the content of the stylesheet a page links whose
// name starts with prefix ("css/site.").
func stylesheet(t *testing.T, public, page, prefix string) string {
	t.Helper()
	html := readFile(t, public, page)
	m := regexp.MustCompile(`href="/kb/(` + regexp.QuoteMeta(prefix) + `[0-9a-f]{10}\.css)"`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("%s links no %s…css", page, prefix)
	}
	return readFile(t, public, m[1])
}

func TestBuiltInThemeBuildsAContentOnlySite(t *testing.T) {
	t.Parallel()
	site := contentOnlySite(t)
	res := runCLI(t, site, "build")
	if res.code != 0 {
		t.Fatalf("build: exit %d\n%s", res.code, res.stderr)
	}
	public := filepath.Join(site, "public")
	home := readFile(t, public, "index.html")
	for _, want := range []string{`<header class="site-header">`, "General information, not legal advice.", `<link rel="icon" href="/kb/favicon.svg">`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if !strings.Contains(readFile(t, public, "favicon.svg"), "<svg") {
		t.Error("the default favicon is not published")
	}
}

func TestSiteFilesOverrideTheTheme(t *testing.T) {
	t.Parallel()
	site := contentOnlySite(t)
	writeFile(t, site, "layouts/partials/footer.html", `<footer class="mine">Our own footer</footer>`)
	writeFile(t, site, "static/css/site.css", "body { color: rebeccapurple; }\n")
	// A theme folder between the site and the built-in theme: its header
	// is used, its footer is not (the site's own comes first).
	writeFile(t, site, "themes/plain/layouts/partials/header.html", `<header class="plain">Plain header</header>`)
	writeFile(t, site, "themes/plain/layouts/partials/footer.html", `<footer>theme footer</footer>`)
	writeFile(t, site, "themes/plain/static/css/decide.css", "/* plain decide */\n")
	cfg := readFile(t, site, "guidepost.yaml")
	writeFile(t, site, "guidepost.yaml", cfg+"theme: themes/plain\n")

	res := runCLI(t, site, "build", "--minify=false")
	if res.code != 0 {
		t.Fatalf("build: exit %d\n%s", res.code, res.stderr)
	}
	public := filepath.Join(site, "public")
	page := readFile(t, public, "guidance/hipaa/index.html")
	for _, tt := range []struct {
		what, text string
		want       bool
	}{
		{"the site's footer", "Our own footer", true},
		{"the built-in footer", "Updates feed", false},
		{"the theme folder's footer", "theme footer", false},
		{"the theme folder's header", "Plain header", true},
		{"the built-in header", `class="site-header"`, false},
		{"the built-in page layout", `class="prose"`, true},
	} {
		if strings.Contains(page, tt.text) != tt.want {
			t.Errorf("%s (%q) shown: %v, want %v", tt.what, tt.text, !tt.want, tt.want)
		}
	}
	if css := stylesheet(t, public, "guidance/hipaa/index.html", "css/site."); css != "body { color: rebeccapurple; }\n" {
		t.Errorf("css/site.css is %q, want the site's", css)
	}

	// Without the theme folder the built-in files come back.
	writeFile(t, site, "guidepost.yaml", cfg)
	if err := os.Remove(filepath.Join(site, "layouts", "partials", "footer.html")); err != nil {
		t.Fatal(err)
	}
	if res := runCLI(t, site, "build", "--minify=false"); res.code != 0 {
		t.Fatalf("second build: exit %d\n%s", res.code, res.stderr)
	}
	page = readFile(t, public, "guidance/hipaa/index.html")
	if !strings.Contains(page, "Updates feed") || !strings.Contains(page, `class="site-header"`) {
		t.Error("the built-in footer and header did not come back when the overrides went")
	}
}

func TestThemeProblemsNameTheFile(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		files  map[string]string
		config string
		want   []string // phrases of one stderr line each, in order: file:line prefix, then text
	}{
		{
			name:  "a page names a layout nobody has",
			files: map[string]string{"content/about.md": "---\ntitle: About\nlayout: wide\n---\nBody.\n"},
			want:  []string{"content/about.md:3: ", `layout "wide": there is no layouts/wide.html in the site (`, "and the built-in theme: create it"},
		},
		{
			name:   "a theme folder that is not there",
			config: "theme: themes/gone\n",
			want:   []string{"guidepost.yaml:17: ", "theme folder themes/gone does not exist"},
		},
		{
			name:   "a logo that is not a file of the site",
			config: "logo: /img/logo.svg\n",
			want:   []string{"guidepost.yaml:17: ", "logo /img/logo.svg is not a file of the site: put it at static/img/logo.svg"},
		},
		{
			name:  "a layout error in an override names the site's file",
			files: map[string]string{"layouts/partials/footer.html": "<footer>\n{{.Nope}}</footer>"},
			want:  []string{"layouts/partials/footer.html:2: ", "can't evaluate field Nope"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := contentOnlySite(t)
			for name, content := range tt.files {
				writeFile(t, site, name, content)
			}
			if tt.config != "" {
				writeFile(t, site, "guidepost.yaml", readFile(t, site, "guidepost.yaml")+tt.config)
			}
			res := runCLI(t, site, "check")
			if res.code != 1 {
				t.Fatalf("check: exit %d, want 1\n%s", res.code, res.stderr)
			}
			found := false
			for _, line := range strings.Split(res.stderr, "\n") {
				if !strings.HasPrefix(line, tt.want[0]) {
					continue
				}
				rest, ok := line[len(tt.want[0]):], true
				for _, phrase := range tt.want[1:] {
					i := strings.Index(rest, phrase)
					if i < 0 {
						ok = false
						break
					}
					rest = rest[i+len(phrase):]
				}
				found = found || ok
			}
			if !found {
				t.Errorf("stderr has no line %q:\n%s", strings.Join(tt.want, "…"), res.stderr)
			}
		})
	}
}

func TestConfigThemeText(t *testing.T) {
	t.Parallel()
	site := contentOnlySite(t)
	writeFile(t, site, "static/img/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`)
	writeFile(t, site, "static/icon.png", "png")
	writeFile(t, site, "guidepost.yaml", readFile(t, site, "guidepost.yaml")+`disclaimer: "**Not advice.** Ask <your> adviser."
footer_note: Run by the [clinic](https://clinic.example.org/)
logo: /img/logo.svg
favicon: /icon.png
colors:
  light: {header-bg: "#004225"}
  dark: {accent: "rgb(133 212 165)"}
`)
	res := runCLI(t, site, "build", "--minify=false")
	if res.code != 0 {
		t.Fatalf("build: exit %d\n%s", res.code, res.stderr)
	}
	public := filepath.Join(site, "public")
	home := readFile(t, public, "index.html")
	for _, want := range []string{
		`<p class="disclaimer"><strong>Not advice.</strong> Ask &lt;your&gt; adviser.</p>`,
		`Run by the <a href="https://clinic.example.org/">clinic</a> · `,
		`<img class="site-logo" src="/kb/img/logo.svg" alt="" height="32">Test KB</a>`,
		`<link rel="icon" href="/kb/icon.png">`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	css := stylesheet(t, public, "index.html", "css/colors.")
	want := ":root {\n  --header-bg: #004225;\n}\n@media (prefers-color-scheme: dark) {\n:root {\n  --accent: rgb(133 212 165);\n}\n}\n"
	if css != want {
		t.Errorf("css/colors.css:\n%s\nwant\n%s", css, want)
	}
	if _, err := os.Stat(filepath.Join(public, "favicon.svg")); err != nil {
		t.Errorf("the built-in favicon should still be published for old links: %v", err)
	}
}
