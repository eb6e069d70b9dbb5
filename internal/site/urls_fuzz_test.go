package site

import (
	neturl "net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// FuzzURL gives any text to the URL rules as a Markdown link, a source's
// url, a menu entry's url and an alias, on a site published under
// https://example.org/kb/. They must never panic; a URL they accept must
// be published with an allowed scheme or, on this site, under /kb/, as a
// browser reads it; an alias must be a plain folder path (or .html file)
// under /kb/. Seeds: testdata/fuzz/FuzzURL.
func FuzzURL(f *testing.F) {
	for _, seed := range []string{
		"india.md", "../guidance/india.md#consent", "/guidance/", "/kb/guidance/", "guidance/", "#consent",
		"https://example.com/", "HTTPS://EXAMPLE.COM/", "mailto:a@example.org", "tel:+1", "javascript:alert(1)",
		"JaVaScRiPt:alert(1)", " javascript:x", "\x01javascript:x", "java\tscript:x", "data:text/html,x", "//evil.com/",
		"/\\evil.com/", "http:/x", "https://", "/old/?x=1", "old-page", "/feed.xml", "/sitemap.xml/", "/search/",
		"/old/\x00/", "/a/../b/", "/old/page.html", "/guidance/india.md?x#y", "https://[::1]/", "/%2e%2e/",
	} {
		f.Add(seed)
	}
	root := f.TempDir()
	for name, text := range map[string]string{
		"guidepost.yaml":             "title: KB\nbase_url: https://example.org/kb/\n",
		"content/_index.md":          "---\ntitle: Home\n---\n",
		"content/guidance/_index.md": "---\ntitle: Guidance\n---\n",
		"content/guidance/india.md":  "---\ntitle: India\naliases: [/old/india/]\n---\n## Consent\n",
		"static/img/a.png":           "x",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	s, diags := Load(Options{Root: root, Now: now})
	if len(diags) > 0 {
		f.Fatalf("the fixture has problems: %v", diags)
	}
	from := s.PageByFile("content/guidance/india.md")
	menuFrom := &Page{Kind: KindHome, File: ContentDir + "/_index.md", URL: "/", Site: s}

	f.Fuzz(func(t *testing.T, u string) {
		for _, c := range []struct {
			use     urlUse
			r       resolved
			schemes []string
		}{
			{inBody, s.resolve(from, u), allowedSchemes},
			{inSource, s.checkURL(from, u, inSource), []string{"http", "https", "mailto"}},
			{inMenu, s.checkURL(menuFrom, u, inMenu), []string{"http", "https", "mailto"}},
		} {
			if c.r.problem != "" || u == "" {
				continue
			}
			href := c.r.href
			if c.r.target != "" {
				// What a menu entry becomes, then relURL in a layout.
				if got := s.RelURL(c.r.target); got != href {
					t.Fatalf("use %d: %q: href %q but relURL of its target %q is %q", c.use, u, href, c.r.target, got)
				}
			}
			checkPublished(t, u, href, c.schemes, c.use == inBody)
		}
		if a, problem := s.checkAlias(u); problem == "" {
			if !strings.HasPrefix(a, "/") || strings.HasPrefix(a, "//") || strings.ContainsAny(a, "?#%\\") ||
				strings.Contains(a, "//") || strings.Contains(a, "/./") || strings.Contains(a, "/../") ||
				strings.ContainsFunc(a, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) {
				t.Fatalf("alias %q accepted as %q", u, a)
			}
			if !strings.HasSuffix(a, "/") && !strings.HasSuffix(strings.ToLower(a), ".html") && !strings.HasSuffix(strings.ToLower(a), ".htm") {
				t.Fatalf("alias %q accepted as %q, neither a folder nor an .html file", u, a)
			}
			if generatedAt(a) != "" || strings.HasPrefix(strings.ToLower(a), "/search/") {
				t.Fatalf("alias %q accepted as %q, a generated file's place", u, a)
			}
			checkPublished(t, u, s.RelURL(a), nil, false)
		}
	})
}

// checkPublished fails unless href, published for the URL u an author
// wrote, leads a browser on https://example.org/kb/guidance/india/ to
// another site with one of schemes, or to this site under /kb/.
func checkPublished(t *testing.T, u, href string, schemes []string, fragments bool) {
	t.Helper()
	// Browsers strip spaces around a URL, so only one before it matters.
	if href == "" || strings.TrimLeftFunc(href, unicode.IsSpace) != href || strings.ContainsAny(href, "\\") ||
		strings.ContainsFunc(href, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) {
		t.Fatalf("%q published as %q", u, href)
	}
	if scheme := urlScheme(href); scheme != "" {
		if !slices.Contains(schemes, scheme) {
			t.Fatalf("%q published as %q, with the scheme %s:", u, href, scheme)
		}
		if href != u {
			t.Fatalf("%q, another site's address, published as %q", u, href)
		}
		return
	}
	switch {
	case strings.HasPrefix(href, "#"):
		if !fragments {
			t.Fatalf("%q published as the anchor %q", u, href)
		}
		return
	case !strings.HasPrefix(href, "/kb/") || strings.HasPrefix(href, "//"):
		t.Fatalf("%q published as %q, outside /kb/", u, href)
	}
	page, _ := neturl.Parse("https://example.org/kb/guidance/india/")
	ref, err := neturl.Parse(href)
	if err != nil {
		return // a browser is more lenient; the path is checked above
	}
	abs := page.ResolveReference(ref)
	if abs.Host != "example.org" || !strings.HasPrefix(abs.Path, "/kb/") {
		t.Fatalf("%q published as %q, which leads to %s", u, href, abs)
	}
}
