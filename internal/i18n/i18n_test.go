package i18n

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/theme"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// site returns the theme lookup of a site holding files (path → text).
func site(t *testing.T, files map[string]string) *theme.Stack {
	t.Helper()
	root := t.TempDir()
	for rel, text := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := theme.New(root, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func catalog(t *testing.T, files map[string]string, lang string) *Catalog {
	t.Helper()
	var diags diag.List
	set := Load(site(t, files), &diags)
	if len(diags) > 0 {
		t.Fatalf("Load: %v", diags)
	}
	c, err := set.For(lang)
	if err != nil {
		t.Fatalf("For(%s): %v", lang, err)
	}
	return c
}

// The theme's own files are complete and consistent, and each language a
// site may name finds its file.
func TestBuiltInStrings(t *testing.T) {
	for _, tt := range []struct{ lang, file string }{
		{"en", "en"}, {"en-GB", "en"}, {"en-US", "en"}, {"es", "es"}, {"es-MX", "es"},
		{"pt", "pt"}, {"pt-BR", "pt"}, {"pt-PT", "pt"}, {"ar", "ar"}, {"ar-EG", "ar"},
		{"zh", "zh"}, {"zh-CN", "zh"}, {"zh-Hans", "zh"},
	} {
		c := catalog(t, nil, tt.lang)
		if want := theme.BuiltInPrefix + "i18n/" + tt.file + ".yaml"; c.File() != want {
			t.Errorf("%s uses %s, want %s", tt.lang, c.File(), want)
		}
	}
}

func TestStrings(t *testing.T) {
	override := map[string]string{"i18n/es.yaml": "verdict.avoid: No lo use\n"}
	for _, tt := range []struct {
		name  string
		files map[string]string
		lang  string
		key   string
		args  []any
		want  string
	}{
		{"English", nil, "en", "verdict.allowed", nil, "Allowed with conditions"},
		{"placeholders", nil, "en", "decide.progress", []any{"n", 1, "count", 3}, "Question 1 of at most 3"},
		{"one", nil, "en", "search.results", []any{"count", 1, "query", "baa"}, "1 result for “baa”"},
		{"other", nil, "en", "search.results", []any{"count", 2, "query", "baa"}, "2 results for “baa”"},
		{"Spanish", nil, "es", "decide.progress", []any{"n", 2, "count", 5}, "Pregunta 2 de 5 como máximo"},
		{"Arabic two", nil, "ar", "map.diagram_questions", []any{"count", 2}, "سؤالان"},
		{"Arabic few, Arabic digits", nil, "ar", "map.diagram_questions", []any{"count", 3}, "٣ أسئلة"},
		{"Arabic many", nil, "ar", "map.diagram_questions", []any{"count", 11}, "١١ سؤالًا"},
		{"Chinese, one form", nil, "zh", "decide.to_go", []any{"count", 1}, "最多还剩 1 个问题（含本题）。"},
		{"a site's key replaces the theme's", override, "es", "verdict.avoid", nil, "No lo use"},
		{"and leaves the others", override, "es", "verdict.caution", nil, "Precaución"},
		{"a site's English", map[string]string{"i18n/en.yaml": "nav.home: Start\n"}, "en-GB", "nav.home", nil, "Start"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := catalog(t, tt.files, tt.lang).T(tt.key, tt.args...)
			if err != nil || got != tt.want {
				t.Errorf("T(%s) = %q, %v; want %q", tt.key, got, err, tt.want)
			}
		})
	}
}

// HTML escapes the text and its values, but not values that are HTML.
func TestHTML(t *testing.T) {
	c := catalog(t, map[string]string{"i18n/en.yaml": "map.lede_link: lists & <maps>\n"}, "en")
	got, err := c.HTML("head.feed_title", "site", "A & B")
	if want := "A &amp; B: guidance updates"; err != nil || string(got) != want {
		t.Errorf("HTML = %q, %v; want %q", got, err, want)
	}
	got, _ = c.HTML("map.lede_link")
	if want := "lists &amp; &lt;maps&gt;"; string(got) != want {
		t.Errorf("HTML = %q, want %q", got, want)
	}
}

func TestDates(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ lang, style, want string }{
		{"en", "long", "1 December 2026"},
		{"en", "month", "December 2026"},
		{"en-GB", "long", "1 December 2026"},
		{"en-US", "long", "December 1, 2026"},
		{"es", "long", "1 de diciembre de 2026"},
		{"es", "month", "diciembre de 2026"},
		{"pt-BR", "long", "1 de dezembro de 2026"},
		{"ar", "long", "١ ديسمبر ٢٠٢٦"},
		{"zh", "long", "2026年12月1日"},
		{"zh", "month", "2026年12月"},
	} {
		c := catalog(t, nil, tt.lang)
		got, err := c.Date(tt.style, day)
		if err != nil || got != tt.want {
			t.Errorf("%s %s: %q, %v; want %q", tt.lang, tt.style, got, err, tt.want)
		}
	}
}

func TestDirection(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "ltr", "ar": "rtl", "ar-EG": "rtl", "he": "rtl", "fa": "rtl", "ur": "rtl",
		"zh": "ltr", "pt-BR": "ltr", "az-Arab": "rtl", "not a tag!": "ltr",
	} {
		if got := DirectionOf(lang); got != want {
			t.Errorf("DirectionOf(%q) = %s, want %s", lang, got, want)
		}
	}
}

// Problems of a site's string files name the file and line and say what
// to do; testdata/problems.golden holds them.
func TestProblems(t *testing.T) {
	var out strings.Builder
	for _, tt := range []struct {
		name  string
		files map[string]string
		lang  string
	}{
		{"a language without a file", nil, "fr"},
		{"a region without a file", nil, "de-AT"},
		{"a file without every key", map[string]string{"i18n/fr.yaml": "nav.home: Accueil\nverdict.avoid: Éviter\n"}, "fr"},
		{"a typo", map[string]string{"i18n/es.yaml": "nav.home: Inicio\nverdict.avoidd: Evitar\n"}, "es"},
		{"a placeholder English does not give", map[string]string{"i18n/es.yaml": "decide.progress: Pregunta {numero} de {count}\n"}, "es"},
		{"Arabic without a plural form it uses", map[string]string{"i18n/ar.yaml": "search.results:\n  one: نتيجة\n  other: \"{count} نتيجة\"\n"}, "ar"},
		{"forms English has not", map[string]string{"i18n/es.yaml": "nav.home:\n  one: Inicio\n  other: Inicios\n"}, "es"},
		{"no other", map[string]string{"i18n/es.yaml": "search.results:\n  one: un resultado\n"}, "es"},
		{"not text", map[string]string{"i18n/es.yaml": "nav.home: [Inicio]\nnav.main: 3\n"}, "es"},
		{"broken YAML", map[string]string{"i18n/es.yaml": "nav.home: Inicio\nnav.main: a: b\n"}, "es"},
		{"a file name that is no language", map[string]string{"i18n/spanish.yaml": "nav.home: Inicio\n"}, "en"},
	} {
		var diags diag.List
		set := Load(site(t, tt.files), &diags)
		out.WriteString("## " + tt.name + " (" + tt.lang + ")\n")
		for _, d := range diags {
			out.WriteString(d.String() + "\n")
		}
		if _, err := set.For(tt.lang); err != nil {
			lines := strings.Split(err.Error(), "\n")
			if len(lines) > 3 {
				lines = append(lines[:3], "…")
			}
			out.WriteString(strings.Join(lines, "\n") + "\n")
		}
		out.WriteString("\n")
	}
	golden(t, "testdata/problems.golden", out.String())
}

func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (go test -update rewrites it):\n%s", file, got)
	}
}

func TestParsePattern(t *testing.T) {
	for p, want := range map[string]string{
		"d 'de' MMMM 'de' y": "[d][ de ][MMMM][ de ][y]",
		"y年M月d日":             "[y][年][M][月][d][日]",
		"d בMMMM y":          "[d][ ב][MMMM][ ][y]",
		"h 'o''clock'":       "[h][ o'clock]",
	} {
		var b strings.Builder
		for _, tk := range parsePattern(p) {
			b.WriteString("[" + tk.Field + tk.Text + "]")
		}
		if b.String() != want {
			t.Errorf("parsePattern(%q) = %s, want %s", p, b.String(), want)
		}
	}
}
