package e2e

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/scaffold"
	"github.com/guidepost/guidepost/internal/testsite"
)

// The site-shape matrix (TestSiteShapes) builds small sites of the shapes
// real sites have — no taxonomies, no sections, one page, deep sections,
// long titles, no tree, two trees, only a tree, only drafts, a sub-path —
// and checks each in headless Chromium as a reader would meet it. Every
// shape is built twice: from content/ alone with the built-in theme, and
// laid over what `guidepost new site` writes. Search, the theme and the
// decision tool had been exercised on one site's shape only, and broke on
// the first site whose pages set no jurisdictions.
//
// The taxonomies are the default ones (jurisdictions, tags, categories)
// — none, each alone, two together — and a site's own, with and without
// jurisdictions.

// matrixNow is the date every shape is built on.
var matrixNow = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// siteShape is a site to build and what a reader must find on it.
type siteShape struct {
	name  string
	files map[string]string // path below the site folder → text
	// drafts builds with --drafts; base is the --base-url.
	drafts bool
	base   string
	// page is the URL path, below the base path, of a page whose title
	// holds titleWord and whose text holds bodyWord.
	page, title         string
	titleWord, bodyWord string
	jurisdiction        string   // the slug of one of page's jurisdictions; "" for a site without
	trees               []string // URL paths of the decision trees, below the base path
	narrow              bool     // also check the pages on a 360 px wide screen
	// config is added to guidepost.yaml; also are more URL paths, below
	// the base path, that must render.
	config string
	also   []string
}

// mdPage is a Markdown page dated before matrixNow, with extra lines of
// front matter.
func mdPage(title, body string, extra ...string) string {
	fm := []string{"title: " + strconv.Quote(title), "date: 2026-01-10", "reviewed: 2026-01-10"}
	return "---\n" + strings.Join(append(fm, extra...), "\n") + "\n---\n" + body + "\n"
}

// mdTree is a decision tree in content/<dir>/ titled title, with text
// body: a question with two outcomes, "Yes" leading to "Go ahead with the
// record".
func mdTree(dir, title, body string) map[string]string {
	src := "sources:\n  - title: A published source\n    url: https://example.org/source"
	return map[string]string{
		"content/" + dir + "/_index.md": mdPage(title, body,
			"summary: Answer one question.", "start: question",
			"scenarios:\n  - answers: [\"Yes\"]\n    expect: go-ahead\n  - answers: [\"No\"]\n    expect: hold-on"),
		"content/" + dir + "/question.md": "---\ntitle: Is the record complete?\noptions:\n  - label: \"Yes\"\n    next: go-ahead\n  - label: \"No\"\n    next: hold-on\n---\nCheck it first.\n",
		"content/" + dir + "/go-ahead.md": mdPage("Go ahead with the record", "It is complete.", "verdict: allowed", src, "safeguards: [Keep a copy.]", "jurisdictions: [Atlantis]"),
		"content/" + dir + "/hold-on.md":  mdPage("Hold on until the record is complete", "Complete it first.", "verdict: caution", src, "jurisdictions: [Atlantis]"),
	}
}

// merge returns the union of file sets.
func merge(sets ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, s := range sets {
		for k, v := range s {
			out[k] = v
		}
	}
	return out
}

// matrixShapes are the shapes of the matrix.
func matrixShapes() []siteShape {
	longWord := strings.Repeat("Pneumonoultramicroscopicsilicovolcanoconiosis", 4)
	longTitle := "Arrangements for the " + strings.Repeat("interdisciplinary ", 12) + "Periwinkle committee " + longWord + " and " + strings.Repeat("everything else that follows ", 6)
	home := map[string]string{"content/_index.md": mdPage("Shape test home", "The home page of a test site.")}
	guidance := map[string]string{"content/guidance/_index.md": mdPage("Guidance", "Short pages.")}
	return []siteShape{
		{
			name: "no-taxonomies",
			files: merge(home, guidance, map[string]string{
				"content/guidance/ferns.md": mdPage("Fern watering schedule", "Water the ferns when the marmoset sleeps."),
				"content/guidance/other.md": mdPage("Another page", "Nothing to see here."),
			}),
			page: "/guidance/ferns/", title: "Fern watering schedule", titleWord: "fern", bodyWord: "marmoset",
		},
		{
			name: "tags-only",
			files: merge(home, guidance, map[string]string{
				"content/guidance/kettle.md": mdPage("Kettle descaling", "Vinegar and a quiet afternoon with the ocelot.", "tags: [kitchen, cleaning]"),
				"content/guidance/other.md":  mdPage("Another page", "Nothing here.", "tags: [kitchen]"),
			}),
			page: "/guidance/kettle/", title: "Kettle descaling", titleWord: "kettle", bodyWord: "ocelot",
			also: []string{"/tags/", "/tags/kitchen/"},
		},
		{
			name: "jurisdictions-only",
			files: merge(home, guidance, map[string]string{
				"content/guidance/ledger.md": mdPage("Ledger retention", "Keep ledgers as long as the wombat asks.", "jurisdictions: [Atlantis, Lemuria]"),
				"content/guidance/other.md":  mdPage("Another page", "Nothing here.", "jurisdictions: [Lemuria]"),
			}),
			page: "/guidance/ledger/", title: "Ledger retention", titleWord: "ledger", bodyWord: "wombat", jurisdiction: "atlantis",
			also: []string{"/jurisdictions/", "/jurisdictions/atlantis/"},
		},
		{
			name: "tags-and-jurisdictions",
			files: merge(home, guidance, map[string]string{
				"content/guidance/harbour.md": mdPage("Harbour permits", "Ask the harbour master and the narwhal.", "tags: [boats]", "jurisdictions: [Atlantis]"),
				"content/guidance/other.md":   mdPage("Another page", "Nothing here.", "tags: [boats]"),
			}),
			page: "/guidance/harbour/", title: "Harbour permits", titleWord: "harbour", bodyWord: "narwhal", jurisdiction: "atlantis",
		},
		{
			name: "categories-only",
			files: merge(home, guidance, map[string]string{
				"content/guidance/trowel.md": mdPage("Trowel care", "Oil the blade, as the badger advised.", "categories: [Garden tools]"),
				"content/guidance/other.md":  mdPage("Another page", "Nothing here.", "categories: [Garden tools, Sheds]"),
			}),
			page: "/guidance/trowel/", title: "Trowel care", titleWord: "trowel", bodyWord: "badger",
			also: []string{"/categories/", "/categories/garden-tools/"},
		},
		{
			// A taxonomy of the site's own, replacing the default ones.
			name:   "custom-taxonomy",
			config: "taxonomies:\n  topic: topics\n",
			files: merge(home, guidance, map[string]string{
				"content/guidance/hammock.md": mdPage("Hammock knots", "Tie a bowline like the gibbon.", "topics: [Knots, Rest]"),
				"content/guidance/other.md":   mdPage("Another page", "Nothing here.", "topics: [Rest]"),
			}),
			page: "/guidance/hammock/", title: "Hammock knots", titleWord: "hammock", bodyWord: "gibbon",
			also: []string{"/topics/", "/topics/knots/"},
		},
		{
			// A custom taxonomy beside jurisdictions.
			name:   "custom-taxonomy-and-jurisdictions",
			config: "taxonomies:\n  jurisdiction: jurisdictions\n  audience: audiences\n",
			files: merge(home, guidance, map[string]string{
				"content/guidance/ferry.md": mdPage("Ferry timetables", "Ask the puffin at the pier.", "audiences: [Travellers]", "jurisdictions: [Atlantis]"),
				"content/guidance/other.md": mdPage("Another page", "Nothing here.", "audiences: [Travellers]"),
			}),
			page: "/guidance/ferry/", title: "Ferry timetables", titleWord: "ferry", bodyWord: "puffin", jurisdiction: "atlantis",
			also: []string{"/audiences/travellers/", "/jurisdictions/atlantis/"},
		},
		{
			name: "no-sections",
			files: map[string]string{
				"content/lantern.md": mdPage("Lantern maintenance", "Trim the wick before the pangolin arrives."),
				"content/other.md":   mdPage("Another page at the root", "Nothing here."),
			},
			page: "/lantern/", title: "Lantern maintenance", titleWord: "lantern", bodyWord: "pangolin",
		},
		{
			name: "one-page",
			files: map[string]string{
				"content/only.md": mdPage("Quarantine checklist", "The only page, guarded by an axolotl."),
			},
			page: "/only/", title: "Quarantine checklist", titleWord: "quarantine", bodyWord: "axolotl",
		},
		{
			name: "deep-sections",
			files: func() map[string]string {
				f := merge(home)
				dir := "content"
				for i, s := range []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"} {
					dir += "/" + s
					f[dir+"/_index.md"] = mdPage(fmt.Sprintf("Level %d %s", i+1, s), "A section.")
				}
				f[dir+"/bottom.md"] = mdPage("Bottom of the sextant", "Six levels down lives a capybara.")
				return f
			}(),
			page: "/alpha/bravo/charlie/delta/echo/foxtrot/bottom/", title: "Bottom of the sextant", titleWord: "sextant", bodyWord: "capybara",
		},
		{
			name: "long-titles-and-words",
			files: merge(guidance, map[string]string{
				"content/_index.md":          mdPage(longTitle, "A home page whose title never ends: "+longWord+"."),
				"content/guidance/_index.md": mdPage(longTitle, "A section with a long title."),
				"content/guidance/long.md": mdPage(longTitle, "The word "+longWord+" is long, and so is the "+strings.Repeat("https://example.org/a-very-long-path/", 8)+" address a tapir wrote.",
					"summary: "+strconv.Quote(longWord+" "+longWord), "tags: ["+strconv.Quote(longWord)+"]"),
			}, mdTree("decide/long", longTitle, "A tool whose title never ends: "+longWord+".")),
			page: "/guidance/long/", title: strings.Join(strings.Fields(longTitle), " "), titleWord: "periwinkle", bodyWord: "tapir", narrow: true,
			trees: []string{"/decide/long/"},
		},
		{
			name: "no-tree",
			files: merge(home, guidance, map[string]string{
				"content/guidance/saddle.md": mdPage("Saddle fitting", "Measure twice, as the okapi does.", "tags: [horses]"),
			}),
			page: "/guidance/saddle/", title: "Saddle fitting", titleWord: "saddle", bodyWord: "okapi",
		},
		{
			name: "two-trees",
			files: merge(home, guidance, map[string]string{
				"content/guidance/beacon.md": mdPage("Beacon testing", "Test the beacon with a flamingo.", "tags: [safety]"),
			}, mdTree("decide/first", "First tool about gazebos", "Answer one question about the iguana."),
				mdTree("decide/second", "Second tool about trellises", "Answer one question about the lemur.")),
			page: "/guidance/beacon/", title: "Beacon testing", titleWord: "beacon", bodyWord: "flamingo",
			trees: []string{"/decide/first/", "/decide/second/"},
		},
		{
			name:  "tree-only",
			files: mdTree("decide/tool", "Only a tool about gondolas", "Answer one question about the mongoose."),
			page:  "/decide/tool/", title: "Only a tool about gondolas", titleWord: "gondola", bodyWord: "mongoose",
			trees: []string{"/decide/tool/"},
		},
		{
			name: "drafts-only",
			files: map[string]string{
				"content/notes/_index.md": mdPage("Draft notes", "Not published yet.", "draft: true"),
				"content/notes/kiln.md":   mdPage("Kiln temperatures", "Fire slowly, said the salamander.", "draft: true", "tags: [pottery]"),
			},
			drafts: true,
			page:   "/notes/kiln/", title: "Kiln temperatures", titleWord: "kiln", bodyWord: "salamander",
		},
		{
			name: "base-url-sub-path",
			files: merge(home, guidance, map[string]string{
				"content/guidance/anchor.md": mdPage("Anchor inspection", "Inspect the chain with a walrus. See [the tool](../decide/tool/_index.md).", "tags: [boats]", "jurisdictions: [Atlantis]"),
			}, mdTree("decide/tool", "A tool about rudders", "Answer one question about the heron.")),
			base: "https://example.org/kb/",
			page: "/guidance/anchor/", title: "Anchor inspection", titleWord: "anchor", bodyWord: "walrus", jurisdiction: "atlantis",
			trees: []string{"/decide/tool/"},
		},
		{
			// Three languages under a sub-path: a translated page and tree,
			// a page in English only, a language with no pages but its
			// generated home, search page and 404.
			name: "multilingual-sub-path",
			files: merge(home, guidance, map[string]string{
				"content/guidance/lantern.md":        mdPage("Lantern care", "Trim the wick, as the pangolin does.", "tags: [light]", "jurisdictions: [Atlantis]"),
				"content/guidance/lantern.es.md":     mdPage("Cuidado del farol", "Recorte la mecha, como hace el pangolín.", "tags: [light]", "jurisdictions: [Atlantis]", "translation_status: unreviewed"),
				"content/guidance/only.md":           mdPage("Only in English", "Not translated."),
				"content/_index.es.md":               mdPage("Inicio", "La página de inicio."),
				"content/decide/tool/_index.es.md":   mdPage("Una herramienta sobre faroles", "Responda una pregunta.", "summary: Una pregunta.", "start: question"),
				"content/decide/tool/question.es.md": "---\ntitle: ¿Está completo el registro?\noptions:\n  - label: \"Sí\"\n    next: go-ahead\n  - label: \"No\"\n    next: hold-on\n---\nCompruébelo.\n",
				"content/decide/tool/go-ahead.es.md": mdPage("Adelante con el registro", "Está completo.", "verdict: allowed", "sources:\n  - title: Una fuente publicada\n    url: https://example.org/source", "safeguards: [Guarde una copia.]", "jurisdictions: [Atlantis]"),
				"content/decide/tool/hold-on.es.md":  mdPage("Espere a que el registro esté completo", "Complételo antes.", "verdict: caution", "sources:\n  - title: Una fuente publicada\n    url: https://example.org/source", "jurisdictions: [Atlantis]"),
			}, mdTree("decide/tool", "A tool about lanterns", "Answer one question about the pangolin.")),
			base:   "https://example.org/kb/",
			config: "languages:\n  en: {name: English}\n  es: {name: Español}\n  ar: {name: العربية}\n",
			page:   "/guidance/lantern/", title: "Lantern care", titleWord: "lantern", bodyWord: "pangolin", jurisdiction: "atlantis",
			trees: []string{"/decide/tool/"},
			also:  []string{"/es/", "/es/guidance/lantern/", "/es/decide/tool/", "/es/decide/tool/go-ahead/", "/es/search/?q=farol", "/ar/", "/ar/search/", "/guidance/only/"},
		},
	}
}

// matrixVariants are the starting points every shape is laid over: none
// (content/ alone, the built-in theme) and `guidepost new site`'s output,
// whose guidepost.yaml (menus, disclaimer, language), home page, section
// and example tree stay, a shape's files replacing those of the same path
// — as an author adds pages to a new site. What a shape leaves out (a
// tree, sections) is left out only in the first.
var matrixVariants = []struct {
	name  string
	start func(root string) error
}{
	{"embedded-theme", func(root string) error { return os.MkdirAll(root, 0o755) }},
	{"new-site", func(root string) error {
		_, err := scaffold.Site(root, "Shape test", matrixNow)
		return err
	}},
}

// matrixSite writes the shape's files over the variant's starting point
// in folder dir/site and builds it in-process into dir/public, which it
// returns.
func matrixSite(dir string, start func(string) error, sh siteShape) (string, error) {
	root := filepath.Join(dir, "site")
	if err := start(root); err != nil {
		return "", fmt.Errorf("start the site: %w", err)
	}
	if sh.config != "" {
		f, err := os.OpenFile(filepath.Join(root, "guidepost.yaml"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			_, err = f.WriteString("\n" + sh.config)
			err = errors.Join(err, f.Close())
		}
		if err != nil {
			return "", err
		}
	}
	for name, text := range sh.files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return "", err
		}
	}
	for _, d := range []string{"layouts", "static"} {
		if _, err := os.Stat(filepath.Join(root, d)); err == nil {
			return "", fmt.Errorf("the site has a %s/ folder: the matrix must check the built-in theme", d)
		}
	}
	dest := filepath.Join(dir, "public")
	res, err := build.Build(build.Options{Source: root, Dest: dest, Now: matrixNow, Drafts: sh.drafts, BaseURL: sh.base})
	if err != nil {
		var msgs []string
		if res != nil {
			for _, d := range res.Diags {
				msgs = append(msgs, d.String())
			}
		}
		return "", fmt.Errorf("build: %w\n%s", err, strings.Join(msgs, "\n"))
	}
	return dest, nil
}

// matrixBuild builds a shape for a test, as matrixSite does.
func matrixBuild(t *testing.T, start func(string) error, sh siteShape) string {
	t.Helper()
	dest, err := matrixSite(t.TempDir(), start, sh)
	if err != nil {
		t.Fatal(err)
	}
	return dest
}

// matrixPageView is what the checks read from a page.
type matrixPageView struct {
	H1       string   `json:"h1"`
	Main     int      `json:"main"`
	Overflow int      `json:"overflow"`
	Wide     []string `json:"wide"`
	Filter   bool     `json:"filter"`
	Status   string   `json:"status"`
	Hrefs    []string `json:"hrefs"`
	Links    []string `json:"links"`
	Unstyled []string `json:"unstyled"`
}

const matrixPageJS = `(() => {
  const h1 = document.querySelector("main h1, h1");
  const main = document.querySelector("main");
  const de = document.documentElement;
  const st = document.getElementById("search-status");
  return {
    h1: h1 ? h1.textContent.trim().replace(/\s+/g, " ") : "",
    main: main ? main.textContent.trim().length : 0,
    overflow: de.scrollWidth - de.clientWidth,
    wide: [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > de.clientWidth + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > de.clientWidth + 1)).slice(0, 5).map(e => e.outerHTML.slice(0, 120)),
    filter: !!document.getElementById("search-j"),
    status: st ? st.textContent : "",
    hrefs: [...document.querySelectorAll(".result-title a")].map(a => a.getAttribute("href")),
    links: [...document.querySelectorAll("main a[href]")].map(a => a.getAttribute("href")),
    unstyled: [...document.querySelectorAll('link[rel="stylesheet"]')].filter(l => !l.sheet).map(l => l.href).concat(
      document.querySelector('link[rel="stylesheet"]') ? [] : ["(no stylesheet)"]),
  };
})()`

// TestSiteShapes runs the site-shape matrix: for each variant and shape,
// the home page and a page render (and the decision tools work), search
// finds the known page by a word of its title and one of its text, the
// jurisdiction filter is there exactly when the site has jurisdictions,
// nothing is logged as an error, no request leaves the site's origin,
// nothing is wider than the screen, and axe-core finds no WCAG 2.2 A or AA
// violation on the home and search pages. One browser serves every shape.
func TestSiteShapes(t *testing.T) {
	testsite.SkipShort(t, "builds every site shape twice and checks each in Chromium: run without -short")
	axe := readerAxeSource(t)
	started := time.Now()
	// The sites are built one after another in the background while the
	// browser checks those already built.
	type site struct {
		dest string
		err  error
	}
	shapes := matrixShapes()
	built := make([][]chan site, len(matrixVariants))
	for i := range built {
		built[i] = make([]chan site, len(shapes))
		for j := range shapes {
			built[i][j] = make(chan site, 1)
		}
	}
	dir := t.TempDir()
	go func() {
		for i, v := range matrixVariants {
			for j, sh := range shapes {
				dest, err := matrixSite(filepath.Join(dir, v.name, sh.name), v.start, sh)
				built[i][j] <- site{dest, err}
			}
		}
	}()
	// Wait for the builder before the folder is removed, even on failure.
	t.Cleanup(func() { <-built[len(built)-1][len(shapes)-1] })
	b := browsertest.New(t, browsertest.Options{Timeout: 10 * time.Minute})
	for i, v := range matrixVariants {
		t.Run(v.name, func(t *testing.T) {
			for j, sh := range shapes {
				t.Run(sh.name, func(t *testing.T) {
					s := <-built[i][j]
					built[i][j] <- s // for the cleanup above
					if s.err != nil {
						t.Fatal(s.err)
					}
					matrixCheck(t, b, axe, s.dest, sh)
				})
			}
		})
	}
	t.Logf("the matrix took %v", time.Since(started).Round(time.Millisecond))
}

// matrixCheck serves a built shape and checks it in the browser.
func matrixCheck(t *testing.T, b *browsertest.Browser, axe string, dest string, sh siteShape) {
	base := "/"
	if sh.base != "" {
		u, err := url.Parse(sh.base)
		if err != nil {
			t.Fatal(err)
		}
		base = u.Path
	}
	prefix := strings.TrimSuffix(base, "/")
	origin := browsertest.ServeDirAt(t, dest, base)
	requests, console := len(b.Requests()), len(b.ConsoleErrors())

	read := func() matrixPageView {
		t.Helper()
		v := readerEval[matrixPageView](t, b, matrixPageJS)
		if len(v.Unstyled) > 0 {
			var where string
			b.Run(t, chromedp.Location(&where))
			t.Errorf("%s: stylesheets not loaded: %q", where, v.Unstyled)
		}
		return v
	}
	axeCheck := func(name string) {
		t.Helper()
		for _, v := range readerAxe(t, b, axe) {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, "\n    "+n.Target+": "+strings.ReplaceAll(n.Summary, "\n", " "))
			}
			t.Errorf("%s: axe-core: %s: %s%s", name, v.ID, v.Help, strings.Join(where, ""))
		}
	}
	widths := []int{1280}
	if sh.narrow {
		widths = append(widths, 360)
	}
	fits := func(name string, pv matrixPageView, width int) {
		t.Helper()
		if pv.Overflow > 0 {
			t.Errorf("%s is %d px wider than a %d px screen: %s overflow", name, pv.Overflow, width, strings.Join(pv.Wide, ", "))
		}
	}

	// The home page and the known page render.
	for _, w := range widths {
		b.Run(t, chromedp.EmulateViewport(int64(w), 900))
		readerVisit(t, b, origin, readerPage{path: prefix + "/"})
		home := read()
		if home.H1 == "" || home.H1 == "Page not found" || home.Main == 0 {
			t.Errorf("home page: heading %q, %d characters in main: it does not render", home.H1, home.Main)
		}
		fits("the home page", home, w)
		if w == widths[0] {
			// The reader can go from the home page towards the known page:
			// it links to the page or a section above it.
			towards := false
			for _, l := range home.Links {
				l = strings.SplitN(l, "#", 2)[0]
				towards = towards || (l != prefix+"/" && strings.HasSuffix(l, "/") && strings.HasPrefix(prefix+sh.page, l))
			}
			if !towards {
				t.Errorf("the home page links to %q: none leads to %s", home.Links, prefix+sh.page)
			}
		}
		if w == widths[0] {
			axeCheck("home page")
		}
		readerVisit(t, b, origin, readerPage{path: prefix + sh.page})
		pg := read()
		if pg.H1 != sh.title {
			t.Errorf("%s: heading %q, want %q", sh.page, pg.H1, sh.title)
		}
		fits(sh.page, pg, w)
		if w != widths[0] {
			readerVisit(t, b, origin, readerPage{path: prefix + "/search/?q=" + url.QueryEscape(sh.titleWord)})
			fits("the search page", read(), w)
		}
	}
	b.Run(t, chromedp.EmulateViewport(1280, 900))
	// A missing page gets the site's 404 page, styled, at any depth.
	readerVisit(t, b, origin, readerPage{path: prefix + "/no/such/page/"})
	if v := read(); v.H1 != "Page not found" {
		t.Errorf("a missing page shows %q, want the 404 page", v.H1)
	}
	for _, p := range sh.also {
		readerVisit(t, b, origin, readerPage{path: prefix + p})
		if v := read(); v.H1 == "" || v.H1 == "Page not found" || v.Main == 0 {
			t.Errorf("%s: heading %q, %d characters in main: it does not render", p, v.H1, v.Main)
		}
	}

	// Each decision tool starts and reaches an outcome.
	for _, w := range widths {
		b.Run(t, chromedp.EmulateViewport(int64(w), 900))
		for _, tree := range sh.trees {
			readerVisit(t, b, origin, readerPage{path: prefix + tree, answers: [][2]string{
				{"Yes", readerDecideHeading("Go ahead with the record")},
			}})
			fits(tree, read(), w)
		}
	}
	b.Run(t, chromedp.EmulateViewport(1280, 900))

	// Search finds the known page by a word of its title and of its text,
	// and within its jurisdiction.
	// The first query comes in the address, the others through the page's
	// own search (window.guidepostSearch, as the form runs it).
	queries := [][2]string{{sh.titleWord, ""}, {sh.bodyWord, ""}}
	if sh.jurisdiction != "" {
		queries = append(queries, [2]string{sh.bodyWord, sh.jurisdiction})
	}
	for i, q := range queries {
		if i == 0 {
			readerVisit(t, b, origin, readerPage{path: prefix + "/search/?q=" + url.QueryEscape(q[0])})
		} else {
			readerEval[any](t, b, "window.guidepostSearch.run("+readerJS(q[0])+", "+readerJS(q[1])+").catch(() => null)")
		}
		sv := read()
		found := false
		for _, h := range sv.Hrefs {
			found = found || strings.SplitN(h, "#", 2)[0] == prefix+sh.page
		}
		if !found {
			t.Errorf("search for %q (jurisdiction %q): %q, results %q: want %s among them", q[0], q[1], sv.Status, sv.Hrefs, prefix+sh.page)
		}
		if i == 0 {
			if sv.Filter != (sh.jurisdiction != "") {
				t.Errorf("search page: jurisdiction filter shown = %v, want %v", sv.Filter, !sv.Filter)
			}
			fits("the search page", sv, 1280)
			axeCheck("search page")
		}
	}

	for _, e := range b.ConsoleErrors()[console:] {
		t.Errorf("browser %s", e)
	}
	for _, u := range b.Requests()[requests:] {
		if !strings.HasPrefix(u, origin+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("a page requested %s, outside %s", u, origin)
		}
	}
}
