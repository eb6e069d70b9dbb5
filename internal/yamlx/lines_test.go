package yamlx

import (
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/diag"
)

// TestSyntaxErrorPointsAtTheWrongLine checks that a YAML syntax error is
// reported on the line an author has to fix, counted in the file: the
// document starts after line 1 here, as front matter does after its ---.
// YAML's own line is off in most of these cases (see syntaxErrorLine).
func TestSyntaxErrorPointsAtTheWrongLine(t *testing.T) {
	tests := []struct {
		name, src string
		want      int // line in the file; the document's line 1 is line 2
	}{
		{"unclosed quote on the first line", "title: \"open\nweight: 1\n\n", 2},
		{"unclosed quote later", "title: Notes\nsummary: \"open\nweight: 1\n", 3},
		{"unclosed single quote", "title: Notes\nsummary: 'open\nweight: 1\n", 3},
		{"unclosed quote with lone CR", "\"\r0\n", 2},
		{"unclosed list on the first line", "tags: [a, b\ntitle: Notes\n", 2},
		{"unclosed list later", "title: Notes\ntags: [a, b\nweight: 1\n", 3},
		{"unclosed list after a good multi-line list", "tags: [a,\n  b]\nsummary: x\nj: [c, d\nweight: 1\n", 5},
		{"unclosed mapping", "title: Notes\nsummary: {a: b\nweight: 1\n", 3},
		{"key indented too far", "title: Notes\n  weight: 1\nsummary: x\n", 3},
		{"key indented too little", "a: 1\nb:\n  c: 1\n d: 2\ne: 3\n", 5},
		{"list item indented too little", "title: Notes\nmenus:\n  main:\n    - name: a\n   - name: b\n", 6},
		{"source key outside its item", "title: Notes\nsources:\n  - title: a\n    url: b\n  url: c\nweight: 1\n", 6},
		{"list item after a mapping", "title: Notes\nweight: 1\n- a\n", 4},
		{"tab indentation", "title: Notes\n\tweight: 1\nsummary: x\n", 3},
		{"colon in a plain value", "title: Notes\nsummary: Read this: then that\nweight: 1\n", 3},
		{"text after a quoted value", "title: Notes\nsummary: \"a\" b\nweight: 1\n", 3},
		{"reserved character", "title: Notes\nsummary: x\nnote: @foo\n", 4},
		{"key without a colon", "title: Notes\nsummary\nweight: 1\n", 3},
		{"unknown alias", "title: Notes\nsummary: *nothing\n", 3},
		{"bad indentation at the end", "a: 1\n  b: 2\n", 3},
		{"CRLF unclosed list", "title: Notes\r\ntags: [a, b\r\n", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			d := &Decoder{File: "f.md", LineOffset: 1, Diags: &diags}
			d.Parse([]byte(tt.src))
			if len(diags) != 1 || !strings.Contains(diags[0].Message, "invalid YAML") {
				t.Fatalf("diagnostics %v, want one about invalid YAML", diags)
			}
			if diags[0].Line != tt.want {
				t.Errorf("line %d, want %d (%s)", diags[0].Line, tt.want, diags[0])
			}
		})
	}
}

// TestSyntaxErrorInALongDocument checks that a document too long to search
// line by line still gets a line inside it.
func TestSyntaxErrorInALongDocument(t *testing.T) {
	src := strings.Repeat("k: v\n", maxSearchLines) + "bad: [\n"
	var diags diag.List
	d := &Decoder{File: "f.md", LineOffset: 1, Diags: &diags}
	d.Parse([]byte(src))
	if len(diags) != 1 || diags[0].Line < 2 || diags[0].Line > maxSearchLines+2 {
		t.Fatalf("diagnostics %v, want one inside the document", diags)
	}
}
