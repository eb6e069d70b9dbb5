package site

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// Decision tree files for the multilingual tests: an original in English
// and its translation, which keeps every option's next, verdict and source.
const (
	treeIndex   = "---\ntitle: %s\nstart: q\nscenarios:\n  - answers: [\"%s\"]\n    expect: \"yes\"\n  - answers: [\"%s\"]\n    expect: \"no\"\n---\n"
	treeQ       = "---\ntitle: %s\noptions:\n  - label: \"%s\"\n    next: \"yes\"\n  - label: \"%s\"\n    next: \"no\"\n---\n"
	treeOutcome = "---\ntitle: %s\nverdict: %s\njurisdictions: [Here]\nreviewed: 2025-12-01\nsources:\n  - title: Rule\n    url: https://example.org/rule\n---\n"
)

// multilingualFiles is a site in English (the default), Spanish and
// Arabic. Spanish has its own home page and inherits the site's menus;
// Arabic has neither, a title and menus of its own.
func multilingualFiles() map[string]string {
	return map[string]string{
		"guidepost.yaml": `title: KB
description: A knowledge base.
base_url: https://example.org/kb/
language: en
languages:
  en: {name: English, weight: 1}
  es: {name: Español, weight: 2}
  ar:
    name: العربية
    weight: 3
    title: قاعدة المعرفة
    menus:
      main:
        - {name: بحث, url: /ar/search/}
menus:
  main:
    - {name: Home, url: /}
    - {name: Guidance, url: /guidance/}
    - {name: Consent, url: "guidance/gdpr.md#consent"}
    - {name: HIPAA, url: guidance/hipaa.md}
    - {name: Tags, url: /tags/}
    - {name: Search, url: /search/}
    - {name: Elsewhere, url: "https://example.com/"}
`,
		"content/_index.md":              "---\ntitle: Home\n---\n",
		"content/_index.es.md":           "---\ntitle: Inicio\n---\n",
		"content/about.md":               "---\ntitle: About\nreviewed: 2025-06-01\ntags: [privacy]\n---\n",
		"content/about.es.md":            "---\ntitle: Acerca de\nreviewed: 2025-06-01\ntags: [privacidad]\ntranslation_status: unreviewed\n---\n",
		"content/about.ar.md":            "---\ntitle: حول\nreviewed: 2025-07-01\ntranslation_status: reviewed\n---\n",
		"content/guidance/_index.md":     "---\ntitle: Guidance\n---\n",
		"content/guidance/_index.es.md":  "---\ntitle: Guía\n---\n",
		"content/guidance/gdpr.md":       "---\ntitle: GDPR\n---\n## Consent\n",
		"content/guidance/gdpr.es.md":    "---\ntitle: RGPD\n---\n## Consentimiento {#consent}\n",
		"content/guidance/hipaa.md":      "---\ntitle: HIPAA\n---\n",
		"content/news/first.md":          "---\ntitle: First news\ntranslationKey: first-news\n---\n",
		"content/noticias/primera.es.md": "---\ntitle: Primera noticia\ntranslationKey: first-news\n---\n",
		"content/solo.es.md":             "---\ntitle: Sólo en español\n---\n",
		"content/decide/t/_index.md":     fmt.Sprintf(treeIndex, "Tool", "Yes", "No"),
		"content/decide/t/q.md":          fmt.Sprintf(treeQ, "Is it?", "Yes", "No"),
		"content/decide/t/yes.md":        fmt.Sprintf(treeOutcome, "Yes", "allowed"),
		"content/decide/t/no.md":         fmt.Sprintf(treeOutcome, "No", "avoid"),
		"content/decide/t/_index.es.md":  fmt.Sprintf(treeIndex, "Herramienta", "Sí", "No"),
		"content/decide/t/q.es.md":       fmt.Sprintf(treeQ, "¿Lo es?", "Sí", "No"),
		"content/decide/t/yes.es.md":     fmt.Sprintf(treeOutcome, "Sí", "allowed"),
		"content/decide/t/no.es.md":      fmt.Sprintf(treeOutcome, "No", "avoid"),
	}
}

// loadSite writes files (path → content) into a new site folder and
// loads it, returning the site and its diagnostics.
func loadSite(t *testing.T, files map[string]string) (*Site, []string) {
	t.Helper()
	root := t.TempDir()
	testsite.WriteFiles(t, root, files)
	s, diags := Load(Options{Root: root, Now: now})
	var out []string
	for _, d := range diags {
		out = append(out, d.String())
	}
	return s, out
}

func loadMultilingual(t *testing.T) *Site {
	t.Helper()
	s, diags := loadSite(t, multilingualFiles())
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(diags, "\n"))
	}
	return s
}

// describeLanguages writes what a multilingual site adds to describe: each
// language's view with its home, menus and trees, and each page's language,
// original and versions in every language.
func describeLanguages(s *Site) string {
	var b strings.Builder
	b.WriteString("\nlanguages:\n")
	for _, v := range s.Langs() {
		l := v.Language
		fmt.Fprintf(&b, "  %s tag=%s name=%q dir=%s prefix=%q default=%v title=%q home=%s\n", l.Code, l.Tag, l.Name, l.Dir, l.Prefix, l.Default, v.Config.Title, v.Home.URL)
		for _, name := range slices.Sorted(maps.Keys(v.Config.Menus)) {
			for _, e := range v.Config.Menus[name] {
				fmt.Fprintf(&b, "    menu %s %q -> %s\n", name, e.Name, v.RelURL(e.URL))
			}
		}
		for _, t := range v.Trees {
			fmt.Fprintf(&b, "    tree %s start=%s file=%s nodes:", t.ID, t.Start, t.Pos.File)
			for _, n := range t.Nodes {
				fmt.Fprintf(&b, " %s=%s", n.ID, n.URL)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\ntranslations:\n")
	for _, p := range s.Pages {
		var links []string
		for _, l := range p.LanguageLinks() {
			mark := ""
			if l.Current {
				mark = "*"
			}
			links = append(links, mark+l.Language.Code+"="+url(l.Page))
		}
		fmt.Fprintf(&b, "  %s lang=%s original=%s links=%v\n", p.URL, p.Site.Language.Code, url(p.Original()), links)
	}
	return b.String()
}

// TestMultilingualModelGolden checks the model of a site in three
// languages: each language's pages under its folder, its home (made when
// it has no _index.CODE.md), sections, taxonomies, search page and 404,
// its menus, and which pages are translations of which.
func TestMultilingualModelGolden(t *testing.T) {
	s := loadMultilingual(t)
	got := describe(s) + describeLanguages(s)
	assertModel(t, "multilingual.golden", got)
}

// TestLanguageURLs checks where each language's pages are published.
func TestLanguageURLs(t *testing.T) {
	s := loadMultilingual(t)
	tests := []struct {
		url, file string
		kind      Kind
		lang      string
	}{
		{"/", "content/_index.md", KindHome, "en"},
		{"/es/", "content/_index.es.md", KindHome, "es"},
		{"/ar/", "", KindHome, "ar"}, // made: there is no content/_index.ar.md
		{"/about/", "content/about.md", KindPage, "en"},
		{"/es/about/", "content/about.es.md", KindPage, "es"},
		{"/ar/about/", "content/about.ar.md", KindPage, "ar"},
		{"/es/guidance/", "content/guidance/_index.es.md", KindSection, "es"},
		{"/es/guidance/gdpr/", "content/guidance/gdpr.es.md", KindPage, "es"},
		{"/es/noticias/primera/", "content/noticias/primera.es.md", KindPage, "es"},
		{"/es/solo/", "content/solo.es.md", KindPage, "es"},
		{"/es/decide/t/", "content/decide/t/_index.es.md", KindTree, "es"},
		{"/es/decide/t/q/", "content/decide/t/q.es.md", KindNode, "es"},
		{"/search/", "", KindSearch, "en"},
		{"/es/search/", "", KindSearch, "es"},
		{"/ar/search/", "", KindSearch, "ar"},
		{"/404.html", "", Kind404, "en"},
		{"/es/404.html", "", Kind404, "es"},
		{"/ar/404.html", "", Kind404, "ar"},
		{"/tags/privacy/", "", KindTerm, "en"},
		{"/es/tags/", "", KindTaxonomy, "es"},
		{"/es/tags/privacidad/", "", KindTerm, "es"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			p := s.PageByURL(tt.url)
			if p == nil {
				t.Fatalf("no page at %s", tt.url)
			}
			if p.File != tt.file || p.Kind != tt.kind || p.Site.Language.Code != tt.lang {
				t.Errorf("page at %s: file %q, kind %s, language %s; want %q, %s, %s", tt.url, p.File, p.Kind, p.Site.Language.Code, tt.file, tt.kind, tt.lang)
			}
		})
	}
	for _, u := range []string{"/ar/tags/", "/tags/privacidad/", "/es/tags/privacy/", "/about.es/", "/es/about.es/", "/solo/", "/es/news/first/"} {
		if p := s.PageByURL(u); p != nil {
			t.Errorf("a page at %s: %s", u, p.File)
		}
	}
	if ar := s.PageByURL("/ar/"); ar.Title() != "قاعدة المعرفة" {
		t.Errorf("the made Arabic home is titled %q, want the language's title", ar.Title())
	}
	if s.Home.URL != "/" || s.Language.Code != "en" || !s.Multilingual() || len(s.Langs()) != 3 {
		t.Errorf("site: home %s, language %s, multilingual %v, %d languages", s.Home.URL, s.Language.Code, s.Multilingual(), len(s.Langs()))
	}
}

// TestTranslations checks the links between a page and its versions in
// other languages, by file name or translationKey.
func TestTranslations(t *testing.T) {
	s := loadMultilingual(t)
	tests := []struct {
		file     string
		original string            // URL, "-" for none
		versions map[string]string // language → URL of Translation, "-" for nil
	}{
		{"content/about.md", "/about/", map[string]string{"en": "/about/", "es": "/es/about/", "ar": "/ar/about/", "fr": "-"}},
		{"content/about.es.md", "/about/", map[string]string{"en": "/about/", "es": "/es/about/", "ar": "/ar/about/"}},
		{"content/guidance/hipaa.md", "/guidance/hipaa/", map[string]string{"en": "/guidance/hipaa/", "es": "-", "ar": "-"}},
		{"content/guidance/gdpr.es.md", "/guidance/gdpr/", map[string]string{"en": "/guidance/gdpr/", "es": "/es/guidance/gdpr/", "ar": "-"}},
		{"content/noticias/primera.es.md", "/news/first/", map[string]string{"en": "/news/first/", "es": "/es/noticias/primera/"}},
		{"content/solo.es.md", "-", map[string]string{"en": "-", "es": "/es/solo/", "ar": "-"}},
		{"content/decide/t/q.es.md", "/decide/t/q/", map[string]string{"en": "/decide/t/q/", "es": "/es/decide/t/q/"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := s.PageByFile(tt.file)
			if p == nil {
				t.Fatalf("no page of %s", tt.file)
			}
			if got := url(p.Original()); got != tt.original {
				t.Errorf("Original() = %s, want %s", got, tt.original)
			}
			for code, want := range tt.versions {
				if got := url(p.Translation(code)); got != want {
					t.Errorf("Translation(%s) = %s, want %s", code, got, want)
				}
			}
			// LanguageLinks lists every language in weight order, the
			// page's own marked current, a missing version nil with the
			// language's home instead.
			links := p.LanguageLinks()
			if len(links) != 3 {
				t.Fatalf("%d language links, want 3", len(links))
			}
			for i, code := range []string{"en", "es", "ar"} {
				l := links[i]
				if l.Language.Code != code || l.Current != (code == p.Site.Language.Code) || l.Page != p.Translation(code) || l.Home != s.Langs()[i].Home {
					t.Errorf("language link %d = %s current=%v page=%s home=%s", i, l.Language.Code, l.Current, url(l.Page), url(l.Home))
				}
			}
			var others []string
			for _, o := range p.Translations() {
				others = append(others, o.URL)
			}
			var want []string
			for _, code := range []string{"en", "es", "ar"} {
				if u := tt.versions[code]; u != "-" && u != "" && u != p.URL {
					want = append(want, u)
				}
			}
			if !slices.Equal(others, want) {
				t.Errorf("Translations() = %v, want %v", others, want)
			}
		})
	}
	// Pages the build makes are translations of each other by URL.
	for u, want := range map[string]string{"/search/": "/search/", "/es/404.html": "/404.html", "/ar/search/": "/search/", "/ar/": "/", "/es/tags/": "/tags/"} {
		if got := url(s.PageByURL(u).Original()); got != want {
			t.Errorf("Original() of %s = %s, want %s", u, got, want)
		}
	}
}

// TestTranslatedLinks checks that a link to a page's file from a
// translation leads to that page's translation into the same language
// when there is one, and to the page itself otherwise.
func TestTranslatedLinks(t *testing.T) {
	s := loadMultilingual(t)
	tests := []struct {
		from, dest, href string
		problem          string
	}{
		{"content/about.es.md", "guidance/gdpr.md", "/kb/es/guidance/gdpr/", ""},
		{"content/about.es.md", "guidance/gdpr.md#consent", "/kb/es/guidance/gdpr/#consent", ""},
		{"content/about.es.md", "/guidance/gdpr.md", "/kb/es/guidance/gdpr/", ""},
		{"content/about.es.md", "guidance/gdpr.es.md", "/kb/es/guidance/gdpr/", ""},
		{"content/about.es.md", "guidance/_index.md", "/kb/es/guidance/", ""},
		{"content/about.es.md", "_index.md", "/kb/es/", ""},
		{"content/about.es.md", "about.md", "/kb/es/about/", ""},
		{"content/about.es.md", "news/first.md", "/kb/es/noticias/primera/", ""}, // by translationKey
		{"content/about.es.md", "guidance/hipaa.md", "/kb/guidance/hipaa/", ""},  // not translated: the original
		{"content/about.es.md", "solo.es.md", "/kb/es/solo/", ""},
		{"content/about.es.md", "decide/t/q.md", "/kb/es/decide/t/q/", ""},
		// A URL path is the page it names, in whatever language.
		{"content/about.es.md", "/guidance/gdpr/", "/kb/guidance/gdpr/", ""},
		{"content/about.es.md", "/es/guidance/gdpr/", "/kb/es/guidance/gdpr/", ""},
		// An original links originals, and other languages when told.
		{"content/about.md", "guidance/gdpr.md", "/kb/guidance/gdpr/", ""},
		{"content/about.md", "guidance/gdpr.es.md", "/kb/es/guidance/gdpr/", ""},
		{"content/about.md", "solo.md", "solo.md", "there is no content/solo.md"},
		// A page in a third language without a translation of the target.
		{"content/about.ar.md", "guidance/gdpr.md", "/kb/guidance/gdpr/", ""},
		{"content/about.ar.md", "about.md", "/kb/ar/about/", ""},
		{"content/about.ar.md", "about.es.md", "/kb/es/about/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.from+" "+tt.dest, func(t *testing.T) {
			from := s.PageByFile(tt.from)
			r := from.Site.resolve(from, tt.dest)
			if r.href != tt.href {
				t.Errorf("href %q, want %q", r.href, tt.href)
			}
			if tt.problem == "" && r.problem != "" || !strings.Contains(r.problem, tt.problem) {
				t.Errorf("problem %q, want %q", r.problem, tt.problem)
			}
		})
	}
}

// TestLanguageMenus checks that a language without menus of its own shows
// the site's, each entry leading to its page's translation when there is
// one, and that one with its own shows those.
func TestLanguageMenus(t *testing.T) {
	s := loadMultilingual(t)
	want := map[string][]string{
		"en": {"/kb/", "/kb/guidance/", "/kb/guidance/gdpr/#consent", "/kb/guidance/hipaa/", "/kb/tags/", "/kb/search/", "https://example.com/"},
		"es": {"/kb/es/", "/kb/es/guidance/", "/kb/es/guidance/gdpr/#consent", "/kb/guidance/hipaa/", "/kb/es/tags/", "/kb/es/search/", "https://example.com/"},
		"ar": {"/kb/ar/search/"},
	}
	for _, v := range s.Langs() {
		var got []string
		for _, e := range v.Config.Menus["main"] {
			got = append(got, v.RelURL(e.URL))
		}
		if !slices.Equal(got, want[v.Language.Code]) {
			t.Errorf("%s menu\n%q\nwant\n%q", v.Language.Code, got, want[v.Language.Code])
		}
	}
	if got := s.Config.Menus["main"][1].URL; got != "/guidance/" {
		t.Errorf("the site's menu entry is %q after loading, want the default language's /guidance/", got)
	}
}

// TestLanguageChecks checks what an author of a multilingual site is
// told, and where.
func TestLanguageChecks(t *testing.T) {
	config := "title: KB\nlanguages:\n  en: {weight: 1}\n  es: {weight: 2, name: Español}\n"
	page := func(title, extra string) string { return "---\ntitle: " + title + "\n" + extra + "---\n" }
	tests := []struct {
		name  string
		files map[string]string
		diags []string
	}{
		{"translation reviewed before its original", map[string]string{
			"content/p.md":    page("P", "reviewed: 2025-06-01\n"),
			"content/p.es.md": page("P", "reviewed: 2025-05-31\n"),
		}, []string{"content/p.es.md:3: warning: translation may be out of date: content/p.md was reviewed on 2025-06-01, after this translation (reviewed 2025-05-31); bring the translation up to date and set its reviewed: to the original's date"}},
		{"translation reviewed the same day", map[string]string{
			"content/p.md":    page("P", "reviewed: 2025-06-01\n"),
			"content/p.es.md": page("P", "reviewed: 2025-06-01\n"),
		}, nil},
		{"translation reviewed later", map[string]string{
			"content/p.md":    page("P", "reviewed: 2025-06-01\n"),
			"content/p.es.md": page("P", "reviewed: 2025-07-01\n"),
		}, nil},
		{"translation never reviewed", map[string]string{
			"content/p.md":    page("P", "reviewed: 2025-06-01\n"),
			"content/p.es.md": page("P", ""),
		}, []string{"content/p.es.md:1: warning: translation may be out of date: content/p.md was reviewed on 2025-06-01, after this translation (no reviewed date); bring the translation up to date and set its reviewed: to the original's date"}},
		{"original never reviewed", map[string]string{
			"content/p.md":    page("P", ""),
			"content/p.es.md": page("P", "reviewed: 2025-06-01\n"),
		}, nil},
		{"translated by key, reviewed before", map[string]string{
			"content/p.md":    page("P", "translationKey: k\nreviewed: 2025-06-01\n"),
			"content/q.es.md": page("Q", "translationKey: k\nreviewed: 2025-01-01\n"),
		}, []string{"content/q.es.md:4: warning: translation may be out of date: content/p.md was reviewed on 2025-06-01, after this translation (reviewed 2025-01-01); bring the translation up to date and set its reviewed: to the original's date"}},
		{"two translations with one key", map[string]string{
			"content/p.md":    page("P", "translationKey: k\n"),
			"content/a.es.md": page("A", "translationKey: k\n"),
			"content/b.es.md": page("B", "\ntranslationKey: k\n"),
		}, []string{"content/b.es.md:4: two pages in Español are translations of one page (content/a.es.md and content/b.es.md): give them different translationKeys"}},
		{"a key that is another page's file", map[string]string{
			"content/p.md":    page("P", ""),
			"content/p.es.md": page("P", ""),
			"content/q.es.md": page("Q", "translationKey: p\n"),
		}, nil},
		{"translation_status", map[string]string{
			"content/p.md":    page("P", ""),
			"content/p.es.md": page("P", "translation_status: unreviewed\n"),
			"content/q.es.md": page("Q", "translation_status: reviewed\n"),
		}, nil},
		{"translation_status not known", map[string]string{
			"content/p.md":    page("P", ""),
			"content/p.es.md": page("P", "translation_status: bogus\n"),
		}, []string{`content/p.es.md:3: translation_status must be unreviewed (the page shows that no one fluent in its language has reviewed the translation yet) or reviewed, got "bogus"`}},
		{"broken menu entry reported once", map[string]string{
			"guidepost.yaml": config + "menus:\n  main:\n    - {name: FAQ, url: /faq/}\n    - {name: P, url: p.md}\n",
			"content/p.md":   page("P", ""),
		}, []string{`guidepost.yaml:7: menu "main" entry "FAQ": link to "/faq/" but no page or file is published at /faq: fix the path, or link to the page's .md file`}},
		{"a language's own broken menu entry", map[string]string{
			"guidepost.yaml": "title: KB\nlanguages:\n  en:\n  es:\n    menus:\n      main:\n        - {name: FAQ, url: /es/faq/}\n",
			"content/p.md":   page("P", ""),
		}, []string{`guidepost.yaml:7: menu "main" entry "FAQ": link to "/es/faq/" but no page or file is published at /es/faq: fix the path, or link to the page's .md file`}},
		{"menu anchor missing in a translation", map[string]string{
			"guidepost.yaml":       config + "menus:\n  main:\n    - {name: P, url: \"p.md#part\"}\n",
			"content/_index.es.md": page("Inicio", ""),
			"content/p.md":         page("P", "") + "## Part\n",
			"content/p.es.md":      page("P", "") + "## Parte\n",
		}, []string{`guidepost.yaml:7: menu "main" entry "P": link to a missing anchor #part in content/p.es.md: use one of the headings' IDs (did you mean #parte?)`}},
		{"menu anchor missing in an untranslated page, reported once", map[string]string{
			"guidepost.yaml":       config + "menus:\n  main:\n    - {name: P, url: \"p.md#nope\"}\n",
			"content/_index.es.md": page("Inicio", ""),
			"content/p.md":         page("P", "") + "## Part\n",
		}, []string{`guidepost.yaml:7: menu "main" entry "P": link to a missing anchor #nope in content/p.md: use one of the headings' IDs`}},
		{"translated question with a label twice", map[string]string{
			"content/decide/t/_index.md":    fmt.Sprintf(treeIndex, "Tool", "Yes", "No"),
			"content/decide/t/q.md":         fmt.Sprintf(treeQ, "Is it?", "Yes", "No"),
			"content/decide/t/yes.md":       fmt.Sprintf(treeOutcome, "Yes", "allowed"),
			"content/decide/t/no.md":        fmt.Sprintf(treeOutcome, "No", "avoid"),
			"content/decide/t/_index.es.md": fmt.Sprintf(treeIndex, "Herramienta", "Sí", "sí"),
			"content/decide/t/q.es.md":      fmt.Sprintf(treeQ, "¿Lo es?", "Sí", "sí"),
			"content/decide/t/yes.es.md":    fmt.Sprintf(treeOutcome, "Sí", "allowed"),
			"content/decide/t/no.es.md":     fmt.Sprintf(treeOutcome, "No", "avoid"),
		}, []string{`content/decide/t/q.es.md:6: option label "sí" differs only in letter case from "Sí" in question "q" (also at line 4); give each option a different label`}},
		{"translated question with an empty label", map[string]string{
			"content/decide/t/_index.md":    fmt.Sprintf(treeIndex, "Tool", "Yes", "No"),
			"content/decide/t/q.md":         fmt.Sprintf(treeQ, "Is it?", "Yes", "No"),
			"content/decide/t/yes.md":       fmt.Sprintf(treeOutcome, "Yes", "allowed"),
			"content/decide/t/no.md":        fmt.Sprintf(treeOutcome, "No", "avoid"),
			"content/decide/t/_index.es.md": fmt.Sprintf(treeIndex, "Herramienta", "Sí", "No"),
			"content/decide/t/q.es.md":      fmt.Sprintf(treeQ, "¿Lo es?", "Sí", " "),
			"content/decide/t/yes.es.md":    fmt.Sprintf(treeOutcome, "Sí", "allowed"),
			"content/decide/t/no.es.md":     fmt.Sprintf(treeOutcome, "No", "avoid"),
		}, []string{`content/decide/t/q.es.md:6: option 2 of question "q" has an empty label; write the answer the reader will choose`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"guidepost.yaml": config, "content/_index.md": page("Home", "")}
			maps.Copy(files, tt.files)
			_, got := loadSite(t, files)
			if !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics\n%q\nwant\n%q", got, tt.diags)
			}
		})
	}
}

// TestOneLanguageSiteIgnoresSuffixes checks that without languages: a
// file named like a translation is a page of its own, at its own URL.
func TestOneLanguageSiteIgnoresSuffixes(t *testing.T) {
	for _, config := range []string{"title: KB\n", "title: KB\nlanguage: es\n", "title: KB\nlanguages:\n  es:\n"} {
		t.Run(config, func(t *testing.T) {
			s, diags := loadSite(t, map[string]string{
				"guidepost.yaml":    config,
				"content/_index.md": "---\ntitle: Home\n---\n[a](a.md) [b](a.es.md)\n",
				"content/a.md":      "---\ntitle: A\n---\n",
				"content/a.es.md":   "---\ntitle: A in Spanish\n---\n",
			})
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %q", diags)
			}
			p := s.PageByFile("content/a.es.md")
			if p == nil || p.URL != "/a.es/" || p.Kind != KindPage || p.Parent != s.Home {
				t.Fatalf("content/a.es.md is %+v, want a page at /a.es/", p)
			}
			if s.Multilingual() || s.Languages != nil || p.LanguageLinks() != nil || p.Translations() != nil || p.Original() != p || p.Translation(s.Language.Code) != p {
				t.Errorf("a site of one language has languages: %d views, links %v, translations %v", len(s.Languages), p.LanguageLinks(), p.Translations())
			}
			if r := s.resolve(s.Home, "a.md"); r.href != "/a/" {
				t.Errorf("a.md links %q, want /a/", r.href)
			}
			var urls []string
			for _, p := range s.Pages {
				urls = append(urls, p.URL)
			}
			if want := []string{"/", "/a.es/", "/a/", "/search/", "/404.html"}; !slices.Equal(urls, want) {
				t.Errorf("pages %v, want %v", urls, want)
			}
		})
	}
}

// TestOneLanguageOfLanguages checks that languages: with one language is a
// site in that language, with its title, description and menus.
func TestOneLanguageOfLanguages(t *testing.T) {
	s, diags := loadSite(t, map[string]string{
		"guidepost.yaml": "title: KB\nlanguages:\n  es:\n    title: Sitio\n    description: Guía.\n    menus: {main: [{name: Inicio, url: /}]}\n",
		"content/a.md":   "---\ntitle: A\n---\n",
	})
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %q", diags)
	}
	cfg := s.Config
	if cfg.Language != "es" || cfg.Title != "Sitio" || cfg.Description != "Guía." || len(cfg.Menus["main"]) != 1 || cfg.Menus["main"][0].Name != "Inicio" {
		t.Errorf("config: language %q, title %q, description %q, menus %v; want es's", cfg.Language, cfg.Title, cfg.Description, cfg.Menus)
	}
	if s.Multilingual() || s.Home.Title() != "Sitio" || s.PageByFile("content/a.md").URL != "/a/" {
		t.Errorf("multilingual %v, home %q: want a site in one language titled Sitio", s.Multilingual(), s.Home.Title())
	}
}
