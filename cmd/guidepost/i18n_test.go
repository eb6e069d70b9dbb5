package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// setLanguage rewrites the test site's language.
func setLanguage(t *testing.T, site, lang string) {
	t.Helper()
	cfg := readFile(t, site, "guidepost.yaml")
	re := regexp.MustCompile(`(?m)^language: .*$`)
	if !re.MatchString(cfg) {
		t.Fatal("the test site's guidepost.yaml has no language")
	}
	writeFile(t, site, "guidepost.yaml", re.ReplaceAllString(cfg, "language: "+lang))
}

// A site in another language shows the theme's words and dates in it, and
// lays Arabic out right to left.
func TestSiteLanguages(t *testing.T) {
	testsite.SkipShort(t, "builds a site in each of the theme's languages: run without -short")
	t.Parallel()
	page := "---\ntitle: Consent\nreviewed: 2026-01-31\nreview_every: 12mo\n---\nText.\n"
	for _, tt := range []struct {
		lang  string
		files map[string]string
		want  []string
	}{
		{"en", nil, []string{`<html lang="en" dir="ltr">`, `Skip to main content`, `<dt>Last reviewed</dt><dd><time datetime="2026-01-31">31 January 2026</time> <span class="muted">(next review due January 2027)</span>`}},
		{"es", nil, []string{`<html lang="es" dir="ltr">`, `Saltar al contenido principal`, `<dt>Última revisión</dt><dd><time datetime="2026-01-31">31 de enero de 2026</time> <span class="muted">(próxima revisión prevista: enero de 2027)</span>`}},
		{"pt-BR", nil, []string{`<html lang="pt-BR" dir="ltr">`, `31 de janeiro de 2026`}},
		{"ar", nil, []string{`<html lang="ar" dir="rtl">`, `انتقل إلى المحتوى الرئيسي`, `<time datetime="2026-01-31">٣١ يناير ٢٠٢٦</time>`}},
		{"zh", nil, []string{`<html lang="zh" dir="ltr">`, `2026年1月31日`, `（下次审核：2027年1月）`}},
		// A site's own string replaces the theme's, and only it.
		{"es", map[string]string{"i18n/es.yaml": "skip_link: Ir al contenido\n"}, []string{`>Ir al contenido</a>`, `<dt>Última revisión</dt>`}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			work, site := newSite(t)
			setLanguage(t, site, tt.lang)
			writeFile(t, site, "content/guidance/consent.md", page)
			for name, text := range tt.files {
				writeFile(t, site, name, text)
			}
			dest := filepath.Join(work, "public")
			if res := runCLIEnv(t, work, []string{"GUIDEPOST_TODAY=2026-02-01"}, "build", "--source", site, "--dest", dest); res.code != 0 {
				t.Fatalf("build: exit code %d\n%s", res.code, res.stderr)
			}
			html := readFile(t, dest, "guidance/consent/index.html")
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("the page lacks %s", w)
				}
			}
		})
	}
}

// A language without strings, or a string file without every key, fails
// the build naming the file and what to do (testdata/i18n-errors.golden).
func TestMissingStrings(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	for _, tt := range []struct {
		name  string
		lang  string
		files map[string]string
	}{
		{"no file for the language", "fr", nil},
		{"a file without every key", "fr", map[string]string{"i18n/fr.yaml": "skip_link: Aller au contenu\n"}},
		{"a key English has not", "es", map[string]string{"i18n/es.yaml": "skip_lnk: Ir al contenido\n"}},
	} {
		work, site := newSite(t)
		setLanguage(t, site, tt.lang)
		for name, text := range tt.files {
			writeFile(t, site, name, text)
		}
		res := runCLIEnv(t, work, []string{"GUIDEPOST_TODAY=2026-02-01"}, "build", "--source", site, "--dest", filepath.Join(work, "public"))
		if res.code == 0 {
			t.Errorf("%s: the build succeeded", tt.name)
		}
		lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(res.stderr, site+string(os.PathSeparator), "")), "\n")
		if len(lines) > 4 {
			lines = append(lines[:3], "…", lines[len(lines)-1])
		}
		out.WriteString("## " + tt.name + "\n" + strings.Join(lines, "\n") + "\n\n")
	}
	golden := filepath.Join("testdata", "i18n-errors.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if out.String() != string(want) {
		t.Errorf("errors differ from %s (go test -update rewrites it):\n%s", golden, out.String())
	}
}

// TestGeneratedPagesInTheSiteLanguage builds a Spanish site: the pages the
// build makes (search, not found, the built-in taxonomies) are titled in
// Spanish in <title>, headings and lists.
func TestGeneratedPagesInTheSiteLanguage(t *testing.T) {
	t.Parallel()
	work, site := newSite(t)
	setLanguage(t, site, "es")
	dest := filepath.Join(work, "public")
	if res := runCLIEnv(t, work, []string{"GUIDEPOST_TODAY=2026-02-01"}, "build", "--source", site, "--dest", dest); res.code != 0 {
		t.Fatalf("build: exit code %d\n%s", res.code, res.stderr)
	}
	for page, want := range map[string]string{
		"search/index.html": "<title>Buscar · Test KB</title>",
		"404.html":          "<title>Página no encontrada · Test KB</title>",
		"tags/index.html":   "<title>Etiquetas · Test KB</title>",
	} {
		if html := readFile(t, dest, page); !strings.Contains(html, want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
}
