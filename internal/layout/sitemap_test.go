package layout

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/site"
)

// marshalledSitemap is Sitemap as it was written with xml.MarshalIndent,
// the reference for the bytes Sitemap writes itself.
func marshalledSitemap(s *site.Site) []byte {
	type alternate struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type url struct {
		Loc        string      `xml:"loc"`
		Lastmod    string      `xml:"lastmod,omitempty"`
		ChangeFreq string      `xml:"changefreq,omitempty"`
		Priority   string      `xml:"priority,omitempty"`
		Alternates []alternate `xml:"xhtml:link"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		XHTML   string   `xml:"xmlns:xhtml,attr,omitempty"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	if s.Multilingual() {
		set.XHTML = "http://www.w3.org/1999/xhtml"
	}
	for _, p := range sortedByURL(s.Pages) {
		if p.Kind == site.Kind404 || p.Kind == site.KindSearch || p.FM.Sitemap.Disable {
			continue
		}
		u := url{Loc: p.Permalink(), ChangeFreq: p.FM.Sitemap.ChangeFreq}
		if pr := p.FM.Sitemap.Priority; pr != nil {
			u.Priority = strconv.FormatFloat(*pr, 'f', 1, 64)
		}
		if !p.Lastmod.IsZero() {
			u.Lastmod = p.Lastmod.Format("2006-01-02")
		}
		for _, a := range Alternates(p) {
			u.Alternates = append(u.Alternates, alternate{Rel: "alternate", Hreflang: a.Hreflang, Href: a.Page.Permalink()})
		}
		set.URLs = append(set.URLs, u)
	}
	return marshalXML(set)
}

// TestSitemapAsMarshalled checks that Sitemap writes the bytes
// xml.MarshalIndent did, for a site of one language and a multilingual
// one, with every optional element and characters XML escapes, and that
// the buffer it sized beforehand was big enough and not much bigger.
func TestSitemapAsMarshalled(t *testing.T) {
	one := map[string]string{
		"content/plain.md":       "---\ntitle: Plain\n---\n",
		"content/dated.md":       "---\ntitle: Dated\ndate: 2024-03-04\nsitemap: {changefreq: weekly, priority: 0.8}\n---\n",
		"content/hidden.md":      "---\ntitle: Hidden\nsitemap: {disable: true}\n---\n",
		"content/odd.md":         "---\ntitle: Odd\nurl: \"/a&b'c/\"\n---\n",
		"content/café/a.md":      "---\ntitle: Café\nreviewed: 2025-01-02\n---\n",
		"content/docs/x.md":      "---\ntitle: X\ntags: [a, b]\n---\n",
		"content/docs/_index.md": "---\ntitle: Docs\n---\n",
	}
	multi := map[string]string{
		"guidepost.yaml":        "title: Test KB\nbase_url: https://example.org/kb/\nlanguage: en\nlanguages: {en: {name: English}, es: {name: Español}, zh: {name: 中文}}\n",
		"content/_index.es.md":  "---\ntitle: Inicio\n---\n",
		"content/_index.zh.md":  "---\ntitle: 首页\n---\n",
		"content/a.md":          "---\ntitle: A\ndate: 2024-01-01\n---\n",
		"content/a.es.md":       "---\ntitle: A es\ndate: 2024-01-01\nsitemap: {priority: 0.3}\n---\n",
		"content/a.zh.md":       "---\ntitle: A zh\n---\n",
		"content/only-en.md":    "---\ntitle: Only English\n---\n",
		"content/only-es.es.md": "---\ntitle: Solo\n---\n",
	}
	for i := range 300 {
		multi[fmt.Sprintf("content/s/p%03d.md", i)] = "---\ntitle: P\ndate: 2024-02-03\n---\n"
		multi[fmt.Sprintf("content/s/p%03d.es.md", i)] = "---\ntitle: P\n---\n"
	}
	for name, files := range map[string]map[string]string{"one language": one, "multilingual": multi} {
		s := newSite(t, files)
		if s.Multilingual() != (name == "multilingual") {
			t.Fatalf("%s: Multilingual() = %v", name, s.Multilingual())
		}
		got, want := Sitemap(s), marshalledSitemap(s)
		if string(got) != string(want) {
			t.Errorf("%s: sitemap differs from xml.MarshalIndent's:\n%s\n--- want:\n%s", name, got, want)
		}
		if cap(got) < len(got) || cap(got) > len(got)+len(got)/4 {
			t.Errorf("%s: sitemap of %d bytes in a buffer of %d", name, len(got), cap(got))
		}
		for _, w := range []string{"&amp;", "%27", "caf%C3%A9", "<changefreq>weekly</changefreq>", "<priority>0.8</priority>"} {
			if name == "one language" && !strings.Contains(string(got), w) {
				t.Errorf("%s: sitemap lacks %s:\n%s", name, w, got)
			}
		}
		if name == "multilingual" && !strings.Contains(string(got), `hreflang="x-default"`) {
			t.Errorf("%s: sitemap has no alternates:\n%s", name, got)
		}
	}
	empty := &site.Site{}
	if got, want := Sitemap(empty), marshalledSitemap(empty); string(got) != string(want) {
		t.Errorf("sitemap of no page = %q, want %q", got, want)
	}
}
