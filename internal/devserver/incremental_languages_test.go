package devserver

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/guidepost/guidepost/internal/build"
)

// TestIncrementalEqualsFullMultilingual edits a site in two languages as an
// author and a translator would, and checks after each edit that the
// incremental build equals a full one: a translation's edits reach its own
// language's lists, search and feed, and adding or removing a translation
// changes the other languages' switchers and hreflang links.
func TestIncrementalEqualsFullMultilingual(t *testing.T) {
	dir := genSite(t, 20)
	replaceIn(t, dir, "guidepost.yaml", "title: Test site", "title: Test site\nlanguages:\n  en: {name: English}\n  es: {name: Español, title: Sitio de prueba}")
	writeFile(t, dir, "content/_index.es.md", "---\ntitle: Inicio\n---\nBienvenido.\n")
	writeFile(t, dir, "content/s0/p0.es.md", "---\ntitle: Página cero\nreviewed: 2026-01-01\n---\nTexto de la página, con [un enlace](p1.md).\n")
	writeFile(t, dir, "content/decide/pick/_index.es.md", "---\ntitle: Elija uno\nreviewed: 2026-01-01\nstart: first\n---\nIntro.\n")
	writeFile(t, dir, "content/decide/pick/first.es.md", "---\ntitle: ¿Lo necesita?\noptions:\n  - label: \"Sí\"\n    next: good\n  - label: \"No\"\n    next: bad\n---\nPregunta.\n")
	writeFile(t, dir, "content/decide/pick/good.es.md", "---\ntitle: Adelante\nverdict: allowed\njurisdictions: [Here]\nreviewed: 2026-01-01\nsources:\n  - title: Una fuente\n    url: https://example.org/a\n---\nBien.\n")
	writeFile(t, dir, "content/decide/pick/bad.es.md", "---\ntitle: No\nverdict: avoid\njurisdictions: [Here]\nreviewed: 2026-01-01\nsources:\n  - title: Una fuente\n    url: https://example.org/a\n---\nNo.\n")
	inc := build.NewIncremental(build.Options{Source: dir, BaseURL: testBaseURL})
	up, err := inc.Rebuild(build.Changes{})
	if err != nil {
		t.Fatalf("first build: %v", err)
	}
	assertSameAsFull(t, dir, up.Output)
	if _, ok := up.Output.Get("es/s0/p0/index.html"); !ok {
		t.Fatal("the Spanish page is not at /es/s0/p0/")
	}

	steps := []struct {
		name  string
		edit  func(t *testing.T) []string
		pages []string // pages that must be listed as changed
	}{
		{"translation body edit", func(t *testing.T) []string {
			replaceIn(t, dir, "content/s0/p0.es.md", "Texto de la página", "Texto cambiado")
			return []string{"content/s0/p0.es.md"}
		}, []string{"/es/s0/p0/"}},
		{"translation title edit", func(t *testing.T) []string {
			replaceIn(t, dir, "content/s0/p0.es.md", "Página cero", "Página primera")
			return []string{"content/s0/p0.es.md"}
		}, []string{"/es/s0/p0/"}},
		{"new translation", func(t *testing.T) []string {
			writeFile(t, dir, "content/s0/p1.es.md", "---\ntitle: Página uno\n---\nOtra.\n")
			return []string{"content/s0/p1.es.md"}
		}, []string{"/es/s0/p1/", "/s0/p1/", "/es/s0/p0/"}},
		{"original title edit", func(t *testing.T) []string {
			replaceIn(t, dir, "content/s0/p1.md", `title: "Guidance page 1"`, `title: "Renamed page 1"`)
			return []string{"content/s0/p1.md"}
		}, []string{"/s0/p1/"}},
		{"translated node edit", func(t *testing.T) []string {
			replaceIn(t, dir, "content/decide/pick/good.es.md", "Bien.", "Bien, con cuidado.")
			return []string{"content/decide/pick/good.es.md"}
		}, []string{"/es/decide/pick/good/"}},
		{"translation removed", func(t *testing.T) []string {
			os.Remove(filepath.Join(dir, "content/s0/p1.es.md"))
			return []string{"content/s0/p1.es.md"}
		}, []string{"/s0/p1/"}},
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
