package markdown

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenCase renders testdata/<name>.md and compares the HTML with
// <name>.html and the headings, TOC, ids and links with <name>.json.
type goldenCase struct {
	name       string
	opts       Options
	lineOffset int
	rewrite    LinkRewriter
}

var goldenCases = []goldenCase{
	{name: "gfm-table", rewrite: testRewrite},
	{name: "gfm-strikethrough"},
	{name: "gfm-autolink"},
	{name: "gfm-tasklist"},
	{name: "footnotes"},
	{name: "typographer-off"},
	{name: "headings-auto"},
	{name: "headings-duplicate"},
	{name: "headings-explicit"},
	{name: "callout-kinds"},
	{name: "callout-title"},
	{name: "callout-nested", rewrite: testRewrite},
	{name: "blockquote-plain"},
	{name: "code-go"},
	{name: "code-yaml"},
	{name: "code-unknown"},
	{name: "code-nolang"},
	{name: "code-indented"},
	{name: "rawhtml-escaped"},
	{name: "rawhtml-allowed", opts: Options{AllowHTML: true}},
	{name: "links-rewrite", rewrite: testRewrite},
	{name: "links-lines", lineOffset: 4},
	{name: "toc"},
	{name: "toc-single"},
}

// testRewrite maps Markdown page paths to their output directories, as the
// site builder does: "../hipaa.md#x" -> "../hipaa/#x", "_index.md" -> "./".
func testRewrite(dest string) string {
	if strings.Contains(dest, ":") || strings.HasPrefix(dest, "#") {
		return dest
	}
	path, frag, hasFrag := strings.Cut(dest, "#")
	if !strings.HasSuffix(path, ".md") {
		return dest
	}
	path = strings.TrimSuffix(path, ".md")
	switch {
	case path == "_index":
		path = "./"
	case strings.HasSuffix(path, "/_index"):
		path = strings.TrimSuffix(path, "_index")
	default:
		path += "/"
	}
	if hasFrag {
		path += "#" + frag
	}
	return path
}

// goldenMeta is what <case>.json holds: everything in a Document but the HTML.
type goldenMeta struct {
	Headings []Heading
	TOC      []TOCEntry
	IDs      []string
	Links    []Link
}

func TestGolden(t *testing.T) {
	renderers := map[bool]*Renderer{false: New(Options{}), true: New(Options{AllowHTML: true})}
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			base := filepath.Join("testdata", tc.name)
			src, err := os.ReadFile(base + ".md")
			if err != nil {
				t.Fatal(err)
			}
			doc, err := renderers[tc.opts.AllowHTML].Render(src, tc.lineOffset, tc.rewrite)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			meta, err := json.MarshalIndent(goldenMeta{doc.Headings, doc.TOC, doc.IDs, doc.Links}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			meta = append(meta, '\n')
			compareGolden(t, base+".html", doc.HTML)
			compareGolden(t, base+".json", meta)
		})
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test ./internal/markdown -update` to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run with -update if the change is intended)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

// TestGoldenCasesComplete fails when a testdata/*.md file has no entry in
// goldenCases, so no input silently goes untested.
func TestGoldenCasesComplete(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, tc := range goldenCases {
		listed[tc.name] = true
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		if !listed[name] {
			t.Errorf("testdata/%s.md is not in goldenCases", name)
		}
	}
	if len(files) != len(goldenCases) {
		t.Errorf("%d testdata inputs, %d golden cases", len(files), len(goldenCases))
	}
}

// TestNoInlineStyles renders every golden input with and without raw HTML
// and checks no element carries a style attribute (the site's CSP forbids
// inline styles and the chroma stylesheet is class-based).
func TestNoInlineStyles(t *testing.T) {
	for _, allow := range []bool{false, true} {
		r := New(Options{AllowHTML: allow})
		for _, tc := range goldenCases {
			src, err := os.ReadFile(filepath.Join("testdata", tc.name+".md"))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := r.Render(src, 0, nil)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if i := bytes.Index(doc.HTML, []byte("style=")); i >= 0 {
				t.Errorf("%s (AllowHTML=%v): output has an inline style near %q", tc.name, allow, doc.HTML[max(0, i-60):min(len(doc.HTML), i+40)])
			}
		}
	}
}
