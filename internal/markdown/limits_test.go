package markdown

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/testsite"
)

// renderMeasured renders src after three lines of front matter and
// returns the error and the bytes allocated meanwhile.
func renderMeasured(t *testing.T, src string) (*Document, error, uint64) {
	t.Helper()
	r := New(Options{})
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	doc, err := r.Render([]byte(src), 3, nil)
	runtime.ReadMemStats(&after)
	return doc, err, after.TotalAlloc - before.TotalAlloc
}

// The hostile pages of issue 18, at the sizes, each under the 8 MB
// page cap: each used to take minutes or gigabytes. Each must now fail
// with the line where a limit is passed and what to do, before goldmark
// spends anything on it.
func TestLimitsRefuseHostilePages(t *testing.T) {
	wide := "|" + strings.Repeat(" a |", 20000) + "\n|" + strings.Repeat("-|", 20000) + "\n"
	for len(wide) < 6<<20 {
		wide += "|" + strings.Repeat(" b |", 20000) + "\n"
	}
	tests := []struct {
		name   string
		src    string
		line   int // of the file: the body starts on line 4
		phrase string
	}{
		{"40,000 equal headings", strings.Repeat("## h\n", 40000), 4 + 33333, "more than 200000 Markdown elements by this line: split it into several pages"},
		{"80,000 nested list items on one line", strings.Repeat("- ", 80000) + "x", 4, "nested more than 100 levels deep: flatten them"},
		{"a million nested quotes", strings.Repeat("> ", 1000000), 4, "nested more than 100 levels deep"},
		{"a quote nested 101 levels", strings.Repeat(">", 101) + " x\n", 4, "nested more than 100 levels deep"},
		{"a list nested 101 levels by indentation", nestedList(101), 4 + 100, "nested more than 100 levels deep"},
		{"ordered lists nested on one line", "text\n\n" + strings.Repeat("1. ", 101) + "x\n", 6, "nested more than 100 levels deep"},
		{"7 MB of brackets", strings.Repeat("[", 7<<20), 4, "more than 200000 Markdown elements"},
		{"a 20,000-column table of 6 MB", wide, 5, "the table has 20000 columns, more than 1000: split it into several tables"},
		{"a 1,000-column table padded by empty rows", "|" + strings.Repeat(" a |", 1000) + "\n|" + strings.Repeat("-|", 1000) + "\n" + strings.Repeat("|\n", 1000), 4 + 100, "the table that starts on line 4 has more than 100000 cells"},
		{"140,000 link definitions in a row", strings.Repeat("[a]: b\n", 140000), 4 + 1000, "more than 1000 link reference definitions ([label]: url) without a blank line between them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err, alloc := renderMeasured(t, tt.src)
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("error %v, want one diagnostic", err)
			}
			if d := list[0]; d.Line != tt.line || !strings.Contains(strings.ReplaceAll(d.Message, "(lines, list items, links, emphasis, table cells…) ", ""), tt.phrase) {
				t.Errorf("diagnostic line %d %q, want line %d saying %q", d.Line, d.Message, tt.line, tt.phrase)
			}
			// Refusing is a scan of the source, not a parse.
			if alloc > 16<<20 {
				t.Errorf("refusing the page allocated %d MB", alloc>>20)
			}
		})
	}
}

func nestedList(levels int) string {
	var b strings.Builder
	for i := range levels {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}

// boundCases are the heaviest pages within the limits, one of each kind.
func boundCases() []struct{ name, src string } {
	code := "```python\n" + strings.Repeat("def area(width, height, depth, scale): return width * height * depth * scale + offset(width, height) # x\n", 1000) + "```\n\n"
	return []struct{ name, src string }{
		{"33,000 equal headings", strings.Repeat("## h\n", 33000)},
		{"40,000 setext headings", strings.Repeat("a\n=\n", 39000)},
		{"99,000 brackets", strings.Repeat("[", 99000)},
		{"99,000 open links", strings.Repeat("[a", 99000)},
		{"199,000 emphasis marks", strings.Repeat("*a", 199000)},
		{"66,000 footnote references", strings.Repeat("[^a]", 66000) + "\n\n[^a]: x\n"},
		{"49,000 list items", strings.Repeat("- a\n", 49000)},
		{"1,000 lines of lists 99 deep", strings.Repeat(strings.Repeat("- ", 99)+"x\n", 990)},
		{"1,000 lines of quotes 99 deep", strings.Repeat(strings.Repeat(">", 99)+"x\n", 990)},
		{"99,000 autolinks", strings.Repeat("www.a.b ", 99000)},
		{"a table of 1,000 columns and 98 rows", "|" + strings.Repeat(" a |", 1000) + "\n|" + strings.Repeat("-|", 1000) + "\n" + strings.Repeat("|\n", 97)},
		{"1,000 link definitions in a row, 20 times", strings.Repeat(strings.Repeat("[a]: b\n", 1000)+"\n", 20)},
		{"2 MB of plain text", strings.Repeat("abcdefgh ", 2<<20/9)},
		{"2 MB of code in 19 blocks", strings.Repeat(code, 2<<20/len(code))},
	}
}

// The heaviest pages within the limits must render in at most 256 MB
// (the work of goldmark, the ids and the collection of links; peak memory
// is lower still). BenchmarkLimits times them.
func TestLimitsBoundWork(t *testing.T) {
	testsite.SkipShort(t, "renders fourteen pages of up to 2 MB at the limits: run without -short")
	for _, tt := range boundCases() {
		t.Run(tt.name, func(t *testing.T) {
			if err := checkLimits([]byte(tt.src), 0); err != nil {
				t.Fatalf("the page passes a limit, so it does not test the bound: %v", err)
			}
			_, err, alloc := renderMeasured(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if alloc > 256<<20 {
				t.Errorf("rendering allocated %d MB, want at most 256", alloc>>20)
			}
		})
	}
}

// Highlighting stops after the first 128 KB of code on a page: later
// blocks are written plain, escaped, with their language class.
func TestHighlightingIsBoundedPerPage(t *testing.T) {
	block := "```go\n" + strings.Repeat("x := 1 // <b>\n", 50<<10/14) + "```\n\n"
	doc, err, _ := renderMeasured(t, strings.Repeat(block, 4))
	if err != nil {
		t.Fatal(err)
	}
	html := string(doc.HTML)
	if got := strings.Count(html, `<pre class="chroma"`); got != 2 {
		t.Errorf("%d blocks highlighted, want the 2 within the first 128 KB", got)
	}
	if got := strings.Count(html, `<pre tabindex="0"><code class="language-go">`); got != 2 {
		t.Errorf("%d blocks written plain, want 2", got)
	}
	if strings.Contains(html, "<b>") || strings.Contains(html, plainAttr) {
		t.Error("a plain block is not escaped, or shows the internal mark")
	}
}

// BenchmarkLimits renders the heaviest pages within the limits:
// go test -run '^$' -bench Limits -benchtime 3x ./internal/markdown/
func BenchmarkLimits(b *testing.B) {
	r := New(Options{})
	for _, c := range boundCases() {
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			src := []byte(c.src)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Render(src, 0, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
