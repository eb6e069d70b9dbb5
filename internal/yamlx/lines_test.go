package yamlx

import (
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/diag"
)

// TestSyntaxErrorLineStaysInTheFile checks that a syntax error YAML places
// past the last line (YAML also ends lines at a lone \r) is reported on a
// line of the file.
func TestSyntaxErrorLineStaysInTheFile(t *testing.T) {
	tests := []struct {
		name, src string
		want      int
	}{
		{"unclosed quote with lone CR", "\"\r0\n", 3},
		{"unclosed quote", "title: \"open\n", 3}, // the closing --- line
		{"bad indentation", "a: 1\n  b: 2\n", 3},
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
