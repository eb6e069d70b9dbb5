package devserver

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/markdown"
)

// mapSink collects a build's files. Builds write files from several
// goroutines at once, so writes hold mapSinkMu.
type mapSink map[string][]byte

var mapSinkMu sync.Mutex

func (m mapSink) WriteFile(name string, data []byte) error {
	mapSinkMu.Lock()
	defer mapSinkMu.Unlock()
	m[name] = bytes.Clone(data)
	return nil
}

const testBaseURL = "http://127.0.0.1:1313/"

// testNow is the date the tests' builds and servers take as today, so
// that none depends on the calendar.
var testNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// testHighlights is the highlight cache the package's builds and servers
// share, in a folder TestMain makes: the corpus's code blocks, the same in
// every test's site, are highlighted once, as in an author's builds.
var testHighlights *markdown.HighlightCache

// testOptions are the options of the tests' builds of the site in dir.
func testOptions(dir string) build.Options {
	return build.Options{Source: dir, BaseURL: testBaseURL, Now: testNow, HighlightCache: testHighlights}
}

// fullBuild renders the site from scratch, as `guidepost build` does.
func fullBuild(t *testing.T, dir string) mapSink {
	t.Helper()
	_, files, err := build.New().Render(testOptions(dir))
	if err != nil {
		t.Fatalf("full build: %v", err)
	}
	if err := testHighlights.Flush(); err != nil {
		t.Fatal(err)
	}
	out := mapSink{}
	if err := files.WriteTo(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// finish runs the slow generators an incremental build left pending.
func finish(t *testing.T, inc *build.Incremental) {
	t.Helper()
	if _, err := inc.Finish(); err != nil {
		t.Fatalf("finish: %v", err)
	}
}

// assertSameAsFull fails unless out holds exactly the files of a full
// build, byte for byte.
func assertSameAsFull(t *testing.T, dir string, out *build.Output) {
	t.Helper()
	want := fullBuild(t, dir)
	got := mapSink{}
	if err := out.WriteTo(got); err != nil {
		t.Fatal(err)
	}
	for name, data := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("incremental build lacks %s", name)
		case !bytes.Equal(g, data):
			t.Errorf("incremental build differs from a full build in %s:\n%s", name, firstDiff(g, data))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("incremental build has %s, which a full build does not", name)
		}
	}
}

// firstDiff shows where two files first differ.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("incremental: …%s…\nfull:        …%s…", got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}

func readFile(t testing.TB, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// replaceIn edits a file of the site.
func replaceIn(t testing.TB, dir, rel, old, new string) {
	t.Helper()
	src := readFile(t, dir, rel)
	if !strings.Contains(src, old) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	writeFile(t, dir, rel, strings.Replace(src, old, new, 1))
}

// TestIncrementalEqualsFull edits a site step by step and checks after
// each step that the incremental build equals a full build, and that it
// rendered only what the edit touches.
func TestIncrementalEqualsFull(t *testing.T) {
	t.Parallel()
	site := genSite(t, 12)
	dir := site.dir
	// Pages of their own in the first section, beside the corpus's.
	sec, secURL := path.Dir(site.file(0)), site.sectionURL(0)
	writeFile(t, dir, sec+"/named.md", "---\ntitle: Named\ntags: [HIPAA]\n---\nBody.\n")
	writeFile(t, dir, sec+"/solo.md", "---\ntitle: Solo\njurisdictions: [Solo land]\n---\nNothing links here.\n")
	writeFile(t, dir, sec+"/target.md", "---\ntitle: Target\n---\n## Kept heading\n\nText.\n\n## Renamed heading\n\nMore.\n")
	writeFile(t, dir, sec+"/linker.md", "---\ntitle: Linker\n---\nSee [the part](target.md#kept-heading).\n")
	inc := build.NewIncremental(testOptions(dir))
	up, err := inc.Rebuild(build.Changes{})
	if err != nil {
		t.Fatalf("first build: %v", err)
	}
	if up.Pending {
		t.Error("the first build left generated files pending")
	}
	assertSameAsFull(t, dir, up.Output)

	steps := []struct {
		name  string
		edit  func(t *testing.T) []string // returns the changed paths
		pages []string                    // pages that must be listed as changed
		most  int                         // most pages rendered; -1: no limit
		moved bool                        // an asset URL must have moved
	}{
		{"body edit", func(t *testing.T) []string {
			replaceIn(t, dir, site.file(0), site.c.Sentence(0), "Changed intro.")
			return []string{site.file(0)}
		}, []string{site.url(0)}, 1, false},
		{"whitespace-only save", func(t *testing.T) []string {
			replaceIn(t, dir, site.file(0), "Changed intro.", "Changed intro. ")
			return []string{site.file(0)}
		}, nil, 1, false},
		{"title edit", func(t *testing.T) []string {
			replaceIn(t, dir, site.file(4), site.c.Title(4), "Renamed page 4")
			return []string{site.file(4)}
		}, []string{site.url(4), site.sectionURL(4)}, -1, false},
		{"new tag", func(t *testing.T) []string {
			replaceIn(t, dir, site.file(2), "\ntags: [", "\ntags: [brand new, ")
			return []string{site.file(2)}
		}, []string{"/tags/", "/tags/brand-new/"}, -1, false},
		{"term written differently", func(t *testing.T) []string {
			replaceIn(t, dir, sec+"/named.md", "HIPAA", "Hipaa")
			return []string{sec + "/named.md"}
		}, nil, -1, false},
		{"weight reorders a section", func(t *testing.T) []string {
			setField(t, dir, site.file(8), "weight", "100")
			return []string{site.file(8)}
		}, []string{site.url(8), site.sectionURL(8)}, -1, false},
		{"new folder with a page", func(t *testing.T) []string {
			writeFile(t, dir, "content/extra/deep/_index.md", "---\ntitle: Deep\n---\nDeep section.\n")
			writeFile(t, dir, "content/extra/deep/new.md", "---\ntitle: New page\njurisdictions: [India]\n---\nLinks to [page 1](../../"+site.c.PagePath(1)+").\n")
			return []string{"content/extra"}
		}, []string{"/extra/deep/", "/extra/deep/new/"}, -1, false},
		{"link to the new page", func(t *testing.T) []string {
			replaceIn(t, dir, site.file(1), site.c.Sentence(1), "See [the new page](/extra/deep/new/). "+site.c.Sentence(1))
			return []string{site.file(1)}
		}, []string{site.url(1)}, 1, false},
		{"page removed", func(t *testing.T) []string {
			os.Remove(filepath.Join(dir, sec, "solo.md"))
			return []string{sec + "/solo.md"}
		}, []string{secURL + "solo/", secURL, "/jurisdictions/", "/jurisdictions/solo-land/"}, -1, false},
		{"page becomes a draft", func(t *testing.T) []string {
			replaceIn(t, dir, sec+"/named.md", "title:", "draft: true\ntitle:")
			return []string{sec + "/named.md"}
		}, []string{secURL + "named/", secURL}, -1, false},
		{"stylesheet edit", func(t *testing.T) []string {
			f := filepath.Join(dir, "static/css/site.css")
			data, _ := os.ReadFile(f)
			os.WriteFile(f, append(data, "\n.x { color: red }\n"...), 0o644)
			return []string{"static/css/site.css"}
		}, nil, 0, true},
		{"image added", func(t *testing.T) []string {
			writeFile(t, dir, "static/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
			return []string{"static/img"}
		}, nil, 0, false},
		{"page layout edit", func(t *testing.T) []string {
			replaceIn(t, dir, "layouts/_default/single.html", `{{define "main"}}`, `{{define "main"}}<span hidden>edited</span>`)
			return []string{"layouts/_default/single.html"}
		}, []string{site.url(0), "/extra/deep/new/"}, -1, false},
		{"tree node edit", func(t *testing.T) []string {
			appendText(t, dir, treeFile("good.md"), "With care.")
			return []string{treeFile("good.md")}
		}, []string{treeURL("good")}, 10, true},
		{"section title edit", func(t *testing.T) []string {
			setField(t, dir, site.sectionFile(0), "title", "First section")
			return []string{site.sectionFile(0)}
		}, []string{"/", secURL, site.url(0)}, -1, false},
		{"partial edit", func(t *testing.T) []string {
			writeFile(t, dir, "layouts/partials/footer.html", "<span hidden>edited</span>"+readFile(t, dir, "layouts/partials/footer.html"))
			return []string{"layouts/partials/footer.html"}
		}, []string{"/", site.url(0), "/tags/"}, -1, false},
		{"config edit", func(t *testing.T) []string {
			setField(t, dir, "guidepost.yaml", "title", "Renamed site")
			return []string{"guidepost.yaml"}
		}, []string{"/", site.url(0)}, -1, false},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			changed := st.edit(t)
			up, err := inc.Rebuild(build.Changes{Files: changed})
			if err != nil {
				t.Fatalf("rebuild: %v", err)
			}
			for _, p := range st.pages {
				if !slices.Contains(up.Pages, p) {
					t.Errorf("changed pages %v lack %s", up.Pages, p)
				}
			}
			if st.pages == nil && len(up.Pages) > 0 && st.most == 0 {
				t.Errorf("changed pages = %v, want none", up.Pages)
			}
			if st.most >= 0 && up.Rendered > st.most {
				t.Errorf("rendered %d pages, want at most %d", up.Rendered, st.most)
			}
			if st.moved != (len(up.Moved) > 0) {
				t.Errorf("moved assets = %v, want moved: %v", up.Moved, st.moved)
			}
			finish(t, inc)
			out := up.Output
			if up.Pending {
				// Finish's output replaces Rebuild's.
				out = latest(t, inc)
			}
			assertSameAsFull(t, dir, out)
		})
	}
}

// latest returns the current output of an incremental build through a
// rebuild without changes, which renders nothing.
func latest(t *testing.T, inc *build.Incremental) *build.Output {
	t.Helper()
	up, err := inc.Rebuild(build.Changes{})
	if err != nil {
		t.Fatal(err)
	}
	if up.Rendered != 0 {
		t.Errorf("a rebuild without changes rendered %d pages", up.Rendered)
	}
	return up.Output
}

// TestIncrementalKeepsLastGood checks that a broken site fails the build
// without touching the last good output, and that fixing it recovers.
func TestIncrementalKeepsLastGood(t *testing.T) {
	t.Parallel()
	site := genSite(t, 10)
	dir := site.dir
	inc := build.NewIncremental(testOptions(dir))
	first, err := inc.Rebuild(build.Changes{})
	if err != nil {
		t.Fatal(err)
	}
	replaceIn(t, dir, "layouts/_default/single.html", "{{.Title}}", "{{.Title")
	_, err = inc.Rebuild(build.Changes{Files: []string{"layouts/_default/single.html"}})
	var f *build.Failure
	if !errors.As(err, &f) {
		t.Fatalf("broken layout: err = %v, want a *build.Failure", err)
	}
	if got := f.Diags.Errors()[0].File; got != "layouts/_default/single.html" {
		t.Errorf("error names %s, want the layout", got)
	}
	// A stylesheet edited while the layout is broken.
	css := filepath.Join(dir, "static", "css", "site.css")
	data, _ := os.ReadFile(css)
	os.WriteFile(css, append(data, "\n.while-broken { color: red }\n"...), 0o644)
	if _, err := inc.Rebuild(build.Changes{Files: []string{"static/css/site.css"}}); err == nil {
		t.Fatal("a stylesheet edit hid the broken layout")
	}
	// Content edits while the layout is broken still fail.
	replaceIn(t, dir, site.file(1), site.c.Sentence(1), "Edited intro.")
	if _, err := inc.Rebuild(build.Changes{Files: []string{site.file(1)}}); err == nil {
		t.Fatal("a content edit hid the broken layout")
	}
	if page, _ := first.Output.Get(site.output(1)); bytes.Contains(page, []byte("Edited intro.")) {
		t.Error("the last good output changed")
	}
	replaceIn(t, dir, "layouts/_default/single.html", "{{.Title", "{{.Title}}")
	up, err := inc.Rebuild(build.Changes{Files: []string{"layouts/_default/single.html"}})
	if err != nil {
		t.Fatalf("fixed layout: %v", err)
	}
	if page, _ := up.Output.Get(site.output(1)); !bytes.Contains(page, []byte("Edited intro.")) {
		t.Error("the edit made while the layout was broken is missing")
	}
	if len(up.Moved) == 0 {
		t.Error("the stylesheet edited while broken did not move")
	}
	finish(t, inc)
	assertSameAsFull(t, dir, latest(t, inc))
}

// TestIncrementalBodyEdits checks the fast path for edits of Markdown
// bodies: the site is updated in place, anchors other pages link to are
// checked again, and a failed edit leaves the last good build as it was.
func TestIncrementalBodyEdits(t *testing.T) {
	t.Parallel()
	site := genSite(t, 12)
	dir := site.dir
	sec := path.Dir(site.file(0))
	target, linker := sec+"/target.md", sec+"/linker.md"
	writeFile(t, dir, target, "---\ntitle: Target\n---\n## Kept heading\n\nText.\n")
	writeFile(t, dir, linker, "---\ntitle: Linker\n---\nSee [the part](target.md#kept-heading).\n")
	inc := build.NewIncremental(testOptions(dir))
	first, err := inc.Rebuild(build.Changes{})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(t *testing.T, rel, old, new string) (*build.Update, error) {
		t.Helper()
		replaceIn(t, dir, rel, old, new)
		return inc.Rebuild(build.Changes{Files: []string{rel}})
	}

	up, err := edit(t, target, "Text.", "Edited text.")
	if err != nil {
		t.Fatal(err)
	}
	if up.Result.Site != first.Result.Site {
		t.Error("a body edit loaded the whole site again")
	}
	if targetURL := site.sectionURL(0) + "target/"; !slices.Equal(up.Pages, []string{targetURL}) || up.Rendered != 1 {
		t.Errorf("changed %v, rendered %d; want only %s", up.Pages, up.Rendered, targetURL)
	}
	finish(t, inc)
	assertSameAsFull(t, dir, latest(t, inc))

	// Removing the heading breaks linker.md's link: the build fails there.
	_, err = edit(t, target, "## Kept heading", "## Other heading")
	var f *build.Failure
	if !errors.As(err, &f) || len(f.Diags.Errors()) != 1 || f.Diags.Errors()[0].File != linker {
		t.Fatalf("err = %v, want the missing anchor reported in %s", err, linker)
	}
	// Another body edit while broken still fails, on the same problem.
	if _, err := edit(t, site.file(1), site.c.Sentence(1), "Intro edited while broken."); err == nil {
		t.Fatal("the broken anchor was forgotten")
	}
	// The fix: a heading with the old id.
	up, err = edit(t, target, "## Other heading", "## Kept heading")
	if err != nil {
		t.Fatalf("fixed: %v", err)
	}
	if page, _ := up.Output.Get(site.output(1)); !bytes.Contains(page, []byte("Intro edited while broken.")) {
		t.Error("the edit made while broken is missing")
	}
	finish(t, inc)
	assertSameAsFull(t, dir, latest(t, inc))

	// A Markdown problem (two headings with one id) fails and clears too.
	if _, err := edit(t, site.file(2), site.c.Sentence(2), "## Twice {#dup}\n\n## Again {#dup}\n\n"+site.c.Sentence(2)); err == nil {
		t.Fatal("duplicate heading ids were accepted")
	}
	if _, err := edit(t, site.file(2), "## Again {#dup}", "## Again {#dup2}"); err != nil {
		t.Fatalf("fixed ids: %v", err)
	}
	finish(t, inc)
	assertSameAsFull(t, dir, latest(t, inc))
}

// TestIncrementalImageWhileBroken checks that an image changed while the
// site was broken is reported by the build that fixes it.
func TestIncrementalImageWhileBroken(t *testing.T) {
	t.Parallel()
	site := genSite(t, 5)
	dir := site.dir
	inc := build.NewIncremental(testOptions(dir))
	if _, err := inc.Rebuild(build.Changes{}); err != nil {
		t.Fatal(err)
	}
	replaceIn(t, dir, site.file(1), "\ntitle: ", "\ntitel: ")
	if _, err := inc.Rebuild(build.Changes{Files: []string{site.file(1)}}); err == nil {
		t.Fatal("a page without a title was accepted")
	}
	writeFile(t, dir, "static/img/logo.png", "not really a PNG")
	if _, err := inc.Rebuild(build.Changes{Files: []string{"static/img/logo.png"}}); err == nil {
		t.Fatal("the broken page was forgotten")
	}
	replaceIn(t, dir, site.file(1), "\ntitel: ", "\ntitle: ")
	up, err := inc.Rebuild(build.Changes{Files: []string{site.file(1)}})
	if err != nil {
		t.Fatal(err)
	}
	if !up.Static {
		t.Error("the image added while broken does not reload pages")
	}
	if data, ok := up.Output.Get("img/logo.png"); !ok || string(data) != "not really a PNG" {
		t.Error("the image is not served")
	}
}
