package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// builtSite is a fresh copy of the good fixture site and its build output.
type builtSite struct {
	work, site, dest string
	res              result
}

// buildGoodSite copies the good site and builds it with extra flags,
// failing the test unless the build succeeds.
func buildGoodSite(t *testing.T, extra ...string) builtSite {
	t.Helper()
	work, site := newSite(t)
	dest := filepath.Join(work, "public")
	args := append([]string{"build", "--source", site, "--dest", dest}, extra...)
	res := runCLI(t, work, args...)
	if res.code != 0 {
		t.Fatalf("build exit code %d, want 0\nstderr:\n%s", res.code, res.stderr)
	}
	return builtSite{work: work, site: site, dest: dest, res: res}
}

func TestBuildPrintsOneLineSummary(t *testing.T) {
	t.Parallel()
	b := buildGoodSite(t)
	want := regexp.MustCompile(`^built 1\d pages, \d+ files in \d+(\.\d+)?m?s → ` + regexp.QuoteMeta(b.dest) + "\n$")
	if !want.MatchString(b.res.stdout) {
		t.Errorf("stdout = %q, want one line matching %s", b.res.stdout, want)
	}
	if b.res.stderr != "" {
		t.Errorf("a clean build printed to stderr:\n%s", b.res.stderr)
	}
	assertNoTempFolders(t, b.work)
}

// fingerprint matches the content hash the build puts in asset names.
var fingerprint = regexp.MustCompile(`\.[0-9a-f]{10}\.`)

// TestBuildWritesExpectedFiles compares the list of output files with a
// golden list. Files copied from the repository's static/ folder are left
// out, so adding a stylesheet there does not change the list, and so are
// the search index's shards; content hashes in names are replaced by HASH.
func TestBuildWritesExpectedFiles(t *testing.T) {
	t.Parallel()
	b := buildGoodSite(t)
	static := map[string]bool{}
	for name, h := range hashTree(t, filepath.Join(b.site, "static")) {
		static[name] = h != "dir"
	}
	var files []string
	for name, h := range hashTree(t, b.dest) {
		if h == "dir" {
			continue
		}
		if static[fingerprint.ReplaceAllString(name, ".")] {
			continue
		}
		if strings.HasPrefix(name, "search/") && (strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".gpack")) {
			continue // the search index's shards, tested by package search
		}
		files = append(files, fingerprint.ReplaceAllString(name, ".HASH."))
	}
	slices.Sort(files)
	golden(t, "files.txt", strings.Join(files, "\n")+"\n")

	for _, name := range []string{"sitemap.xml", "feed.xml", "robots.txt"} {
		golden(t, name, readFile(t, b.dest, name))
	}
	if !static["css/site.css"] {
		t.Fatal("the repository has no static/css/site.css")
	}
	fingerprintedFile(t, b.dest, "css", "site")
}

// TestBuildPages checks what a reader sees on the built pages.
func TestBuildPages(t *testing.T) {
	t.Parallel()
	b := buildGoodSite(t)
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"pretty URL of a page", "guidance/hipaa/index.html", []string{"<h1>HIPAA and messaging</h1>"}},
		{"canonical link", "guidance/hipaa/index.html", []string{`<link rel="canonical" href="https://example.org/kb/guidance/hipaa/">`}},
		{"OpenGraph", "guidance/hipaa/index.html", []string{
			`<meta property="og:title" content="HIPAA and messaging">`,
			`<meta property="og:url" content="https://example.org/kb/guidance/hipaa/">`,
			`<meta property="og:description" content="What HIPAA asks of messaging apps.">`,
			`<meta property="og:type" content="article">`}},
		{"fingerprinted stylesheets", "guidance/hipaa/index.html", []string{`href="/kb/css/site.`, `href="/kb/css/syntax.`}},
		{"breadcrumbs", "guidance/hipaa/index.html", []string{`aria-label="Breadcrumb"`, `<a href="/kb/">Home</a>`, `<a href="/kb/guidance/">Guidance</a>`}},
		{"table of contents", "guidance/hipaa/index.html", []string{`id="contents"`, `<a href="#business-associates">Business associates</a>`, `<a href="#encryption-at-rest">Encryption at rest</a>`}},
		{"heading ids", "guidance/hipaa/index.html", []string{`<h2 id="business-associates">`, `<h2 id="encryption-at-rest">`}},
		{"last reviewed", "guidance/hipaa/index.html", []string{`<time datetime="2025-01-15">15 January 2025</time>`}},
		{"sources", "guidance/hipaa/index.html", []string{`id="sources"`, `<a href="https://www.ecfr.gov/current/title-45/section-164.312">45 CFR 164.312 Technical safeguards</a>, eCFR (2024-03-01)`}},
		{"jurisdiction tags", "guidance/hipaa/index.html", []string{`<a class="tag" href="/kb/jurisdictions/united-states/">United States</a>`}},
		{"next in section", "guidance/hipaa/index.html", []string{`href="/kb/guidance/gdpr/" rel="next"`}},
		{"previous in section", "guidance/gdpr/index.html", []string{`href="/kb/guidance/hipaa/" rel="prev"`}},
		{"callout", "guidance/hipaa/index.html", []string{`<aside class="callout callout-warning" role="note" aria-label="Warning">`, "Do not send patient data"}},
		{"highlighted code with classes", "guidance/hipaa/index.html", []string{`<pre class="chroma"`, `<code class="language-go" data-lang="go">`, `<span class="kn">package</span>`}},
		{"link to a .md file with an anchor", "guidance/hipaa/index.html", []string{`<a href="/kb/guidance/gdpr/#lawful-basis">`}},
		{"link to a URL path gets the base path", "guidance/hipaa/index.html", []string{`<a href="/kb/about/">about this site</a>`}},
		{"link to a section", "index.html", []string{`<a href="/kb/guidance/">guidance</a>`}},
		{"image copied from content", "guidance/gdpr/index.html", []string{`<img src="/kb/guidance/img/dot.gif" alt="A dot">`}},
		{"section lists its pages", "guidance/index.html", []string{`<a href="/kb/guidance/hipaa/">HIPAA and messaging</a>`, `<a href="/kb/guidance/gdpr/">GDPR and messaging</a>`}},
		{"home lists sections", "index.html", []string{`<a href="/kb/guidance/">Guidance</a>`, "<title>Test KB</title>"}},
		{"menu", "index.html", []string{`<a href="/kb/about/">About</a>`}},
		{"tag page", "tags/encryption/index.html", []string{"<h1>encryption</h1>", `href="/kb/guidance/hipaa/"`, `href="/kb/guidance/gdpr/"`}},
		{"jurisdiction page", "jurisdictions/united-states/index.html", []string{"<h1>United States</h1>", `href="/kb/guidance/hipaa/"`}},
		{"taxonomy list", "jurisdictions/index.html", []string{`href="/kb/jurisdictions/european-union/"`, `href="/kb/jurisdictions/united-states/"`}},
		{"404 page", "404.html", []string{"Page not found", `href="/kb/"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := readFile(t, b.dest, tt.file)
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("%s does not contain %s", tt.file, w)
				}
			}
		})
	}

	t.Run("no draft without --drafts", func(t *testing.T) {
		if _, err := os.Stat(filepath.Join(b.dest, "guidance", "draft-policy")); err == nil {
			t.Error("the draft page was published")
		}
	})
	t.Run("JSON-LD", func(t *testing.T) {
		if got := jsonLD(t, readFile(t, b.dest, "guidance/hipaa/index.html")); got["@type"] != "MedicalWebPage" || got["lastReviewed"] != "2025-01-15" || got["url"] != "https://example.org/kb/guidance/hipaa/" {
			t.Errorf("JSON-LD of a reviewed page = %v, want a MedicalWebPage with lastReviewed 2025-01-15", got)
		}
		if got := jsonLD(t, readFile(t, b.dest, "guidance/gdpr/index.html")); got["@type"] != "WebPage" || got["lastReviewed"] != nil {
			t.Errorf("JSON-LD of a page never reviewed = %v, want a WebPage without lastReviewed", got)
		}
	})
	t.Run("no inline styles and pretty URLs only", func(t *testing.T) {
		for name := range hashTree(t, b.dest) {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			if path := filepath.Base(name); path != "index.html" && name != "404.html" {
				t.Errorf("%s: pages must be folders with an index.html (pretty URLs)", name)
			}
			if page := readFile(t, b.dest, name); strings.Contains(page, "style=") {
				t.Errorf("%s has an inline style attribute; highlighting must use classes", name)
			}
		}
		css := readFile(t, b.dest, fingerprintedFile(t, b.dest, "css", "syntax"))
		// The build publishes it minified.
		if !strings.Contains(css, ".chroma .kn") || !strings.Contains(css, "prefers-color-scheme:dark") {
			t.Error("css/syntax.<hash>.css lacks the keyword class or the dark style")
		}
	})
}

// fingerprintedFile returns the output path of dir/name.<hash>.css.
func fingerprintedFile(t *testing.T, dest, dir, name string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dest, dir, name+".*.css"))
	if len(m) != 1 {
		t.Fatalf("want one %s/%s.<hash>.css, found %v", dir, name, m)
	}
	return dir + "/" + filepath.Base(m[0])
}

var ldScript = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func jsonLD(t *testing.T, page string) map[string]any {
	t.Helper()
	m := ldScript.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("page has no JSON-LD script")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatalf("JSON-LD is not valid JSON: %v\n%s", err, m[1])
	}
	return v
}

func TestBuildFlags(t *testing.T) {
	t.Parallel()
	t.Run("--drafts publishes drafts", func(t *testing.T) {
		b := buildGoodSite(t, "--drafts")
		if page := readFile(t, b.dest, "guidance/draft-policy/index.html"); !strings.Contains(page, "<h1>Draft policy</h1>") {
			t.Error("the draft page lacks its title")
		}
	})
	t.Run("--base-url overrides the config", func(t *testing.T) {
		b := buildGoodSite(t, "--base-url", "https://mirror.example.net")
		page := readFile(t, b.dest, "guidance/hipaa/index.html")
		for _, w := range []string{`<link rel="canonical" href="https://mirror.example.net/guidance/hipaa/">`, `<a href="/guidance/gdpr/#lawful-basis">`, `<a href="/about/">about this site</a>`} {
			if !strings.Contains(page, w) {
				t.Errorf("page does not contain %s", w)
			}
		}
		if robots := readFile(t, b.dest, "robots.txt"); !strings.Contains(robots, "Sitemap: https://mirror.example.net/sitemap.xml") {
			t.Errorf("robots.txt = %q", robots)
		}
	})
	t.Run("a bad --base-url fails", func(t *testing.T) {
		work, site := newSite(t)
		res := runCLI(t, work, "build", "--source", site, "--dest", filepath.Join(work, "public"), "--base-url", "example.org")
		if res.code != 1 || !hasLine(res.stderr, "--base-url: ", "must be an absolute http(s) URL") {
			t.Errorf("exit code %d, stderr:\n%s", res.code, res.stderr)
		}
	})
	t.Run("default source and dest", func(t *testing.T) {
		_, site := newSite(t)
		res := runCLI(t, site, "build")
		if res.code != 0 {
			t.Fatalf("exit code %d\n%s", res.code, res.stderr)
		}
		readFile(t, site, "public/guidance/hipaa/index.html")
	})
}

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from %s (run go test -update if the change is intended)\n--- got:\n%s\n--- want:\n%s", name, p, got, want)
	}
}
