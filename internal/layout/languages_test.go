package layout

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/site"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// multilingualSite is a site in English (the default), Brazilian
// Portuguese and Arabic: a page in all three, one in two, one in English
// only, one in Arabic only, and a Portuguese translation kept out of the
// sitemap.
func multilingualSite(t *testing.T) *site.Site {
	t.Helper()
	return newSite(t, map[string]string{
		"guidepost.yaml":       "title: Test KB\nbase_url: https://example.org/kb/\nlanguages:\n  en: {weight: 1}\n  pt-br: {weight: 2}\n  ar: {weight: 3}\n",
		"content/_index.ar.md": "---\ntitle: الرئيسية\n---\n",
		"content/a.md":         "---\ntitle: A\ndate: 2025-01-01\n---\n",
		"content/a.pt-br.md":   "---\ntitle: A\ndate: 2025-02-01\n---\n",
		"content/a.ar.md":      "---\ntitle: A\n---\n",
		"content/b.md":         "---\ntitle: B\n---\n",
		"content/b.ar.md":      "---\ntitle: B\n---\n",
		"content/c.md":         "---\ntitle: C\n---\n",
		"content/d.ar.md":      "---\ntitle: D\n---\n",
		"content/e.md":         "---\ntitle: E\n---\n",
		"content/e.pt-br.md":   "---\ntitle: E\nsitemap: {disable: true}\n---\n",
	})
}

// oneLanguageSite is a site without languages:, holding a file named like
// a translation, which is a page of its own.
func oneLanguageSite(t *testing.T) *site.Site {
	t.Helper()
	return newSite(t, map[string]string{
		"content/a.md":    "---\ntitle: A\ndate: 2025-01-01\n---\n",
		"content/a.es.md": "---\ntitle: A in Spanish\n---\n",
	})
}

// TestSitemapGolden checks sitemap.xml: in a multilingual site, each page
// with translations lists every version and x-default as xhtml:link
// alternates; a site of one language has neither the alternates nor the
// xhtml namespace, as before languages existed.
func TestSitemapGolden(t *testing.T) {
	for _, tt := range []struct {
		name string
		site func(*testing.T) *site.Site
	}{
		{"sitemap-multilingual", multilingualSite},
		{"sitemap-one-language", oneLanguageSite},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Sitemap(tt.site(t))
			golden := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("sitemap differs from %s:\n%s", golden, got)
			}
		})
	}
	if s := string(Sitemap(oneLanguageSite(t))); strings.Contains(s, "xhtml") || strings.Contains(s, "hreflang") {
		t.Errorf("the sitemap of a site of one language has alternates:\n%s", s)
	}
}

// TestAlternates checks the hreflang versions of pages: every version of
// a page lists the same set (the links are reciprocal, as search engines
// require), itself included, then x-default, the default language's page.
func TestAlternates(t *testing.T) {
	s := multilingualSite(t)
	describe := func(alts []Alternate) []string {
		var out []string
		for _, a := range alts {
			out = append(out, a.Hreflang+"="+a.Page.URL)
		}
		return out
	}
	tests := []struct {
		url  string
		want []string
	}{
		{"/a/", []string{"en=/a/", "pt-BR=/pt-br/a/", "ar=/ar/a/", "x-default=/a/"}},
		{"/b/", []string{"en=/b/", "ar=/ar/b/", "x-default=/b/"}},
		{"/c/", nil},
		{"/ar/d/", nil},
		{"/", []string{"en=/", "pt-BR=/pt-br/", "ar=/ar/", "x-default=/"}},
		{"/pt-br/search/", []string{"en=/search/", "pt-BR=/pt-br/search/", "ar=/ar/search/", "x-default=/search/"}},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			p := s.PageByURL(tt.url)
			if p == nil {
				t.Fatalf("no page at %s", tt.url)
			}
			got := describe(Alternates(p))
			if !slices.Equal(got, tt.want) {
				t.Errorf("alternates %q, want %q", got, tt.want)
			}
		})
	}
	for _, p := range s.Pages {
		alts := Alternates(p)
		if len(alts) == 0 {
			continue
		}
		if !slices.ContainsFunc(alts, func(a Alternate) bool { return a.Page == p && a.Hreflang == p.Site.Language.Tag }) {
			t.Errorf("%s is not among its own alternates %q", p.URL, describe(alts))
		}
		for _, a := range alts {
			if back := describe(Alternates(a.Page)); !slices.Equal(back, describe(alts)) {
				t.Errorf("%s lists %s as %s, whose alternates are %q, not %q", p.URL, a.Page.URL, a.Hreflang, back, describe(alts))
			}
		}
	}
	for _, p := range oneLanguageSite(t).Pages {
		if alts := Alternates(p); alts != nil {
			t.Errorf("%s in a site of one language has alternates %q", p.URL, describe(alts))
		}
	}
}

// TestLanguageFeeds checks that each language's feed speaks for that
// language's home and lists its pages only.
func TestLanguageFeeds(t *testing.T) {
	s := multilingualSite(t)
	for _, v := range s.Langs() {
		feed := string(Feed(v))
		self := `<link href="` + v.AbsURL(v.Language.URL("/feed.xml")) + `" rel="self">`
		if !strings.Contains(feed, self) || !strings.Contains(feed, "<id>"+v.Home.Permalink()+"</id>") {
			t.Errorf("%s feed lacks %s or the id %s:\n%s", v.Language.Code, self, v.Home.Permalink(), feed)
		}
		for _, p := range s.Pages {
			if p.FM.Date.IsZero() {
				continue
			}
			if in := strings.Contains(feed, "<id>"+p.Permalink()+"</id>"); in != (p.Site == v) {
				t.Errorf("%s feed lists %s: %v", v.Language.Code, p.URL, in)
			}
		}
	}
}
