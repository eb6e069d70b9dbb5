package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/diag"
)

// splitFrontMatter mimics the site loader: it returns the Markdown body of
// a file and the number of lines before it.
func splitFrontMatter(t *testing.T, file string) ([]byte, int) {
	t.Helper()
	if !strings.HasPrefix(file, "---\n") {
		return []byte(file), 0
	}
	end := strings.Index(file[4:], "\n---\n")
	if end < 0 {
		t.Fatal("test file has unterminated front matter")
	}
	head := file[:4+end+5]
	return []byte(file[len(head):]), strings.Count(head, "\n")
}

func TestLinkLinesAreFileLines(t *testing.T) {
	const frontMatter = "---\ntitle: WhatsApp and HIPAA\nreviewed: 2025-01-31\n---\n"
	tests := []struct {
		name     string
		body     string // starts on file line 5
		dest     string
		wantLine int
	}{
		{"paragraph on line 7", "Intro.\n\nSee [the HIPAA page](../hipaa.md) for more.\n", "../hipaa.md", 7},
		{"second line of paragraph", "Intro line\nthen [a link](x.md)\n", "x.md", 6},
		{"nested list", "- a\n  - b\n    - [deep](deep.md)\n", "deep.md", 7},
		{"table cell", "| a | b |\n|---|---|\n| 1 | [t](t.md) |\n", "t.md", 7},
		{"callout body", "> [!WARNING]\n> Body\n> [w](w.md)\n", "w.md", 7},
		{"reference link uses the usage line", "x\n\n[ref][r]\n\n[r]: ref.md\n", "ref.md", 7},
		{"image", "\n\n![alt](img.png)\n", "img.png", 7},
		{"autolink", "\n\n<https://example.org>\n", "https://example.org", 7},
		{"link with no text", "\n\n[](empty.md)\n", "empty.md", 7},
		{"heading link", "\n\n## See [h](h.md)\n", "h.md", 7},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, offset := splitFrontMatter(t, frontMatter+tt.body)
			if offset != 4 {
				t.Fatalf("offset = %d, want 4", offset)
			}
			doc, err := r.Render(src, offset, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Links) != 1 {
				t.Fatalf("Links = %+v, want one link", doc.Links)
			}
			if got := doc.Links[0]; got.Dest != tt.dest || got.Line != tt.wantLine {
				t.Errorf("link = %+v, want %s on line %d", got, tt.dest, tt.wantLine)
			}
		})
	}
}

func TestHeadingLinesAreFileLines(t *testing.T) {
	doc, err := New(Options{}).Render([]byte("Intro\n\n## Two\n\nSetext\n------\n"), 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []int{13, 15}
	if len(doc.Headings) != len(want) {
		t.Fatalf("Headings = %+v", doc.Headings)
	}
	for i, h := range doc.Headings {
		if h.Line != want[i] {
			t.Errorf("heading %q on line %d, want %d", h.Text, h.Line, want[i])
		}
	}
}

func TestRewriteKeepsWrittenDestination(t *testing.T) {
	calls := 0
	rewrite := func(dest string) string {
		calls++
		return "/out/" + dest
	}
	doc, err := New(Options{}).Render([]byte("[a](a.md) ![i](i.png) <https://x.org>\n"), 0, rewrite)
	if err != nil {
		t.Fatal(err)
	}
	html := string(doc.HTML)
	for _, want := range []string{`href="/out/a.md"`, `src="/out/i.png"`, `href="https://x.org"`} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s:\n%s", want, html)
		}
	}
	if calls != 2 {
		t.Errorf("rewriter called %d times, want 2 (links and images, not autolinks)", calls)
	}
	if doc.Links[0].Dest != "a.md" || doc.Links[1].Dest != "i.png" {
		t.Errorf("Links lost the written destinations: %+v", doc.Links)
	}
}

func TestDuplicateExplicitIDs(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		wantLines []int
		wantMsg   string
	}{
		{
			name:      "same explicit id twice",
			src:       "## A {#x}\n\ntext\n\n## B {#x}\n",
			wantLines: []int{7},
			wantMsg:   `heading id "x" is already used by the heading on line 3; give one of them a different {#id}`,
		},
		{
			name:      "three times reports each repeat",
			src:       "## A {#x}\n## B {#x}\n## C {#x}\n",
			wantLines: []int{4, 5},
			wantMsg:   "already used by the heading on line 3",
		},
		{
			name:      "explicit id taken by a footnote",
			src:       "Note.[^1]\n\n## N {#fn:1}\n\n[^1]: text\n",
			wantLines: []int{5},
			wantMsg:   `heading id "fn:1" is also a footnote id`,
		},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Render([]byte(tt.src), 2, nil)
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want a diag.List", err)
			}
			if len(list) != len(tt.wantLines) {
				t.Fatalf("got %d diagnostics %v, want lines %v", len(list), list, tt.wantLines)
			}
			for i, d := range list {
				if d.Line != tt.wantLines[i] {
					t.Errorf("diagnostic %d on line %d, want %d", i, d.Line, tt.wantLines[i])
				}
				if !strings.Contains(d.Message, tt.wantMsg) {
					t.Errorf("message %q does not contain %q", d.Message, tt.wantMsg)
				}
			}
		})
	}
}

func TestEscapedHTMLIsVisibleNotDropped(t *testing.T) {
	src := []byte("<div>block</div>\n\nInline <script>alert(1)</script>.\n")
	tests := []struct {
		allow       bool
		want, avoid []string
	}{
		{false, []string{"&lt;div&gt;block&lt;/div&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script", "<div>", "raw HTML omitted"}},
		{true, []string{"<div>block</div>", "<script>alert(1)</script>"}, []string{"&lt;", "raw HTML omitted"}},
	}
	for _, tt := range tests {
		doc, err := New(Options{AllowHTML: tt.allow}).Render(src, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		html := string(doc.HTML)
		for _, s := range tt.want {
			if !strings.Contains(html, s) {
				t.Errorf("AllowHTML=%v: HTML lacks %q:\n%s", tt.allow, s, html)
			}
		}
		for _, s := range tt.avoid {
			if strings.Contains(html, s) {
				t.Errorf("AllowHTML=%v: HTML contains %q:\n%s", tt.allow, s, html)
			}
		}
	}
}

// TestHighlightCache checks that the in-memory cache keeps the blocks met
// more than once, and only those.
func TestHighlightCache(t *testing.T) {
	r := New(Options{})
	block := "```go\nfunc main() {}\n```\n"
	yaml := "```yaml\na: 1\n```\n"
	kept := func() (n int) {
		r.code.cache.Range(func(any, any) bool { n++; return true })
		return n
	}
	for i, step := range []struct {
		src  string
		want int
	}{
		{block, 0},                             // met once: not kept
		{"# Other page\n\n" + block, 1},        // met again: kept
		{block + "\n" + yaml, 1},               // the yaml block met once
		{yaml, 2},                              // and again
		{"# Third page\n\n" + block + yaml, 2}, // both served from memory
	} {
		if _, err := r.Render([]byte(step.src), 0, nil); err != nil {
			t.Fatal(err)
		}
		if n := kept(); n != step.want {
			t.Errorf("after render %d: cache holds %d blocks, want %d", i+1, n, step.want)
		}
	}
}

// TestHighlightMemoryCacheIsBounded checks that the in-memory cache stops
// keeping blocks past its bound, and that blocks it no longer keeps still
// come out highlighted exactly as before.
func TestHighlightMemoryCacheIsBounded(t *testing.T) {
	unbounded, bounded := New(Options{}), New(Options{})
	bounded.code.memLimit = 200
	for i := range 20 {
		src := []byte(fmt.Sprintf("```go\nfunc f%d() int { return %d }\n```\n", i, i))
		want, err := unbounded.Render(src, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := bounded.Render(src, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Met a second time, a block is kept unless past the bound.
		if _, err := unbounded.Render(src, 0, nil); err != nil {
			t.Fatal(err)
		}
		if got, err = bounded.Render(src, 0, nil); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.HTML, want.HTML) {
			t.Fatalf("block %d: bounded cache renders\n%s\nwant\n%s", i, got.HTML, want.HTML)
		}
	}
	entries := func(r *Renderer) (n int) {
		r.code.cache.Range(func(any, any) bool { n++; return true })
		return n
	}
	if n := entries(unbounded); n != 20 {
		t.Errorf("unbounded cache holds %d entries, want 20", n)
	}
	if n := entries(bounded); n == 0 || n >= 20 {
		t.Errorf("cache bounded to 200 bytes holds %d of 20 blocks, want some but not all", n)
	}
	if got := bounded.code.cached.Load(); got > 200+1000 {
		t.Errorf("cache bounded to 200 bytes holds %d bytes", got)
	}
}
