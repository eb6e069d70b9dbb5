package frontmatter

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/diag"
)

// FuzzParse checks that Parse never panics or hangs on any bytes an author
// might save, that every problem it reports names the file, a line inside
// it and a non-empty message, and that the body it returns is the end of
// the file. Seeds: testdata/*.md and testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	const file = "content/x.md"
	f.Fuzz(func(t *testing.T, src []byte) {
		var diags diag.List
		doc := Parse(file, src, &diags)
		if doc == nil {
			t.Fatal("Parse returned nil")
		}
		lines := 1 + bytes.Count(src, []byte("\n"))
		for _, d := range diags {
			if d.File != file || d.Line < 0 || d.Line > lines || strings.TrimSpace(d.Message) == "" {
				t.Fatalf("diagnostic %q (line %d of %d) does not name %s, a line in it and a message", d.String(), d.Line, lines, file)
			}
		}
		if doc.Body != nil && !bytes.HasSuffix(src, doc.Body) {
			t.Fatalf("Body %q is not the end of the file", doc.Body)
		}
		if doc.BodyLine < 0 || doc.BodyLine > lines {
			t.Fatalf("BodyLine %d outside the file's %d lines", doc.BodyLine, lines)
		}
	})
}

// TestNotTextIsReported covers what FuzzParse found and the binary case:
// a lone carriage return in the front matter and NUL bytes are reported
// on their own line, with what to do.
func TestNotTextIsReported(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"lone CR", "---\n\r\r0\n---", "content/x.md:2: front matter line ends in a lone carriage return"},
		{"lone CR on line 3", "---\ntitle: A\nweight: 1\rtags: x\n---\n", "content/x.md:3: front matter line ends in a lone carriage return"},
		{"NUL byte", "---\ntitle: A\n---\nText\x00\n", "content/x.md:4: file holds a NUL byte"},
		{"CRLF is fine", "---\r\ntitle: A\r\n---\r\nText\r\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			Parse("content/x.md", []byte(tt.src), &diags)
			got := diags.Error()
			if tt.want == "" && len(diags) != 0 || tt.want != "" && !strings.HasPrefix(got, tt.want) {
				t.Errorf("diagnostics %q, want %q", got, tt.want)
			}
		})
	}
}
