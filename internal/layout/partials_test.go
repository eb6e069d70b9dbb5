package layout

import (
	"context"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/site"
)

// renderAll loads the site's layouts and renders every page of every
// language as a build does, failing on a problem loading the layouts.
func renderAll(t *testing.T, s *site.Site) (*memSink, diag.List) {
	t.Helper()
	f := &Funcs{}
	var diags diag.List
	tmpl := LoadTemplates(s.Theme, f.Map(), &diags)
	if len(diags) > 0 {
		t.Fatalf("load templates: %v", diags)
	}
	sink := &memSink{}
	pageDiags, err := f.AllPages(context.Background(), s, NewAssetsWith(s, nil, &diags, AssetOptions{}), tmpl, sink, PageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return sink, pageDiags
}

// sectionSite is a site of two sections of two pages each, whose base
// layout shows a cached partial of its own with the given variants.
func sectionSite(t *testing.T, call, partial string) *site.Site {
	t.Helper()
	return newSite(t, map[string]string{
		"content/a/_index.md":            "---\ntitle: Section A\n---\n",
		"content/a/one.md":               "---\ntitle: A one\n---\n",
		"content/a/two.md":               "---\ntitle: A two\n---\n",
		"content/b/_index.md":            "---\ntitle: Section B\n---\n",
		"content/b/one.md":               "---\ntitle: B one\n---\n",
		"content/b/two.md":               "---\ntitle: B two\n---\n",
		"layouts/_default/baseof.html":   `<main>{{.Title}}</main><footer>` + call + `</footer>`,
		"layouts/_default/single.html":   `{{define "main"}}{{end}}`,
		"layouts/_default/list.html":     `{{define "main"}}{{end}}`,
		"layouts/partials/cached.html":   partial,
		"layouts/index.html":             `home`,
		"layouts/_default/taxonomy.html": `taxonomy`,
		"layouts/search.html":            `search`,
		"layouts/404.html":               `not found`,
	})
}

// footerOf returns what a page's <footer> holds.
func footerOf(t *testing.T, sink *memSink, name string) string {
	t.Helper()
	page, ok := sink.files[name]
	if !ok {
		t.Fatalf("%s was not written", name)
	}
	_, footer, _ := strings.Cut(page, "<footer>")
	return strings.TrimSuffix(footer, "</footer>")
}

func TestPartialCachedRendersOncePerVariant(t *testing.T) {
	tests := []struct {
		name string
		call string
		// groups of pages that must show the same footer; pages of
		// different groups show different ones.
		same [][]string
	}{
		{"no variant: one rendering for the language", `{{partialCached "cached.html" .}}`,
			[][]string{{"a/one/index.html", "a/two/index.html", "b/one/index.html", "b/two/index.html"}}},
		{"by parent: one rendering per section", `{{partialCached "partials/cached.html" . .Parent}}`,
			[][]string{{"a/one/index.html", "a/two/index.html"}, {"b/one/index.html", "b/two/index.html"}}},
		{"by title: one rendering per page", `{{partialCached "cached.html" . .Title}}`,
			[][]string{{"a/one/index.html"}, {"a/two/index.html"}, {"b/one/index.html"}, {"b/two/index.html"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink, diags := renderAll(t, sectionSite(t, tt.call, `rendered for {{.Title}} in {{.Parent.Title}}`))
			if len(diags) > 0 {
				t.Fatal(diags)
			}
			seen := map[string]bool{}
			for _, group := range tt.same {
				first := footerOf(t, sink, group[0])
				if !strings.HasPrefix(first, "rendered for ") {
					t.Fatalf("%s footer = %q, want the partial's output", group[0], first)
				}
				for _, name := range group[1:] {
					if got := footerOf(t, sink, name); got != first {
						t.Errorf("%s footer = %q, want %q as %s", name, got, first, group[0])
					}
				}
				if seen[first] {
					t.Errorf("footer %q shown by two groups of pages that have different variants", first)
				}
				seen[first] = true
			}
		})
	}
}

func TestPartialCachedPerLanguage(t *testing.T) {
	files := map[string]string{
		"guidepost.yaml":       "title: Test KB\nbase_url: https://example.org/kb/\nlanguages:\n  en: {weight: 1}\n  es: {weight: 2}\n",
		"content/_index.es.md": "---\ntitle: Inicio\n---\n",
		"content/a.md":         "---\ntitle: A\n---\n",
		"content/a.es.md":      "---\ntitle: A\n---\n",
	}
	for k, v := range layouts {
		files[k] = v
	}
	files["layouts/_default/single.html"] = `<footer>{{partialCached "footer.html" .}}</footer>`
	files["layouts/partials/footer.html"] = `{{T "footer.feed"}} {{relLangURL "/feed.xml"}}`
	sink, diags := renderAll(t, newSite(t, files))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for name, want := range map[string]string{
		"a/index.html":    "Updates feed /kb/feed.xml",
		"es/a/index.html": "Canal de novedades /kb/es/feed.xml",
	} {
		if got := footerOf(t, sink, name); got != want {
			t.Errorf("%s footer = %q, want %q", name, got, want)
		}
	}
}

func TestPartialCachedProblems(t *testing.T) {
	tests := []struct {
		name    string
		call    string
		partial string
		want    string // the start of each page's diagnostic, ROOT for the site
	}{
		{"partial calls itself", `{{partialCached "cached.html" .}}`, `x{{partialCached "cached.html" .}}`,
			`partialCached "cached.html" calls itself with the same variants without end`},
		{"error inside the partial names its line", `{{partialCached "cached.html" .}}`, "ok\n{{.Nope}}",
			`layouts/partials/cached.html:2: layout error: executing "partials/cached.html" at <.Nope>: can't evaluate field Nope`},
		{"no such partial", `{{partialCached "nope.html" .}}`, ``,
			`there is no layouts/partials/nope.html in the site (ROOT) and the built-in theme`},
		{"too many variants", `{{partialCached "cached.html" . 1 2 3 4 5}}`, `x`,
			`partialCached "cached.html": 5 variants: give at most 4`},
		{"variant that cannot be a key", `{{partialCached "cached.html" . .FM.Tags}}`, `x`,
			`partialCached "cached.html": a variant of type []string cannot tell renderings apart`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sectionSite(t, tt.call, tt.partial)
			sink, diags := renderAll(t, s)
			if len(diags) == 0 {
				t.Fatal("no diagnostics")
			}
			for _, d := range diags {
				if got := strings.ReplaceAll(d.String(), s.Root, "ROOT"); !strings.Contains(got, tt.want) {
					t.Errorf("diagnostic %q\ndoes not say %q", got, tt.want)
				}
			}
			if _, ok := sink.files["a/one/index.html"]; ok {
				t.Error("a page whose partial failed was written")
			}
		})
	}
}

// TestAProblemOfEveryPageIsReportedOnce: a partial every page includes,
// broken, is one diagnostic naming a page and how many others, not a
// line for each page.
func TestAProblemOfEveryPageIsReportedOnce(t *testing.T) {
	s := sectionSite(t, `{{template "partials/cached.html" .}}`, "ok\n{{.Nope}}")
	_, diags := renderAll(t, s)
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := `layouts/partials/cached.html:2: layout error: executing "partials/cached.html" at <.Nope>: can't evaluate field Nope in type *site.Page (while rendering content/a/_index.md and 5 other pages)`
	if len(got) != 1 || got[0] != want {
		t.Errorf("diagnostics:\n%s\nwant one:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestVariantsThatCannotBeKeys: a value whose type is comparable but
// that holds a slice (in an interface field) is refused like a slice, not
// hashed (which would panic with the cache locked).
func TestVariantsThatCannotBeKeys(t *testing.T) {
	type box struct{ X any }
	for _, tt := range []struct {
		variants []any
		ok       bool
	}{
		{[]any{box{"a"}, 3, true, nil}, true},
		{[]any{box{[]string{"a"}}}, false},
		{[]any{[]string{"a"}}, false},
		{[]any{map[string]int{}}, false},
	} {
		_, err := newPartialKey("x.html", tt.variants)
		if (err == nil) != tt.ok {
			t.Errorf("variants %v: error %v, want ok %v", tt.variants, err, tt.ok)
		}
	}
}
