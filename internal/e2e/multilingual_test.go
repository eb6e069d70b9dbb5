package e2e

import (
	"encoding/xml"
	"html"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/testsite"
)

// The multilingual tests (issue #14) build one site in English (the
// default language, at the root), Spanish, Chinese and Arabic: a home and
// a guidance page in every language, a page only in English, and a small
// decision tree in English and Spanish. The Spanish, Chinese and Arabic
// are machine-assisted test text, not reviewed guidance.

// multilingualBase is the fixture's base_url, the start of every
// permalink in hreflang links and the sitemap.
const multilingualBase = "http://localhost:1313"

// multilingualFiles are the fixture site's guidepost.yaml and content.
var multilingualFiles = map[string]string{
	"guidepost.yaml": `title: Multilingual test site
description: One site in four languages, for the multilingual browser tests.
base_url: ` + multilingualBase + `/
language: en
review_every: 120mo
menus:
  main:
    - name: Guidance
      url: /guidance/
    - name: Decision tool
      url: /decide/t/
languages:
  en: {name: English, weight: 1}
  es:
    name: Español
    weight: 2
    title: Sitio de prueba multilingüe
    description: Un sitio en cuatro idiomas para las pruebas en el navegador.
    menus: {main: [{name: Guía, url: /es/guidance/}, {name: Herramienta de decisión, url: /es/decide/t/}]}
  zh:
    name: 中文
    weight: 3
    title: 多语言测试站点
    description: 一个用四种语言写成的测试站点。
    menus: {main: [{name: 指南, url: /zh/guidance/}]}
  ar:
    name: العربية
    weight: 4
    title: موقع اختبار متعدد اللغات
    description: موقع بأربع لغات لاختبارات المتصفح.
    menus: {main: [{name: الإرشادات, url: /ar/guidance/}]}
`,
	"content/_index.md":    "---\ntitle: Multilingual test site\n---\nShort answers about messaging patients.\n",
	"content/_index.es.md": "---\ntitle: Sitio de prueba multilingüe\n---\nRespuestas breves sobre la mensajería con pacientes.\n",
	"content/_index.zh.md": "---\ntitle: 多语言测试站点\n---\n关于与患者沟通的简短回答。\n",
	"content/_index.ar.md": "---\ntitle: موقع اختبار متعدد اللغات\n---\nإجابات قصيرة عن مراسلة المرضى.\n",

	"content/guidance/_index.md":    "---\ntitle: Guidance\n---\nOur guidance.\n",
	"content/guidance/_index.es.md": "---\ntitle: Guía\n---\nNuestra guía.\n",
	"content/guidance/_index.zh.md": "---\ntitle: 指南\n---\n我们的指南。\n",
	"content/guidance/_index.ar.md": "---\ntitle: الإرشادات\n---\nإرشاداتنا.\n",

	"content/guidance/messaging.md": `---
title: Secure messaging
summary: Keep patients' messages safe in transit.
reviewed: 2026-01-15
---
Messages must be encrypted end to end. Turn off cloud backups.
`,
	// "cifrados": the test searches for another form, "cifrado".
	"content/guidance/messaging.es.md": `---
title: Mensajería segura
summary: Proteja los mensajes de los pacientes en tránsito.
reviewed: 2026-01-15
---
Los mensajes deben ir cifrados de extremo a extremo. Desactive las copias en la nube.
`,
	// 隐私 (privacy): a two-character word the Chinese search finds.
	"content/guidance/messaging.zh.md": `---
title: 安全通讯
summary: 保护患者消息的传输安全。
reviewed: 2026-01-15
---
患者的隐私很重要。请使用端到端保护的应用发送消息，并关闭云端备份。
`,
	// التشفير (encryption): the Arabic search finds it.
	"content/guidance/messaging.ar.md": `---
title: المراسلة الآمنة
summary: احمِ رسائل المرضى أثناء نقلها.
reviewed: 2026-01-15
---
استخدم التشفير من طرف إلى طرف لحماية رسائل المرضى، وأوقف النسخ الاحتياطي السحابي.
`,
	"content/guidance/english-only.md": `---
title: Only in English
summary: A page no one has translated.
reviewed: 2026-01-15
---
This page has no translation.
`,

	"content/decide/_index.md":    "---\ntitle: Decision tools\n---\nOne small tool.\n",
	"content/decide/_index.es.md": "---\ntitle: Herramientas de decisión\n---\nUna pequeña herramienta.\n",
	"content/decide/t/_index.md": `---
title: "Can we message patients?"
summary: "Two questions, then a verdict."
reviewed: 2026-01-15
start: patients
---
Your answers stay in your browser.
`,
	"content/decide/t/_index.es.md": `---
title: "¿Podemos escribir a los pacientes?"
summary: "Dos preguntas y un veredicto."
reviewed: 2026-01-15
start: patients
translation_status: unreviewed
---
Sus respuestas se quedan en su navegador.
`,
	"content/decide/t/patients.md": `---
title: "Will the messages name patients?"
options:
  - label: "Yes"
    next: vendor
  - label: "No"
    next: fine
---
A name, a date of birth or a photo identifies a patient.
`,
	"content/decide/t/patients.es.md": `---
title: "¿Los mensajes identificarán a pacientes?"
options:
  - label: "Sí"
    next: vendor
  - label: "No"
    next: fine
---
Un nombre, una fecha de nacimiento o una foto identifican a un paciente.
`,
	"content/decide/t/vendor.md": `---
title: "Does the vendor sign a business associate agreement?"
options:
  - label: "Yes"
    next: with-baa
  - label: "No"
    next: avoid
---
It is a contract about patient information.
`,
	"content/decide/t/vendor.es.md": `---
title: "¿Firma el proveedor un acuerdo de socio comercial?"
options:
  - label: "Sí"
    next: with-baa
  - label: "No"
    next: avoid
---
Es un contrato sobre la información de los pacientes.
`,
	"content/decide/t/fine.md": `---
title: "Go ahead"
verdict: allowed
jurisdictions: [United States]
reviewed: 2026-01-15
sources:
  - title: "HHS guidance"
    url: "https://www.hhs.gov/"
---
Messages that name no one carry little risk.
`,
	"content/decide/t/fine.es.md": `---
title: "Adelante"
verdict: allowed
jurisdictions: [Estados Unidos]
reviewed: 2026-01-15
sources:
  - title: "Guía del HHS"
    url: "https://www.hhs.gov/"
---
Los mensajes que no identifican a nadie conllevan poco riesgo.
`,
	"content/decide/t/with-baa.md": `---
title: "Use the platform under the agreement"
verdict: caution
jurisdictions: [United States]
reviewed: 2026-01-15
sources:
  - title: "HHS guidance"
    url: "https://www.hhs.gov/"
---
Keep to what the agreement allows.
`,
	"content/decide/t/with-baa.es.md": `---
title: "Use la plataforma según el acuerdo"
verdict: caution
jurisdictions: [Estados Unidos]
reviewed: 2026-01-15
sources:
  - title: "Guía del HHS"
    url: "https://www.hhs.gov/"
---
Aténgase a lo que permite el acuerdo.
`,
	"content/decide/t/avoid.md": `---
title: "Do not send patient information"
verdict: avoid
jurisdictions: [United States]
reviewed: 2026-01-15
sources:
  - title: "HHS guidance"
    url: "https://www.hhs.gov/"
---
Without an agreement the vendor may not hold patient information.
`,
	"content/decide/t/avoid.es.md": `---
title: "No envíe información de pacientes"
verdict: avoid
jurisdictions: [Estados Unidos]
reviewed: 2026-01-15
sources:
  - title: "Guía del HHS"
    url: "https://www.hhs.gov/"
---
Sin un acuerdo, el proveedor no puede guardar información de pacientes.
`,
}

// multilingualLangs are the fixture's languages, in the order of their
// weight.
var multilingualLangs = []string{"en", "es", "zh", "ar"}

// multilingualBuild writes the fixture into a temporary folder with the
// repository's layouts/ and static/, builds it (on a fixed date) and
// returns the output folder. Any problem the build reports, warnings
// included, fails the test: the fixture is a correct site.
func multilingualBuild(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	repo := testsite.RepoRoot(t)
	testsite.CopyTree(t, filepath.Join(repo, "layouts"), filepath.Join(root, "layouts"))
	testsite.CopyTree(t, filepath.Join(repo, "static"), filepath.Join(root, "static"))
	testsite.WriteFiles(t, root, multilingualFiles)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(build.Options{Source: root, Dest: dest, Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	var msgs []string
	if res != nil {
		for _, d := range res.Diags {
			msgs = append(msgs, d.String())
		}
	}
	if len(msgs) > 0 {
		t.Fatalf("build the multilingual site:\n%s", strings.Join(msgs, "\n"))
	}
	if err != nil {
		t.Fatalf("build the multilingual site: %v", err)
	}
	return dest
}

// multilingualGroups are the pages of the sitemap (every page but the
// search pages and 404s) with their translations, by language code; a
// missing code is a language the page is not translated into.
var multilingualGroups = func() []map[string]string {
	groups := []map[string]string{
		{"en": "/", "es": "/es/", "zh": "/zh/", "ar": "/ar/"},
		{"en": "/guidance/", "es": "/es/guidance/", "zh": "/zh/guidance/", "ar": "/ar/guidance/"},
		{"en": "/guidance/messaging/", "es": "/es/guidance/messaging/", "zh": "/zh/guidance/messaging/", "ar": "/ar/guidance/messaging/"},
		{"en": "/guidance/english-only/"},
		{"en": "/decide/", "es": "/es/decide/"},
	}
	for _, p := range []string{"", "map/", "patients/", "vendor/", "fine/", "with-baa/", "avoid/"} {
		groups = append(groups, map[string]string{"en": "/decide/t/" + p, "es": "/es/decide/t/" + p})
	}
	return groups
}()

// multilingualWant is the hreflang set every version of a page must list:
// each translation's permalink by its language, and x-default, the
// English page; none for a page only in one language.
func multilingualWant(group map[string]string) map[string]string {
	if len(group) < 2 {
		return map[string]string{}
	}
	want := map[string]string{"x-default": multilingualBase + group["en"]}
	for code, u := range group {
		want[code] = multilingualBase + u
	}
	return want
}

var (
	htmlLinkTag = regexp.MustCompile(`(?i)<link\b[^>]*>`)
	htmlAttr    = regexp.MustCompile(`([a-zA-Z][\w:-]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?`)
)

// hreflangLinks returns a page's <link rel="alternate" hreflang> links,
// hreflang → href, failing on a language listed twice.
func hreflangLinks(t *testing.T, page []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, tag := range htmlLinkTag.FindAllString(string(page), -1) {
		attrs := map[string]string{}
		for _, m := range htmlAttr.FindAllStringSubmatch(strings.TrimSuffix(tag[len("<link"):], ">"), -1) {
			attrs[strings.ToLower(m[1])] = html.UnescapeString(strings.Trim(m[2], `"'`))
		}
		if attrs["rel"] != "alternate" || attrs["hreflang"] == "" {
			continue
		}
		if prev, dup := out[attrs["hreflang"]]; dup {
			t.Errorf("hreflang %s listed twice: %s and %s", attrs["hreflang"], prev, attrs["href"])
		}
		out[attrs["hreflang"]] = attrs["href"]
	}
	return out
}

// multilingualSitemap reads sitemap.xml: each URL's alternates,
// hreflang → href, by its loc.
func multilingualSitemap(t *testing.T, dir string) map[string]map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Rel      string `xml:"rel,attr"`
				Hreflang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	out := map[string]map[string]string{}
	for _, u := range set.URLs {
		if _, dup := out[u.Loc]; dup {
			t.Errorf("sitemap.xml lists %s twice", u.Loc)
		}
		links := map[string]string{}
		for _, l := range u.Links {
			if l.Rel != "alternate" {
				t.Errorf("sitemap.xml: %s: xhtml:link rel=%q, want alternate", u.Loc, l.Rel)
			}
			if _, dup := links[l.Hreflang]; dup {
				t.Errorf("sitemap.xml: %s lists hreflang %s twice", u.Loc, l.Hreflang)
			}
			links[l.Hreflang] = l.Href
		}
		out[u.Loc] = links
	}
	return out
}

// TestMultilingual checks issue #14's multilingual site end to end: the
// fixture builds cleanly; every version of a page lists the same hreflang
// alternates, in its HTML and in the sitemap; and, in Chromium, the
// language switcher reaches a page's translation (or, untranslated, the
// language's home), the decision tool keeps its answers across languages,
// each language's search finds its own words offline, and an Arabic page
// and the Spanish tool pass axe-core.
func TestMultilingual(t *testing.T) {
	dir := multilingualBuild(t)

	t.Run("hreflang", func(t *testing.T) {
		for _, group := range multilingualGroups {
			want := multilingualWant(group)
			for _, code := range multilingualLangs {
				u, ok := group[code]
				if !ok {
					continue
				}
				page, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(u), "index.html"))
				if err != nil {
					t.Fatal(err)
				}
				if got := hreflangLinks(t, page); !maps.Equal(got, want) {
					t.Errorf("%s: hreflang links %v, want %v", u, got, want)
				}
			}
		}
	})

	t.Run("sitemap", func(t *testing.T) {
		sitemap := multilingualSitemap(t, dir)
		for _, group := range multilingualGroups {
			want := multilingualWant(group)
			for _, u := range group {
				got, ok := sitemap[multilingualBase+u]
				if !ok {
					t.Errorf("sitemap.xml does not list %s", u)
					continue
				}
				delete(sitemap, multilingualBase+u)
				if !maps.Equal(got, want) {
					t.Errorf("sitemap.xml: %s: alternates %v, want %v", u, got, want)
				}
			}
		}
		for _, u := range slices.Sorted(maps.Keys(sitemap)) {
			t.Errorf("sitemap.xml lists %s, a page the test does not expect", u)
		}
	})

	testsite.SkipShort(t, "drives a multilingual site in Chromium: run without -short")
	axe := readerAxeSource(t)
	origin := browsertest.ServeDir(t, dir)
	b := browsertest.New(t, browsertest.Options{})
	lang := func(t *testing.T) string {
		t.Helper()
		return readerEval[string](t, b, `document.documentElement.lang + " " + document.documentElement.dir`)
	}
	// click clicks the switcher's link to a language and waits for the
	// page it leads to.
	click := func(t *testing.T, hreflang, path string) {
		t.Helper()
		if !readerEval[bool](t, b, `(() => {
  const a = document.querySelector(`+readerJS(`.language-switcher a[hreflang="`+hreflang+`"]`)+`);
  if (a) a.click();
  return !!a;
})()`) {
			t.Fatalf("no link to %s in the language switcher", hreflang)
		}
		readerWait(t, b, `location.pathname === `+readerJS(path)+` && document.documentElement.lang === `+readerJS(hreflang))
		readerWait(t, b, readerLoaded)
	}
	type switcherEntry struct {
		Text, Href, Rel, Hreflang string
		Current                   bool
	}
	switcher := func(t *testing.T) []switcherEntry {
		t.Helper()
		return readerEval[[]switcherEntry](t, b, `[...document.querySelectorAll(".language-switcher li")].map(li => {
  const a = li.querySelector("a");
  return {Text: li.textContent.trim().replace(/\s+/g, " "), Href: a ? a.getAttribute("href") : "",
    Rel: a ? a.rel : "", Hreflang: a ? a.hreflang : "", Current: !!li.querySelector("[aria-current]")};
})`)
	}

	t.Run("switcher", func(t *testing.T) {
		readerVisit(t, b, origin, readerPage{path: "/guidance/messaging/"})
		if got := lang(t); got != "en ltr" {
			t.Errorf("/guidance/messaging/: html lang dir %q, want en ltr", got)
		}
		entries := switcher(t)
		want := []switcherEntry{
			{Text: "English", Current: true},
			{Text: "Español", Href: "/es/guidance/messaging/", Rel: "alternate", Hreflang: "es"},
			{Text: "中文", Href: "/zh/guidance/messaging/", Rel: "alternate", Hreflang: "zh"},
			{Text: "العربية", Href: "/ar/guidance/messaging/", Rel: "alternate", Hreflang: "ar"},
		}
		if !slices.Equal(entries, want) {
			t.Errorf("switcher on /guidance/messaging/:\n got %+v\nwant %+v", entries, want)
		}
		click(t, "es", "/es/guidance/messaging/")
		if got := readerEval[string](t, b, `document.querySelector("h1").textContent.trim()`); got != "Mensajería segura" {
			t.Errorf("the switcher led to a page titled %q, want Mensajería segura", got)
		}
		click(t, "ar", "/ar/guidance/messaging/")
		if got := lang(t); got != "ar rtl" {
			t.Errorf("/ar/guidance/messaging/: html lang dir %q, want ar rtl", got)
		}
		click(t, "en", "/guidance/messaging/")

		// A page only in English: the other languages are not translated
		// and lead to their homes.
		readerVisit(t, b, origin, readerPage{path: "/guidance/english-only/"})
		entries = switcher(t)
		if len(entries) != 4 {
			t.Fatalf("switcher on /guidance/english-only/: %+v, want four languages", entries)
		}
		if es := entries[1]; es.Href != "/es/" || es.Rel != "" || es.Hreflang != "es" || !strings.Contains(es.Text, "not translated yet") {
			t.Errorf("switcher's Spanish entry on an English-only page: %+v, want a link to /es/ without rel=alternate, saying \"not translated yet\"", es)
		}
		click(t, "es", "/es/")
		if got := lang(t); got != "es ltr" {
			t.Errorf("/es/: html lang dir %q, want es ltr", got)
		}
	})

	t.Run("decide", func(t *testing.T) {
		readerVisit(t, b, origin, readerPage{path: "/es/decide/t/", answers: [][2]string{
			{"Sí", readerDecideHeading("¿Firma el proveedor")},
			{"No", readerDecideHeading("No envíe información de pacientes")},
		}})
		es := decideRead(t, b)
		if es.View != "outcome" || !strings.HasPrefix(es.Hash, "#a=") || len(es.Answers) != 2 {
			t.Fatalf("the Spanish tool after two answers: %+v, want an outcome, #a= and two answers", es)
		}
		esVerdict := readerEval[string](t, b, `document.querySelector(".dt .outcome").className`)
		if !strings.Contains(esVerdict, "verdict-avoid") {
			t.Errorf("Spanish outcome %q, want verdict-avoid", esVerdict)
		}
		click(t, "en", "/decide/t/")
		en := decideWait(t, b, `document.querySelector("article.decision.dt-ready") && document.querySelector(".dt").getAttribute("data-view") === "outcome"`)
		if en.Hash != es.Hash {
			t.Errorf("the fragment changed across languages: %q in Spanish, %q in English", es.Hash, en.Hash)
		}
		if en.Heading != "Do not send patient information" {
			t.Errorf("the English tool shows %q, want the same outcome as the Spanish (Do not send patient information)", en.Heading)
		}
		if enVerdict := readerEval[string](t, b, `document.querySelector(".dt .outcome").className`); enVerdict != esVerdict {
			t.Errorf("outcome %q in English, %q in Spanish", enVerdict, esVerdict)
		}
		if len(en.Answers) != len(es.Answers) {
			t.Errorf("answers %q in English, %q in Spanish", en.Answers, es.Answers)
		}
		wantAnswers := []string{"Will the messages name patients? = Yes", "Does the vendor sign a business associate agreement? = No"}
		if !slices.Equal(en.Answers, wantAnswers) {
			t.Errorf("English answers %q, want %q", en.Answers, wantAnswers)
		}
	})

	t.Run("search", func(t *testing.T) {
		for _, q := range []struct{ path, title, href string }{
			{"/zh/search/?q=隐私", "安全通讯", "/zh/guidance/messaging/"},
			{"/es/search/?q=cifrado", "Mensajería segura", "/es/guidance/messaging/"},
			{"/ar/search/?q=التشفير", "المراسلة الآمنة", "/ar/guidance/messaging/"},
		} {
			// The page loads with the network on, then searches again with
			// it off: everything it needs came from the built folder.
			readerVisit(t, b, origin, readerPage{path: q.path})
			v := readerEval[readerSearchView](t, b, readerResults)
			if !slices.Equal(v.Titles, []string{q.title}) || !slices.Equal(v.Hrefs, []string{q.href}) {
				t.Errorf("%s: results %q at %q, want %q at %s (status %q)", q.path, v.Titles, v.Hrefs, q.title, q.href, v.Status)
			}
			if len(v.Marks) == 0 {
				t.Errorf("%s highlights nothing in %q", q.path, v.Excerpts)
			}
			readerWait(t, b, `window.guidepostSearch && guidepostSearch.local()`)
			b.Run(t, network.EmulateNetworkConditions(true, 0, -1, -1))
			query := strings.SplitN(q.path, "?q=", 2)[1]
			n := readerEval[int](t, b, `guidepostSearch.run(`+readerJS(query)+`, "")`)
			offline := readerEval[readerSearchView](t, b, readerResults)
			b.Run(t, network.EmulateNetworkConditions(false, 0, -1, -1))
			if n != 1 || !slices.Equal(offline.Titles, v.Titles) {
				t.Errorf("%s offline: %d results %q, want %q", q.path, n, offline.Titles, v.Titles)
			}
		}
		// Each language searches its own pages only.
		readerVisit(t, b, origin, readerPage{path: "/search/?q=cifrado"})
		if v := readerEval[readerSearchView](t, b, readerResults); len(v.Titles) != 0 {
			t.Errorf("the English search finds Spanish words: %q at %q", v.Titles, v.Hrefs)
		}
	})

	t.Run("axe", func(t *testing.T) {
		for _, p := range []readerPage{
			{name: "Arabic guidance page", path: "/ar/guidance/messaging/"},
			{name: "Spanish tool", path: "/es/decide/t/"},
			{name: "Spanish tool, outcome", path: "/es/decide/t/", answers: [][2]string{
				{"No", readerDecideHeading("Adelante")},
			}},
		} {
			readerVisit(t, b, origin, p)
			readerShot(t, b, "multilingual-"+strings.NewReplacer(" ", "-", ",", "").Replace(strings.ToLower(p.name)))
			for _, v := range readerAxe(t, b, axe) {
				var where []string
				for _, n := range v.Nodes {
					where = append(where, "\n    "+n.Target+": "+strings.ReplaceAll(n.Summary, "\n", " "))
				}
				t.Errorf("%s: %s: %s%s", p.name, v.ID, v.Help, strings.Join(where, ""))
			}
		}
		// The Spanish tree is translation_status: unreviewed: its note was
		// part of the page axe-core checked.
		if !readerEval[bool](t, b, `!!document.querySelector("main .translation-note a[hreflang=en]")`) {
			t.Error("the unreviewed Spanish tool shows no translation note linking the original")
		}
	})

	b.AssertNoConsoleErrors(t)
	b.AssertSameOrigin(t, origin)
}
