package site

import (
	"slices"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// loadFiles writes files (path → content) into a new site folder published
// under https://example.org/kb/, with a home page and a guidance section
// unless files replace them, and loads it.
func loadFiles(t *testing.T, files map[string]string) (*Site, []string) {
	t.Helper()
	root := t.TempDir()
	all := map[string]string{
		"guidepost.yaml":             "title: KB\nbase_url: https://example.org/kb/\n",
		"content/_index.md":          "---\ntitle: Home\n---\n## Welcome\n",
		"content/guidance/_index.md": "---\ntitle: Guidance\n---\n",
		"content/guidance/india.md":  "---\ntitle: India\n---\n## Consent\n",
	}
	for k, v := range files {
		all[k] = v
	}
	testsite.WriteFiles(t, root, all)
	s, diags := Load(Options{Root: root, Now: now})
	var out []string
	for _, d := range diags {
		out = append(out, d.String())
	}
	return s, out
}

// TestSourceURLs checks the URLs of a page's sources as a reader gets
// them: .md files and site paths lead to the page under the base path,
// other sites' addresses stay as written.
func TestSourceURLs(t *testing.T) {
	tests := []struct {
		url, href string
	}{
		{"india.md", "/kb/guidance/india/"},
		{"./india.md#consent", "/kb/guidance/india/#consent"},
		{"/guidance/india.md", "/kb/guidance/india/"},
		{"_index.md", "/kb/guidance/"},
		{"/guidance/", "/kb/guidance/"},
		{"/guidance/india", "/kb/guidance/india/"},
		{"/kb/guidance/", "/kb/guidance/"},
		{"/tags/", "/kb/tags/"},
		{"/feed.xml", "/kb/feed.xml"},
		{"https://www.hhs.gov/hipaa/", "https://www.hhs.gov/hipaa/"},
		{"HTTPS://EXAMPLE.COM/A", "HTTPS://EXAMPLE.COM/A"},
		{"mailto:editor@example.org", "mailto:editor@example.org"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			s, diags := loadFiles(t, map[string]string{
				"content/guidance/p.md": "---\ntitle: P\ntags: [a]\nsources:\n  - title: S\n    url: \"" + tt.url + "\"\n---\n",
			})
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %q", diags)
			}
			if got := s.PageByFile("content/guidance/p.md").FM.Sources[0].URL; got != tt.href {
				t.Errorf("published %q, want %q", got, tt.href)
			}
		})
	}
}

// TestTreeOutcomeSourceURLs checks that the tree JSON the live tool reads
// carries an outcome's sources as the static page does.
func TestTreeOutcomeSourceURLs(t *testing.T) {
	s, diags := loadFiles(t, map[string]string{
		"content/decide/t/_index.md": "---\ntitle: T\nstart: q\nscenarios:\n  - answers: [\"Yes\"]\n    expect: yes\n  - answers: [\"No\"]\n    expect: no\n---\n",
		"content/decide/t/q.md":      "---\ntitle: Q?\noptions:\n  - label: \"Yes\"\n    next: yes\n  - label: \"No\"\n    next: no\n---\n",
		"content/decide/t/yes.md":    "---\ntitle: Yes\nverdict: allowed\njurisdictions: [Here]\nreviewed: 2025-12-01\nsources:\n  - title: India\n    url: ../../guidance/india.md#consent\n---\n",
		"content/decide/t/no.md":     "---\ntitle: No\nverdict: avoid\njurisdictions: [Here]\nreviewed: 2025-12-01\nsources:\n  - title: HHS\n    url: https://www.hhs.gov/\n  - title: Guidance\n    url: /guidance/\n---\n",
	})
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %q", diags)
	}
	var got []string
	for _, n := range s.Trees[0].Nodes {
		for _, src := range n.Sources {
			got = append(got, n.ID+" "+src.URL)
		}
	}
	slices.Sort(got)
	want := []string{"no /kb/guidance/", "no https://www.hhs.gov/", "yes /kb/guidance/india/#consent"}
	if !slices.Equal(got, want) {
		t.Errorf("tree sources %q, want %q", got, want)
	}
}

// TestMenuURLs checks that menu entries are published under the base
// path: layouts write them with relURL.
func TestMenuURLs(t *testing.T) {
	s, diags := loadFiles(t, map[string]string{
		"guidepost.yaml": `title: KB
base_url: https://example.org/kb/
menus:
  main:
    - {name: Guidance, url: /guidance/}
    - {name: India, url: guidance/india.md}
    - {name: Consent, url: "/guidance/india.md#consent"}
    - {name: Home, url: /}
    - {name: Tags, url: /tags/}
    - {name: Elsewhere, url: "https://example.com/x"}
    - {name: Write, url: "mailto:editor@example.org"}
`,
		"content/guidance/p.md": "---\ntitle: P\ntags: [a]\n---\n",
	})
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %q", diags)
	}
	var got []string
	for _, e := range s.Config.Menus["main"] {
		got = append(got, s.RelURL(e.URL))
	}
	want := []string{"/kb/guidance/", "/kb/guidance/india/", "/kb/guidance/india/#consent", "/kb/", "/kb/tags/", "https://example.com/x", "mailto:editor@example.org"}
	if !slices.Equal(got, want) {
		t.Errorf("menu hrefs\n%q\nwant\n%q", got, want)
	}
}

// TestFrontMatterURLProblems checks what an author is told, and where,
// for each URL a page may not publish.
func TestFrontMatterURLProblems(t *testing.T) {
	source := func(u string) map[string]string {
		return map[string]string{"content/p.md": "---\ntitle: P\nsources:\n  - title: Ok\n    url: https://example.com/\n  - title: S\n    url: " + u + "\n---\n"}
	}
	menu := func(u string) map[string]string {
		return map[string]string{"guidepost.yaml": "title: KB\nbase_url: https://example.org/kb/\nmenus:\n  main:\n    - name: Guidance\n      url: /guidance/\n    - name: FAQ\n      url: " + u + "\n"}
	}
	alias := func(a string) map[string]string {
		return map[string]string{"content/p.md": "---\ntitle: P\naliases:\n  - /old/p/\n  - " + a + "\n---\n"}
	}
	tests := []struct {
		name  string
		files map[string]string
		diag  string
	}{
		{"source javascript", source("\"javascript:alert('X')\""), `content/p.md:7: source "S": "javascript:alert('X')" uses the scheme javascript:, which is not allowed`},
		{"source mixed case", source("JaVaScRiPt:alert(1)"), `content/p.md:7: source "S": "JaVaScRiPt:alert(1)" uses the scheme javascript:`},
		{"source data", source("\"data:text/html;base64,PHNjcmlwdD4=\""), `content/p.md:7: source "S": "data:text/html;base64,PHNjcmlwdD4=" uses the scheme data:`},
		{"source vbscript", source("vbscript:msgbox"), `content/p.md:7: source "S": "vbscript:msgbox" uses the scheme vbscript:`},
		{"source leading space", source("\" javascript:alert(1)\""), `content/p.md:7: source "S": " javascript:alert(1)" has spaces or line breaks around it`},
		{"source leading control", source("\"\\x01javascript:alert(1)\""), `content/p.md:7: source "S": "\x01javascript:alert(1)" contains the control character U+0001`},
		{"source tab inside", source("\"java\\tscript:alert(1)\""), `content/p.md:7: source "S": "java\tscript:alert(1)" contains the control character U+0009`},
		{"source space inside", source("\"https://example.com/a b\""), `content/p.md:7: source "S": "https://example.com/a b" contains a space: write it as %20`},
		{"source malformed http", source("http:/x"), `content/p.md:7: source "S": "http:/x" is not a complete address`},
		{"source no host", source("https:///x"), `content/p.md:7: source "S": "https:///x" has no host name`},
		{"source scheme-relative", source("//evil.example/"), `content/p.md:7: source "S": "//evil.example/" starts with //`},
		{"source relative path", source("guidance/"), `content/p.md:7: source "S": "guidance/" is neither a path from the site's root nor a .md file: start it with / (e.g. /guidance/)`},
		{"source fragment", source("\"#x\""), `content/p.md:7: source "S": "#x" is only an #anchor`},
		{"source missing page", source("/guidance/nope/"), `content/p.md:7: source "S": link to "/guidance/nope/" but no page or file is published at /guidance/nope`},
		{"source missing file", source("nope.md"), `content/p.md:7: source "S": link to a missing page "nope.md": there is no content/nope.md`},
		{"source missing anchor", source("guidance/india.md#consnet"), `content/p.md:7: source "S": link to a missing anchor #consnet in content/guidance/india.md: use one of the headings' IDs`},
		{"source phone", source("tel:+441234567890"), `content/p.md:7: source "S": "tel:+441234567890" is a phone link, which a layout cannot publish as a source or menu entry`},
		{"source windows path", source("C:\\kb\\india.md"), `content/p.md:7: source "S": "C:\\kb\\india.md" contains a backslash`},

		{"menu typo", menu("/faq/"), `guidepost.yaml:8: menu "main" entry "FAQ": link to "/faq/" but no page or file is published at /faq`},
		{"menu without slash", menu("guidance/"), `guidepost.yaml:8: menu "main" entry "FAQ": "guidance/" is neither a path from the site's root nor a .md file: start it with / (e.g. /guidance/)`},
		{"menu javascript", menu("javascript:alert(1)"), `guidepost.yaml:8: menu "main" entry "FAQ": "javascript:alert(1)" uses the scheme javascript:`},
		{"menu missing file", menu("faq.md"), `guidepost.yaml:8: menu "main" entry "FAQ": link to a missing page "faq.md": there is no content/faq.md`},
		{"menu missing anchor", menu("/guidance/india/#nope"), `guidepost.yaml:8: menu "main" entry "FAQ": link to a missing anchor #nope in content/guidance/india.md`},

		{"alias scheme-relative", alias("//evil.com/"), `content/p.md:5: alias "//evil.com/" starts with //`},
		{"alias query", alias("/old/?x=1"), `content/p.md:5: alias "/old/?x=1" has a query or #fragment`},
		{"alias relative", alias("old-page"), `content/p.md:5: alias "old-page" must be a URL path on this site such as /old/page/, starting with /`},
		{"alias feed", alias("/feed.xml"), `content/p.md:5: alias "/feed.xml" would be a folder in place of the generated feed.xml`},
		{"alias sitemap folder", alias("/sitemap.xml/"), `content/p.md:5: alias "/sitemap.xml/" would be a folder in place of the generated sitemap.xml`},
		{"alias robots any case", alias("/Robots.TXT"), `content/p.md:5: alias "/Robots.TXT" would be a folder in place of the generated robots.txt`},
		{"alias inside 404", alias("/404.html/x/"), `content/p.md:5: alias "/404.html/x/" would be a folder in place of the generated 404.html`},
		{"alias search", alias("/search/"), `content/p.md:5: alias "/search/" is inside /search/`},
		{"alias search index", alias("/search/d/"), `content/p.md:5: alias "/search/d/" is inside /search/`},
		{"alias NUL", alias("\"/old/\\0x/\""), `content/p.md:5: alias "/old/\x00x/" contains the control character U+0000`},
		{"alias newline", alias("\"/old/\\nx/\""), `content/p.md:5: alias "/old/\nx/" contains the control character U+000A`},
		{"alias javascript", alias("javascript:alert(1)"), `content/p.md:5: alias "javascript:alert(1)" must be a URL path on this site`},
		{"alias home", alias("/"), `content/p.md:5: alias "/" is the home page`},
		{"alias dot dot", alias("/a/../b/"), `content/p.md:5: alias "/a/../b/" must be a URL path on this site such as /old/page/, without . or .. folders`},
		{"alias empty folder", alias("/a//b/"), `content/p.md:5: alias "/a//b/" has an empty folder`},
		{"alias hidden", alias("/.well-known/x/"), `content/p.md:5: alias "/.well-known/x/" has a hidden folder ".well-known"`},
		{"alias backslash", alias("\"/\\\\evil.com/\""), `content/p.md:5: alias "/\\evil.com/" contains a backslash`},
		{"alias percent", alias("/caf%C3%A9/"), `content/p.md:5: alias "/caf%C3%A9/" holds a space or a %-escape`},

		{"page at the feed", map[string]string{"content/feed.xml.md": "---\ntitle: F\n---\n"}, "content/feed.xml.md:1: this page would be published at /feed.xml/, a folder in place of the generated feed.xml"},
		{"section at robots.txt", map[string]string{"content/robots.txt/_index.md": "---\ntitle: R\n---\n"}, "content/robots.txt/_index.md:1: this page would be published at /robots.txt/, a folder in place of the generated robots.txt"},
		{"page at the sitemap", map[string]string{"content/Sitemap.xml.md": "---\ntitle: S\n---\n"}, "content/Sitemap.xml.md:1: this page would be published at /Sitemap.xml/, a folder in place of the generated sitemap.xml"},
		{"page at the 404 page", map[string]string{"content/404.html.md": "---\ntitle: S\n---\n"}, "content/404.html.md:1: this page would be published at /404.html/, a folder in place of the generated 404.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadFiles(t, tt.files)
			found := false
			for _, d := range diags {
				found = found || strings.HasPrefix(d, tt.diag)
			}
			if !found || len(diags) != 1 {
				t.Errorf("diagnostics\n%q\nwant one starting\n%q", diags, tt.diag)
			}
		})
	}
}

// TestFrontMatterURLsAccepted lists neighbours of the refused URLs that
// are fine.
func TestFrontMatterURLsAccepted(t *testing.T) {
	for _, u := range []string{"HTTPS://EXAMPLE.COM/", "Http://example.com/a?b=c#d", "https://[::1]:8080/", "MAILTO:a@example.org", "/guidance/?x=1", "/kb/guidance/india/#consent"} {
		t.Run(u, func(t *testing.T) {
			_, diags := loadFiles(t, map[string]string{
				"content/p.md": "---\ntitle: P\naliases: [/old/p/, /Old/Q, /old/page.html]\nsources:\n  - title: S\n    url: \"" + u + "\"\n---\n",
			})
			if len(diags) > 0 {
				t.Errorf("diagnostics: %q", diags)
			}
		})
	}
}
