package devserver

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/build"
)

// TestIncrementalEqualsFullMultilingual edits a site in two languages as an
// author and a translator would, and checks after each edit that the
// incremental build equals a full one: a translation's edits reach its own
// language's lists, search and feed, and adding or removing a translation
// changes the other languages' switchers and hreflang links.
func TestIncrementalEqualsFullMultilingual(t *testing.T) {
	t.Parallel()
	site := genSite(t, 12)
	dir := site.dir
	// Spanish translations of the home, of page 0 and of the tree.
	appendText(t, dir, "guidepost.yaml", "languages:\n  en: {name: English}\n  es: {name: Español, title: Sitio de prueba}")
	es := func(rel string) string { return strings.TrimSuffix(rel, ".md") + ".es.md" }
	writeFile(t, dir, "content/_index.es.md", "---\ntitle: Inicio\n---\nBienvenido.\n")
	writeFile(t, dir, es(site.file(0)), "---\ntitle: Página cero\nreviewed: 2026-01-01\n---\nTexto de la página, con [un enlace]("+path.Base(site.file(1))+").\n")
	writeFile(t, dir, es(treeFile("_index.md")), "---\ntitle: Elija uno\nreviewed: 2026-01-01\nstart: first\n---\nIntro.\n")
	writeFile(t, dir, es(treeFile("first.md")), "---\ntitle: ¿Lo necesita?\noptions:\n  - label: \"Sí\"\n    next: good\n  - label: \"No\"\n    next: bad\n---\nPregunta.\n")
	writeFile(t, dir, es(treeFile("good.md")), "---\ntitle: Adelante\nverdict: allowed\njurisdictions: [Here]\nreviewed: 2026-01-01\nsources:\n  - title: Una fuente\n    url: https://example.org/a\n---\nBien.\n")
	writeFile(t, dir, es(treeFile("bad.md")), "---\ntitle: No\nverdict: avoid\njurisdictions: [Here]\nreviewed: 2026-01-01\nsources:\n  - title: Una fuente\n    url: https://example.org/a\n---\nNo.\n")
	inc := build.NewIncremental(testOptions(dir))
	up, err := inc.Rebuild(build.Changes{})
	if err != nil {
		t.Fatalf("first build: %v", err)
	}
	assertSameAsFull(t, dir, up.Output)
	if _, ok := up.Output.Get("es/" + site.output(0)); !ok {
		t.Fatalf("the Spanish page is not at /es%s", site.url(0))
	}

	steps := []struct {
		name  string
		edit  func(t *testing.T) []string
		pages []string // pages that must be listed as changed
	}{
		{"translation body edit", func(t *testing.T) []string {
			replaceIn(t, dir, es(site.file(0)), "Texto de la página", "Texto cambiado")
			return []string{es(site.file(0))}
		}, []string{"/es" + site.url(0)}},
		{"translation title edit", func(t *testing.T) []string {
			replaceIn(t, dir, es(site.file(0)), "Página cero", "Página primera")
			return []string{es(site.file(0))}
		}, []string{"/es" + site.url(0)}},
		{"new translation", func(t *testing.T) []string {
			writeFile(t, dir, es(site.file(1)), "---\ntitle: Página uno\n---\nOtra.\n")
			return []string{es(site.file(1))}
		}, []string{"/es" + site.url(1), site.url(1), "/es" + site.url(0)}},
		{"original title edit", func(t *testing.T) []string {
			replaceIn(t, dir, site.file(1), site.c.Title(1), "Renamed page 1")
			return []string{site.file(1)}
		}, []string{site.url(1)}},
		{"translated node edit", func(t *testing.T) []string {
			replaceIn(t, dir, es(treeFile("good.md")), "Bien.", "Bien, con cuidado.")
			return []string{es(treeFile("good.md"))}
		}, []string{"/es" + treeURL("good")}},
		{"translation removed", func(t *testing.T) []string {
			os.Remove(filepath.Join(dir, es(site.file(1))))
			return []string{es(site.file(1))}
		}, []string{site.url(1)}},
		{"language renamed", func(t *testing.T) []string {
			replaceIn(t, dir, "guidepost.yaml", "name: Español", "name: Castellano")
			return []string{"guidepost.yaml"}
		}, []string{"/", "/es/"}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			up, err := inc.Rebuild(build.Changes{Files: st.edit(t)})
			if err != nil {
				t.Fatalf("rebuild: %v", err)
			}
			for _, p := range st.pages {
				if !slices.Contains(up.Pages, p) {
					t.Errorf("changed pages %v lack %s", up.Pages, p)
				}
			}
			finish(t, inc)
			out := up.Output
			if up.Pending {
				out = latest(t, inc)
			}
			assertSameAsFull(t, dir, out)
		})
	}
}
